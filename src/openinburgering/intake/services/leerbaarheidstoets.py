"""The leerbaarheidstoets: request, DUO's result, or the college's exemption (Wi 14(3)(a), 14(6))."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.models import User
from openinburgering.core.exceptions import DomainError
from openinburgering.core.timeline import change_shown, changes_apply, day_label
from openinburgering.dossiers.models import Dossier
from openinburgering.rules.intake import LBT_EXAMENNUMMER_MAX, LbtResultaat, LbtVrijstellingsgrond

from ..models import Leerbaarheidstoets
from ..selectors import can_see_health
from ._common import (
    LBT_SCORE_RE,
    _date_errors,
    _raise_first,
    _record,
    _require_open,
)


def _examennummer_errors(examennummer: str) -> list[DomainError]:
    if not examennummer:
        return [DomainError(_("Vul het examennummer van DUO in."), field="examennummer")]
    if len(examennummer) > LBT_EXAMENNUMMER_MAX.value:
        return [
            DomainError(
                _("Een examennummer heeft ten hoogste %(max)s tekens (DUO).") % {"max": LBT_EXAMENNUMMER_MAX.value},
                field="examennummer",
            )
        ]
    return []


def lbt_request_errors(
    *, dossier: Dossier, examennummer: str, aangevraagd_op: date, today: date | None = None
) -> list[DomainError]:
    today = today or timezone.localdate()
    lbt = Leerbaarheidstoets.objects.filter(dossier=dossier).first()
    errors = []
    if lbt is not None and lbt.vrijgesteld:
        errors.append(DomainError(_("De inburgeraar is vrijgesteld van de leerbaarheidstoets."), code="vrijgesteld"))
    if lbt is not None and lbt.resultaat:
        errors.append(DomainError(_("Het resultaat van de leerbaarheidstoets is al ontvangen."), code="resultaat"))
    errors += _examennummer_errors(examennummer.strip())
    errors += _date_errors(
        aangevraagd_op, field="aangevraagd_op", dossier=dossier, today=today, label=_("De aanvraagdatum")
    )
    return errors


@transaction.atomic
def lbt_request(
    *, dossier: Dossier, actor: User, examennummer: str, aangevraagd_op: date | None = None
) -> Leerbaarheidstoets:
    """Register the leerbaarheidstoets with DUO's examennummer (requested again: the new number)."""
    _require_open(dossier)
    aangevraagd_op = aangevraagd_op or timezone.localdate()
    _raise_first(lbt_request_errors(dossier=dossier, examennummer=examennummer, aangevraagd_op=aangevraagd_op))
    lbt = Leerbaarheidstoets.objects.select_for_update().filter(dossier=dossier).first() or Leerbaarheidstoets(
        dossier=dossier
    )
    changes = changes_apply(lbt, {"examennummer": examennummer.strip(), "aangevraagd_op": aangevraagd_op})
    if not changes:
        return lbt
    lbt.updated_by = actor
    lbt.save()
    _record(dossier, actor, "lbt_aangevraagd", _("Leerbaarheidstoets aangevraagd"), changes)
    return lbt


def lbt_result_errors(
    *,
    dossier: Dossier,
    resultaat: str | None,
    afgenomen_op: date | None,
    examennummer: str = "",
    behaalde_score: str = "",
    benodigde_score: str = "",
    today: date | None = None,
) -> list[DomainError]:
    today = today or timezone.localdate()
    lbt = Leerbaarheidstoets.objects.filter(dossier=dossier).first()
    errors = []
    if lbt is not None and lbt.vrijgesteld:
        errors.append(
            DomainError(
                _(
                    "De inburgeraar is vrijgesteld van de leerbaarheidstoets; een vrijstelling en een resultaat "
                    "sluiten elkaar uit."
                ),
                field="resultaat",
                code="vrijgesteld",
            )
        )
    if resultaat not in {r.value for r in LbtResultaat}:
        errors.append(DomainError(_("Kies het resultaat zoals DUO het geeft."), field="resultaat"))
    errors += _examennummer_errors(examennummer.strip() or (lbt.examennummer if lbt else ""))
    if afgenomen_op is None:
        errors.append(DomainError(_("Vul de datum van afname in."), field="afgenomen_op"))
    else:
        dated = _date_errors(
            afgenomen_op, field="afgenomen_op", dossier=dossier, today=today, label=_("De datum van afname")
        )
        if not dated and lbt is not None and lbt.aangevraagd_op and afgenomen_op < lbt.aangevraagd_op:
            dated.append(
                DomainError(
                    _("De datum van afname ligt vóór de aanvraag (%(datum)s).")
                    % {"datum": day_label(lbt.aangevraagd_op)},
                    field="afgenomen_op",
                )
            )
        errors += dated
    for name, value in (("behaalde_score", behaalde_score), ("benodigde_score", benodigde_score)):
        if value and not LBT_SCORE_RE.match(value):
            errors.append(
                DomainError(
                    _("Een score bestaat uit 1 tot 3 cijfers, een komma en 2 decimalen (bijvoorbeeld 123,45)."),
                    field=name,
                )
            )
    return errors


