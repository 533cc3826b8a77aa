from django.urls import path

from . import views

app_name = "inkoop"
urlpatterns = [
    path("", views.contract_list, name="list"),
    path("nieuw/", views.contract_new, name="new"),
    path("<uuid:uuid>/", views.contract_detail, name="detail"),
    path("<uuid:uuid>/versie/", views.contract_version_new, name="version_new"),
    path("<uuid:uuid>/beeindigen/", views.contract_end_page, name="end"),
    path("aanbieders/<int:pk>/", views.aanbieder_detail, name="aanbieder"),
]
