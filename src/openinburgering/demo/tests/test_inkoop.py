"""The demo's contracts: several price models, a keurmerk about to expire and one expired, deterministic."""

from datetime import date

import pytest

from openinburgering.aanbod.models import Aanbieder
from openinburgering.demo.generator import load_region
from openinburgering.inkoop.models import Contract, Perceel
from openinburgering.inkoop.selectors import percelen_beschikbaar
from openinburgering.rules.inkoop import Keurmerkstatus

TODAY = date(2026, 11, 22)


@pytest.fixture
def region(db):
    return load_region(seed=2026, size=20, today=TODAY)


def test_the_region_has_contracts_with_every_price_model_and_the_keurmerk_signals(region):
    assert region.chain_counts["inkoop.Contract"] == 3
    assert set(Perceel.objects.values_list("prijsmodel", flat=True)) == {"per_traject", "per_uur", "traject_bonus"}
    status = {a.naam: a.keurmerk_status(TODAY) for a in Aanbieder.objects.all()}
    assert status == {
        "Taalschool De Brug": Keurmerkstatus.GELDIG,
        "ROC Da Vinci College": Keurmerkstatus.VERLOOPT_BINNENKORT,
        "Taalhuis Drechtsteden": Keurmerkstatus.VERLOPEN,
    }
    brug = Contract.objects.get(kenmerk="INK-2025-001")
    assert list(brug.versies.values_list("versie", "ingangsdatum")) == [(1, date(2025, 1, 1)), (2, date(2026, 1, 1))]
    assert Contract.objects.get(kenmerk="INK-2025-002").einddatum == date(2027, 1, 21)  # ends within 90 days
    dordrecht = Contract.objects.get(kenmerk="INK-2025-001").uitvoeringsorganisatie.gemeenten.get(code="0505")
    [b1] = percelen_beschikbaar(gemeente_id=dordrecht.pk, component="b1_route", on_date=TODAY)
    assert b1.aanbieder.naam == "Taalschool De Brug" and str(b1.tarief) == "10150.00"
