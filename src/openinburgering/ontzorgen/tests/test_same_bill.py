"""Issue 11, 2.1: the same bill must not be paid twice. A second fixed cost with the same creditor IBAN,
betalingskenmerk and amount in an overlapping month is refused, naming the existing obligation, unless the
user confirms it is a different bill; the confirmation is recorded (who, when) on the version and the
timeline. Through the service, the add form and the change form; a refusal stores nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.dossiers.models import DossierEvent
from openinburgering.logboek.models import Verwerking
from openinburgering.ontzorgen import services
from openinburgering.ontzorgen.constants import KenmerkSoort, VasteLastSoortChoices
from openinburgering.ontzorgen.exceptions import OntzorgenRefused, errors_of
from openinburgering.ontzorgen.factories import (
    BETALINGSKENMERK,
    IBAN_CREDITEUR,
    IBAN_CREDITEUR_2,
    OntzorgingFactory,
    betalingskenmerk_for,
)
from openinburgering.ontzorgen.models import VasteLast, VasteLastVersie

pytestmark = pytest.mark.django_db

# The last day of November: the ontzorging starts this month, and its third month is next year's January.
NOVEMBER_END = date(2027, 11, 30)


@pytest.fixture(autouse=True)
def today():
    with travel_to(NOVEMBER_END):
        yield NOVEMBER_END


@pytest.fixture
def ontzorging(dossier, fm):
    return OntzorgingFactory(dossier=dossier, created_by=fm)


def first_month(ontzorging):
    return ontzorging.startdatum.replace(day=1)


def terms(ontzorging, **overrides):
    values = {
        "van_maand": first_month(ontzorging),
        "tot_en_met_maand": None,
        "crediteur": "Woningstichting De Linie",
        "iban": IBAN_CREDITEUR,
        "bic": "",
        "kenmerk_soort": KenmerkSoort.GESTRUCTUREERD,
        "kenmerk": BETALINGSKENMERK,
        "bedrag": Decimal("650.00"),
    }
    return values | overrides


def add(ontzorging, actor, soort=VasteLastSoortChoices.HUUR, **overrides):
    return services.vaste_last_add(ontzorging=ontzorging, actor=actor, soort=soort, **terms(ontzorging, **overrides))


def snapshot():
    return (
        list(VasteLast.objects.values_list("pk", flat=True)),
        list(VasteLastVersie.objects.values_list("pk", "tot_en_met_maand")),
        DossierEvent.objects.count(),
        Verwerking.objects.count(),
    )


def test_the_same_bill_again_is_refused_naming_the_existing_obligation(ontzorging, fm):
    add(ontzorging, fm)
    before = snapshot()
    with pytest.raises(OntzorgenRefused) as refused:
        # Entered again as "overig", with spaces in the kenmerk and the IBAN: still the same bill.
        add(
            ontzorging,
            fm,
            soort=VasteLastSoortChoices.WATER,
            iban="nl02 abna 0123 4567 89",
            kenmerk=" ".join(BETALINGSKENMERK[i : i + 4] for i in range(0, 16, 4)),
        )
    [error] = errors_of(refused.value)
    assert error.field == "andere_rekening" and error.code == "dubbele_rekening"
    assert "Huur aan Woningstichting De Linie, € 650,00 per maand" in error.message
    assert IBAN_CREDITEUR in error.message and BETALINGSKENMERK in error.message
    assert "Dit is een andere rekening" in error.message
    assert snapshot() == before


def test_later_months_overlap_too_but_an_earlier_stopped_one_does_not(ontzorging, fm):
    start = first_month(ontzorging)
    add(ontzorging, fm, tot_en_met_maand=date(start.year + (start.month // 12), start.month % 12 + 1, 1))
    with pytest.raises(OntzorgenRefused):
        add(ontzorging, fm, van_maand=date(start.year + (start.month // 12), start.month % 12 + 1, 1))
    third = date(start.year + ((start.month + 1) // 12), (start.month + 1) % 12 + 1, 1)
    assert (start, third) == (date(2027, 11, 1), date(2028, 1, 1))
    add(ontzorging, fm, van_maand=third)  # after the first one stopped: the same bill, not twice at once
    assert VasteLast.objects.count() == 2


@pytest.mark.parametrize(
    "different",
    [{"iban": IBAN_CREDITEUR_2}, {"kenmerk": betalingskenmerk_for(99)}, {"bedrag": Decimal("650.01")}],
)
def test_a_different_account_kenmerk_or_amount_is_another_bill(ontzorging, fm, different):
    add(ontzorging, fm)
    add(ontzorging, fm, soort=VasteLastSoortChoices.WATER, **different)
    assert VasteLast.objects.count() == 2
    assert not VasteLastVersie.objects.filter(andere_rekening_bevestigd_op__isnull=False).exists()


def test_confirmed_as_another_bill_it_is_stored_with_who_and_when_on_the_timeline(ontzorging, fm):
    huur = add(ontzorging, fm)
    second = add(ontzorging, fm, soort=VasteLastSoortChoices.GAS, andere_rekening=True)
    versie = second.versies.get()
    assert versie.andere_rekening_bevestigd_door == fm
    assert versie.andere_rekening_bevestigd_op is not None
    assert versie.lijkt_op == huur
    event = DossierEvent.objects.filter(action="ontzorgen_vaste_last").latest("pk")
    [change] = [c for c in event.changes if c["field"] == "andere_rekening"]
    assert "bevestigd door Ahmed Financieel" in change["new"] and "Woningstichting De Linie" in change["new"]


def test_the_same_bill_for_another_person_in_the_gemeente_is_refused_too(ontzorging, fm, gemeente_a):
    add(ontzorging, fm)
    other = OntzorgingFactory(dossier=DossierFactory(gemeente=gemeente_a), created_by=fm)
    with pytest.raises(OntzorgenRefused) as refused:
        add(other, fm)
    assert ontzorging.dossier.kenmerk in refused.value.message


def test_a_change_that_makes_it_the_same_bill_is_refused(ontzorging, fm):
    add(ontzorging, fm)
    water = add(ontzorging, fm, soort=VasteLastSoortChoices.WATER, iban=IBAN_CREDITEUR_2, bedrag=Decimal("30.00"))
    before = snapshot()
    with pytest.raises(OntzorgenRefused) as refused:
        services.vaste_last_change(vaste_last=water, actor=fm, **terms(ontzorging))
    assert errors_of(refused.value)[0].code == "dubbele_rekening"
    assert snapshot() == before


def test_the_add_form_asks_for_the_confirmation_then_records_it(verified_client, fm, dossier, ontzorging):
    add(ontzorging, fm)
    client = verified_client(fm)
    url = reverse("ontzorgen:vaste_last_add", args=[dossier.pk, ontzorging.pk])
    data = {f"vaste-last-{k}": v for k, v in terms(ontzorging).items() if v is not None}
    data |= {
        "vaste-last-soort": VasteLastSoortChoices.WATER,
        "vaste-last-van_maand": f"{first_month(ontzorging):%Y-%m}",
    }
    data["vaste-last-bedrag"] = "650,00"
    html = client.get(reverse("ontzorgen:detail", args=[dossier.pk])).content.decode()
    assert 'name="vaste-last-andere_rekening"' not in html  # asked only when needed

    response = client.post(url, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'name="vaste-last-andere_rekening"' in html and 'href="#id_vaste-last-andere_rekening"' in html
    assert "Deze rekening wordt al betaald" in html
    assert VasteLast.objects.count() == 1

    response = client.post(url, data | {"vaste-last-andere_rekening": "on"})
    assert response.status_code == 302
    assert VasteLastVersie.objects.filter(andere_rekening_bevestigd_door=fm).count() == 1


def test_adding_a_fixed_cost_for_a_settled_month_says_it_is_paid_later(verified_client, fm, dossier, put_in_run):
    ontzorging = OntzorgingFactory(dossier=dossier, created_by=fm)
    huur = add(ontzorging, fm)
    put_in_run(huur, first_month(ontzorging))  # that month is settled, without water
    client = verified_client(fm)
    data = {f"vaste-last-{k}": v for k, v in terms(ontzorging).items() if v is not None}
    data |= {
        "vaste-last-soort": VasteLastSoortChoices.WATER,
        "vaste-last-van_maand": f"{first_month(ontzorging):%Y-%m}",
        "vaste-last-iban": IBAN_CREDITEUR_2,
        "vaste-last-bedrag": "25,40",
    }
    url = reverse("ontzorgen:vaste_last_add", args=[dossier.pk, ontzorging.pk])
    html = client.post(url, data, follow=True).content.decode()
    assert "Water is toegevoegd." in html and "wordt nabetaald" in html
