"""The dossiers app's own pages. werkplek/urls.py assembles the ``dossiers`` namespace from these and the
composition pages (the werkvoorraad and the dossier page), and the project's urls.py includes that."""

from django.urls import path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("export.csv", views.werkvoorraad_export, name="export"),
    path("aanmelden/", views.register, name="register"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
]
