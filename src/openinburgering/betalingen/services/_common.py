"""What the betaalrun services share: the role check, a claimed status change, the background tasks, amounts
in text."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openinburgering.accounts.models import User
from openinburgering.core.exceptions import DomainError, StaleTransition

from ..constants import BETAALRUN_ROLES, RunStatus
from ..models import Betaalrun
from . import TASKS

CENT = Decimal("0.01")


def _require_role(actor: User, gemeente_ids: Sequence[int]) -> None:
    if not actor.has_role(*BETAALRUN_ROLES) or not all(actor.scope.covers_gemeente(g) for g in gemeente_ids):
        raise DomainError(_("Alleen een financieel medewerker van deze gemeenten kan dit doen."), code="forbidden")


def _run_gemeente_ids(run: Betaalrun) -> list[int]:
    return list(run.gemeenten.values_list("pk", flat=True))


def _claim(run: Betaalrun, frm: Sequence[str], to: RunStatus, **fields: Any) -> None:
    """Move the run from one of `frm` to `to`, or fail if someone else moved it first."""
    if Betaalrun.objects.filter(pk=run.pk, status__in=frm).update(status=to, **fields) != 1:
        raise StaleTransition(_("De betaalrun is intussen door iemand anders gewijzigd. Laad de pagina opnieuw."))
    run.refresh_from_db()


def _enqueue(task_name: str, run: Betaalrun, *args: int) -> None:
    task = TASKS[task_name]
    transaction.on_commit(lambda: task.enqueue(run.pk, *args))


def _euro(value: Decimal | None) -> str:
    if value is None:
        return _("onbekend")
    return "€ " + f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
