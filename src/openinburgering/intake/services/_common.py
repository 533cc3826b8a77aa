"""Helpers shared by the intake services: timeline changes, date rules, logging."""

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from openinburgering.accounts.models import User
from openinburgering.core.exceptions import DomainError
from openinburgering.core.timeline import changes_apply, day_label
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.services import dossier_change_record
from openinburgering.logboek.constants import Action
from openinburgering.rules.intake import LBT_SCORE_PATTERN, Aandachtspunt

from ..constants import AandachtspuntChoices, IntakeStatus
from ..models import BredeIntake, IntakeGezondheid, Oproep

# The fields of BredeIntake that brede_intake_update changes (aandachtspunten have their own service).
INTAKE_FIELDS = (
    "alleen_gesprek_gemeld",
    "tolk_taal",
    "hoogste_opleiding",
    "jaren_onderwijs",
    "diplomas",
    "werkervaring",
    "beroep_herkomstland",
    "talen",
    "geletterdheid",
    "taalniveau_nl",
    "taal_toelichting",
    "arbeid_wensen",
    "arbeid_mogelijkheden",
    "beschikbaar_uren_per_week",
    "arbeid_toelichting",
    "zelfredzaamheid",
    "zelfredzaamheid_toelichting",
    "vve_van_toepassing",
    "vve_toelichting",
    "gezinssituatie",
    "omstandigheden_toelichting",
    "uren_taal_knm_intake",
    "uren_participatie_intake",
    "financiele_situatie",
    "sociaal_netwerk",
    "motivatie",
)
GEZONDHEID_FIELDS = IntakeGezondheid.TEXT_FIELDS
LBT_SCORE_RE = re.compile(LBT_SCORE_PATTERN.value)


def _raise_first(errors: list[DomainError]) -> None:
    if errors:
        raise errors[0]


def _validation_errors(instance: Model, names: Iterable[str]) -> list[DomainError]:
    """The model's own field validation (choices, lengths, ranges) of `names`, as domain errors."""
    names = set(names)
    exclude = [f.name for f in instance._meta.concrete_fields if f.name not in names]
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        return [
            DomainError(str(message), field=name)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def _unknown_errors(values: Mapping[str, Any], allowed: Iterable[str]) -> list[DomainError]:
    unknown = sorted(set(values) - set(allowed))
    return [DomainError(_("Onbekend veld: %(veld)s.") % {"veld": name}, code="unknown_field") for name in unknown]


def _date_errors(value: date | None, *, field: str, dossier: Dossier, today: date, label: str) -> list[DomainError]:
    """A date of the intake: not in the future and not before the inburgeringsplicht began."""
    if value is None:
        return []
    if value > today:
        return [DomainError(_("%(label)s ligt in de toekomst.") % {"label": label}, field=field)]
    if value < dossier.plicht_begindatum:
        return [
            DomainError(
                _("%(label)s ligt vóór de begindatum van de inburgeringsplicht (%(begin)s).")
                % {"label": label, "begin": day_label(dossier.plicht_begindatum)},
                field=field,
            )
        ]
    return []


def _require_open(dossier: Dossier) -> None:
    if not dossier.is_open:
        raise DomainError(_("Dit dossier is gesloten en kan niet meer worden gewijzigd."), code="closed")


def _require_editable(intake: BredeIntake) -> None:
    if intake.is_afgerond:
        raise DomainError(_("De brede intake is afgerond en kan niet meer worden gewijzigd."), code="afgerond")


def _mark_started(intake: BredeIntake, *, on: date) -> list[dict[str, str]]:
    """The first conversation (a saved section, or an appearance) puts a planned intake in progress."""
    if intake.status != IntakeStatus.GEPLAND:
        return []
    return changes_apply(intake, {"status": IntakeStatus.IN_UITVOERING, "started_at": intake.started_at or on})


def _save_intake(intake: BredeIntake, actor: User, changes: list[dict[str, str]], *extra: str) -> None:
    """Save only the fields that changed, so that two people saving different sections at once lose nothing."""
    intake.updated_by = actor
    intake.save(update_fields=sorted({*(change["field"] for change in changes), *extra, "updated_by", "updated_at"}))


def _record(
    dossier: Dossier,
    actor: User,
    action: str,
    summary: str,
    changes: list[dict[str, str]],
    *,
    special: str = "",
) -> None:
    """A timeline line and one processing-log row; `special` names the health data written (UPDATE_SPECIAL)."""
    dossier_change_record(
        dossier=dossier,
        actor=actor,
        action=f"intake.{action}",
        summary=summary,
        changes=changes,
        subject=special or "brede-intake",
        log_action=Action.UPDATE_SPECIAL if special else Action.UPDATE,
    )


def _latest_oproep(dossier: Dossier) -> Oproep | None:
    return Oproep.objects.filter(dossier=dossier).order_by("-volgnummer").first()


def _punten_label(values: Iterable[str]) -> str:
    labels = [str(AandachtspuntChoices(value).label) for value in values]
    return ", ".join(labels) if labels else "—"


def _ordered(values: Iterable[str]) -> list[str]:
    chosen = set(values)
    return [punt.value for punt in Aandachtspunt if punt.value in chosen]
