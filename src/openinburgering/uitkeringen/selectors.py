"""Reads of the net benefits: every one through the user's scope (the scope of Dossier.objects.in_scope)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from openinburgering.accounts.models import User
from openinburgering.core.exceptions import DomainError
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.selectors import dossiers_search

from .csv_import import maand_parse
from .exceptions import unknown_bsn_message
from .models import Uitkering


def uitkeringen_for_user(*, user: User) -> QuerySet[Uitkering]:
    """Benefits of dossiers in the user's scope (the scope of Dossier.objects.in_scope)."""
    return Uitkering.objects.filter(dossier__in=Dossier.objects.in_scope(user.scope)).select_related(
        "dossier__inburgeraar", "dossier__gemeente"
    )


@dataclass
class UitkeringFilter:
    """The list's filters, parsed leniently: an unknown value is ignored, never an error."""

    maand: date | None = None
    gemeente: int | None = None
    q: str = ""

    @property
    def maand_value(self) -> str:
        return f"{self.maand:%Y-%m}" if self.maand else ""

    @classmethod
    def from_query(cls, params: dict[str, str], *, user: User) -> "UitkeringFilter":
        result = cls(q=(params.get("q") or "").strip()[:100])
        try:
            result.maand = maand_parse(params.get("maand") or "")
        except ValueError:
            result.maand = None
        gemeente = params.get("gemeente") or ""
        if (
            gemeente.isascii()
            and gemeente.isdigit()
            and len(gemeente) <= 18
            and int(gemeente) in user.scope.gemeente_ids
        ):
            result.gemeente = int(gemeente)
        return result


def uitkeringen_filtered(*, user: User, filters: UitkeringFilter) -> QuerySet[Uitkering]:
    queryset = uitkeringen_for_user(user=user)
    if filters.maand is not None:
        queryset = queryset.filter(maand=filters.maand)
    if filters.gemeente is not None:
        queryset = queryset.filter(dossier__gemeente_id=filters.gemeente)
    if filters.q:
        # The dossier search (BSN, V-nummer, kenmerk, name parts) on the dossiers in scope.
        found = dossiers_search(Dossier.objects.in_scope(user.scope), filters.q)
        queryset = queryset.filter(dossier__in=found.values("pk"))
    return queryset.order_by("-maand", "dossier_id")  # the (maand, dossier) index, walked backwards


def uitkering_dossier_for_bsn(*, user: User, bsn: str) -> Dossier:
    """The open dossier with this BSN in the user's scope, or a DomainError on `bsn`."""
    dossier = (
        Dossier.objects.in_scope(user.scope)
        .open()
        .select_related("inburgeraar", "gemeente")
        .filter(inburgeraar__bsn=bsn)
        .first()
    )
    if dossier is None:
        raise DomainError(unknown_bsn_message(), field="bsn", code="unknown_bsn")
    return dossier


def uitkering_for(*, dossier: Dossier, maand: date) -> Uitkering | None:
    return Uitkering.objects.filter(dossier=dossier, maand=maand).first()
