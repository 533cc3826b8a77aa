"""Raising and closing tasks. Raising is idempotent by `sleutel`: the same cause never makes two tasks."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.models import User
from openinburgering.core.exceptions import DomainError, StaleTransition

from .constants import TaakSoort, TaakStatus
from .models import Taak


@dataclass(frozen=True)
class NieuweTaak:
    gemeente_id: int
    soort: TaakSoort
    rol: str
    titel: str
    sleutel: str
    toelichting: str = ""
    dossier_id: int | None = None


def taken_raise(taken: Sequence[NieuweTaak]) -> int:
    """Create the tasks whose `sleutel` is new; returns how many were created."""
    if not taken:
        return 0
    existing = set(Taak.objects.filter(sleutel__in=[t.sleutel for t in taken]).values_list("sleutel", flat=True))
    new = [
        Taak(
            gemeente_id=t.gemeente_id,
            dossier_id=t.dossier_id,
            soort=t.soort,
            rol=t.rol,
            titel=t.titel[:200],
            toelichting=t.toelichting,
            sleutel=t.sleutel,
        )
        for t in {t.sleutel: t for t in taken}.values()
        if t.sleutel not in existing
    ]
    # ignore_conflicts: a task raised at the same moment by another process wins; ours is not needed.
    Taak.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def taak_resolve(*, taak: Taak, actor: User, afhandeling: str) -> Taak:
    if not actor.has_role(taak.rol) or not actor.scope.covers_gemeente(taak.gemeente_id):
        raise DomainError(_("Deze taak is niet voor u."), code="forbidden")
    if not afhandeling.strip():
        raise DomainError(_("Schrijf op hoe de taak is afgehandeld."), field="afhandeling")
    now = timezone.now()
    claimed = Taak.objects.filter(pk=taak.pk, status=TaakStatus.OPEN).update(
        status=TaakStatus.AFGEHANDELD, afgehandeld_op=now, afgehandeld_door=actor, afhandeling=afhandeling.strip()
    )
    if claimed != 1:
        raise StaleTransition(_("Deze taak is al afgehandeld."))
    taak.refresh_from_db()
    return taak
