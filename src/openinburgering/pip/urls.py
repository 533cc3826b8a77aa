from django.urls import path

from . import views

app_name = "pip"
urlpatterns = [
    path("<int:pk>/pip/", views.detail, name="detail"),
    path("<int:pk>/pip/nieuw/", views.create, name="create"),
    path("<int:pk>/pip/versie/<int:versie>/", views.version, name="version"),
    path("<int:pk>/pip/versie/<int:versie>/opslaan/", views.draft_save, name="draft_save"),
    path("<int:pk>/pip/versie/<int:versie>/formulier/", views.draft_form, name="draft_form"),
    path("<int:pk>/pip/versie/<int:versie>/verwijderen/", views.draft_delete, name="draft_delete"),
    path("<int:pk>/pip/versie/<int:versie>/aanbod/", views.aanbod_set, name="aanbod_set"),
    path(
        "<int:pk>/pip/versie/<int:versie>/aanbod/<int:aanbod>/verwijderen/",
        views.aanbod_remove,
        name="aanbod_remove",
    ),
    path("<int:pk>/pip/versie/<int:versie>/terugsturen/", views.return_to_drafter, name="return"),
    path("<int:pk>/pip/versie/<int:versie>/accorderen/", views.approve, name="approve"),
    path("<int:pk>/pip/versie/<int:versie>/intrekken/", views.withdraw, name="withdraw"),
    path("<int:pk>/pip/versie/<int:versie>/voorbeeld.pdf", views.preview, name="preview"),
    path("<int:pk>/pip/informatieverzoeken/", views.informatieverzoek_add, name="informatieverzoek_add"),
    path(
        "<int:pk>/pip/informatieverzoeken/<int:verzoek>/ontvangen/",
        views.informatieverzoek_received,
        name="informatieverzoek_received",
    ),
]
