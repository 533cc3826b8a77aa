"""The ``voortgang`` namespace: the voortgang page (results MAP, PVT and Z-route with DUO's messages)."""

from django.urls import path

from . import voortgang

app_name = "voortgang"
urlpatterns = [
    path("<int:pk>/voortgang/", voortgang.detail, name="detail"),
]
