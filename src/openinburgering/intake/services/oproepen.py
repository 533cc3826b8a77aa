"""Summonses for the brede intake (Wi 14(1)-(2)) and the overtredingen they record (Wi 22)."""

import copy
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.models import User
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.core.timeline import change_shown, changes_apply, day_label, value_shown
from openinburgering.dossiers.models import Dossier
from openinburgering.letters.models import Document
from openinburgering.letters.services import document_store
from openinburgering.rules.intake import OPROEP_OVERTREDINGEN, WAARSCHUWING_OPROEP, OproepUitkomst
from openinburgering.rules.termijnen import BOETE_NIEUWE_TERMIJN_MAX, BREDE_INTAKE_OPROEPEN, oproep_last_day
from openinburgering.termijnen import services as termijnen
from openinburgering.termijnen.selectors import feestdagen

from ..constants import OproepUitkomstChoices, OvertredingSoort
from ..letters import oproep_brief_filename, oproep_brief_render, oproep_brief_title
from ..models import BredeIntake, IntakeOvertreding, Oproep
from ..selectors import oproep_send_blocked
from ._common import (
    _date_errors,
    _latest_oproep,
    _mark_started,
    _raise_first,
    _record,
    _require_open,
    _save_intake,
)
from .intake import brede_intake_start


def _uiterste_datum(verzonden_op: date, afspraak_op: datetime | None) -> date:
    """The appointment's day, or else the end of the term the college sets (never a non-working day)."""
    if afspraak_op is not None:
        return timezone.localdate(afspraak_op) if timezone.is_aware(afspraak_op) else afspraak_op.date()
    return oproep_last_day(verzonden_op, feestdagen=feestdagen(verzonden_op.year, verzonden_op.year))


def _brief_store(oproep: Oproep, actor: User, *, verzet: bool = False, datum: date | None = None) -> Document:
    """Render the letter for this summons, store it and link it; inside the caller's transaction."""
    document = document_store(
        dossier=oproep.dossier,
        kind=Document.Kind.OPROEP_BREDE_INTAKE,
        title=oproep_brief_title(oproep, verzet=verzet),
        filename=oproep_brief_filename(oproep, verzet=verzet),
        content=oproep_brief_render(oproep, verzet=verzet, datum=datum),
        actor=actor,
    )
    Oproep.objects.filter(pk=oproep.pk).update(brief=document)
    oproep.brief = document
    return document


def _boete_termijn_errors(*, volgnummer: int, verzonden_op: date, uiterste: date) -> list[DomainError]:
    """The summons after a boete has the new term of the boetebesluit: at most BOETE_NIEUWE_TERMIJN_MAX (Wi 22(2))."""
    if volgnummer < BREDE_INTAKE_OPROEPEN.value:
        return []
    latest_allowed = BOETE_NIEUWE_TERMIJN_MAX.value.after(verzonden_op)
    if uiterste <= latest_allowed:
        return []
    return [
        DomainError(
            _(
                "De afspraak valt na het einde van de nieuwe termijn die het boetebesluit stelt: uiterlijk "
                "%(datum)s (Wi 22 lid 2)."
            )
            % {"datum": day_label(latest_allowed)},
            field="afspraak_op",
        )
    ]


