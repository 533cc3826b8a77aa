"""The ``ontzorgen`` namespace: the ontzorgen pages plus the monthly overview of a settlement (betalingen), which
the ontzorgen page offers. Every URL path and name is the one it always had."""

from django.urls import path

from openinburgering.betalingen import views as betalingen_views
from openinburgering.ontzorgen import urls as ontzorgen_urls

app_name = ontzorgen_urls.app_name
urlpatterns = [
    *ontzorgen_urls.urlpatterns,
    path(
        "<int:pk>/ontzorgen/maandoverzicht/<int:afrekening_id>/",
        betalingen_views.maandoverzicht,
        name="maandoverzicht",
    ),
]
