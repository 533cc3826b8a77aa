from django.urls import path

from . import views

app_name = "duo"

urlpatterns = [
    # No trailing slash: the path is DUO's, /notificaties (API/Notificatie/openapi.yml).
    path("notificaties", views.notificaties, name="notificaties"),
]
