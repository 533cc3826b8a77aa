"""The intake itself: starting, its sections, aandachtspunten, health and completion."""

import copy
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.models import User
from openinburgering.core import events
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.core.timeline import change_shown, changes_apply, day_label
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.services import dossier_transition
from openinburgering.rules.duo_acceptatie import PARTICIPATIEACTIVITEITEN_DOELGROEPEN
from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.intake import (
    GEZONDHEID_AANDACHTSPUNTEN,
    Aandachtspunt,
    AfrondingFeiten,
    LaatsteOproep,
    OproepUitkomst,
    brede_intake_complete_violations,
)
from openinburgering.termijnen import services as termijnen

from ..constants import OPEN_INTAKE_STATUSES, IntakeStatus
from ..facts import IntakeUrenGewijzigd
from ..messages import violation_errors
from ..models import BredeIntake, IntakeGezondheid, Leerbaarheidstoets
from ..selectors import can_see_health
from ._common import (
    GEZONDHEID_FIELDS,
    INTAKE_FIELDS,
    _latest_oproep,
    _mark_started,
    _ordered,
    _punten_label,
    _raise_first,
    _record,
    _require_editable,
    _require_open,
    _save_intake,
    _unknown_errors,
    _validation_errors,
)


@transaction.atomic
def brede_intake_start(*, dossier: Dossier, actor: User) -> BredeIntake:
    """Start (plan) the brede intake; a dossier that is still aangemeld moves to the brede intake stage.

    Starting twice returns the intake that exists: a double click creates one.
    """
    _require_open(dossier)
    existing = BredeIntake.objects.filter(dossier=dossier).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            intake = BredeIntake.objects.create(dossier=dossier, updated_by=actor)
    except IntegrityError:
        return BredeIntake.objects.get(dossier=dossier)
    _record(dossier, actor, "start", _("Brede intake gestart"), [])
    if dossier.status == Status.AANGEMELD:
        dossier_transition(dossier=dossier, actor=actor, to=Status.BREDE_INTAKE)
    return intake


def intake_rule_errors(*, intake: BredeIntake, values: Mapping[str, Any]) -> list[DomainError]:
    """Every rule that saving `values` on the intake's sections breaks."""
    errors = _unknown_errors(values, INTAKE_FIELDS)
    trial = copy.copy(intake)
    for name in set(values) & set(INTAKE_FIELDS):
        setattr(trial, name, values[name])
    return errors + _validation_errors(trial, set(values) & set(INTAKE_FIELDS))


@transaction.atomic
def brede_intake_update(*, intake: BredeIntake, actor: User, values: Mapping[str, Any]) -> BredeIntake:
    """Save some of the intake's sections. Partial saves are the norm: sections are filled in any order."""
    dossier = intake.dossier
    _require_open(dossier)
    _require_editable(intake)
    _raise_first(intake_rule_errors(intake=intake, values=values))
    locked = BredeIntake.objects.select_for_update().get(pk=intake.pk)
    _require_editable(locked)
    uren_voor = _uren_duo(locked)
    changes = changes_apply(locked, {name: values[name] for name in INTAKE_FIELDS if name in values})
    if not changes:
        return locked
    changes += _mark_started(locked, on=timezone.localdate())
    _save_intake(locked, actor, changes)
    _record(dossier, actor, "update", _("Brede intake bijgewerkt"), changes)
    _uren_melden(dossier, uren_voor, _uren_duo(locked))
    return locked


def _uren_duo(intake: BredeIntake) -> tuple[int, int]:
    """The intake's hours as DUO counts them: whole hours (a started hour is not counted)."""
    return int(intake.uren_taal_knm_intake or 0), int(intake.uren_participatie_intake or 0)


def _uren_melden(dossier: Dossier, voor: tuple[int, int], na: tuple[int, int]) -> None:
    """Announce changed intake hours, in this transaction (the DUO app reports them: GevolgdeUren API).
    Participation hours only for an asielstatushouder: DUO counts them for the Z-route of asielstatushouders
    only."""
    taal = na[0] if na[0] != voor[0] else None
    participatie = na[1] if na[1] != voor[1] else None
    if Doelgroep(dossier.doelgroep) not in PARTICIPATIEACTIVITEITEN_DOELGROEPEN.value:
        participatie = None
    if taal is not None or participatie is not None:
        events.announce(
            IntakeUrenGewijzigd(dossier=dossier, taalles_knm_brede_intake=taal, participatieactiviteiten=participatie)
        )


