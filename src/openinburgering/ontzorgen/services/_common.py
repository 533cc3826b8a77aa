"""Helpers shared by the ontzorgen services: checks of role and scope, claims, the timeline, shared rules."""

from datetime import date
from decimal import Decimal

from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openinburgering.accounts.models import User
from openinburgering.core.exceptions import DomainError
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.services import dossier_change_record
from openinburgering.rules.ontzorgen import rekening_violations

from ..constants import ONTZORGEN_EDIT_ROLES, OntzorgingStatus
from ..messages import violation_errors
from ..models import Ontzorging, VasteLast
from ..templatetags.ontzorgen_format import format_euro

# --- helpers -------------------------------------------------------------------------------------


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _euro(value: Decimal) -> str:
    return format_euro(value)


def _record(
    dossier: Dossier, actor: User, action: str, summary: str, changes: list[dict[str, str]] | None = None
) -> None:
    dossier_change_record(
        dossier=dossier,
        actor=actor,
        action=f"ontzorgen_{action}"[:50],
        summary=summary[:300],
        changes=changes,
        subject="ontzorgen",
    )


def _require_editor(actor: User, dossier: Dossier) -> None:
    if not actor.has_role(*ONTZORGEN_EDIT_ROLES) or not actor.scope.covers_gemeente(dossier.gemeente_id):
        raise DomainError(_("Alleen een financieel medewerker van deze gemeente kan dit doen."), code="forbidden")


def _claim_actief(ontzorging: Ontzorging) -> Ontzorging:
    """Lock the ontzorging for the rest of the transaction while it is in force (an UPDATE, so on SQLite
    too: a concurrent change waits or loses) and read it fresh."""
    claimed = Ontzorging.objects.filter(pk=ontzorging.pk, status=OntzorgingStatus.ACTIEF).update(
        updated_at=timezone.now()
    )
    if claimed != 1:
        raise DomainError(_("Deze ontzorging is beëindigd en kan niet meer worden gewijzigd."), code="beeindigd")
    return Ontzorging.objects.select_related("dossier", "dossier__inburgeraar", "dossier__gemeente").get(
        pk=ontzorging.pk
    )


def _lock_vaste_last(vaste_last: VasteLast) -> VasteLast:
    """Lock the obligation, so that two changes to its versions cannot both pass the overlap check.

    select_for_update locks the row on PostgreSQL; SQLite ignores it, so a no-op UPDATE first takes
    the database's write lock there (and the row lock on PostgreSQL) for the rest of the transaction.
    """
    VasteLast.objects.filter(pk=vaste_last.pk).update(soort=F("soort"))
    return VasteLast.objects.select_for_update().select_related("ontzorging").get(pk=vaste_last.pk)


def _future_error(value: date | None, field: str, label: str, today: date) -> list[DomainError]:
    if value is not None and value > today:
        return [DomainError(_("%(label)s ligt in de toekomst.") % {"label": label}, field=field)]
    return []


def _iban_errors(value: str, *, field: str, required: bool) -> list[DomainError]:
    """A valid IBAN (ISO 13616 check digits) of a country in SEPA's geographical scope."""
    return violation_errors(rekening_violations(value, field=field, required=required))
