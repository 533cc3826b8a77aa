"""Recording progress that DUO must hear of: the results MAP, PVT and Z-route.

Every change is one transaction: DUO's acceptance rules (rules.duo_acceptatie) are checked first, so a
refusal by DUO is the exception; then the change, a line on the dossier's timeline, and the fact
ResultatenGewijzigd (core.events), on which the DUO app places the messages in its outbox, committed
together.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.constants import DOSSIER_EDIT_ROLES
from openinburgering.accounts.models import User
from openinburgering.core import events
from openinburgering.core.duo_messages import violation_message
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.core.timeline import field_change
from openinburgering.dossiers.constants import RedenEindeChoices
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.services import dossier_change_record
from openinburgering.pip.models import Pip
from openinburgering.rules.base import Violation
from openinburgering.rules.duo_acceptatie import (
    ResultaatFacts,
    Verwijtbaar,
    ZrouteFacts,
    resultaat_violations,
    zroute_violations,
)
from openinburgering.rules.leerroute import Leerroute

from .facts import ResultatenGewijzigd
from .models import Resultaten
from .selectors import pip_current

RESULTATEN_FIELDS = ("map_datum", "map_verwijtbaar", "pvt_datum", "pvt_verwijtbaar", "zroute_datum")


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    message: str


class DuoRefused(DomainError):
    """The change breaks one or more of DUO's acceptance rules; nothing was changed."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        message = (
            first.message
            if len(problems) == 1
            else _("Deze gegevens voldoen aan %(aantal)s regels van DUO niet.") % {"aantal": len(problems)}
        )
        super().__init__(message, field=first.field, code="rules")
        self.problems = problems


def _problems(violations: list[Violation]) -> list[Problem]:
    return [Problem(v.field, v.code, violation_message(v)) for v in violations]


# --- facts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Termijn:
    start: date | None
    last_day: date | None


def termijn_of(dossier: Dossier, pip: Pip | None) -> Termijn:
    """DUO's inburgeringstermijn when we fetched it (its einddatum is exclusive), else the current PIP's."""
    if dossier.duo_termijn_start is not None:
        einde = dossier.duo_termijn_einde
        return Termijn(dossier.duo_termijn_start, einde - timedelta(days=1) if einde else None)
    if pip is not None:
        return Termijn(pip.inburgeringstermijn_start, pip.inburgeringstermijn_einde)
    return Termijn(None, None)


def _voldaan_via_zroute(dossier: Dossier, pip: Pip | None) -> bool:
    return (
        dossier.plicht_reden_einde == RedenEindeChoices.INBURGERINGSPLICHT_VOLDAAN
        and pip is not None
        and pip.leerroute == Leerroute.Z_ROUTE
    )


def resultaten_for(dossier: Dossier) -> Resultaten:
    """The dossier's results (an unsaved empty row when nothing was recorded yet)."""
    return Resultaten.objects.filter(dossier=dossier).first() or Resultaten(dossier=dossier)


def _verwijtbaar(value: str) -> Verwijtbaar | None:
    return Verwijtbaar(value) if value else None


def resultaten_problems(*, dossier: Dossier, old: Resultaten, new: dict[str, Any], today: date) -> list[Problem]:
    """Every DUO acceptance rule that reporting `new` (the whole resource) would break, for the parts that change."""
    pip = pip_current(dossier=dossier)
    termijn = termijn_of(dossier, pip)
    z_first = _zroute_first(old, new)
    zroute_bij_duo = new["zroute_datum"] if z_first else old.zroute_datum
    violations: list[Violation] = []
    for onderdeel in ("map", "pvt"):
        if not _part_changed(old, new, onderdeel):
            continue
        facts = ResultaatFacts(
            datum=new[f"{onderdeel}_datum"],
            verwijtbaar=_verwijtbaar(new[f"{onderdeel}_verwijtbaar"]),
            vandaag=today,
            vorige_datum=getattr(old, f"{onderdeel}_datum"),
            eerder_door_andere_gemeente=_andere_gemeente_leverde(dossier, old, onderdeel),
            gemeente_heeft_actuele_pip=pip is not None,
            voldaan_via_zroute=_voldaan_via_zroute(dossier, pip),
            termijn_start=termijn.start,
            termijn_last_day=termijn.last_day,
            datum_afronding_zroute=zroute_bij_duo,
        )
        violations += resultaat_violations(facts, onderdeel=cast(Any, onderdeel))
    if _part_changed(old, new, "zroute"):
        violations += zroute_violations(
            ZrouteFacts(
                datum=new["zroute_datum"],
                vandaag=today,
                leerroute=Leerroute(pip.leerroute) if pip is not None and pip.leerroute else None,
                termijn_start=termijn.start,
                map_datum=new["map_datum"],
                pvt_datum=new["pvt_datum"],
            )
        )
    return _problems(violations)


