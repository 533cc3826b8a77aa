"""Paging and sorting for lists: bad page numbers or sort keys never cause a server error."""

from functools import cached_property
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Count, Model, QuerySet, Window
from django.http import HttpRequest

M = TypeVar("M", bound=Model)

# The query parameter of the page number, for every list: templates/components/pagination.html writes it
# (keeping the list's other parameters, its filters), page_for_request reads it.
PAGE_PARAM = "page"

# page_for(keys_first=True) reads all keys at once up to this many matching rows (see there).
KEYS_IN_ONE_READ = 10_000


class CappedPaginator(Paginator[M]):
    """A paginator that counts at most `count_cap` rows: `count` is the number of matching rows up to the
    cap, and `count_capped` says that there are more. Only the first `count_cap` rows can be paged through.

    Counting every match of a broad filter or a common name among a million dossiers costs more than the
    rest of the page; nobody pages through thousands of rows, they narrow the search.
    """

    def __init__(self, queryset: QuerySet[M], per_page: int, *, count_cap: int) -> None:
        super().__init__(queryset, per_page)
        self.queryset = queryset
        self.count_cap = count_cap

    @cached_property
    def _capped_count(self) -> int:
        # Any count_cap + 1 rows will do: no ORDER BY, so the database stops at the first ones it finds.
        return self.queryset.order_by()[: self.count_cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._capped_count, self.count_cap)

    @property
    def count_capped(self) -> bool:
        return self._capped_count > self.count_cap


def page_for(
    queryset: QuerySet[M],
    raw_page: str | None,
    *,
    per_page: int = 25,
    keys_first: bool = False,
    count_cap: int | None = None,
    count_with_keys: bool = False,
) -> Page[M]:
    """The requested page, or the nearest existing one for a missing, bad or too-large number.

    `count_cap` counts the matching rows only up to that number (see CappedPaginator): the page says
    "more than N" (`page.paginator.count_capped`) and pages only within the first N rows. With
    keys_first, a capped result reads one page of keys (ORDER BY … LIMIT): right for broad filters,
    whose matches the database meets soon when it walks a sort index; not for rare matches that
    cluster in the sort order (a name search sorted by name walked the name index for 3–5 s at 1M,
    whatever the LIMIT), so do not cap those.

    `keys_first` fetches the page in two steps: the primary keys of the page (ORDER BY … LIMIT …
    OFFSET over the filtered table, joined only where a filter or the ordering needs it), then the
    rows with those keys, select_related and all, in the same order. One query more, but neither a
    deep page nor a sort without a matching index makes the database join (and carry along) every
    row it skips or sorts. When at most KEYS_IN_ONE_READ rows match, it reads all their keys in
    order and slices the page in Python: without a LIMIT the database filters first and sorts the
    few matches, instead of walking a sort index in the hope of meeting 25 matches soon (a search
    for "amrani" sorted by name would walk every name up to the E). Only for querysets whose joins
    cannot repeat a row (no filter across a to-many relation): the same rows in the same order as
    without it.

    `count_with_keys` (implies keys_first, exact count) reads the page's keys and the number of matches in
    one query: `COUNT(*) OVER ()` beside the keys. A window over every match must see all of them before
    the first row comes out, so the database cannot stop early and plans for the whole result: it finds
    the matches first (the name search's trigram index) and sorts them, instead of walking a sort index
    in the hope of meeting a page of matches soon — whatever its estimate of how many there are. For
    searches: they are narrow (a name part of three letters or more), and one pass over the matches
    replaces two (the count, then the keys).
    """
    if count_with_keys:
        return _page_with_window_count(queryset, raw_page, per_page=per_page)
    paginator = (
        Paginator(queryset, per_page) if count_cap is None else CappedPaginator(queryset, per_page, count_cap=count_cap)
    )
    number = min(_page_number(raw_page), paginator.num_pages)
    if not keys_first:
        return paginator.page(number)
    bottom = (number - 1) * per_page
    top = min(bottom + per_page, paginator.count)  # as Paginator.page does (without orphans)
    rows: list[M] = []
    if top > bottom:  # nothing matches: the count said so, no need to ask for keys
        keys_query = queryset.values_list("pk", flat=True)
        capped = isinstance(paginator, CappedPaginator) and paginator.count_capped
        if not capped and paginator.count <= KEYS_IN_ONE_READ:
            keys = list(keys_query)[bottom:top]
        else:
            keys = list(keys_query[bottom:top])
        rows = list(queryset.filter(pk__in=keys))
    return Page(rows, number, paginator)


def _page_number(raw_page: str | None) -> int:
    try:
        return max(int(raw_page or 1), 1)
    except (TypeError, ValueError):
        return 1


def _page_with_window_count(queryset: QuerySet[M], raw_page: str | None, *, per_page: int) -> Page[M]:
    keys_query = queryset.annotate(_matches=Window(Count("pk"))).values_list("pk", "_matches")
    number = _page_number(raw_page)
    found = list(keys_query[(number - 1) * per_page : number * per_page])
    paginator = Paginator(queryset, per_page)
    if found:
        paginator.count = found[0][1]
    elif number > 1:
        # Past the last page (a hand-made URL, or a list that shrank): go to the last one, as page_for does.
        number = min(number, paginator.num_pages)  # counts (one query), rare
        found = list(keys_query[(number - 1) * per_page : number * per_page])
    else:
        paginator.count = 0
    keys = [key for key, _ in found]
    rows = list(queryset.filter(pk__in=keys)) if keys else []
    return Page(rows, number, paginator)


def page_for_request(request: HttpRequest, queryset: QuerySet[M], **options: Any) -> Page[M]:
    """page_for with the number the list's pagination links carry (PAGE_PARAM); options as page_for's."""
    return page_for(queryset, request.GET.get(PAGE_PARAM), **options)
