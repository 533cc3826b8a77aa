from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WerkplekConfig(AppConfig):
    """Composition pages above the chain and the integrations: the werkvoorraad, the dossier page and the
    voortgang page. They read from every app below; nothing imports them but the project's urls.py."""

    name = "openinburgering.werkplek"
    verbose_name = _("Werkplek")
