"""What the dossiers app tells the deadline engine (termijnen/providers.py), registered in apps.py.

termijnen sits below the chain and cannot import the Dossier: it asks through these functions.
"""

from collections.abc import Iterator
from datetime import date
from typing import Any

from openinburgering.rules.enums import Doelgroep

from .models import Dossier


def dossier_termijn_facts(dossier: Dossier) -> dict[str, Any]:
    """The dossier's own facts, as rules.dossiertermijnen.DossierFacts names them."""
    return {
        "doelgroep": Doelgroep(dossier.doelgroep),
        "is_open": dossier.is_open,
        "kennisgeving": dossier.datum_kennisgeving,
        "brp_inschrijving": dossier.datum_brp_inschrijving,
        "duo_termijn_start": dossier.duo_termijn_start,
        "duo_termijn_einde": dossier.duo_termijn_einde,
    }


def dossier_next_deadline_store(dossier: Dossier, due: date | None, kind: str) -> None:
    """Copy the next actionable deadline onto the dossier, for the werkvoorraad's indexes (ADR 0002)."""
    dossier.termijn_datum = due
    dossier.termijn_soort = kind
    Dossier.objects.filter(pk=dossier.pk).update(termijn_datum=due, termijn_soort=kind)


def open_dossiers() -> Iterator[Dossier]:
    """Every open dossier, streamed (manage.py termijnen_herberekenen)."""
    return Dossier.objects.open().select_related("gemeente").iterator(chunk_size=500)
