"""Paging and sorting for lists: bad page numbers or sort keys never cause a server error."""

from collections.abc import Callable
from functools import cached_property
from typing import Any, TypeVar

from django.core.exceptions import EmptyResultSet
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import F, Model, OrderBy, QuerySet
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

    def __init__(self, queryset: QuerySet[M], per_page: int, *, count_cap: int, matches: int | None = None) -> None:
        """`matches`: the rows found up to count_cap + 1, when the caller counted them already."""
        super().__init__(queryset, per_page)
        self.queryset = queryset
        self.count_cap = count_cap
        if matches is not None:
            self.__dict__["_capped_count"] = matches

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

    `count_with_keys` (implies keys_first) reads the page's keys and the number of matches in one query.
    The matches are gathered in a MATERIALIZED common table expression, which the database plans for its
    whole result: it finds them first (a name search's trigram index) and sorts them
    outside, instead of walking a sort index in the hope of meeting a page of matches soon — PostgreSQL
    did that for "mohammed" (8,671 matches: 3.4 s at 1M) even with a window count beside a LIMIT. For
    searches: they are narrow (a name part of three letters or more), and one pass over the matches
    replaces two (the count, then the keys). Sorts by fields only (`"-pk"`, `F("x").asc(nulls_last=True)`).
    With `count_cap`, the expression gathers at most count_cap + 1 matches (a LIMIT without ORDER BY: the
    database stops at the first ones it finds) and the page is sorted *among those*: a common first name
    ("mohammed", 8,671 matches at 1M) then costs a fraction of reading all its matches. The caller must
    say so on the page: beyond the cap the list holds the first matches found, not the first in its order.
    """
    if count_with_keys:
        return _page_with_match_count(queryset, raw_page, per_page=per_page, count_cap=count_cap)
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


def _order_terms(queryset: QuerySet[M]) -> list[tuple[str, OrderBy]]:
    """The queryset's ORDER BY as (field path, OrderBy) pairs: "-pk" and F("x").asc(nulls_last=True) alike."""
    terms = []
    for item in queryset.query.order_by:
        if isinstance(item, str):
            name = item.removeprefix("-")
            terms.append((name, F(name).desc() if item.startswith("-") else F(name).asc()))
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            terms.append((str(item.expression.deconstruct()[1][0]), item))  # F's name
        else:
            raise ValueError(f"count_with_keys cannot sort by {item!r}")
    return terms


def _match_counter(
    queryset: QuerySet[M], *, per_page: int, count_cap: int | None
) -> Callable[[int], list[tuple[int, int]]] | None:
    """For page numbers: the page's keys, each with the number of matches (COUNT(*) OVER ()), in one query.
    The matches (key and sort values) are gathered in a MATERIALIZED common table expression, which the
    database plans for its whole result (or for its first count_cap + 1 rows), then sorted, counted and cut
    to the page outside it. None for a queryset that can match nothing (`none()`)."""
    order = _order_terms(queryset)
    columns = {"_key": F("pk"), **{f"_sort{i}": F(name) for i, (name, _) in enumerate(order)}}
    matches = queryset.order_by().annotate(**columns).values_list(*columns)
    if count_cap is not None:
        matches = matches[: count_cap + 1]
    connection = connections[queryset.db]
    try:
        inner_sql, inner_params = matches.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # queryset.none(): nothing to ask
        return None
    quote = connection.ops.quote_name
    order_sql = ", ".join(
        quote(f"_sort{i}")
        + (" DESC" if term.descending else " ASC")
        + (" NULLS LAST" if term.nulls_last else " NULLS FIRST" if term.nulls_first else "")
        for i, (_, term) in enumerate(order)
    )
    sql = (
        f"WITH matches AS MATERIALIZED ({inner_sql}) "  # noqa: S608 - our own compiled query; values are params
        f"SELECT {quote('_key')}, COUNT(*) OVER () FROM matches ORDER BY {order_sql} LIMIT %s OFFSET %s"
    )

    def keys_and_count(number: int) -> list[tuple[int, int]]:
        offset = (number - 1) * per_page
        limit = per_page if count_cap is None else max(min(per_page, count_cap - offset), 0)
        with connection.cursor() as cursor:
            cursor.execute(sql, (*inner_params, limit, offset))
            return list(cursor.fetchall())

    return keys_and_count


def _page_with_match_count(
    queryset: QuerySet[M], raw_page: str | None, *, per_page: int, count_cap: int | None
) -> Page[M]:
    """page_for(count_with_keys=True): one query for the page's keys and the number of matches."""
    keys_and_count = _match_counter(queryset, per_page=per_page, count_cap=count_cap)
    if keys_and_count is None:
        return Page([], 1, Paginator(queryset.none(), per_page))

    def paginator_for(found: int | None) -> Paginator[M]:
        if count_cap is None:
            paginator = Paginator(queryset, per_page)
            if found is not None:
                paginator.count = found
            return paginator
        return CappedPaginator(queryset, per_page, count_cap=count_cap, matches=found)

    number = _page_number(raw_page)
    if count_cap is not None:
        number = min(number, -(-count_cap // per_page))  # the pages within the cap
    found = keys_and_count(number)
    if found:
        paginator = paginator_for(found[0][1])
    elif number > 1:
        # Past the last page (a hand-made URL, or a list that shrank): go to the last one, as page_for does.
        paginator = paginator_for(None)
        number = min(number, paginator.num_pages)  # counts (one query), rare
        found = keys_and_count(number)
    else:
        paginator = paginator_for(0)
    keys = [key for key, _ in found]
    rows = list(queryset.filter(pk__in=keys)) if keys else []
    return Page(rows, number, paginator)


class MatchCountPaginator(Paginator[M]):
    """A Paginator whose `page()` reads the page's keys and the exact number of matches in one query (as
    page_for's count_with_keys), instead of a COUNT and then an ORDER BY … LIMIT … OFFSET that PostgreSQL may
    answer by walking a sort index past every row (a name search by the API at 1M: 232–285 → 163 ms,
    bench/README.md). A page past the end raises EmptyPage, as Paginator does (the API answers 404). The
    queryset must be ordered by fields only."""

    def __init__(self, queryset: QuerySet[M], per_page: int, **options: Any) -> None:
        super().__init__(queryset, per_page, **options)
        self.queryset = queryset

    def page(self, number: int | str) -> Page[M]:
        number = self.validate_number_format(number)
        keys_and_count = _match_counter(self.queryset, per_page=self.per_page, count_cap=None)
        found = keys_and_count(number) if keys_and_count is not None else []
        if not found and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        self.__dict__["count"] = found[0][1] if found else 0  # count is a cached_property
        keys = [key for key, _ in found]
        rows = list(self.queryset.filter(pk__in=keys)) if keys else []
        return Page(rows, number, self)

    def validate_number_format(self, number: int | str) -> int:
        """validate_number's checks that need no count: an integer of at least 1."""
        try:
            value = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if value < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return value


def page_for_request(request: HttpRequest, queryset: QuerySet[M], **options: Any) -> Page[M]:
    """page_for with the number the list's pagination links carry (PAGE_PARAM); options as page_for's."""
    return page_for(queryset, request.GET.get(PAGE_PARAM), **options)
