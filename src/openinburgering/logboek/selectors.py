from datetime import date

from django.db.models import QuerySet

from openinburgering.accounts.models import User

from .models import Verwerking


def verwerkingen_for_user(
    *, user: User, bsn: str = "", actor: str = "", since: date | None = None, until: date | None = None
) -> QuerySet[Verwerking]:
    """The processing log as far as the user's scope reaches, searched per person and/or per user."""
    queryset = Verwerking.objects.in_scope(user.scope).select_related("inburgeraar", "dossier")
    if bsn:
        queryset = queryset.filter(inburgeraar__bsn=bsn)
    if actor:
        queryset = queryset.filter(actor_label__iexact=actor)
    if since:
        queryset = queryset.filter(at__date__gte=since)
    if until:
        queryset = queryset.filter(at__date__lte=until)
    return queryset.order_by("-at", "-pk")
