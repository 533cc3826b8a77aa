"""page_for: bad page numbers fall back to the nearest page; keys_first pages exactly like the plain paginator."""

import pytest

from openinburgering.core import paging
from openinburgering.core.paging import page_for
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.dossiers.models import Dossier

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