@transaction.atomic
def lbt_record_result(
    *,
    dossier: Dossier,
    actor: User,
    resultaat: str,
    afgenomen_op: date,
    examennummer: str = "",
    behaalde_score: str = "",
    benodigde_score: str = "",
) -> Leerbaarheidstoets:
    """Record DUO's result of the leerbaarheidstoets (SS131): advice for the route, which the college decides."""
    _require_open(dossier)
    _raise_first(
        lbt_result_errors(
            dossier=dossier,
            resultaat=resultaat,
            afgenomen_op=afgenomen_op,
            examennummer=examennummer,
            behaalde_score=behaalde_score,
            benodigde_score=benodigde_score,
        )
    )
    lbt = Leerbaarheidstoets.objects.select_for_update().filter(dossier=dossier).first() or Leerbaarheidstoets(
        dossier=dossier
    )
    values: dict[str, Any] = {
        "resultaat": LbtResultaat(resultaat).value,
        "afgenomen_op": afgenomen_op,
        "behaalde_score": behaalde_score,
        "benodigde_score": benodigde_score,
    }
    if examennummer.strip():
        values["examennummer"] = examennummer.strip()
    changes = changes_apply(lbt, values)
    if not changes:
        return lbt
    lbt.updated_by = actor
    lbt.save()
    _record(
        dossier,
        actor,
        "lbt_resultaat",
        _("Resultaat leerbaarheidstoets: %(resultaat)s") % {"resultaat": lbt.resultaat},
        changes,
    )
    return lbt


def lbt_exempt_errors(
    *,
    dossier: Dossier,
    vrijstellingsgrond: str | None,
    toelichting: str,
    vrijgesteld_op: date,
    today: date | None = None,
) -> list[DomainError]:
    today = today or timezone.localdate()
    lbt = Leerbaarheidstoets.objects.filter(dossier=dossier).first()
    errors = []
    if lbt is not None and lbt.resultaat:
        errors.append(
            DomainError(
                _(
                    "Het resultaat van de leerbaarheidstoets is al ontvangen; een vrijstelling en een resultaat "
                    "sluiten elkaar uit."
                ),
                field="vrijstellingsgrond",
                code="resultaat",
            )
        )
    if vrijstellingsgrond not in {g.value for g in LbtVrijstellingsgrond}:
        errors.append(
            DomainError(
                _("Kies een grond: alleen een visuele of auditieve beperking (Wi 14 lid 6)."),
                field="vrijstellingsgrond",
            )
        )
    if not toelichting.strip():
        errors.append(DomainError(_("Licht de vrijstelling toe."), field="vrijstelling_toelichting"))
    errors += _date_errors(vrijgesteld_op, field="vrijgesteld_op", dossier=dossier, today=today, label=_("De datum"))
    return errors


@transaction.atomic
def lbt_exempt(
    *,
    dossier: Dossier,
    actor: User,
    vrijstellingsgrond: str,
    toelichting: str,
    vrijgesteld_op: date | None = None,
) -> Leerbaarheidstoets:
    """The college exempts from the leerbaarheidstoets for a visual or auditory impairment (Wi 14(6)).

    The ground is health information: only GEZONDHEID_ROLES record it, the timeline does not name
    it, and the processing log gets an UPDATE_SPECIAL row.
    """
    if not can_see_health(actor):
        raise DomainError(_("U mag gezondheidsinformatie niet inzien of wijzigen."), code="forbidden")
    _require_open(dossier)
    vrijgesteld_op = vrijgesteld_op or timezone.localdate()
    _raise_first(
        lbt_exempt_errors(
            dossier=dossier,
            vrijstellingsgrond=vrijstellingsgrond,
            toelichting=toelichting,
            vrijgesteld_op=vrijgesteld_op,
        )
    )
    lbt = Leerbaarheidstoets.objects.select_for_update().filter(dossier=dossier).first() or Leerbaarheidstoets(
        dossier=dossier
    )
    was_vrijgesteld = lbt.vrijgesteld
    lbt.vrijgesteld = True
    lbt.vrijstellingsgrond = LbtVrijstellingsgrond(vrijstellingsgrond).value
    lbt.vrijstelling_toelichting = toelichting.strip()
    lbt.vrijgesteld_op = vrijgesteld_op
    lbt.updated_by = actor
    lbt.save()
    changes = [change_shown(Leerbaarheidstoets, "vrijgesteld", _("ja") if was_vrijgesteld else _("nee"), _("ja"))]
    _record(
        dossier,
        actor,
        "lbt_vrijstelling",
        _("Vrijgesteld van de leerbaarheidstoets (Wi 14 lid 6)"),
        changes,
        special="leerbaarheidstoets-vrijstelling",
    )
    return lbt
