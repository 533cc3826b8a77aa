from django.urls import path

from . import views

app_name = "betalingen"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("bankafschriften/", views.bankafschriften, name="bankafschriften"),
    path("bestanden/<int:pk>/", views.bestand_download, name="bestand"),
    path("<uuid:run_uuid>/", views.detail, name="detail"),
    path("<uuid:run_uuid>/rapport.xlsx", views.rapport, name="rapport"),
    path("<uuid:run_uuid>/regels/<int:pk>/opnieuw-betalen/", views.regel_opnieuw_betalen, name="regel_opnieuw_betalen"),
    path("<uuid:run_uuid>/<slug:name>/", views.action, name="action"),
]
