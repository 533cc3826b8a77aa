"""Paging and sorting for lists: bad page numbers or sort keys never cause a server error."""

from collections.abc import Mapping, Sequence
from typing import TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def page_for(queryset: QuerySet[M], raw_page: str | None, *, per_page: int = 25) -> Page[M]:
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
    key = raw if raw is not None and raw in allowed else default
    return key, allowed[key]
