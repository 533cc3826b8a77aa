"""Every read of dossiers that a user triggers goes through the user's scope."""

import re
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import F, OrderBy, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.core.text import search_normalise

from .constants import OPEN_STATUSES, DoelgroepChoices, Status
from .models import Dossier, DossierEvent

_KENMERK = re.compile(r"^d-?(\d{1,9})$", re.IGNORECASE)

# The sort keys the werkvoorraad accepts; anything else falls back to the default.
WERKVOORRAAD_ORDERING: dict[str, tuple[str | OrderBy, ...]] = {
    # Overdue first, then the nearest deadline; dossiers without one last.
    "termijn": (F("termijn_datum").asc(nulls_last=True), "pk"),
    "-termijn": (F("termijn_datum").desc(nulls_last=True), "-pk"),
    "naam": ("inburgeraar__geslachtsnaam", "inburgeraar__voornamen", "pk"),
    "-naam": ("-inburgeraar__geslachtsnaam", "-inburgeraar__voornamen", "-pk"),
    "aangemeld": ("created_at", "pk"),
    "-aangemeld": ("-created_at", "-pk"),
    "kennisgeving": ("datum_kennisgeving", "pk"),
    "-kennisgeving": ("-datum_kennisgeving", "-pk"),
    "status": ("status", "pk"),
    "gemeente": ("gemeente__naam", "pk"),
}
WERKVOORRAAD_DEFAULT_ORDER = "termijn"
# The deadline filter: "verlopen" (overdue), or due within this many days (at most a year).
TERMIJN_FILTER_MAX_DAYS = 366


def dossiers_for_user(*, user: User) -> QuerySet[Dossier]:
    return Dossier.objects.in_scope(user.scope).select_related("inburgeraar", "gemeente", "klantregisseur")


