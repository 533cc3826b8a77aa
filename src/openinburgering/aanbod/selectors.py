"""Reads of the aanbieder register. The register is not personal data and not scoped per gemeente."""

from django.db.models import QuerySet

from openinburgering.accounts.models import User

from .models import Aanbieder


def aanbieders_for_user(*, user: User) -> QuerySet[Aanbieder]:
    """The aanbieders a user may see: all of them for staff, only its own for an aanbieder's employee."""
    queryset = Aanbieder.objects.order_by("naam", "pk")
    aanbieder_id = user.scope.aanbieder_id
    if aanbieder_id is not None:
        return queryset.filter(pk=aanbieder_id)
    return queryset
