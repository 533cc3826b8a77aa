"""Tasks a user may see: of their gemeenten, for a role they hold."""

import uuid

from django.db.models import QuerySet
from django.http import Http404

from openinburgering.accounts.models import User

from .constants import TaakStatus
from .models import Taak


def taken_for_user(*, user: User) -> QuerySet[Taak]:
    if user.scope.is_aanbieder:
        return Taak.objects.none()
    return Taak.objects.filter(gemeente_id__in=user.scope.gemeente_ids, rol__in=user.roles)


def open_taken_count(*, user: User, limit: int = 100) -> int:
    """How many open tasks wait for the user, counted up to `limit` (the page says "100+")."""
    ids = taken_for_user(user=user).filter(status=TaakStatus.OPEN).values_list("pk", flat=True)[:limit]
    return len(ids)


def taak_get_for_user(*, user: User, uuid_: uuid.UUID) -> Taak:
    try:
        return taken_for_user(user=user).select_related("gemeente", "dossier__inburgeraar").get(uuid=uuid_)
    except Taak.DoesNotExist as exc:
        raise Http404 from exc
