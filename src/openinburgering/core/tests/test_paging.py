"""page_for: bad page numbers fall back to the nearest page; keys_first pages exactly like the plain paginator."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openinburgering.core import paging
from openinburgering.core.paging import page_for
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.selectors import WERKVOORRAAD_ORDERING

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("keys_in_one_read", [0, 7, 10_000])  # a LIMIT per page, or all keys at once
def test_keys_first_gives_the_same_pages_in_the_same_order(gemeente_a, monkeypatch, keys_in_one_read):
    monkeypatch.setattr(paging, "KEYS_IN_ONE_READ", keys_in_one_read)
    for naam in ["Celik", "Aydin", "Bakker", "Aydin", "Celik", "Aydin", "Bakker"]:
        DossierFactory(gemeente=gemeente_a, inburgeraar__geslachtsnaam=naam)
    queryset = Dossier.objects.select_related("inburgeraar", "gemeente", "klantregisseur").order_by(
        "inburgeraar__geslachtsnaam", "-pk"
    )
    for raw_page in [None, "1", "2", "3", "4", "999", "0", "-1", "x"]:
        plain = page_for(queryset, raw_page, per_page=2)
        keys_first = page_for(queryset, raw_page, per_page=2, keys_first=True)
        assert [d.pk for d in keys_first.object_list] == [d.pk for d in plain.object_list]
        assert keys_first.number == plain.number
        assert keys_first.paginator.count == plain.paginator.count == 7
        assert keys_first.has_next() == plain.has_next()
    names = [d.inburgeraar.geslachtsnaam for d in page_for(queryset, "1", per_page=7, keys_first=True)]
    assert names == ["Aydin", "Aydin", "Aydin", "Bakker", "Bakker", "Celik", "Celik"]


def test_keys_first_on_an_empty_result_asks_only_for_the_count(gemeente_a, django_assert_num_queries):
    DossierFactory(gemeente=gemeente_a, inburgeraar__geslachtsnaam="Aydin")
    with django_assert_num_queries(1):
        page = page_for(Dossier.objects.filter(inburgeraar__geslachtsnaam="Celik").order_by("pk"), "3", keys_first=True)
        assert page.number == 1
        assert list(page.object_list) == []
        assert page.paginator.count == 0


@pytest.mark.parametrize("keys_first", [False, True])
def test_count_cap_counts_no_further_and_pages_within_the_first_rows(gemeente_a, keys_first):
    for naam in ["Celik", "Aydin", "Bakker", "Aydin", "Celik", "Aydin", "Bakker"]:
        DossierFactory(gemeente=gemeente_a, inburgeraar__geslachtsnaam=naam)
    queryset = Dossier.objects.select_related("inburgeraar").order_by("inburgeraar__geslachtsnaam", "-pk")
    first_five = [d.pk for d in queryset[:5]]

    pages = [page_for(queryset, raw, per_page=2, keys_first=keys_first, count_cap=5) for raw in ["1", "2", "3", "999"]]
    assert [page.number for page in pages] == [1, 2, 3, 3]  # page 999 is the last page within the cap
    assert all(page.paginator.count == 5 and page.paginator.count_capped for page in pages)
    assert [d.pk for page in pages[:3] for d in page.object_list] == first_five
    assert not pages[2].has_next()

    exact = page_for(queryset, "4", per_page=2, keys_first=keys_first, count_cap=7)
    assert (exact.paginator.count, exact.paginator.count_capped, exact.number) == (7, False, 4)
    assert [d.pk for d in exact.object_list] == [d.pk for d in queryset[6:]]


def test_count_cap_asks_the_database_for_at_most_cap_plus_one_rows(gemeente_a):
    DossierFactory.create_batch(4, gemeente=gemeente_a)
    with CaptureQueriesContext(connection) as captured:
        page = page_for(Dossier.objects.order_by("pk"), "1", per_page=2, keys_first=True, count_cap=3)
    assert page.paginator.count_capped
    count_sql = next(q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT"))
    assert "LIMIT 4" in count_sql and "ORDER BY" not in count_sql  # any four rows: the database may stop early
    keys_sql = captured.captured_queries[1]["sql"]
    assert keys_sql.endswith("LIMIT 2")  # one page of keys, never all the matching rows' keys


def test_count_with_keys_gives_the_same_pages_as_the_plain_paginator(gemeente_a):
    for naam in ["Celik", "Aydin", "Bakker", "Aydin", "Celik", "Aydin", "Bakker"]:
        DossierFactory(gemeente=gemeente_a, inburgeraar__geslachtsnaam=naam)
    queryset = Dossier.objects.select_related("inburgeraar").order_by("inburgeraar__geslachtsnaam", "-pk")
    for raw_page in [None, "1", "2", "3", "4", "5", "999", "0", "-1", "x"]:
        plain = page_for(queryset, raw_page, per_page=2)
        windowed = page_for(queryset, raw_page, per_page=2, count_with_keys=True)
        assert [d.pk for d in windowed.object_list] == [d.pk for d in plain.object_list], raw_page
        assert (windowed.number, windowed.paginator.count) == (plain.number, 7), raw_page
        assert windowed.has_next() == plain.has_next()


def test_count_with_keys_counts_in_the_keys_query(gemeente_a):
    DossierFactory.create_batch(5, gemeente=gemeente_a)
    queryset = Dossier.objects.order_by("pk")
    with CaptureQueriesContext(connection) as captured:
        page = page_for(queryset, "2", per_page=2, count_with_keys=True)
        assert page.paginator.count == 5
    assert [d.pk for d in page.object_list] == [d.pk for d in queryset[2:4]]
    assert len(captured.captured_queries) == 2  # keys with the count, then the rows
    assert "MATERIALIZED" in captured.captured_queries[0]["sql"]
    assert "OVER ()" in captured.captured_queries[0]["sql"]
    assert not any(q["sql"].startswith("SELECT COUNT") for q in captured.captured_queries)


def test_count_with_keys_on_nothing_found_is_one_query(gemeente_a, django_assert_num_queries):
    DossierFactory(gemeente=gemeente_a)
    with django_assert_num_queries(1):
        page = page_for(Dossier.objects.filter(pk=-1).order_by("pk"), "1", count_with_keys=True)
        assert (page.number, page.paginator.count, list(page.object_list)) == (1, 0, [])


@pytest.mark.parametrize("sort", sorted(WERKVOORRAAD_ORDERING))
def test_count_with_keys_sorts_as_the_werkvoorraad_does(gemeente_a, gemeente_b, sort):
    """Every werkvoorraad sort, NULLS LAST and descending ones included, gives the plain paginator's pages."""
    for i, naam in enumerate(["Celik", "Aydin", "Bakker", "Aydin", "Celik", "Aydin", "Bakker"]):
        DossierFactory(
            gemeente=gemeente_a if i % 2 else gemeente_b,
            inburgeraar__geslachtsnaam=naam,
            termijn_datum=None if i % 3 == 0 else date(2026, 12, 1 + i % 2),
        )
    queryset = Dossier.objects.select_related("inburgeraar").order_by(*WERKVOORRAAD_ORDERING[sort])
    for raw_page in ["1", "2", "3", "4"]:
        plain = page_for(queryset, raw_page, per_page=2)
        windowed = page_for(queryset, raw_page, per_page=2, count_with_keys=True)
        assert [d.pk for d in windowed.object_list] == [d.pk for d in plain.object_list], (sort, raw_page)


