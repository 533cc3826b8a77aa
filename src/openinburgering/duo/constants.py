"""Constants of the DUO koppeling: the version of DUO's Notificatie API we implement and its limits."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# API/Notificatie/openapi.yml, info.version; sent as the API-Version header of every response.
NOTIFICATIE_API_VERSION = "1.8.0"

# A Notificatie is four short fields; DUO has no reason to send more than a few hundred bytes.
NOTIFICATIE_MAX_BODY_BYTES = 64 * 1024

FOUTTEKST_MAX_LENGTH = 200  # Foutmelding.fouttekst, maxLength


class NotificatieStatus(models.TextChoices):
    ONTVANGEN = "ontvangen", _("Ontvangen")
    VERWERKT = "verwerkt", _("Verwerkt")
    ONBEKENDE_GEBEURTENIS = "onbekende_gebeurtenis", _("Onbekende gebeurtenis")
    GEEN_ACTIE = "geen_actie", _("Geen actie nodig")  # e.g. a person not (or no longer) ours
    FOUT = "fout", _("Fout bij verwerken")


class WeigeringReden(models.TextChoices):
    """Why the Notificatie API refused a request (answered 400, 401 or 403)."""

    CERTIFICAAT = "certificaat", _("Clientcertificaat ontbreekt of is niet van DUO")
    HEADER = "header", _("Header ontbreekt of is ongeldig")
    BRON = "bron", _("Bron is niet het OIN van DUO")
    DOEL = "doel", _("Doel is niet een eigen OIN")
    TE_GROOT = "te_groot", _("Bericht is te groot")
    CONTENT_TYPE = "content_type", _("Geen application/json")
    JSON = "json", _("Geen geldige JSON")
    INHOUD = "inhoud", _("Inhoud voldoet niet aan het schema Notificatie")
