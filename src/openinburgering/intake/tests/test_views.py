"""The brede intake page: it renders, sections save through htmx, health stays with the roles that may see it,
and a user of another gemeente finds nothing."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory, GezinslidFactory
from openinburgering.dossiers.models import DossierEvent
from openinburgering.intake import services
from openinburgering.intake.factories import BredeIntakeFactory, IntakeGezondheidFactory, OproepFactory
from openinburgering.intake.models import BredeIntake, IntakeGezondheid, Oproep
from openinburgering.intake.selectors import VVE_LEEFTIJD
from openinburgering.logboek.constants import Action
from openinburgering.logboek.models import Verwerking
from openinburgering.rules.intake import (
    BOETE_BREDE_INTAKE,
    BREDE_INTAKE_ONDERDELEN,
    LBT_VRIJSTELLINGSGRONDEN,
    Aandachtspunt,
    LbtVrijstellingsgrond,
    OproepUitkomst,
)
from openinburgering.rules.termijnen import BREDE_INTAKE_OPROEPEN
from openinburgering.termijnen.constants import Soort, TermijnStatus
from openinburgering.termijnen.models import Termijn

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
HEALTH_TEXT = "Slaapt slecht sinds de vlucht; behandeling bij de huisarts."
TOTAL = len(BREDE_INTAKE_ONDERDELEN.value)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


# Fixtures, not decorators: the day must be frozen before kr_client logs in, or its session has expired.
@pytest.fixture
def leap_day():
    with travel_to(date(2028, 2, 29)):
        yield


@pytest.fixture
def new_years_eve():
    with travel_to(date(2027, 12, 31)):
        yield


@pytest.fixture
def finance(gemeente_a):
    return UserFactory(roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a])


@pytest.fixture
def intake(gemeente_a) -> BredeIntake:
    intake = BredeIntakeFactory(
        dossier__gemeente=gemeente_a,
        ingevuld=True,
        aandachtspunten=[Aandachtspunt.TRAUMA.value, Aandachtspunt.HUISVESTING.value],
    )
    IntakeGezondheidFactory(brede_intake=intake, psychische_gezondheid=HEALTH_TEXT)
    return intake


def url(name: str, intake_or_dossier, *extra) -> str:
    pk = intake_or_dossier.dossier_id if isinstance(intake_or_dossier, BredeIntake) else intake_or_dossier.pk
    return reverse(f"intake:{name}", args=[pk, *extra])


def special_rows(user, action) -> int:
    return Verwerking.objects.filter(actor_id=user.pk, action=action).count()


# --- the page ----------------------------------------------------------------------------------


def test_page_before_the_intake_starts(kr_client, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    response = kr_client.get(url("detail", dossier))
    assert response.status_code == 200
    html = response.content.decode()
    assert dossier.kenmerk in html and dossier.inburgeraar.naam in html
    assert reverse("dossiers:detail", args=[dossier.pk]) in html
    assert "Brede intake starten" in html
    assert BREDE_INTAKE_OPROEPEN.citation in html  # the legal basis of the summons procedure
    assert LBT_VRIJSTELLINGSGRONDEN.citation in html
    assert Verwerking.objects.filter(action=Action.VIEW, subject="brede-intake", dossier_id=dossier.pk).exists()

    response = kr_client.post(url("start", dossier), **HTMX)
    assert response.status_code == 200 and response["HX-Refresh"] == "true"
    dossier.refresh_from_db()
    assert dossier.status == Status.BREDE_INTAKE and BredeIntake.objects.filter(dossier=dossier).exists()


def test_page_with_a_started_intake(kr_client, intake):
    html = kr_client.get(url("detail", intake)).content.decode()
    assert f"{TOTAL} van {TOTAL} wettelijke onderdelen ingevuld" in html
    for section in ("opleiding_werk", "taalniveau", "vve", "uren", "aanvullend"):
        assert f'id="onderdeel-{section}"' in html
    assert "Brede intake afronden" in html
    assert "style=" not in html and "<script>" not in html and "hx-on" not in html


@pytest.mark.usefixtures("leap_day")
def test_vve_hint_for_a_young_child(kr_client, gemeente_a):
    """On 29 February 2028 a child born on 1 March 2024 is three (four tomorrow); one born on 29 February 2024
    turned four today and is counted no more."""
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_a)
    GezinslidFactory(inburgeraar=intake.dossier.inburgeraar, geboortedatum=date(2024, 3, 1))
    GezinslidFactory(inburgeraar=intake.dossier.inburgeraar, geboortedatum=date(2024, 2, 29))
    html = kr_client.get(url("detail", intake)).content.decode()
    assert f"Er is 1 kind jonger dan {VVE_LEEFTIJD} jaar in het huishouden" in html


# --- sections through htmx -----------------------------------------------------------------------


def test_a_section_saves_on_its_own(kr_client, gemeente_a):
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_a)
    response = kr_client.post(
        url("section", intake, "zelfredzaamheid"), {"zelfredzaamheid-zelfredzaamheid": "hoog"}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode().strip()
    assert html.startswith('<section id="onderdeel-zelfredzaamheid"')
    assert "Opgeslagen" in html
    assert 'id="intake-status"' in html and 'hx-swap-oob="true"' in html
    assert f"1 van {TOTAL} wettelijke onderdelen ingevuld" in html
    intake.refresh_from_db()
    assert intake.zelfredzaamheid == "hoog"


def test_a_section_with_errors_names_the_field(kr_client, gemeente_a):
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_a)
    data = {"opleiding_werk-hoogste_opleiding": "basis", "opleiding_werk-jaren_onderwijs": "99"}
    response = kr_client.post(url("section", intake, "opleiding_werk"), data, **HTMX)
    assert response.status_code == 200  # htmx swaps 2xx only (STYLE.md §4)
    html = response.content.decode()
    assert 'id="error-summary"' in html and "Aantal jaren onderwijs" in html
    assert "Opgeslagen" not in html
    intake.refresh_from_db()
    assert intake.hoogste_opleiding == ""

    without_htmx = kr_client.post(url("section", intake, "opleiding_werk"), data)
    assert without_htmx.status_code == 422
    assert "<html" in without_htmx.content.decode()
    ok = kr_client.post(url("section", intake, "opleiding_werk"), {"opleiding_werk-hoogste_opleiding": "basis"})
    assert ok.status_code == 302 and ok.url.endswith("#onderdeel-opleiding_werk")


def test_unknown_section_is_404(kr_client, intake):
    assert kr_client.post(url("section", intake, "geloof"), {}).status_code == 404


def test_aandachtspunten_form_keeps_health_ones(kr_client, intake):
    response = kr_client.post(
        url("aandachtspunten", intake), {"aandachtspunten-aandachtspunten": ["mantelzorg"]}, **HTMX
    )
    assert response.status_code == 200
    intake.refresh_from_db()
    assert set(intake.aandachtspunten) == {Aandachtspunt.TRAUMA, Aandachtspunt.MANTELZORG}


# --- health: only for the klantregisseur and the teamleider ---------------------------------------


def test_health_rows_name_the_art_9_ground(kr_client, klantregisseur, intake):
    """Health data is a special category: art. 6(1)(e) alone is no ground for it. AVG art. 9(1) forbids it
    unless art. 9(2) applies; here (g), through the national law Wi 2021 art. 17(1) (domain brief §8)."""
    kr_client.get(url("detail", intake))
    kr_client.get(url("gezondheid", intake), **HTMX)
    kr_client.post(url("gezondheid", intake), {"gezondheid-beperkingen": "Slechtziend"}, **HTMX)
    rows = Verwerking.objects.filter(actor=klantregisseur)
    special = [r for r in rows if r.action in (Action.VIEW_SPECIAL, Action.UPDATE_SPECIAL)]
    assert {r.action for r in special} == {Action.VIEW_SPECIAL, Action.UPDATE_SPECIAL}
    for row in special:
        assert "AVG art. 9(2)(g)" in row.legal_ground
        assert "Wi 2021 art. 17(1)" in row.legal_ground
        assert "AVG art. 6(1)(e)" in row.legal_ground
    ordinary = [r for r in rows if r.action not in (Action.VIEW_SPECIAL, Action.UPDATE_SPECIAL)]
    assert ordinary
    assert all("art. 9" not in r.legal_ground for r in ordinary)


def test_klantregisseur_sees_and_edits_health(kr_client, klantregisseur, intake):
    page = kr_client.get(url("detail", intake)).content.decode()
    assert "Bijzondere persoonsgegevens — alleen zichtbaar voor klantregisseur en teamleider" in page
    assert HEALTH_TEXT not in page  # loaded on demand, so that each view is a logged view
    assert special_rows(klantregisseur, Action.VIEW_SPECIAL) == 0

    shown = kr_client.get(url("gezondheid", intake), **HTMX)
    assert shown.status_code == 200
    html = shown.content.decode()
    assert HEALTH_TEXT in html
    assert 'value="trauma"' in html and "checked" in html
    assert special_rows(klantregisseur, Action.VIEW_SPECIAL) == 1
    assert kr_client.get(url("gezondheid", intake)).status_code == 200  # the page without htmx
    assert special_rows(klantregisseur, Action.VIEW_SPECIAL) == 2

    response = kr_client.post(
        url("gezondheid", intake),
        {"gezondheid-beperkingen": "Slechtziend", "gezondheid-aandachtspunten": ["verslaving"]},
        **HTMX,
    )
    assert response.status_code == 200
    assert "Opgeslagen" in response.content.decode()
    gezondheid = IntakeGezondheid.objects.get(brede_intake=intake)
    assert gezondheid.beperkingen == "Slechtziend" and gezondheid.psychische_gezondheid == ""
    intake.refresh_from_db()
    assert set(intake.aandachtspunten) == {Aandachtspunt.VERSLAVING, Aandachtspunt.HUISVESTING}
    assert special_rows(klantregisseur, Action.UPDATE_SPECIAL) == 1

    timeline = kr_client.get(reverse("dossiers:detail", args=[intake.dossier_id])).content.decode()
    assert "Gezondheidsinformatie gewijzigd" in timeline
    assert "Slechtziend" not in timeline and "Verslaving" not in timeline


def test_teamleider_sees_health(verified_client, teamleider, intake):
    response = verified_client(teamleider).get(url("gezondheid", intake), **HTMX)
    assert response.status_code == 200 and HEALTH_TEXT in response.content.decode()
    assert special_rows(teamleider, Action.VIEW_SPECIAL) == 1


def test_finance_sees_the_intake_without_health(verified_client, finance, klantregisseur, intake):
    services.lbt_exempt(
        dossier=intake.dossier,
        actor=klantregisseur,
        vrijstellingsgrond=LbtVrijstellingsgrond.VISUEEL,
        toelichting="Blind aan beide ogen.",
    )
    client = verified_client(finance)
    response = client.get(url("detail", intake))
    assert response.status_code == 200
    html = response.content.decode()
    assert intake.gezinssituatie in html and "Huisvesting" in html  # the rest of the intake, read-only
    assert HEALTH_TEXT not in html
    assert "Trauma" not in html and "Psychische gezondheid" not in html
    assert "Blind aan beide ogen" not in html and "Visuele beperking" not in html
    assert url("gezondheid", intake) not in html
    assert "<form" not in html.split('id="main"')[1]  # read-only: no form to change anything

    assert client.get(url("gezondheid", intake)).status_code == 403
    assert client.get(url("gezondheid", intake), **HTMX).status_code == 403
    assert client.post(url("gezondheid", intake), {"gezondheid-beperkingen": "x"}).status_code == 403
    assert client.post(url("section", intake, "zelfredzaamheid"), {}).status_code == 403
    assert client.post(url("lbt_exempt", intake), {}).status_code == 403
    assert special_rows(finance, Action.VIEW_SPECIAL) == 0
    assert IntakeGezondheid.objects.get(brede_intake=intake).beperkingen == ""


def test_klantregisseur_page_view_of_an_lbt_exemption_is_special(kr_client, klantregisseur, intake):
    services.lbt_exempt(
        dossier=intake.dossier,
        actor=klantregisseur,
        vrijstellingsgrond=LbtVrijstellingsgrond.AUDITIEF,
        toelichting="Doof.",
    )
    html = kr_client.get(url("detail", intake)).content.decode()
    assert "Auditieve beperking" in html
    assert special_rows(klantregisseur, Action.VIEW_SPECIAL) == 1


# --- summonses and completion ---------------------------------------------------------------------


@time_machine.travel(datetime(2024, 5, 3, 16, 0, tzinfo=AMSTERDAM), tick=False)
def test_summons_procedure_through_the_page(kr_client, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    first = kr_client.post(url("oproep_send", dossier), {"oproep-verzonden_op": "2024-04-02"}, **HTMX)
    assert first["HX-Refresh"] == "true"  # the intake started with it: the page changes as a whole
    oproep = Oproep.objects.get(dossier=dossier)
    # The deadline engine ran in the same request: its last day (16 April) has passed without an outcome.
    assert _termijn(dossier) == (Soort.OPROEP_BREDE_INTAKE, oproep.uiterste_datum, TermijnStatus.VERLOPEN)

    missed = kr_client.post(
        url("oproep_uitkomst", dossier, oproep.pk),
        {"uitkomst-uitkomst": OproepUitkomst.NIET_VERSCHENEN, "uitkomst-uitkomst_op": "2024-04-17"},
        **HTMX,
    )
    assert missed.status_code == 200
    html = missed.content.decode()
    assert html.strip().startswith('<section id="oproepen"')
    assert "Overtreding vastgelegd" in html and "schriftelijke waarschuwing" in html
    assert "Een boete van €" not in html  # the first overtreding gets a warning, not a boete

    second = kr_client.post(url("oproep_send", dossier), {"oproep-verzonden_op": "2024-04-18"}, **HTMX)
    assert second.status_code == 200
    oproep = Oproep.objects.get(dossier=dossier, volgnummer=2)
    assert oproep.is_waarschuwing
    html = kr_client.post(
        url("oproep_uitkomst", dossier, oproep.pk),
        {"uitkomst-uitkomst": OproepUitkomst.NIET_VERSCHENEN, "uitkomst-uitkomst_op": "2024-05-03"},
        **HTMX,
    ).content.decode()
    assert f"Een boete van €{BOETE_BREDE_INTAKE.value} is mogelijk (Wi 22)" in html


def _termijn(dossier):
    """The deadline the engine stored for the dossier, and the one the werkvoorraad shows (the same)."""
    termijn = Termijn.objects.get(dossier=dossier)
    dossier.refresh_from_db()
    assert (dossier.termijn_soort, dossier.termijn_datum) == (termijn.soort, termijn.uiterste_datum)
    return termijn.soort, termijn.uiterste_datum, termijn.status


@pytest.mark.parametrize(
    ("today", "status"), [(date(2024, 4, 16), TermijnStatus.OPEN), (date(2024, 4, 17), TermijnStatus.VERLOPEN)]
)
def test_a_summons_sent_through_the_page_is_overdue_only_after_its_last_day(kr_client, gemeente_a, today, status):
    """Sent on 2 April 2024, the summons' last day is 16 April: on that day it is still open."""
    dossier = DossierFactory(gemeente=gemeente_a)
    with time_machine.travel(datetime.combine(today, time(16), tzinfo=AMSTERDAM), tick=False):
        kr_client.post(url("oproep_send", dossier), {"oproep-verzonden_op": "2024-04-02"}, **HTMX)
    assert _termijn(dossier) == (Soort.OPROEP_BREDE_INTAKE, date(2024, 4, 16), status)


