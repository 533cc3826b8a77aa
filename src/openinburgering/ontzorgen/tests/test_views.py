"""Pages: the ontzorgen page of a dossier and its forms (htmx and without), the overview, the monthly overview."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.letters.models import Document
from openinburgering.logboek.constants import Action
from openinburgering.logboek.models import Verwerking
from openinburgering.ontzorgen.constants import KenmerkSoort, OntzorgingStatus, VasteLastSoortChoices, WijzigingSoort
from openinburgering.ontzorgen.factories import (
    BETALINGSKENMERK,
    IBAN_CREDITEUR,
    OntzorgingFactory,
    VasteLastFactory,
)
from openinburgering.ontzorgen.models import Ontzorging, OntzorgingWijziging, VasteLast
from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep

pytestmark = pytest.mark.django_db

# The last day of a month whose next month is shorter: "this month" and "next month" totals move.
MONTH_END = date(2027, 1, 31)


@pytest.fixture(autouse=True)
def today():
    with travel_to(MONTH_END):
        yield MONTH_END


HTMX = {"HTTP_HX_REQUEST": "true"}


def error_summary(response) -> str:
    match = re.search(r'<div[^>]*id="error-summary".*?</div>', response.content.decode(), re.S)
    assert match, "no error summary on the page"
    return match.group(0)


@pytest.fixture
def fm_client(verified_client, fm):
    return verified_client(fm)


@pytest.fixture
def ontzorging(dossier, fm):
    return OntzorgingFactory(dossier=dossier, created_by=fm)


def url(name, *args):
    return reverse(f"ontzorgen:{name}", args=args)


def vaste_last_data(prefix="vaste-last", **overrides):
    data = {
        "soort": VasteLastSoortChoices.HUUR,
        "van_maand": f"{timezone.localdate():%Y-%m}",
        "tot_en_met_maand": "",
        "crediteur": "Woningstichting De Linie",
        "iban": IBAN_CREDITEUR,
        "bic": "",
        "kenmerk_soort": KenmerkSoort.GESTRUCTUREERD,
        "kenmerk": BETALINGSKENMERK,
        "bedrag": "650,00",
    }
    data.update(overrides)
    return {f"{prefix}-{key}": value for key, value in data.items()}


def test_page_without_ontzorging_offers_the_beschikking(fm_client, dossier):
    response = fm_client.get(url("detail", dossier.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nog geen ontzorging" in html
    assert "Beschikking vastleggen en brief maken" in html
    assert 'id="id_nieuw-startdatum"' in html and 'for="id_nieuw-startdatum"' in html
    assert Verwerking.objects.filter(action=Action.VIEW, subject="ontzorgen", dossier_id=dossier.pk).exists()


def test_create_the_beschikking(fm_client, dossier):
    start = timezone.localdate().replace(day=1)
    response = fm_client.post(
        url("create", dossier.pk),
        {
            "nieuw-startdatum": start.isoformat(),
            "nieuw-asielvergunning_bepaalde_tijd": "on",
            "nieuw-besluitdatum": start.isoformat(),
            "nieuw-iban": "NL91 ABNA 0417 1643 00",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#beschikking")
    ontzorging = Ontzorging.objects.get(dossier=dossier)
    assert ontzorging.document is not None
    page = fm_client.get(url("detail", dossier.pk)).content.decode()
    assert "beschikking (PDF)" in page and "Vaste last toevoegen" in page


def test_a_gezinsmigrant_is_refused_with_the_rule_at_the_field(fm_client, gemeente_a):
    dossier = DossierFactory(
        gemeente=gemeente_a,
        doelgroep=Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT.value,
        gedetailleerde_doelgroep=GedetailleerdeDoelgroep.GEZINSHERENIGER.value,
    )
    response = fm_client.post(
        url("create", dossier.pk),
        {
            "nieuw-startdatum": "2026-01-01",
            "nieuw-besluitdatum": "2026-01-02",
            "nieuw-asielvergunning_bepaalde_tijd": "on",
        },
    )
    assert response.status_code == 422
    summary = error_summary(response)
    assert 'href="#id_nieuw-asielvergunning_bepaalde_tijd"' in summary
    assert "artikel 56a lid 1 van de Participatiewet" in summary
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Ontzorging.objects.exists()


def test_an_empty_form_names_every_missing_field(fm_client, dossier):
    response = fm_client.post(url("create", dossier.pk), {})
    assert response.status_code == 422
    summary = error_summary(response)
    assert "#id_nieuw-startdatum" in summary and "#id_nieuw-besluitdatum" in summary


def test_add_a_fixed_cost_with_htmx_returns_the_section(fm_client, dossier, ontzorging):
    response = fm_client.post(url("vaste_last_add", dossier.pk, ontzorging.pk), vaste_last_data(), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="vaste-lasten"')
    assert "Huur is toegevoegd." in html and "Woningstichting De Linie" in html and "€ 650,00" in html
    assert VasteLast.objects.filter(ontzorging=ontzorging).count() == 1


def test_add_without_htmx_redirects(fm_client, dossier, ontzorging):
    response = fm_client.post(url("vaste_last_add", dossier.pk, ontzorging.pk), vaste_last_data())
    assert response.status_code == 302 and response["Location"].endswith("#vaste-lasten")


def test_bad_fixed_cost_shows_every_problem_at_its_field(fm_client, dossier, ontzorging):
    data = vaste_last_data(iban="NL91ABNA0417164301", kenmerk="1234567890123456")
    response = fm_client.post(url("vaste_last_add", dossier.pk, ontzorging.pk), data, **HTMX)
    assert response.status_code == 422
    summary = error_summary(response)
    for field in ("iban", "kenmerk"):
        assert f'href="#id_vaste-last-{field}"' in summary
    assert "geen geldig IBAN" in summary and "betalingskenmerk" in summary
    assert not VasteLast.objects.exists()
    # The amount is read by the one parser of every way in (core/bedragen.py), at the form's field.
    response = fm_client.post(url("vaste_last_add", dossier.pk, ontzorging.pk), vaste_last_data(bedrag="0"), **HTMX)
    assert response.status_code == 422
    summary = error_summary(response)
    assert 'href="#id_vaste-last-bedrag"' in summary and "groter zijn dan nul" in summary
    assert not VasteLast.objects.exists()


def test_141_characters_of_omschrijving_are_refused(fm_client, dossier, ontzorging):
    data = vaste_last_data(kenmerk_soort=KenmerkSoort.VRIJ, kenmerk="a" * 141)
    response = fm_client.post(url("vaste_last_add", dossier.pk, ontzorging.pk), data)
    assert response.status_code == 422
    assert "141 tekens" in error_summary(response)


def test_change_keeps_the_history_visible(fm_client, dossier, ontzorging):
    huur = VasteLastFactory(ontzorging=ontzorging)
    start = huur.versies.get().van_maand
    next_month = (start + timedelta(days=32)).replace(day=1)
    data = vaste_last_data(prefix=f"wijzig-{huur.pk}", van_maand=f"{next_month:%Y-%m}", bedrag="700")
    response = fm_client.post(url("vaste_last_change", dossier.pk, huur.pk), data, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "€ 650,00" in html and "€ 700,00" in html  # both versions on the page
    assert huur.versies.count() == 2


def test_stop_a_fixed_cost(fm_client, dossier, ontzorging):
    huur = VasteLastFactory(ontzorging=ontzorging)
    maand = huur.versies.get().van_maand
    response = fm_client.post(
        url("vaste_last_stop", dossier.pk, huur.pk), {f"stop-{huur.pk}-laatste_maand": f"{maand:%Y-%m}"}
    )
    assert response.status_code == 302
    assert huur.versies.get().tot_en_met_maand == maand


def test_extend_without_ground_is_refused_on_the_page(fm_client, dossier, ontzorging):
    response = fm_client.post(
        url("wijzigen", dossier.pk, ontzorging.pk),
        {
            "wijziging-soort": WijzigingSoort.VERLENGING,
            "wijziging-reden": "Nog niet zelfredzaam.",
            "wijziging-besluitdatum": timezone.localdate().isoformat(),
            "wijziging-nieuwe_einddatum": (ontzorging.einddatum + timedelta(days=90)).isoformat(),
        },
    )
    assert response.status_code == 422
    assert 'href="#id_wijziging-grond"' in error_summary(response)
    assert not OntzorgingWijziging.objects.exists()


def test_extend_with_ground(fm_client, dossier, ontzorging):
    response = fm_client.post(
        url("wijzigen", dossier.pk, ontzorging.pk),
        {
            "wijziging-soort": WijzigingSoort.VERLENGING,
            "wijziging-grond": "toestemming",
            "wijziging-reden": "Op eigen verzoek drie maanden langer.",
            "wijziging-besluitdatum": timezone.localdate().isoformat(),
            "wijziging-nieuwe_einddatum": (ontzorging.einddatum + timedelta(days=90)).isoformat(),
        },
    )
    assert response.status_code == 302
    page = fm_client.get(url("detail", dossier.pk)).content.decode()
    assert "Op eigen verzoek drie maanden langer." in page
    assert Document.objects.filter(kind=Document.Kind.ONTZORGEN_WIJZIGING).count() == 1


def test_klantregisseur_reads_but_cannot_post(kr_client, dossier, ontzorging):
    VasteLastFactory(ontzorging=ontzorging)
    response = kr_client.get(url("detail", dossier.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Woningstichting De Linie" in html
    assert "Vaste last toevoegen" not in html and "Verlengen, uitbreiden of beëindigen" not in html
    response = kr_client.post(url("vaste_last_add", dossier.pk, ontzorging.pk), vaste_last_data())
    assert response.status_code == 403
    assert VasteLast.objects.count() == 1


def test_teamleider_reads(verified_client, teamleider, dossier, ontzorging):
    assert verified_client(teamleider).get(url("detail", dossier.pk)).status_code == 200


def test_end_date_alert_on_the_page(fm_client, dossier):
    today = timezone.localdate()
    OntzorgingFactory(dossier=dossier, startdatum=today - timedelta(days=170), einddatum=today + timedelta(days=12))
    html = fm_client.get(url("detail", dossier.pk)).content.decode()
    assert "eindigt over 12 dagen" in html


def test_dossier_page_links_to_ontzorgen(fm_client, dossier, ontzorging):
    html = fm_client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert url("detail", dossier.pk) in html


# --- the overview --------------------------------------------------------------------------------


def test_overview_lists_in_scope_with_totals(fm_client, gemeente_a, gemeente_b, dossier):
    today = timezone.localdate()
    soon = OntzorgingFactory(
        dossier=dossier, startdatum=today - timedelta(days=170), einddatum=today + timedelta(days=10)
    )
    VasteLastFactory(ontzorging=soon, versie__van_maand=today.replace(day=1))
    VasteLastFactory(
        ontzorging=soon,
        soort=VasteLastSoortChoices.ZORGVERZEKERING,
        versie__van_maand=today.replace(day=1),
        versie__bedrag=Decimal("140.50"),
    )
    later = OntzorgingFactory(dossier__gemeente=gemeente_a)
    elsewhere = OntzorgingFactory(dossier__gemeente=gemeente_b)
    ended = OntzorgingFactory(dossier__gemeente=gemeente_a, status=OntzorgingStatus.BEEINDIGD)

    response = fm_client.get(reverse("ontzorgen_overzicht:overzicht"))
    assert response.status_code == 200
    html = response.content.decode()
    assert soon.dossier.kenmerk in html and later.dossier.kenmerk in html
    assert elsewhere.dossier.kenmerk not in html and ended.dossier.kenmerk not in html
    assert "€ 790,50" in html and "10 dagen" in html
    assert html.index(soon.dossier.kenmerk) < html.index(later.dossier.kenmerk)  # nearest end first
    assert Verwerking.objects.filter(action=Action.LIST, subject="ontzorgen-overzicht").count() == 2

    alert = fm_client.get(reverse("ontzorgen_overzicht:overzicht"), {"status": "actief", "binnen_dagen": "30"})
    assert soon.dossier.kenmerk in alert.content.decode() and later.dossier.kenmerk not in alert.content.decode()

    beeindigd = fm_client.get(reverse("ontzorgen_overzicht:overzicht"), {"status": "beeindigd"}).content.decode()
    assert ended.dossier.kenmerk in beeindigd and soon.dossier.kenmerk not in beeindigd


def test_overview_survives_bad_filters(fm_client, ontzorging):
    response = fm_client.get(reverse("ontzorgen_overzicht:overzicht"), {"binnen_dagen": "veel", "page": "x"})
    assert response.status_code == 200


def test_overview_is_for_the_financieel_medewerker(kr_client):
    assert kr_client.get(reverse("ontzorgen_overzicht:overzicht")).status_code == 403


def test_nav_shows_ontzorgen_to_the_financieel_medewerker(fm_client, kr_client):
    link = reverse("ontzorgen_overzicht:overzicht")
    assert f'href="{link}"' in fm_client.get(reverse("ontzorgen_overzicht:overzicht")).content.decode()
    assert f'href="{link}"' not in kr_client.get(reverse("dossiers:werkvoorraad")).content.decode()


# --- the monthly overview ------------------------------------------------------------------------


def test_maandoverzicht_is_made_and_downloaded(fm_client, dossier, ontzorging, put_in_run):
    huur = VasteLastFactory(ontzorging=ontzorging)
    afrekening = put_in_run(huur, huur.versies.get().van_maand).afrekening
    page = fm_client.get(url("detail", dossier.pk)).content.decode()
    assert url("maandoverzicht", dossier.pk, afrekening.pk) in page

    response = fm_client.post(url("maandoverzicht", dossier.pk, afrekening.pk))
    document = Document.objects.get(kind=Document.Kind.ONTZORGEN_MAANDOVERZICHT)
    assert response.status_code == 302
    assert response["Location"] == reverse("letters:document_download", args=[document.uuid])
    download = fm_client.get(response["Location"])
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_maandoverzicht_needs_post(fm_client, dossier, ontzorging, put_in_run):
    huur = VasteLastFactory(ontzorging=ontzorging)
    afrekening = put_in_run(huur, date(2026, 1, 1)).afrekening
    assert fm_client.get(url("maandoverzicht", dossier.pk, afrekening.pk)).status_code == 405


def test_the_werkvoorraad_of_the_financieel_medewerker_signals_ontzorgen_ending_soon(verified_client, gemeente_a):
    """JOURNEYS 3.5: six months after the start the werkvoorraad says for how many it ends soon."""
    from datetime import timedelta

    from django.utils import timezone

    from openinburgering.accounts.constants import Role
    from openinburgering.accounts.factories import UserFactory
    from openinburgering.ontzorgen.factories import OntzorgingFactory

    today = timezone.localdate()
    fm = UserFactory(username="fm.signal", roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a])
    for days in (3, 20, 60):
        OntzorgingFactory(
            dossier__gemeente=gemeente_a, startdatum=today - timedelta(days=150), einddatum=today + timedelta(days=days)
        )
    text = verified_client(fm).get("/dossiers/").content.decode()
    assert "Bij 2 mensen loopt het ontzorgen binnen 30 dagen af" in text
    assert "?binnen_dagen=30" in text
