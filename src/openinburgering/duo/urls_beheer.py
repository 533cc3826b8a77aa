from django.urls import path

from . import views_beheer

app_name = "duo_beheer"
urlpatterns = [
    path("", views_beheer.berichten, name="berichten"),
    path("<uuid:bericht_uuid>/", views_beheer.detail, name="detail"),
    path("<uuid:bericht_uuid>/opnieuw/", views_beheer.retry, name="retry"),
    path("<uuid:bericht_uuid>/vervallen/", views_beheer.cancel, name="cancel"),
]
