from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from openinburgering.dossiers import api as dossiers_api
from openinburgering.dossiers import api_termijnen
from openinburgering.uitkeringen import api as uitkeringen_api

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("dossiers/", dossiers_api.DossierListCreateApi.as_view(), name="dossiers"),
    path("dossiers/<uuid:uuid>/", dossiers_api.DossierDetailApi.as_view(), name="dossier-detail"),
    path("dossiers/<uuid:uuid>/termijnen/", api_termijnen.DossierTermijnenApi.as_view(), name="dossier-termijnen"),
    path("uitkeringen/", uitkeringen_api.UitkeringenApi.as_view(), name="uitkeringen"),
]
