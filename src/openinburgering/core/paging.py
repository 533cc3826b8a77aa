"""Paging and sorting for lists: bad page numbers or sort keys never cause a server error."""

from collections.abc import Mapping, Sequence

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def page_for(queryset: QuerySet, raw_page: str | None, *, per_page: int = 25) -> Page:
    """The requested page, or the nearest existing one for a missing, bad or too-large number."""
    paginator = Paginator(queryset, per_page)
    try:
        number = int(raw_page or 1)
    except (TypeError, ValueError):
        number = 1
    number = min(max(number, 1), paginator.num_pages)
    return paginator.page(number)


def order_for(raw: str | None, allowed: Mapping[str, Sequence[str]], default: str) -> tuple[str, Sequence[str]]:
    """The sort key and its ORDER BY fields; an unknown key falls back to the default."""
    key = raw if raw in allowed else default
    return key, allowed[key]
