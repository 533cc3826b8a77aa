from django.urls import path

from . import views_beheer

app_name = "duo_beheer"
urlpatterns = [
    path("", views_beheer.berichten, name="berichten"),
    path("notificaties/", views_beheer.notificaties, name="notificaties"),
    path("notificaties/<int:pk>/opnieuw/", views_beheer.notificatie_retry, name="notificatie_retry"),
    path("<uuid:bericht_uuid>/", views_beheer.detail, name="detail"),
    path("<uuid:bericht_uuid>/opnieuw/", views_beheer.retry, name="retry"),
    path("<uuid:bericht_uuid>/vervallen/", views_beheer.cancel, name="cancel"),
]