def aandachtspunten_errors(*, values: Iterable[str], gezondheid: bool) -> list[DomainError]:
    """Known values only, and each in its own part: the health-related ones belong to the health section."""
    errors = []
    known = {punt.value for punt in Aandachtspunt}
    unknown = [value for value in values if value not in known]
    if unknown:
        errors.append(
            DomainError(
                _("Onbekend aandachtspunt: %(punten)s.") % {"punten": ", ".join(unknown)}, field="aandachtspunten"
            )
        )
    misplaced = [
        value
        for value in values
        if value in known and (Aandachtspunt(value) in GEZONDHEID_AANDACHTSPUNTEN) != gezondheid
    ]
    if misplaced:
        message = (
            _("Alleen gezondheidsgerelateerde aandachtspunten horen bij gezondheid: %(punten)s.")
            if gezondheid
            else _("Gezondheidsgerelateerde aandachtspunten legt u vast bij gezondheid: %(punten)s.")
        )
        errors.append(DomainError(message % {"punten": _punten_label(misplaced)}, field="aandachtspunten"))
    return errors


@transaction.atomic
def aandachtspunten_update(*, intake: BredeIntake, actor: User, aandachtspunten: Iterable[str]) -> BredeIntake:
    """Replace the intake's aandachtspunten that are not about health; the health-related ones stay as they are."""
    dossier = intake.dossier
    requested = list(dict.fromkeys(aandachtspunten))
    _require_open(dossier)
    _require_editable(intake)
    _raise_first(aandachtspunten_errors(values=requested, gezondheid=False))
    locked = BredeIntake.objects.select_for_update().get(pk=intake.pk)
    _require_editable(locked)
    health = [value for value in locked.aandachtspunten if Aandachtspunt(value) in GEZONDHEID_AANDACHTSPUNTEN]
    old_other = [value for value in locked.aandachtspunten if value not in health]
    new = _ordered([*health, *requested])
    if new == _ordered(locked.aandachtspunten):
        return locked
    locked.aandachtspunten = new
    changes = [
        change_shown(
            BredeIntake, "aandachtspunten", _punten_label(_ordered(old_other)), _punten_label(_ordered(requested))
        )
    ]
    changes += _mark_started(locked, on=timezone.localdate())
    _save_intake(locked, actor, changes)
    _record(dossier, actor, "aandachtspunten", _("Aandachtspunten gewijzigd"), changes)
    return locked


@transaction.atomic
def gezondheid_update(
    *,
    intake: BredeIntake,
    actor: User,
    values: Mapping[str, str],
    aandachtspunten: Iterable[str] | None = None,
) -> IntakeGezondheid:
    """Save the health section and the health-related aandachtspunten (special category data).

    Only GEZONDHEID_ROLES. The timeline says only that health information changed, never what;
    the processing log gets an UPDATE_SPECIAL row.
    """
    if not can_see_health(actor):
        raise DomainError(_("U mag gezondheidsinformatie niet inzien of wijzigen."), code="forbidden")
    dossier = intake.dossier
    _require_open(dossier)
    _require_editable(intake)
    requested = None if aandachtspunten is None else list(dict.fromkeys(aandachtspunten))
    errors = _unknown_errors(values, GEZONDHEID_FIELDS)
    if requested is not None:
        errors += aandachtspunten_errors(values=requested, gezondheid=True)
    _raise_first(errors)

    locked = BredeIntake.objects.select_for_update().get(pk=intake.pk)
    _require_editable(locked)
    gezondheid = IntakeGezondheid.objects.filter(brede_intake=locked).first() or IntakeGezondheid(brede_intake=locked)
    changed = [name for name in GEZONDHEID_FIELDS if name in values and getattr(gezondheid, name) != values[name]]
    for name in changed:
        setattr(gezondheid, name, values[name])
    if changed or gezondheid.pk is None:
        gezondheid.updated_by = actor
        gezondheid.save()

    punten_changed = False
    if requested is not None:
        other = [value for value in locked.aandachtspunten if Aandachtspunt(value) not in GEZONDHEID_AANDACHTSPUNTEN]
        new = _ordered([*other, *requested])
        punten_changed = new != _ordered(locked.aandachtspunten)
        locked.aandachtspunten = new
    if not changed and not punten_changed:
        return gezondheid
    started = _mark_started(locked, on=timezone.localdate())
    _save_intake(locked, actor, started, *(["aandachtspunten"] if punten_changed else []))
    # No content on the timeline: other readers of the dossier may not see health information.
    _record(
        dossier, actor, "gezondheid", _("Gezondheidsinformatie gewijzigd"), started, special="brede-intake-gezondheid"
    )
    return gezondheid