def oproep_rule_errors(
    *, dossier: Dossier, verzonden_op: date | None, afspraak_op: datetime | None, today: date | None = None
) -> list[DomainError]:
    """Every rule that sending the next summons with these dates breaks."""
    today = today or timezone.localdate()
    intake = BredeIntake.objects.filter(dossier=dossier).first()
    latest = _latest_oproep(dossier)
    errors = []
    blocked = oproep_send_blocked(dossier=dossier, intake=intake, latest=latest)
    if blocked:
        errors.append(DomainError(blocked, code="oproep_not_allowed"))
    if verzonden_op is None:
        return [*errors, DomainError(_("Vul de verzenddatum in."), field="verzonden_op")]
    errors += _date_errors(verzonden_op, field="verzonden_op", dossier=dossier, today=today, label=_("De verzenddatum"))
    if latest is not None and latest.uitkomst_op and verzonden_op < latest.uitkomst_op:
        errors.append(
            DomainError(
                _("De verzenddatum ligt vóór de uitkomst van oproep %(n)s (%(datum)s).")
                % {"n": latest.volgnummer, "datum": day_label(latest.uitkomst_op)},
                field="verzonden_op",
            )
        )
    uiterste = _uiterste_datum(verzonden_op, afspraak_op)
    if afspraak_op is not None and uiterste < verzonden_op:
        errors.append(DomainError(_("De afspraak ligt vóór de verzenddatum."), field="afspraak_op"))
    elif not blocked:
        volgnummer = (latest.volgnummer if latest else 0) + 1
        errors += _boete_termijn_errors(volgnummer=volgnummer, verzonden_op=verzonden_op, uiterste=uiterste)
    return errors


@transaction.atomic
def oproep_send(
    *,
    dossier: Dossier,
    actor: User,
    verzonden_op: date,
    afspraak_op: datetime | None = None,
    locatie: str = "",
    tolk_taal: str = "",
) -> Oproep:
    """Record the next summons for the brede intake (starting the intake if needed).

    A next summons only follows a summons the person did not appear at or cooperate with; the
    second comes with a written warning; there are at most BREDE_INTAKE_OPROEPEN (Wi 14(2), 22).
    """
    _require_open(dossier)
    _raise_first(oproep_rule_errors(dossier=dossier, verzonden_op=verzonden_op, afspraak_op=afspraak_op))
    latest = _latest_oproep(dossier)
    brede_intake_start(dossier=dossier, actor=actor)
    volgnummer = (latest.volgnummer if latest else 0) + 1
    try:
        with transaction.atomic():
            oproep = Oproep.objects.create(
                dossier=dossier,
                volgnummer=volgnummer,
                verzonden_op=verzonden_op,
                afspraak_op=afspraak_op,
                locatie=locatie.strip(),
                tolk_taal=tolk_taal.strip(),
                uiterste_datum=_uiterste_datum(verzonden_op, afspraak_op),
                is_waarschuwing=volgnummer == WAARSCHUWING_OPROEP.value,
            )
    except IntegrityError:
        raise StaleTransition(_("Er is intussen al een oproep verstuurd. Laad de pagina opnieuw.")) from None
    _brief_store(oproep, actor)
    summary = (
        _("Oproep %(n)s voor de brede intake verstuurd, met schriftelijke waarschuwing")
        if oproep.is_waarschuwing
        else _("Oproep %(n)s voor de brede intake verstuurd")
    ) % {"n": volgnummer}
    changes = [
        change_shown(Oproep, "verzonden_op", "—", day_label(verzonden_op)),
        change_shown(Oproep, "uiterste_datum", "—", day_label(oproep.uiterste_datum)),
    ]
    if afspraak_op is not None:
        changes.append(change_shown(Oproep, "afspraak_op", "—", value_shown(Oproep, "afspraak_op", afspraak_op)))
    _record(dossier, actor, "oproep", summary, changes)
    termijnen.termijnen_recompute(dossier=dossier)
    return oproep