def test_summons_form_errors_name_the_field(kr_client, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    response = kr_client.post(url("oproep_send", dossier), {"oproep-verzonden_op": "2023-01-01"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Verzonden op" in html and "begindatum van de inburgeringsplicht" in html
    assert not Oproep.objects.exists() and not BredeIntake.objects.exists()


def test_outcome_of_a_summons_of_another_dossier_is_404(kr_client, gemeente_a):
    mine = DossierFactory(gemeente=gemeente_a)
    other = OproepFactory(dossier__gemeente=gemeente_a)
    response = kr_client.post(url("oproep_uitkomst", mine, other.pk), {})
    assert response.status_code == 404


@pytest.mark.usefixtures("new_years_eve")
def test_completion_lists_what_is_missing(kr_client, gemeente_a):
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_a)
    response = kr_client.post(url("complete", intake), {"completed_at": "2027-12-31"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<section id="intake-status"')
    assert "Opleiding en werkervaring" in html and "leerbaarheidstoets" in html
    intake.refresh_from_db()
    assert not intake.is_afgerond


def test_completion_without_cooperation_is_offered_after_the_last_summons(kr_client, klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    verzonden = date(2024, 4, 2)
    for _ in range(BREDE_INTAKE_OPROEPEN.value):
        oproep = services.oproep_send(dossier=dossier, actor=klantregisseur, verzonden_op=verzonden)
        services.oproep_record_uitkomst(
            oproep=oproep,
            actor=klantregisseur,
            uitkomst=OproepUitkomst.NIET_VERSCHENEN,
            uitkomst_op=oproep.uiterste_datum,
        )
        verzonden = oproep.uiterste_datum
    html = kr_client.get(url("detail", dossier)).content.decode()
    assert "Brede intake afronden zonder medewerking" in html
    response = kr_client.post(url("complete", dossier), {"zonder_medewerking": "True"}, **HTMX)
    assert response["HX-Refresh"] == "true"
    dossier.refresh_from_db()
    assert dossier.brede_intake.is_afgerond and dossier.status == Status.PIP


@pytest.mark.usefixtures("new_years_eve")
def test_lbt_forms(kr_client, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    bad = kr_client.post(url("lbt_request", dossier), {"lbt_aanvraag-aangevraagd_op": "2024-04-02"}, **HTMX)
    assert bad.status_code == 200 and "Examennummer" in bad.content.decode()
    ok = kr_client.post(
        url("lbt_request", dossier),
        {"lbt_aanvraag-examennummer": "LBT42", "lbt_aanvraag-aangevraagd_op": "2024-04-02"},
        **HTMX,
    )
    assert ok.status_code == 200 and "LBT42" in ok.content.decode()
    future = "2028-01-02"  # two days from New Year's Eve
    response = kr_client.post(
        url("lbt_result", dossier),
        {
            "lbt_resultaat-afgenomen_op": future,
            "lbt_resultaat-resultaat": "B1-route haalbaar",
            "lbt_resultaat-behaalde_score": "12.5",
        },
        **HTMX,
    )
    html = response.content.decode()
    assert "in de toekomst" in html and "1 tot 3 cijfers" in html
    assert not dossier.leerbaarheidstoets.resultaat


# --- scope: a user of another gemeente finds nothing ----------------------------------------------

# URL name → (method, extra URL args: "oproep" for the summons' pk, or a section key).
INTAKE_URLS: dict[str, tuple[str, str | None]] = {
    "detail": ("get", None),
    "start": ("post", None),
    "section": ("post", "gesprek"),
    "aandachtspunten": ("post", None),
    "gezondheid": ("get", None),
    "oproep_send": ("post", None),
    "oproep_uitkomst": ("post", "oproep"),
    "oproep_verzetten": ("post", "oproep"),
    "complete": ("post", None),
    "lbt_request": ("post", None),
    "lbt_result": ("post", None),
    "lbt_exempt": ("post", None),
}
MATRIX = [(name, method) for name, (method, _) in INTAKE_URLS.items()] + [("gezondheid", "post")]


@pytest.mark.parametrize("actor", ["klantregisseur", "teamleider"])
@pytest.mark.parametrize(("name", "method"), MATRIX, ids=[f"{n}-{m}" for n, m in MATRIX])
def test_intake_of_other_gemeente_is_404(request, verified_client, gemeente_b, actor, name, method):
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_b, aandachtspunten=[Aandachtspunt.TRAUMA.value])
    IntakeGezondheidFactory(brede_intake=intake, psychische_gezondheid=HEALTH_TEXT)
    oproep = OproepFactory(dossier=intake.dossier)
    extra = INTAKE_URLS[name][1]
    args = [] if extra is None else [oproep.pk if extra == "oproep" else extra]
    client = verified_client(request.getfixturevalue(actor))
    events = DossierEvent.objects.count()
    response = getattr(client, method)(url(name, intake, *args), {})
    assert response.status_code == 404
    html = response.content.decode()
    assert intake.dossier.inburgeraar.bsn not in html and HEALTH_TEXT not in html
    assert DossierEvent.objects.count() == events
    assert not Verwerking.objects.filter(dossier_id=intake.dossier_id).exists()
