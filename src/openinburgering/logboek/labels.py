"""Dutch names for the codes the processing log shows: the role, and the subject of each record.

A record's subject is the short code its writer gave ("werkvoorraad", "document pip_beschikking",
"Bericht aan DUO: PIP post_pip (berichtId …)"); stored rows never change, so the page translates
them when it shows them. The codes of the log's own writers are below; an app higher up that owns
other codes (DUO's operations, the letters' document kinds) registers their names with
`register_code_labels` when it starts.
"""

import re
from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from openinburgering.accounts.labels import role_label

SUBJECT_LABELS: dict[str, Promise] = {
    "api-dossier": _("API: dossier"),
    "api-dossiers": _("API: dossiers"),
    "api-termijnen": _("API: termijnen"),
    "api-uitkeringen": _("API: uitkeringen"),
    "bankafschrift": _("Bankafschrift"),
    "betaalrun": _("Betaalrun"),
    "betaalrun-rapport": _("Rapport van de betaalrun"),
    "brede-intake": _("Brede intake"),
    "brede-intake-gezondheid": _("Brede intake: gezondheid"),
    "document": _("Document"),
    "document-download": _("Document gedownload"),
    "document-inzien": _("Document ingezien"),
    "dossier": _("Dossier"),
    "dossier-bewerken": _("Dossier bewerken"),
    "dossier-tijdlijn": _("Tijdlijn van het dossier"),
    "DUO-bericht": _("Bericht aan DUO"),
    "DUO-notificatie": _("Notificatie van DUO"),
    "gezin": _("Gezinsleden"),
    "informatieverzoek": _("Informatieverzoek"),
    "leerbaarheidstoets-vrijstelling": _("Leerbaarheidstoets: vrijstelling"),
    "logboek": _("Logboek"),
    "ontzorgen": _("Financieel ontzorgen"),
    "ontzorgen-overzicht": _("Overzicht financieel ontzorgen"),
    "persoon": _("Persoonsgegevens"),
    "pip": _("PIP"),
    "pip-ter-accordering": _("PIP's ter accordering"),
    "pip-versie": _("PIP-versie"),
    "pip-voorbeeld": _("Voorbeeld van de PIP-beschikking, versie"),
    "resultaten": _("Resultaten MAP, PVT en Z-route"),
    "SEPA-betaalbestand": _("SEPA-betaalbestand"),
    "taken": _("Taken"),
    "uitkering": _("Uitkering"),
    "uitkering-invoer": _("Uitkering invoeren"),
    "uitkeringen": _("Uitkeringen"),
    "voortgang": _("Voortgang"),
    "werkvoorraad": _("Werkvoorraad"),
    "werkvoorraad-export": _("Export van de werkvoorraad"),
}

_REGISTERED: dict[str, Promise | str] = {}
_TOKEN = re.compile(r"[A-Za-z][\w-]*")
_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


def register_code_labels(labels: Mapping[str, Promise | str]) -> None:
    """Names for codes that another app writes into the log (called once, when that app starts)."""
    _REGISTERED.update(labels)


def code_labels() -> dict[str, Promise | str]:
    """Every code with a Dutch name: the log's own subjects and the codes registered by the apps above."""
    return {**SUBJECT_LABELS, **_REGISTERED}


def subject_label(subject: str) -> str:
    """The subject in Dutch: a known code by its name, and each known code inside a longer subject too.

    "werkvoorraad" → "Werkvoorraad"; "document pip_beschikking" → "Document PIP-beschikking";
    "Bericht aan DUO: PIP post_pip (berichtId …)" → "Bericht aan DUO: PIP PIP doorgeven (berichtId …)".
    """
    labels = code_labels()
    if subject in labels:
        return str(labels[subject])
    text = _UUID.sub("", subject).strip()
    return _TOKEN.sub(lambda match: str(labels.get(match.group(0), match.group(0))), text)


__all__ = ["code_labels", "register_code_labels", "role_label", "subject_label"]
