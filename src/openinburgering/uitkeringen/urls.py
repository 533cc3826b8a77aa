"""/uitkeringen/: the net benefits per person per month (financieel ontzorgen, Pw 56a)."""

from django.urls import path

from . import views

app_name = "uitkeringen"
urlpatterns = [
    path("", views.uitkeringen_list, name="list"),
    path("nieuw/", views.uitkering_edit, name="edit"),
    path("import/", views.uitkeringen_import_page, name="import"),
]