def dossier_get_for_user(*, user: User, pk: int | None = None, uuid_: uuid.UUID | str | None = None) -> Dossier:
    """One dossier in the user's scope, or 404: a dossier outside the scope does not exist for the user."""
    queryset = dossiers_for_user(user=user)
    try:
        if pk is not None:
            return queryset.get(pk=pk)
        if uuid_ is not None:
            return queryset.get(uuid=uuid_)
    except (Dossier.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Dossier niet gevonden") from exc
    raise Http404("Dossier niet gevonden")  # neither pk nor uuid: no dossier has a NULL uuid


def dossier_timeline(*, dossier: Dossier) -> QuerySet[DossierEvent]:
    return dossier.events.select_related("actor").all()


# A name search needs one part of at least this many letters: shorter ones match a large share of
# all names and cannot use the trigram index (bench/werkvoorraad.py: "al" took 0.5 s at 1M).
MIN_NAME_SEARCH_LENGTH = 3


def _has_searchable_part(terms: list[str]) -> bool:
    return any(len(term) >= MIN_NAME_SEARCH_LENGTH for term in terms)


def is_short_name_query(query: str) -> bool:
    """A search that is not a BSN, V-nummer or kenmerk and has no name part of MIN_NAME_SEARCH_LENGTH letters."""
    compact = query.strip().replace(" ", "").replace(".", "")
    if not compact or compact.isdigit() or _KENMERK.match(compact):
        return False
    return not _has_searchable_part(search_normalise(query).split())


def dossiers_search(queryset: QuerySet[Dossier], query: str) -> QuerySet[Dossier]:
    """Find by BSN (nine digits), V-nummer (other digits), kenmerk (D-0000123) or name parts."""
    query = query.strip()
    if not query:
        return queryset
    compact = query.replace(" ", "").replace(".", "")
    if compact.isdigit():
        if len(compact) == 9:
            return queryset.filter(inburgeraar__bsn=compact)
        return queryset.filter(inburgeraar__vnummer=compact.zfill(10)) if len(compact) <= 10 else queryset.none()
    match = _KENMERK.match(compact)
    if match:
        return queryset.filter(pk=int(match.group(1)))
    terms = search_normalise(query).split()
    if not _has_searchable_part(terms):
        return queryset.none()
    condition = Q()
    for term in terms[:6]:
        condition &= Q(inburgeraar__zoeknaam__contains=term)
    return queryset.filter(condition)


def _as_id(value: str) -> int | None:
    """A database id from a query parameter, or None for anything else ("xyz", "²", forty digits)."""
    if value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


@dataclass
class WerkvoorraadFilter:
    """The werkvoorraad's filters, parsed leniently: an unknown value is ignored, never an error."""

    q: str = ""
    gemeente: int | None = None
    status: str = "open"
    doelgroep: str = ""
    klantregisseur: str = ""  # "mij", "team", "geen", a user id, or "" for everyone in scope
    termijn: str = ""  # "verlopen", a number of days ("binnen 14 dagen"), or "" for any
    sort: str = WERKVOORRAAD_DEFAULT_ORDER

    @property
    def termijn_days(self) -> int | None:
        return int(self.termijn) if self.termijn.isdigit() else None

    @classmethod
    def from_query(cls, params: dict[str, str], *, user: User) -> "WerkvoorraadFilter":
        default_kr = "mij" if user.has_role(Role.KLANTREGISSEUR) else ("team" if user.has_role(Role.TEAMLEIDER) else "")
        result = cls(klantregisseur=params.get("klantregisseur", default_kr))
        result.q = (params.get("q") or "")[:100]
        gemeente = _as_id(params.get("gemeente") or "")
        if gemeente is not None and gemeente in user.scope.gemeente_ids:
            result.gemeente = gemeente
        status = params.get("status", "open")
        result.status = status if status in {"open", "alle", *Status.values} else "open"
        doelgroep = params.get("doelgroep", "")
        result.doelgroep = doelgroep if doelgroep in DoelgroepChoices.values else ""
        kr = result.klantregisseur
        if kr not in {"", "mij", "team", "geen"} and _as_id(kr) is None:
            result.klantregisseur = default_kr
        termijn = params.get("termijn", "")
        result.termijn = termijn if _termijn_days(termijn) is not None or termijn == "verlopen" else ""
        sort = params.get("sort", WERKVOORRAAD_DEFAULT_ORDER)
        result.sort = sort if sort in WERKVOORRAAD_ORDERING else WERKVOORRAAD_DEFAULT_ORDER
        return result


def _termijn_days(value: str) -> int | None:
    days = _as_id(value)
    return days if days is not None and 0 < days <= TERMIJN_FILTER_MAX_DAYS else None


def filter_termijn(queryset: QuerySet[Dossier], termijn: str, *, today: date | None = None) -> QuerySet[Dossier]:
    """Dossiers whose next deadline is overdue ("verlopen") or falls within N days ("14"); else all."""
    today = today or timezone.localdate()
    if termijn == "verlopen":
        return queryset.filter(termijn_datum__lt=today)
    days = _termijn_days(termijn)
    if days is not None:
        return queryset.filter(termijn_datum__gte=today, termijn_datum__lte=today + timedelta(days=days))
    return queryset


def nieuw_zonder_klantregisseur_for_user(*, user: User) -> QuerySet[Dossier]:
    """New dossiers in scope that nobody has taken on yet, such as those DUO's notificaties opened overnight
    (JOURNEYS 1.2). Read from the index on (klantregisseur, status, gemeente)."""
    return Dossier.objects.in_scope(user.scope).filter(klantregisseur__isnull=True, status=Status.AANGEMELD)


def werkvoorraad_for_user(*, user: User, filters: WerkvoorraadFilter, today: date | None = None) -> QuerySet[Dossier]:
    queryset = filter_termijn(dossiers_for_user(user=user), filters.termijn, today=today)
    if filters.gemeente is not None:
        queryset = queryset.filter(gemeente_id=filters.gemeente)
    if filters.status == "open":
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    elif filters.status != "alle":
        queryset = queryset.filter(status=filters.status)
    if filters.doelgroep:
        queryset = queryset.filter(doelgroep=filters.doelgroep)
    kr = filters.klantregisseur
    if kr == "mij":
        queryset = queryset.filter(klantregisseur=user)
    elif kr == "team":
        queryset = (
            queryset.filter(klantregisseur__team_id=user.team_id)
            if user.team_id
            else queryset.filter(klantregisseur=user)
        )
    elif kr == "geen":
        queryset = queryset.filter(klantregisseur__isnull=True)
    elif kr.isdigit():
        queryset = queryset.filter(klantregisseur_id=int(kr))
    queryset = dossiers_search(queryset, filters.q)
    return queryset.order_by(*WERKVOORRAAD_ORDERING[filters.sort])


def klantregisseurs_for_user(*, user: User) -> QuerySet[User]:
    """Klantregisseurs who work for at least one gemeente in the user's scope (for filters and assigning)."""
    return (
        User.objects.filter(is_active=True, groups__name=Role.KLANTREGISSEUR, gemeenten__in=user.scope.gemeente_ids)
        .distinct()
        .order_by("first_name", "last_name")
    )
