"""Issue 11, 2.4: one amount parser in every way in. `1e3` was 1000.00 in the API and the fixed-cost form
but refused by the CSV import, and the API took JSON numbers for bedrag and bsn. Now every way in refuses
the same values with the same Dutch message naming the field, and a refusal stores nothing."""

from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.core.bedragen import bedrag_parse
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.dossiers.models import DossierEvent
from openinburgering.ontzorgen.constants import KenmerkSoort, VasteLastSoortChoices
from openinburgering.ontzorgen.factories import BETALINGSKENMERK, IBAN_CREDITEUR, OntzorgingFactory
from openinburgering.ontzorgen.models import VasteLast, VasteLastVersie
from openinburgering.uitkeringen.models import Uitkering, UitkeringImport

pytestmark = pytest.mark.django_db

BAD = ["1e3", "1E3", "2.5e2", "NaN", "Infinity", "12,345", "1.234,567", "-5,00", "0", "12,5", "1,234.56", "€ 12"]
GOOD = [("1234,56", "1234.56"), ("1.234,56", "1234.56"), ("1234.56", "1234.56"), ("1234", "1234")]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel("2026-03-15 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def financieel(gemeente_a):
    return UserFactory(username="fin.a", roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a])


@pytest.fixture
def dossier(gemeente_a):
    return DossierFactory(gemeente=gemeente_a)


def expected(text: str, veld: str) -> str:
    with pytest.raises(ValueError) as caught:
        bedrag_parse(text, veld=veld)
    return str(caught.value)


def nothing_stored():
    return not (
        Uitkering.objects.exists()
        or UitkeringImport.objects.exists()
        or VasteLast.objects.exists()
        or VasteLastVersie.objects.exists()
        or DossierEvent.objects.filter(action__startswith="ontzorgen_").exists()
    )


def test_one_message_for_the_benefit_in_the_form_the_file_and_the_api(
    verified_client, token_client, financieel, dossier
):
    # The API is used by a system account of the same gemeenten (a person's account holds no token).
    koppeling = UserFactory(roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=list(financieel.gemeenten.all()))
    client, api = verified_client(financieel), token_client(koppeling)
    bsn = dossier.inburgeraar.bsn
    for text in BAD:
        message = expected(text, "het bedrag")
        assert "het bedrag" in message.lower()

        form = client.post(reverse("uitkeringen:edit"), {"bsn": bsn, "maand": "2026-03", "bedrag": text})
        assert form.status_code == 422, text
        assert form.context["form"].errors["bedrag"] == [message]

        upload = SimpleUploadedFile("u.csv", f'bsn;maand;bedrag\n{bsn};2026-03;"{text}"\n'.encode(), "text/csv")
        file = client.post(reverse("uitkeringen:import"), {"bestand": upload})
        assert file.status_code == 422, text
        assert [(p.line, p.field, p.message) for p in file.context["problems"]] == [(2, "bedrag", message)]

        response = api.post("/api/v1/uitkeringen/", {"bsn": bsn, "maand": "2026-03", "bedrag": text}, format="json")
        assert response.status_code == 400, (text, response.content)
        assert response.json()["invalidParams"] == [{"name": "bedrag", "code": "invalid", "reason": message}]
    assert nothing_stored()


@pytest.mark.parametrize(("text", "amount"), GOOD)
def test_the_same_notations_are_accepted_everywhere(verified_client, token_client, financieel, dossier, text, amount):
    api = token_client(financieel)
    response = api.post(
        "/api/v1/uitkeringen/", {"bsn": dossier.inburgeraar.bsn, "maand": "2026-03", "bedrag": text}, format="json"
    )
    assert response.status_code == 200, response.content
    assert Uitkering.objects.get().bedrag == Decimal(amount)


@pytest.mark.parametrize("value", [1000, 1e3, 1234.56, 0.1, True])
def test_the_api_refuses_a_json_number_for_the_amount(token_client, financieel, dossier, value):
    response = token_client(financieel).post(
        "/api/v1/uitkeringen/", {"bsn": dossier.inburgeraar.bsn, "maand": "2026-03", "bedrag": value}, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    [param] = response.json()["invalidParams"]
    assert (param["name"], param["code"]) == ("bedrag", "type")
    assert param["reason"].startswith("Het bedrag moet tekst zijn") and '"1234.56"' in param["reason"]
    assert nothing_stored()


def test_the_api_refuses_a_json_number_for_the_bsn(token_client, financieel, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a, inburgeraar__bsn="123456782")
    response = token_client(financieel).post(
        "/api/v1/uitkeringen/", [{"bsn": 123456782, "maand": "2026-03", "bedrag": "100,00"}], format="json"
    )
    assert response.status_code == 400
    [param] = response.json()["invalidParams"]
    assert (param["name"], param["code"]) == ("0.bsn", "type")
    assert param["reason"].startswith("Het BSN moet tekst zijn")
    assert dossier.inburgeraar.bsn == "123456782" and nothing_stored()


def vaste_last_data(bedrag):
    data = {
        "soort": VasteLastSoortChoices.HUUR,
        "van_maand": "2026-03",
        "tot_en_met_maand": "",
        "crediteur": "Woningstichting De Linie",
        "iban": IBAN_CREDITEUR,
        "bic": "",
        "kenmerk_soort": KenmerkSoort.GESTRUCTUREERD,
        "kenmerk": BETALINGSKENMERK,
        "bedrag": bedrag,
    }
    return {f"vaste-last-{key}": value for key, value in data.items()}


def test_the_fixed_cost_form_uses_the_same_parser(verified_client, gemeente_a, dossier):
    fm = UserFactory(username="fm.a", roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a])
    ontzorging = OntzorgingFactory(dossier=dossier, created_by=fm)
    client = verified_client(fm)
    url = reverse("ontzorgen:vaste_last_add", args=[dossier.pk, ontzorging.pk])
    for text in BAD:
        response = client.post(url, vaste_last_data(text))
        assert response.status_code == 422, text
        html = response.content.decode()
        message = expected(text, "het bedrag per maand")
        assert message.split(". ")[0].replace("‘", "&lsquo;").replace("’", "&rsquo;") in html or (
            message.split(". ")[0] in html
        ), (text, message)
    assert not VasteLast.objects.exists() and not VasteLastVersie.objects.exists()
    response = client.post(url, vaste_last_data("1.234,56"))
    assert response.status_code == 302
    assert VasteLastVersie.objects.get().bedrag == Decimal("1234.56")