def test_count_with_keys_on_an_empty_queryset_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        page = page_for(Dossier.objects.none().order_by("pk"), "3", count_with_keys=True)
        assert (page.number, page.paginator.count, list(page.object_list)) == (1, 0, [])


def test_count_with_keys_and_a_cap_sorts_among_the_first_matches_found(gemeente_a):
    """Beyond the cap, the page holds the capped matches sorted in the list's order, says "more than N",
    and pages only within N; at or below the cap it is the plain paginator's page."""
    for naam in ["Celik", "Aydin", "Bakker", "Aydin", "Celik", "Aydin", "Bakker"]:
        DossierFactory(gemeente=gemeente_a, inburgeraar__geslachtsnaam=naam)
    queryset = Dossier.objects.select_related("inburgeraar").order_by("inburgeraar__geslachtsnaam", "-pk")
    with CaptureQueriesContext(connection) as captured:
        pages = [page_for(queryset, raw, per_page=2, count_with_keys=True, count_cap=5) for raw in ("1", "2", "3", "9")]
    assert all("LIMIT 6" in q["sql"] for q in captured.captured_queries if "MATERIALIZED" in q["sql"])
    assert [page.number for page in pages] == [1, 2, 3, 3]
    assert all(page.paginator.count == 5 and page.paginator.count_capped for page in pages)
    shown = [d for page in pages[:3] for d in page.object_list]
    assert len(shown) == len({d.pk for d in shown}) == 5
    names = [d.inburgeraar.geslachtsnaam for d in shown]
    assert names == sorted(names)  # in the list's order among themselves
    assert not pages[2].has_next()

    for cap in (7, 8):  # exactly at the cap, and below it: exact
        for raw in ["1", "4"]:
            exact = page_for(queryset, raw, per_page=2, count_with_keys=True, count_cap=cap)
            plain = page_for(queryset, raw, per_page=2)
            assert (exact.paginator.count, exact.paginator.count_capped) == (7, False)
            assert [d.pk for d in exact.object_list] == [d.pk for d in plain.object_list]
