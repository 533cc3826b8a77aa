"""Dutch names for the DUO codes a screen shows: the operation of a message to DUO, and the koppeling's
timeline and processing-log actions. One place per kind of code (issue 11, part 5.5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openinburgering.logboek.labels import register_code_labels


class DuoOperatie(models.TextChoices):
    """The operations of DUO's APIs that the outbox sends (the client methods in duo/clients)."""

    POST_PIP = "post_pip", _("PIP doorgeven")
    DELETE_PIP = "delete_pip", _("PIP verwijderen")
    POST_INBURGERINGSAANBOD = "post_inburgeringsaanbod", _("inburgeringsaanbod doorgeven")
    DELETE_INBURGERINGSAANBOD = "delete_inburgeringsaanbod", _("inburgeringsaanbod verwijderen")
    POST_CONTACTPERSOON = "post_contactpersoon", _("contactpersoon aanmaken")
    PUT_CONTACTPERSOON = "put_contactpersoon", _("contactpersoon wijzigen")
    DELETE_CONTACTPERSOON = "delete_contactpersoon", _("contactpersoon verwijderen")
    POST_CONTACTPERSOON_PERSOON = "post_contactpersoon_persoon", _("contactpersoon aan persoon koppelen")
    DELETE_CONTACTPERSOON_PERSOON = "delete_contactpersoon_persoon", _("contactpersoon van persoon ontkoppelen")
    PUT_MAP = "put_map", _("MAP-resultaat doorgeven")
    PUT_PVT = "put_pvt", _("PVT-resultaat doorgeven")
    PUT_ZROUTE = "put_zroute", _("Z-route-resultaat doorgeven")
    PUT_UREN_TAALLES_KNM = "put_uren_taalles_knm", _("uren taalles en KNM doorgeven")
    PUT_UREN_PARTICIPATIEACTIVITEITEN = (
        "put_uren_participatieactiviteiten",
        _("uren participatieactiviteiten doorgeven"),
    )
    PUT_UREN_PARTICIPATIE_TAALLES = "put_uren_participatie_taalles", _("uren participatie als taalles doorgeven")
    DELETE_EXAMENNUMMER = "delete_examennummer", _("examennummer verwijderen")
    POST_NOTIFICATIE = "post_notificatie", _("notificatie sturen")


def operatie_label(code: str) -> str:
    """ "post_pip" → "PIP doorgeven"; an unknown operation is shown without underscores."""
    if code in DuoOperatie.values:
        return str(DuoOperatie(code).label)
    return code.replace("_", " ")


# What the koppeling did to a dossier (DossierEvent.action, and the processing log's subject).
DUO_EVENT_LABELS = {
    "duo_aangemeld": _("DUO: inburgeringsplicht gemeld"),
    "duo_examen": _("DUO: examenuitslag"),
    "duo_lbt": _("DUO: leerbaarheidstoets"),
    "duo_opgeschort": _("DUO: inburgeringsplicht opgeschort"),
    "duo_signaal": _("DUO: signaal"),
    "duo_termijn": _("DUO: inburgeringstermijn"),
    "duo_termijn_start": _("DUO: begin inburgeringstermijn"),
    "duo_termijn_einde": _("DUO: einde inburgeringstermijn"),
    "duo_verhuisd": _("DUO: verhuizing"),
    "duo_verlengingsgrond": _("DUO: verlengingsgrond"),
}

register_code_labels({**{op.value: op.label for op in DuoOperatie}, **DUO_EVENT_LABELS})
