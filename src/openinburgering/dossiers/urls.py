from django.urls import path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("", views.werkvoorraad, name="werkvoorraad"),
    path("export.csv", views.werkvoorraad_export, name="export"),
    path("aanmelden/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
    path("<int:pk>/status/", views.transition, name="transition"),
    path("<int:pk>/klantregisseur/", views.assign, name="assign"),
    path("<int:pk>/gezin/", views.gezinslid_add, name="gezinslid_add"),
    path("<int:pk>/gezin/<int:lid>/verwijderen/", views.gezinslid_remove, name="gezinslid_remove"),
    path("<int:pk>/tijdlijn/", views.timeline, name="timeline"),
]
