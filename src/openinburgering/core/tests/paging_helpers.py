"""Page 2 of a list, reached the way a user reaches it: by following the "Volgende" link of page 1."""

import html
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from openinburgering.core import paging

PER_PAGE = 2  # small pages, so that a handful of rows makes a page 2


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every list pages by PER_PAGE rows (instead of 25 or 50), whatever page size its view asks for."""
    real = paging.page_for
    monkeypatch.setattr(
        paging, "page_for", lambda queryset, raw, **kw: real(queryset, raw, **{**kw, "per_page": PER_PAGE})
    )


def next_link(content: str) -> str:
    found = re.search(r'<a [^>]*rel="next" href="([^"]*)"', content)
    assert found, "page 1 has no link to the next page"
    return html.unescape(found.group(1))


def follow_to_page_two(
    client: Client, url: str, params: dict[str, str], *, matches: Callable[[Any], bool] = lambda row: True
) -> list[Any]:
    """Open page 1 with the filter, follow "Volgende", and check that page 2 is page 2 of the same filter.

    Returns the rows of page 2 (every one of which `matches` the filter)."""
    first = client.get(url, params)
    assert first.status_code == 200
    assert first.context["page"].number == 1
    assert first.context["page"].paginator.count > PER_PAGE
    href = next_link(first.content.decode())
    assert href.startswith("?")
    query = parse_qs(urlsplit(href).query, keep_blank_values=True)
    assert query.pop("page") == ["2"]
    assert query == {key: [value] for key, value in params.items()}, "the link drops or changes the filter"

    second = client.get(url + href)
    assert second.status_code == 200
    page = second.context["page"]
    assert page.number == 2
    assert page.paginator.count == first.context["page"].paginator.count
    rows = list(page.object_list)
    assert rows
    assert all(matches(row) for row in rows)
    seen_first = {getattr(row, "pk", id(row)) for row in first.context["page"].object_list}
    assert not seen_first & {getattr(row, "pk", id(row)) for row in rows}
    assert 'rel="prev"' in second.content.decode()
    return rows
