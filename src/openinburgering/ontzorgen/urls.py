"""The ontzorgen pages of a dossier. werkplek/urls_ontzorgen.py assembles the ``ontzorgen`` namespace from these
and the monthly overview of a settlement, which is the payments app's (ontzorgen never imports betalingen)."""

from django.urls import path

from . import views

app_name = "ontzorgen"
urlpatterns = [
    path("<int:pk>/ontzorgen/", views.detail, name="detail"),
    path("<int:pk>/ontzorgen/nieuw/", views.create, name="create"),
    path("<int:pk>/ontzorgen/<int:ontzorging>/gegevens/", views.gegevens, name="gegevens"),
    path("<int:pk>/ontzorgen/<int:ontzorging>/wijzigen/", views.wijzigen, name="wijzigen"),
    path("<int:pk>/ontzorgen/<int:ontzorging>/vaste-lasten/", views.vaste_last_add, name="vaste_last_add"),
    path(
        "<int:pk>/ontzorgen/vaste-lasten/<int:vaste_last>/wijzigen/", views.vaste_last_change, name="vaste_last_change"
    ),
    path("<int:pk>/ontzorgen/vaste-lasten/<int:vaste_last>/stoppen/", views.vaste_last_stop, name="vaste_last_stop"),
]