def _andere_gemeente_leverde(dossier: Dossier, old: Resultaten, onderdeel: str) -> bool:
    """DUO holds a date another gemeente reported: one we know of from the person's earlier dossier there
    (warme overdracht), while we have reported none ourselves (ours would have replaced it)."""
    if getattr(old, f"{onderdeel}_datum") is not None:
        return False
    return (
        Resultaten.objects.filter(
            dossier__inburgeraar_id=dossier.inburgeraar_id, **{f"{onderdeel}_datum__isnull": False}
        )
        .exclude(dossier__gemeente_id=dossier.gemeente_id)
        .exists()
    )


def _part_changed(old: Resultaten, new: dict[str, Any], onderdeel: str) -> bool:
    fields = [f for f in RESULTATEN_FIELDS if f.startswith(onderdeel)]
    return any(getattr(old, f) != new[f] for f in fields)


def _zroute_first(old: Resultaten, new: dict[str, Any]) -> bool:
    """Withdrawing the Z-route date goes to DUO before the MAP and PVT (a withdrawal of those needs no
    Z-route date); setting it goes after them (DUO refuses MAP and PVT once the plicht is voldaan)."""
    return old.zroute_datum is not None and new["zroute_datum"] is None


# --- results MAP, PVT, Z-route --------------------------------------------------------------------


def _require_editor(actor: User, dossier: Dossier) -> None:
    if not actor.has_role(*DOSSIER_EDIT_ROLES) or not actor.scope.covers_gemeente(dossier.gemeente_id):
        raise DomainError(
            _("Alleen een klantregisseur of teamleider van deze gemeente kan dit doen."), code="forbidden"
        )
    if not dossier.is_open:
        raise DomainError(_("Dit dossier is gesloten en kan niet meer worden gewijzigd."), code="closed")


def _claim(dossier: Dossier, versie: int) -> Resultaten:
    """The dossier's row, claimed: its versie moves on only if nobody changed it since the form was shown."""
    try:
        with transaction.atomic():
            Resultaten.objects.get_or_create(dossier=dossier)
    except IntegrityError:  # created a moment ago by another request
        pass
    claimed = Resultaten.objects.filter(dossier=dossier, versie=versie).update(versie=F("versie") + 1)
    if claimed != 1:
        raise StaleTransition(_("De resultaten zijn intussen door iemand anders gewijzigd. Laad de pagina opnieuw."))
    return Resultaten.objects.get(dossier=dossier)


@transaction.atomic
def resultaten_update(
    *,
    dossier: Dossier,
    actor: User,
    versie: int,
    map_datum: date | None,
    map_verwijtbaar: str,
    pvt_datum: date | None,
    pvt_verwijtbaar: str,
    zroute_datum: date | None,
) -> Resultaten:
    """Record (or clear) the MAP, PVT and Z-route results and report each changed part to DUO (PUT, whole
    resource). `versie` is the row's versie when the form was shown (0 for a new row)."""
    _require_editor(actor, dossier)
    new: dict[str, Any] = {
        "map_datum": map_datum,
        "map_verwijtbaar": map_verwijtbaar or "",
        "pvt_datum": pvt_datum,
        "pvt_verwijtbaar": pvt_verwijtbaar or "",
        "zroute_datum": zroute_datum,
    }
    old = resultaten_for(dossier)
    if old.versie != versie:
        raise StaleTransition(_("De resultaten zijn intussen door iemand anders gewijzigd. Laad de pagina opnieuw."))
    if problems := resultaten_problems(dossier=dossier, old=old, new=new, today=timezone.localdate()):
        raise DuoRefused(problems)
    changed_parts = [part for part in ("map", "pvt", "zroute") if _part_changed(old, new, part)]
    if not changed_parts:
        return old
    z_first = _zroute_first(old, new)
    resultaten = _claim(dossier, versie)
    changes = []
    for field, value in new.items():
        before = getattr(resultaten, field)
        if before != value:
            changes.append(field_change(Resultaten, field, before, value))
            setattr(resultaten, field, value)
    resultaten.updated_by = actor
    resultaten.save()
    dossier_change_record(
        dossier=dossier,
        actor=actor,
        action="resultaten",
        summary=_("Resultaten MAP, PVT en Z-route gewijzigd en aan DUO doorgegeven"),
        changes=changes,
        subject="resultaten",
    )
    order = sorted(changed_parts, key=lambda part: (part != "zroute") if z_first else (part == "zroute"))
    events.announce(ResultatenGewijzigd(dossier=dossier, resultaten=resultaten, onderdelen=tuple(order)))
    return resultaten
