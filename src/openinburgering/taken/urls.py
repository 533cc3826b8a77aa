from django.urls import path

from . import views

app_name = "taken"
urlpatterns = [
    path("", views.taken, name="taken"),
    path("<uuid:taak_uuid>/afhandelen/", views.afhandelen, name="afhandelen"),
]
