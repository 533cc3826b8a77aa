"""Paging and sorting for lists: bad page numbers or sort keys never cause a server error."""

from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest

M = TypeVar("M", bound=Model)

# The query parameter of the page number, for every list: templates/components/pagination.html writes it
# (keeping the list's other parameters, its filters), page_for_request reads it.
PAGE_PARAM = "page"

# page_for(keys_first=True) reads all keys at once up to this many matching rows (see there).
KEYS_IN_ONE_READ = 10_000


def page_for(queryset: QuerySet[M], raw_page: str | None, *, per_page: int = 25, keys_first: bool = False) -> Page[M]:
    """The requested page, or the nearest existing one for a missing, bad or too-large number.

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
    """
    paginator = Paginator(queryset, per_page)
    try:
        number = int(raw_page or 1)
    except (TypeError, ValueError):
        number = 1
    number = min(max(number, 1), paginator.num_pages)
    if not keys_first:
        return paginator.page(number)
    bottom = (number - 1) * per_page
    top = min(bottom + per_page, paginator.count)  # as Paginator.page does (without orphans)
    rows: list[M] = []
    if top > bottom:  # nothing matches: the count said so, no need to ask for keys
        keys_query = queryset.values_list("pk", flat=True)
        few = paginator.count <= KEYS_IN_ONE_READ
        keys = list(keys_query)[bottom:top] if few else list(keys_query[bottom:top])
        rows = list(queryset.filter(pk__in=keys))
    return Page(rows, number, paginator)


def page_for_request(request: HttpRequest, queryset: QuerySet[M], **options: Any) -> Page[M]:
    """page_for with the number the list's pagination links carry (PAGE_PARAM); options as page_for's."""
    return page_for(queryset, request.GET.get(PAGE_PARAM), **options)