def oproep_uitkomst_errors(
    *,
    oproep: Oproep,
    uitkomst: str | None,
    uitkomst_op: date | None,
    toelichting: str = "",
    today: date | None = None,
) -> list[DomainError]:
    """Every rule that recording this outcome of a summons breaks."""
    today = today or timezone.localdate()
    dossier = oproep.dossier
    latest = _latest_oproep(dossier)
    errors = []
    if latest is not None and latest.pk != oproep.pk:
        errors.append(
            DomainError(_("Alleen de uitkomst van de laatste oproep kan worden vastgelegd."), code="not_latest")
        )
    if oproep.uitkomst:
        errors.append(
            DomainError(
                _("De uitkomst van oproep %(n)s is al vastgelegd.") % {"n": oproep.volgnummer}, code="already_recorded"
            )
        )
    if uitkomst not in OproepUitkomstChoices.values:
        errors.append(DomainError(_("Kies een uitkomst."), field="uitkomst"))
    if uitkomst_op is None:
        errors.append(DomainError(_("Vul de datum van de uitkomst in."), field="uitkomst_op"))
        return errors
    dated = _date_errors(
        uitkomst_op, field="uitkomst_op", dossier=dossier, today=today, label=_("De datum van de uitkomst")
    )
    if not dated and uitkomst_op < oproep.verzonden_op:
        dated.append(
            DomainError(
                _("De datum van de uitkomst ligt vóór de verzenddatum van de oproep (%(datum)s).")
                % {"datum": day_label(oproep.verzonden_op)},
                field="uitkomst_op",
            )
        )
    if not dated and uitkomst == OproepUitkomst.NIET_VERSCHENEN and uitkomst_op < oproep.uiterste_datum:
        dated.append(
            DomainError(
                _("Niet verschenen kan pas worden vastgesteld op of na de uiterste datum (%(datum)s).")
                % {"datum": day_label(oproep.uiterste_datum)},
                field="uitkomst_op",
            )
        )
    errors += dated
    if uitkomst == OproepUitkomst.ONVOLDOENDE_MEEGEWERKT and not toelichting.strip():
        errors.append(
            DomainError(
                _("Licht toe waarin de inburgeraar onvoldoende meewerkte (Wi 22 lid 1)."), field="uitkomst_toelichting"
            )
        )
    return errors


@transaction.atomic
def oproep_record_uitkomst(
    *, oproep: Oproep, actor: User, uitkomst: str, uitkomst_op: date, toelichting: str = ""
) -> Oproep:
    """Record what happened with a summons. Not appearing or not cooperating is an overtreding (Wi 22(1)),
    recorded as an IntakeOvertreding for handhaving."""
    dossier = oproep.dossier
    _require_open(dossier)
    _raise_first(
        oproep_uitkomst_errors(oproep=oproep, uitkomst=uitkomst, uitkomst_op=uitkomst_op, toelichting=toelichting)
    )
    uitkomst = OproepUitkomst(uitkomst)
    claimed = Oproep.objects.filter(pk=oproep.pk, uitkomst="").update(
        uitkomst=uitkomst, uitkomst_op=uitkomst_op, uitkomst_toelichting=toelichting.strip()
    )
    if claimed != 1:
        raise StaleTransition(_("De uitkomst is intussen door iemand anders vastgelegd. Laad de pagina opnieuw."))
    oproep.refresh_from_db()
    if uitkomst in OPROEP_OVERTREDINGEN.value:
        IntakeOvertreding.objects.create(
            dossier=dossier,
            oproep=oproep,
            soort=OvertredingSoort(uitkomst.value),
            vastgesteld_op=uitkomst_op,
            vastgesteld_door=actor,
            toelichting=toelichting.strip(),
        )
    changes = [
        change_shown(Oproep, "uitkomst", "—", value_shown(Oproep, "uitkomst", uitkomst.value)),
        change_shown(Oproep, "uitkomst_op", "—", day_label(uitkomst_op)),
    ]
    if uitkomst == OproepUitkomst.VERSCHENEN:
        intake = BredeIntake.objects.select_for_update().filter(dossier=dossier).first()
        if intake is not None:
            started = _mark_started(intake, on=uitkomst_op)
            if started:
                _save_intake(intake, actor, started)
                changes += started
    summary = _("Uitkomst oproep %(n)s: %(uitkomst)s") % {
        "n": oproep.volgnummer,
        "uitkomst": oproep.get_uitkomst_display(),
    }
    _record(dossier, actor, "oproep_uitkomst", summary, changes)
    termijnen.termijnen_recompute(dossier=dossier)
    return oproep


