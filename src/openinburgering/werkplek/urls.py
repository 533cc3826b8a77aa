"""The ``dossiers`` namespace: the dossiers app's own pages plus the composition pages that show later
apps' data. Every URL path and name is the one it always had (``{% url 'dossiers:detail' pk %}``)."""

from django.urls import path

from openinburgering.dossiers import urls as dossiers_urls

from . import views

app_name = dossiers_urls.app_name
urlpatterns = [
    path("", views.werkvoorraad, name="werkvoorraad"),
    *dossiers_urls.urlpatterns,
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.transition, name="transition"),
    path("<int:pk>/klantregisseur/", views.assign, name="assign"),
    path("<int:pk>/gezin/", views.gezinslid_add, name="gezinslid_add"),
    path("<int:pk>/gezin/<int:lid>/verwijderen/", views.gezinslid_remove, name="gezinslid_remove"),
    path("<int:pk>/tijdlijn/", views.timeline, name="timeline"),
]
