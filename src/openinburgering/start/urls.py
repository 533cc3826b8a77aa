from django.urls import path

from . import views

app_name = "start"
urlpatterns = [
    path("beheer/", views.beheer, name="beheer"),
    path("beleid/", views.beleid, name="beleid"),
    path("contractmanagement/", views.contractmanager, name="contractmanager"),
    path("aanbieder/", views.aanbieder, name="aanbieder"),
    path("docent/", views.docent, name="docent"),
    path("leerling/", views.leerling, name="leerling"),
]