def brede_intake_complete_errors(
    *, intake: BredeIntake, completed_at: date, zonder_medewerking: bool = False, today: date | None = None
) -> list[DomainError]:
    """Every reason the intake cannot be completed now: all of them, so the page can list what is missing
    (rules.intake.brede_intake_complete_violations)."""
    dossier = intake.dossier
    latest = _latest_oproep(dossier)
    gezondheid = IntakeGezondheid.objects.filter(brede_intake=intake).first()
    lbt = Leerbaarheidstoets.objects.filter(dossier=dossier).first()
    feiten = AfrondingFeiten(
        completed_at=completed_at,
        today=today or timezone.localdate(),
        plicht_begindatum=dossier.plicht_begindatum,
        afgerond=intake.is_afgerond,
        started_at=intake.started_at,
        zonder_medewerking=zonder_medewerking,
        laatste_oproep=(
            LaatsteOproep(
                volgnummer=latest.volgnummer,
                uitkomst=OproepUitkomst(latest.uitkomst) if latest.uitkomst else None,
                uitkomst_op=latest.uitkomst_op,
            )
            if latest is not None
            else None
        ),
        alleen_gesprek_gemeld=intake.alleen_gesprek_gemeld,
        onderdelen_ontbrekend=tuple(intake.onderdelen_ontbrekend),
        gezondheid_vastgelegd=gezondheid is not None and gezondheid.is_ingevuld,
        lbt_afgehandeld=lbt is not None and lbt.is_afgehandeld,
    )
    return violation_errors(brede_intake_complete_violations(feiten))


@transaction.atomic
def brede_intake_complete(
    *, intake: BredeIntake, actor: User, completed_at: date | None = None, zonder_medewerking: bool = False
) -> BredeIntake:
    """Complete the brede intake: with every statutory section recorded, or without the person after
    BREDE_INTAKE_OPROEPEN summonses they did not appear at or cooperate with (Wi 14(2)).

    A dossier in the brede intake stage moves on to the PIP stage.
    """
    dossier = intake.dossier
    _require_open(dossier)
    completed_at = completed_at or timezone.localdate()
    _raise_first(
        brede_intake_complete_errors(intake=intake, completed_at=completed_at, zonder_medewerking=zonder_medewerking)
    )
    status = IntakeStatus.AFGEROND_ZONDER_MEDEWERKING if zonder_medewerking else IntakeStatus.AFGEROND
    old_status = IntakeStatus(intake.status)
    claimed = BredeIntake.objects.filter(pk=intake.pk, status__in=sorted(OPEN_INTAKE_STATUSES)).update(
        status=status, completed_at=completed_at, updated_by=actor, updated_at=timezone.now()
    )
    if claimed != 1:
        raise StaleTransition(_("De brede intake is intussen door iemand anders gewijzigd. Laad de pagina opnieuw."))
    intake.refresh_from_db()
    changes = [
        change_shown(BredeIntake, "status", str(old_status.label), str(status.label)),
        change_shown(BredeIntake, "completed_at", "—", day_label(completed_at)),
    ]
    summary = (
        _("Brede intake afgerond zonder medewerking (Wi 14 lid 2)")
        if zonder_medewerking
        else _("Brede intake afgerond")
    )
    _record(dossier, actor, "afgerond", summary, changes)
    if dossier.status == Status.BREDE_INTAKE:
        dossier_transition(dossier=dossier, actor=actor, to=Status.PIP)
    termijnen.termijnen_recompute(dossier=dossier)
    return intake