def oproep_reschedule_errors(
    *, oproep: Oproep, afspraak_op: datetime | None, today: date | None = None
) -> list[DomainError]:
    """Every rule that moving the appointment of a summons breaks."""
    today = today or timezone.localdate()
    dossier = oproep.dossier
    latest = _latest_oproep(dossier)
    intake = BredeIntake.objects.filter(dossier=dossier).first()
    errors = []
    if intake is not None and intake.is_afgerond:
        errors.append(DomainError(_("De brede intake is afgerond."), code="afgerond"))
    if latest is not None and latest.pk != oproep.pk:
        errors.append(DomainError(_("Alleen de afspraak van de laatste oproep kan worden verzet."), code="not_latest"))
    if oproep.uitkomst not in ("", OproepUitkomst.AFGEMELD_MET_REDEN):
        errors.append(
            DomainError(
                _("Een afspraak kan alleen worden verzet zolang er geen uitkomst is, of na een afmelding met reden."),
                code="uitkomst_recorded",
            )
        )
    if afspraak_op is None:
        return [*errors, DomainError(_("Vul de nieuwe afspraak in."), field="afspraak_op")]
    uiterste = _uiterste_datum(oproep.verzonden_op, afspraak_op)
    if uiterste < today:
        errors.append(DomainError(_("De nieuwe afspraak ligt in het verleden."), field="afspraak_op"))
    elif uiterste < oproep.verzonden_op:
        errors.append(DomainError(_("De afspraak ligt vóór de verzenddatum."), field="afspraak_op"))
    else:
        errors += _boete_termijn_errors(
            volgnummer=oproep.volgnummer, verzonden_op=oproep.verzonden_op, uiterste=uiterste
        )
    return errors


@transaction.atomic
def oproep_reschedule(
    *, oproep: Oproep, actor: User, afspraak_op: datetime, locatie: str | None = None, toelichting: str = ""
) -> Oproep:
    """Move the appointment of the latest summons (before it, or after the person cancelled with a reason).

    The summons stays the same summons: a cancellation with a reason is no overtreding and does
    not count towards BREDE_INTAKE_OPROEPEN. The outcome is cleared until the new appointment.
    The person gets a new letter with the new appointment; the earlier letter stays stored.
    """
    dossier = oproep.dossier
    _require_open(dossier)
    _raise_first(oproep_reschedule_errors(oproep=oproep, afspraak_op=afspraak_op))
    uiterste = _uiterste_datum(oproep.verzonden_op, afspraak_op)
    values: dict[str, Any] = {
        "afspraak_op": afspraak_op,
        "uiterste_datum": uiterste,
        "uitkomst": "",
        "uitkomst_op": None,
        "uitkomst_toelichting": "",
    }
    if locatie is not None:
        values["locatie"] = locatie.strip()
    before = copy.copy(oproep)
    claimed = Oproep.objects.filter(
        pk=oproep.pk, uitkomst__in=["", OproepUitkomst.AFGEMELD_MET_REDEN], afspraak_op=oproep.afspraak_op
    ).update(**values)
    if claimed != 1:
        raise StaleTransition(_("De oproep is intussen door iemand anders gewijzigd. Laad de pagina opnieuw."))
    oproep.refresh_from_db()
    changes = changes_apply(before, {name: getattr(oproep, name) for name in values})
    _brief_store(oproep, actor, verzet=True, datum=timezone.localdate())
    summary = _("Afspraak oproep %(n)s verzet") % {"n": oproep.volgnummer}
    if toelichting.strip():
        summary = f"{summary}: {toelichting.strip()}"[:300]
    _record(dossier, actor, "oproep_verzet", summary, changes)
    termijnen.termijnen_recompute(dossier=dossier)
    return oproep
