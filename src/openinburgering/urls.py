from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from two_factor.urls import urlpatterns as two_factor_urls

from openinburgering.core import views as core_views
from openinburgering.start import views as start_views

urlpatterns = [
    path("", start_views.home, name="home"),  # LOGIN_REDIRECT_URL: each role to its start page
    path("start/", include("openinburgering.start.urls")),
    path("health/", core_views.health, name="health"),
    path("", include(two_factor_urls)),  # /account/login/, /account/two_factor/…
    path("account/", include("openinburgering.accounts.urls")),
    path("dossiers/", include("openinburgering.werkplek.urls")),  # the dossiers namespace, with its compositions
    path("dossiers/", include("openinburgering.intake.urls")),  # /dossiers/<pk>/intake/…
    path("dossiers/", include("openinburgering.pip.urls")),  # /dossiers/<pk>/pip/…
    path("dossiers/", include("openinburgering.werkplek.urls_ontzorgen")),  # /dossiers/<pk>/ontzorgen/…
    path("dossiers/", include("openinburgering.werkplek.urls_voortgang")),  # /dossiers/<pk>/voortgang/
    path("pip/", include("openinburgering.pip.urls_queue")),  # /pip/ter-accordering/
    path("ontzorgen/", include("openinburgering.ontzorgen.urls_overzicht")),  # the financieel medewerker's overview
    path("aanbieders/", include("openinburgering.aanbod.urls")),
    path("contracten/", include("openinburgering.inkoop.urls")),
    path("portaal/", include("openinburgering.portaal.urls")),  # the aanbiedersportaal
    path("documenten/", include("openinburgering.dossiers.urls_documenten")),
    path("uitkeringen/", include("openinburgering.uitkeringen.urls")),
    path("betaalruns/", include("openinburgering.betalingen.urls")),
    path("taken/", include("openinburgering.taken.urls")),
    path("beheer/logboek/", include("openinburgering.logboek.urls")),
    path("beheer/duo/", include("openinburgering.duo.urls_beheer")),
    path("api/v1/", include("openinburgering.api.urls")),
    path(settings.DUO_NOTIFICATIES_PREFIX, include("openinburgering.duo.urls")),  # DUO's Notificatie API
    # The admin has no login of its own: everyone logs in through the two-factor wizard.
    path("admin/login/", RedirectView.as_view(pattern_name="two_factor:login", query_string=True)),
    path("admin/", admin.site.urls),
]
if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

handler403 = "openinburgering.core.views.permission_denied"
handler404 = "openinburgering.core.views.page_not_found"

admin.site.site_header = "Open Inburgering · beheer"
admin.site.site_title = "Open Inburgering"
