"""Benefit pages: the list, one entered or corrected by hand, a file import; roles and scope."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.betalingen.constants import AfrekeningStatus, RunStatus
from openinburgering.betalingen.models import Afrekening, Betaalrun
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.dossiers.models import DossierEvent
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.models import Verwerking
from openinburgering.ontzorgen.models import Ontzorging
from openinburgering.uitkeringen.models import Uitkering, UitkeringImport
from openinburgering.uitkeringen.services import uitkering_set

# Every test runs on 15 March 2026 (conftest.today).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

MAART = date(2026, 3, 1)
LIST = reverse("uitkeringen:list")
EDIT = reverse("uitkeringen:edit")
IMPORT = reverse("uitkeringen:import")


@pytest.fixture
def financieel_b(gemeente_b):
    return UserFactory(username="fin.b", roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_b])


@pytest.fixture
def client_a(verified_client, financieel):
    return verified_client(financieel)


@pytest.fixture
def dossier(gemeente_a):
    return DossierFactory(gemeente=gemeente_a, inburgeraar__voornamen="Amira", inburgeraar__geslachtsnaam="Haddad")


@pytest.fixture
def dossier_b(gemeente_b):
    return DossierFactory(gemeente=gemeente_b, inburgeraar__voornamen="Bilal", inburgeraar__geslachtsnaam="Bosman")


def upload(text: str | bytes, name: str = "uitkeringen.csv"):
    data = text if isinstance(text, bytes) else text.encode()
    return SimpleUploadedFile(name, data, content_type="text/csv")


# --- the list ---------------------------------------------------------------------------------------


def test_list_shows_benefits_in_scope_and_logs(client_a, financieel, dossier, dossier_b):
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("1234.56"), actor=financieel)
    Uitkering.objects.create(dossier=dossier_b, maand=MAART, bedrag=Decimal("99.00"), bron="api", created_by=financieel)
    response = client_a.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Haddad, Amira" in html and "1.234,56" in html and "maart 2026" in html
    assert "Bosman" not in html and dossier_b.inburgeraar.bsn not in html
    assert f"{EDIT}?dossier={dossier.pk}&amp;maand=2026-03" in html
    assert Verwerking.objects.filter(
        action=Action.LIST, purpose=Purpose.ONTZORGEN, subject="uitkeringen", dossier_id=dossier.pk
    ).exists()


def test_list_filters(client_a, financieel, gemeente_a, dossier):
    other = DossierFactory(gemeente=gemeente_a, inburgeraar__geslachtsnaam="Tekle")
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("100"), actor=financieel)
    uitkering_set(dossier=other, maand=date(2026, 2, 1), bedrag=Decimal("200"), actor=financieel)

    def names(**params):
        html = client_a.get(LIST, params).content.decode()
        return [name for name in ("Haddad", "Tekle") if name in html]

    assert names() == ["Haddad", "Tekle"]
    assert names(maand="2026-02") == ["Tekle"]
    assert names(q=dossier.inburgeraar.bsn) == ["Haddad"]
    assert names(q="tekle") == ["Tekle"]
    assert names(gemeente=str(gemeente_a.pk)) == ["Haddad", "Tekle"]
    assert names(maand="2026-13", gemeente="x", page="999") == ["Haddad", "Tekle"]  # bad values are ignored


def test_list_htmx_returns_the_results_fragment(client_a, financieel, dossier):
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("100"), actor=financieel)
    response = client_a.get(LIST, {"maand": "2026-03"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="results"') and "<html" not in html


# --- one benefit ------------------------------------------------------------------------------------


def test_form_renders(client_a):
    response = client_a.get(EDIT)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="bsn"' in html and 'name="maand"' in html and 'name="bedrag"' in html


def test_form_from_the_dossier_preselects_it_and_fills_the_current_amount(client_a, financieel, dossier):
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("1234.56"), actor=financieel)
    response = client_a.get(EDIT, {"dossier": dossier.pk, "maand": "2026-03"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Amira Haddad" in html and 'name="bsn"' not in html
    assert f'name="dossier" value="{dossier.pk}"' in html
    assert 'value="1.234,56"' in html and 'value="2026-03"' in html
    assert Verwerking.objects.filter(action=Action.VIEW, subject="uitkering-invoer", dossier_id=dossier.pk).exists()


def test_post_by_bsn_creates(client_a, dossier):
    response = client_a.post(EDIT, {"bsn": dossier.inburgeraar.bsn, "maand": "2026-03", "bedrag": "1.234,56"})
    assert response.status_code == 302
    assert response["Location"].startswith(LIST) and "maand=2026-03" in response["Location"]
    assert Uitkering.objects.get().bedrag == Decimal("1234.56")
    page = client_a.get(response["Location"]).content.decode()
    assert "is vastgelegd" in page


def test_post_for_the_preselected_dossier_corrects_and_says_old_and_new(client_a, financieel, dossier):
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("1000"), actor=financieel)
    response = client_a.post(EDIT, {"dossier": dossier.pk, "maand": "2026-03", "bedrag": "1100,50"}, follow=True)
    assert "€ 1.000,00 → € 1.100,50" in response.content.decode()
    assert Uitkering.objects.get().bedrag == Decimal("1100.50")
    assert DossierEvent.objects.filter(dossier=dossier, action="uitkering_gecorrigeerd").exists()


@pytest.mark.parametrize(
    ("data", "field", "text"),
    [
        ({"maand": "2026-03", "bedrag": "1,234.56"}, "bedrag", "1.234,56"),
        ({"maand": "2026-03", "bedrag": "0"}, "bedrag", "groter zijn dan nul"),
        ({"maand": "2026-03", "bedrag": "-5"}, "bedrag", "groter zijn dan nul"),
        ({"maand": "2026-13", "bedrag": "100"}, "maand", "jjjj-mm"),
        ({"maand": "2021-12", "bedrag": "100"}, "maand", "vóór"),
        ({"maand": "2027-01", "bedrag": "100"}, "maand", "toekomst"),
        ({"maand": "2026-03", "bedrag": "100", "bsn": "123456789"}, "bsn", "elfproef"),
        ({"maand": "2026-03", "bedrag": "100", "bsn": "111222333"}, "bsn", "Onbekend BSN"),
    ],
)
def test_post_errors_are_accessible_and_store_nothing(client_a, dossier, data, field, text):
    data = {"bsn": dossier.inburgeraar.bsn, **data}
    response = client_a.post(EDIT, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="error-summary"' in html and f'href="#id_{field}"' in html
    assert f'name="{field}"' in html and f'aria-describedby="{field}-error"' in html and 'aria-invalid="true"' in html
    assert text in html
    assert not Uitkering.objects.exists()


def test_post_bsn_of_another_gemeente_is_unknown_and_reveals_nothing(client_a, dossier_b):
    response = client_a.post(EDIT, {"bsn": dossier_b.inburgeraar.bsn, "maand": "2026-03", "bedrag": "100"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Onbekend BSN" in html and "Bosman" not in html and dossier_b.gemeente.naam not in html
    assert not Uitkering.objects.exists()


def test_post_correction_of_a_settled_month_is_refused(client_a, financieel, dossier):
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("1000"), actor=financieel)
    run = Betaalrun.objects.create(
        maand=MAART, status=RunStatus.TER_ACCORDERING, uitvoerdatum=MAART, created_by=financieel
    )
    ontzorging = Ontzorging.objects.create(
        dossier=dossier,
        startdatum=date(2026, 1, 1),
        einddatum=date(2026, 6, 30),
        asielvergunning_bepaalde_tijd=True,
        besluitdatum=date(2025, 12, 20),
        created_by=financieel,
    )
    Afrekening.objects.create(
        betaalrun=run,
        ontzorging=ontzorging,
        dossier=dossier,
        gemeente=dossier.gemeente,
        maand=MAART,
        status=AfrekeningStatus.OPGENOMEN,
        uitkering=Decimal("1000"),
        inhoudingen=Decimal("600"),
        leefgeld=Decimal("400"),
    )
    response = client_a.post(EDIT, {"dossier": dossier.pk, "maand": "2026-03", "bedrag": "1200"})
    assert response.status_code == 422
    assert "al afgerekend" in response.content.decode()
    assert Uitkering.objects.get().bedrag == Decimal("1000")


# --- the import -------------------------------------------------------------------------------------


def test_import_page_shows_the_format(client_a):
    html = client_a.get(IMPORT).content.decode()
    assert (
        "bsn;maand;bedrag" in html
        and "UTF-8" in html
        and "1.234,56" in html
        and 'enctype="multipart/form-data"' in html
    )


def test_import_success_shows_the_summary(client_a, financieel, gemeente_a):
    a, b = DossierFactory.create_batch(2, gemeente=gemeente_a)
    uitkering_set(dossier=b, maand=MAART, bedrag=Decimal("500"), actor=financieel)
    text = f"bsn;maand;bedrag\n{a.inburgeraar.bsn};2026-03;1.234,56\n{b.inburgeraar.bsn};2026-03;600\n"
    response = client_a.post(IMPORT, {"bestand": upload(text, "maart.csv")}, follow=True)
    assert response.redirect_chain == [(IMPORT, 302)]
    html = response.content.decode()
    assert "2 uitkeringen ingelezen (1 gewijzigd)." in html
    assert "maart.csv" in html  # the list of the user's imports
    assert Uitkering.objects.filter(bron="import").count() == 2


def test_import_with_problems_lists_them_and_stores_nothing(client_a, dossier, dossier_b):
    text = (
        "bsn;maand;bedrag\n"
        f"{dossier.inburgeraar.bsn};2026-03;1,234.56\n"
        f"{dossier.inburgeraar.bsn};2026-13;=1+1\n"
        f"{dossier_b.inburgeraar.bsn};2026-03;100\n"
    )
    response = client_a.post(IMPORT, {"bestand": upload(text)})
    assert response.status_code == 422
    html = response.content.decode()
    assert "3 problemen gevonden" in html and 'id="error-summary"' in html and 'aria-invalid="true"' in html
    for line, label in [(2, "Bedrag"), (3, "Maand"), (3, "Bedrag")]:
        assert f'numeric">{line}</td>\n          <td class="utrecht-table__cell">{label}</td>' in html
    assert not Uitkering.objects.exists() and not UitkeringImport.objects.exists()


def test_import_unknown_bsn_is_reported_after_parsing(client_a, dossier, dossier_b):
    text = f"bsn;maand;bedrag\n{dossier.inburgeraar.bsn};2026-03;100\n{dossier_b.inburgeraar.bsn};2026-03;100\n"
    response = client_a.post(IMPORT, {"bestand": upload(text)})
    assert response.status_code == 422
    html = response.content.decode()
    assert "1 probleem gevonden" in html and "Onbekend BSN" in html and "Beekstad" not in html
    assert not Uitkering.objects.exists()


def test_import_latin1_file(client_a, dossier):
    data = f"bsn;maand;bedrag\n{dossier.inburgeraar.bsn};2026-03;100\n".encode() + "x;2026-03;café\n".encode("latin-1")
    response = client_a.post(IMPORT, {"bestand": upload(data)})
    assert response.status_code == 422
    assert "geen UTF-8" in response.content.decode()


def test_import_the_same_file_twice(client_a, dossier):
    text = f"bsn;maand;bedrag\n{dossier.inburgeraar.bsn};2026-03;100\n"
    assert client_a.post(IMPORT, {"bestand": upload(text)}).status_code == 302
    response = client_a.post(IMPORT, {"bestand": upload(text, "nogmaals.csv")})
    assert response.status_code == 422
    assert "al ingelezen" in response.content.decode()
    assert UitkeringImport.objects.count() == 1


def test_import_without_a_file(client_a):
    response = client_a.post(IMPORT, {})
    assert response.status_code == 422
    assert 'href="#id_bestand"' in response.content.decode()


# --- roles and scope --------------------------------------------------------------------------------

PAGES = [(LIST, "get"), (EDIT, "get"), (EDIT, "post"), (IMPORT, "get"), (IMPORT, "post")]


@pytest.mark.parametrize("role", [Role.KLANTREGISSEUR, Role.TEAMLEIDER, Role.BELEIDSMEDEWERKER, Role.CONTRACTMANAGER])
@pytest.mark.parametrize(("url", "method"), PAGES)
def test_other_roles_get_403(verified_client, gemeente_a, dossier, role, url, method):
    client = verified_client(UserFactory(roles=[role], gemeenten=[gemeente_a]))
    data = {"bsn": dossier.inburgeraar.bsn, "maand": "2026-03", "bedrag": "100"} if method == "post" else {}
    assert getattr(client, method)(url, data).status_code == 403
    assert not Uitkering.objects.exists()


@pytest.mark.parametrize(("url", "method"), PAGES)
def test_anonymous_is_sent_to_login(client, url, method):
    response = getattr(client, method)(url)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_dossier_of_another_gemeente_is_404(verified_client, financieel_b, dossier, method):
    client = verified_client(financieel_b)
    data = {"dossier": dossier.pk, "maand": "2026-03", "bedrag": "100"}
    response = getattr(client, method)(EDIT, data)
    assert response.status_code == 404
    assert dossier.inburgeraar.bsn not in response.content.decode()
    assert not Uitkering.objects.exists()


@pytest.mark.parametrize("value", ["abc", "99999999", "1" * 30, "-1"])
def test_bad_dossier_parameter_is_404(client_a, value):
    assert client_a.get(EDIT, {"dossier": value}).status_code == 404


def test_benefits_of_another_gemeente_are_not_listed(verified_client, financieel, financieel_b, dossier):
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("100"), actor=financieel)
    html = verified_client(financieel_b).get(LIST, {"q": dossier.inburgeraar.bsn}).content.decode()
    assert "Haddad" not in html and "0 uitkeringen" in html
