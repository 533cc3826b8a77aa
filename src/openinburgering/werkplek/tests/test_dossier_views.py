"""Pages: each renders, forms name the field that is wrong, htmx gets fragments, filters and sorting work."""

import json
import re
import uuid
from datetime import date

import pytest
from django.urls import reverse

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory, InburgeraarFactory, next_bsn
from openinburgering.dossiers.models import Dossier
from openinburgering.gemeenten.factories import GemeenteFactory
from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}

# A birth date "tomorrow" is in the next year: a check on the year alone would let it through.
NEW_YEARS_EVE = date(2026, 12, 31)


@pytest.fixture
def new_years_eve():
    """The clock on NEW_YEARS_EVE; asked before the logged-in client, so the session is of that day too."""
    with travel_to(NEW_YEARS_EVE):
        yield


def registration_data(gemeente, /, **overrides):
    data = {
        "aanmelding_token": str(uuid.uuid4()),
        "gemeente": str(gemeente.pk),
        "bsn": next_bsn(),
        "voornamen": "Amira",
        "geslachtsnaam": "Haddad",
        "geboortedatum": "1990-05-17",
        "geslacht": "V",
        "nationaliteit": "SY",
        "postcode": "1234 AB",
        "doelgroep": Doelgroep.ASIELSTATUSHOUDER.value,
        "gedetailleerde_doelgroep": GedetailleerdeDoelgroep.ASIELSTATUSHOUDER.value,
        "plicht_begindatum": "2024-03-01",
    }
    data.update(overrides)
    return data


def error_summary(response) -> str:
    match = re.search(r'<div[^>]*id="error-summary".*?</div>', response.content.decode(), re.S)
    assert match, "no error summary on the page"
    return match.group(0)


# --- pages render ----------------------------------------------------------------------------


def test_werkvoorraad_renders(kr_client, klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur)
    response = kr_client.get(reverse("dossiers:werkvoorraad"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert 'id="results"' in html
    assert dossier.inburgeraar.bsn in html


def test_werkvoorraad_htmx_returns_only_the_results_section(kr_client, klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur)
    response = kr_client.get(reverse("dossiers:werkvoorraad"), **HTMX, HTTP_HX_TARGET="results")
    assert response.status_code == 200
    html = response.content.decode().strip()
    assert html.startswith('<section id="results"')
    assert html.endswith("</section>")
    assert html.count("<section") == 1
    assert "<html" not in html and 'role="search"' not in html
    assert dossier.inburgeraar.bsn in html


def test_register_page_renders_with_a_fresh_token(kr_client, gemeente_a):
    first = kr_client.get(reverse("dossiers:register"))
    second = kr_client.get(reverse("dossiers:register"))
    assert first.status_code == second.status_code == 200
    tokens = [r.context["form"].initial["aanmelding_token"] for r in (first, second)]
    assert tokens[0] != tokens[1]
    assert str(tokens[0]) in first.content.decode()
    # The only gemeente in scope is preselected.
    assert first.context["form"].initial["gemeente"] == gemeente_a


def test_detail_and_edit_render(kr_client, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    detail = kr_client.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert detail.status_code == 200
    assert dossier.kenmerk in detail.content.decode()
    edit = kr_client.get(reverse("dossiers:edit", args=[dossier.pk]))
    assert edit.status_code == 200
    assert f'value="{dossier.inburgeraar.voornamen}"' in edit.content.decode()


def test_timeline_fragment(kr_client, klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    kr_client.post(reverse("dossiers:transition", args=[dossier.pk]), {"to": Status.BREDE_INTAKE}, **HTMX)
    response = kr_client.get(reverse("dossiers:timeline", args=[dossier.pk]), **HTMX)
    html = response.content.decode().strip()
    assert html.startswith('<section id="timeline"')
    assert "Aangemeld" in html and "Brede intake" in html


def test_edit_of_closed_dossier_redirects_to_detail(kr_client, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a, afgerond=True)
    response = kr_client.get(reverse("dossiers:edit", args=[dossier.pk]))
    assert response.status_code == 302
    assert response.url == reverse("dossiers:detail", args=[dossier.pk])


def test_financieel_medewerker_reads_but_does_not_register(verified_client, gemeente_a):
    user = UserFactory(roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a])
    client = verified_client(user)
    assert client.get(reverse("dossiers:werkvoorraad")).status_code == 200
    assert client.get(reverse("dossiers:register")).status_code == 403
    assert client.post(reverse("dossiers:register"), registration_data(gemeente_a)).status_code == 403
    assert not Dossier.objects.exists()


# --- registration ----------------------------------------------------------------------------


def test_register_redirects_to_the_new_dossier(kr_client, klantregisseur, gemeente_a):
    data = registration_data(gemeente_a, klantregisseur=str(klantregisseur.pk))
    response = kr_client.post(reverse("dossiers:register"), data)
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("dossiers:detail", args=[dossier.pk])
    assert dossier.inburgeraar.bsn == data["bsn"]
    assert dossier.klantregisseur == klantregisseur
    assert str(dossier.inburgeraar.nationaliteit) == "SY"
    page = kr_client.get(response.url).content.decode()
    assert dossier.kenmerk in page and "is aangemeld" in page


@pytest.mark.parametrize(
    ("overrides", "label", "message"),
    [
        ({"bsn": "111222334"}, "BSN", "geen geldig BSN"),
        ({"bsn": "12345"}, "BSN", "geen geldig BSN"),
        (
            {"geboortedatum": "2027-01-01"},  # tomorrow: the clock is on New Year's Eve
            "Geboortedatum",
            "in de toekomst",
        ),
        ({"geboortedatum": "2008-03-02"}, "Geboortedatum", "16 jaar"),
        ({"gemeente": "999999"}, "Gemeente", "geldige keuze"),
        ({"vnummer": "²"}, "V-nummer", "geen geldig V-nummer"),
        ({"plicht_begindatum": "2021-06-01"}, "Begindatum inburgeringsplicht", "Wet inburgering 2013"),
        (
            {"gedetailleerde_doelgroep": GedetailleerdeDoelgroep.GEZINSVORMER.value},
            "Gedetailleerde doelgroep",
            "hoort bij de doelgroep",
        ),
    ],
)
def test_register_bad_input_is_422_with_the_field_named(
    new_years_eve, kr_client, gemeente_a, overrides, label, message
):
    response = kr_client.post(reverse("dossiers:register"), registration_data(gemeente_a, **overrides))
    assert response.status_code == 422
    summary = error_summary(response)
    assert label.lower() in summary.lower()
    assert message in summary
    assert not Dossier.objects.exists()


def test_register_reports_every_problem_at_once(new_years_eve, kr_client, gemeente_a):
    future = "2027-01-01"
    data = registration_data(gemeente_a, bsn="111222334", geboortedatum=future, plicht_begindatum="2021-06-01")
    data.pop("gemeente")
    response = kr_client.post(reverse("dossiers:register"), data)
    assert response.status_code == 422
    summary = error_summary(response)
    for expected in ("Gemeente", "geen geldig BSN", "in de toekomst", "Wet inburgering 2013"):
        assert expected in summary, expected
    assert not Dossier.objects.exists()


def test_register_refuses_gemeente_outside_scope(kr_client, gemeente_b):
    response = kr_client.post(reverse("dossiers:register"), registration_data(gemeente_b))
    assert response.status_code == 422
    assert "Gemeente" in error_summary(response)
    assert not Dossier.objects.exists()


def test_register_duplicate_names_the_existing_dossier(kr_client, gemeente_a):
    existing = DossierFactory(gemeente=gemeente_a)
    response = kr_client.post(reverse("dossiers:register"), registration_data(gemeente_a, bsn=existing.inburgeraar.bsn))
    assert response.status_code == 422
    summary = error_summary(response)
    assert existing.kenmerk in summary and gemeente_a.naam in summary
    assert Dossier.objects.count() == 1


def test_double_post_with_the_same_form_token_creates_one_dossier(kr_client, gemeente_a):
    data = registration_data(gemeente_a)
    first = kr_client.post(reverse("dossiers:register"), data)
    second = kr_client.post(reverse("dossiers:register"), data)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert Dossier.objects.count() == 1


# --- edit ------------------------------------------------------------------------------------


def test_edit_saves_and_refuses_bad_input(kr_client, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a, inburgeraar__voornamen="Amira")
    data = {
        "voornamen": "Amina",
        "geslachtsnaam": dossier.inburgeraar.geslachtsnaam,
        "geboortedatum": "1990-05-17",
        "geslacht": "V",
        "doelgroep": dossier.doelgroep,
        "gedetailleerde_doelgroep": dossier.gedetailleerde_doelgroep,
        "plicht_begindatum": "2024-03-01",
    }
    bad = kr_client.post(reverse("dossiers:edit", args=[dossier.pk]), {**data, "geboortedatum": "2010-01-01"})
    assert bad.status_code == 422
    assert "Geboortedatum" in error_summary(bad)
    dossier.inburgeraar.refresh_from_db()
    assert dossier.inburgeraar.voornamen == "Amira"

    good = kr_client.post(reverse("dossiers:edit", args=[dossier.pk]), data)
    assert good.status_code == 302
    dossier.inburgeraar.refresh_from_db()
    assert dossier.inburgeraar.voornamen == "Amina"


# --- filters and sorting ---------------------------------------------------------------------


def shown(client, **params) -> list[int]:
    response = client.get(reverse("dossiers:werkvoorraad"), params)
    assert response.status_code == 200
    return [d.pk for d in response.context["rows"]]


def test_default_shows_my_open_dossiers(kr_client, klantregisseur, gemeente_a):
    mine = DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur)
    DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur, afgerond=True)
    DossierFactory(gemeente=gemeente_a, klantregisseur=None)
    assert shown(kr_client) == [mine.pk]


def test_filter_klantregisseur(kr_client, klantregisseur, gemeente_a):
    colleague = UserFactory(roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente_a])
    mine = DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur)
    theirs = DossierFactory(gemeente=gemeente_a, klantregisseur=colleague)
    nobody = DossierFactory(gemeente=gemeente_a, klantregisseur=None)
    assert shown(kr_client, klantregisseur="mij") == [mine.pk]
    assert shown(kr_client, klantregisseur="geen") == [nobody.pk]
    assert shown(kr_client, klantregisseur=str(colleague.pk)) == [theirs.pk]
    assert sorted(shown(kr_client, klantregisseur="")) == sorted([mine.pk, theirs.pk, nobody.pk])


def test_teamleider_sees_the_team(verified_client, teamleider, klantregisseur, gemeente_a):
    outsider = UserFactory(roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente_a])
    team_dossier = DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur)
    DossierFactory(gemeente=gemeente_a, klantregisseur=outsider)
    DossierFactory(gemeente=gemeente_a, klantregisseur=None)
    client = verified_client(teamleider)
    assert shown(client) == [team_dossier.pk]  # "team" is the teamleider's default
    assert shown(client, klantregisseur="team") == [team_dossier.pk]


def test_filter_gemeente_status_doelgroep(verified_client, gemeente_a):
    gemeente_c = GemeenteFactory(naam="Cedam")
    user = UserFactory(roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente_a, gemeente_c])
    client = verified_client(user)
    in_a = DossierFactory(gemeente=gemeente_a, klantregisseur=user)
    in_c = DossierFactory(
        gemeente=gemeente_c,
        klantregisseur=user,
        status=Status.PIP,
        doelgroep=Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT.value,
        gedetailleerde_doelgroep=GedetailleerdeDoelgroep.GEZINSVORMER.value,
    )
    closed = DossierFactory(gemeente=gemeente_a, klantregisseur=user, afgerond=True)
    assert shown(client, gemeente=str(gemeente_a.pk)) == [in_a.pk]
    assert shown(client, gemeente=str(gemeente_c.pk)) == [in_c.pk]
    assert shown(client, status=Status.PIP) == [in_c.pk]
    assert shown(client, status=Status.AFGEROND) == [closed.pk]
    assert sorted(shown(client, status="alle")) == sorted([in_a.pk, in_c.pk, closed.pk])
    assert shown(client, doelgroep=Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT.value) == [in_c.pk]


def test_search(kr_client, klantregisseur, gemeente_a):
    ozturk = DossierFactory(
        gemeente=gemeente_a,
        inburgeraar__voornamen="Ayşe",
        inburgeraar__geslachtsnaam="Öztürk",
        inburgeraar__vnummer="0000123456",
    )
    other = DossierFactory(gemeente=gemeente_a, inburgeraar__voornamen="Dawit", inburgeraar__geslachtsnaam="Tekle")
    everyone = {"klantregisseur": ""}
    assert shown(kr_client, q="ozturk", **everyone) == [ozturk.pk]
    assert shown(kr_client, q="AYSE ÖZT", **everyone) == [ozturk.pk]
    assert shown(kr_client, q="tekl", **everyone) == [other.pk]
    assert shown(kr_client, q=other.inburgeraar.bsn, **everyone) == [other.pk]
    assert shown(kr_client, q=f"{other.inburgeraar.bsn[:4]}.{other.inburgeraar.bsn[4:]}", **everyone) == [other.pk]
    assert shown(kr_client, q=ozturk.kenmerk, **everyone) == [ozturk.pk]
    assert shown(kr_client, q=ozturk.kenmerk.lower().replace("-", ""), **everyone) == [ozturk.pk]
    assert shown(kr_client, q="123456", **everyone) == [ozturk.pk]  # V-nummer without leading zeros
    assert shown(kr_client, q="nobody", **everyone) == []


def test_sorting(kr_client, klantregisseur, gemeente_a):
    b = DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur, inburgeraar__geslachtsnaam="Bakker")
    a = DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur, inburgeraar__geslachtsnaam="Aydin")
    c = DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur, inburgeraar__geslachtsnaam="Celik")
    assert shown(kr_client, sort="naam") == [a.pk, b.pk, c.pk]
    assert shown(kr_client, sort="-naam") == [c.pk, b.pk, a.pk]
    assert shown(kr_client, sort="-aangemeld") == [c.pk, a.pk, b.pk]
    response = kr_client.get(reverse("dossiers:werkvoorraad"), {"sort": "naam"})
    html = response.content.decode()
    assert 'scope="col" aria-sort="ascending"><a class="oi-sort"' in html  # on the th, where ARIA allows it


def test_paging(kr_client, klantregisseur, gemeente_a):
    DossierFactory.create_batch(27, gemeente=gemeente_a, klantregisseur=klantregisseur)
    assert len(shown(kr_client)) == 25
    assert len(shown(kr_client, page="2")) == 2
    assert len(shown(kr_client, page="999")) == 2


# --- htmx actions on the detail page ------------------------------------------------------------


def test_transition_via_htmx_returns_status_fragment_and_trigger(kr_client, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    response = kr_client.post(reverse("dossiers:transition", args=[dossier.pk]), {"to": Status.BREDE_INTAKE}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode().strip()
    assert html.startswith('<section id="status"') and html.endswith("</section>")
    assert "Brede intake" in html
    assert "timeline-changed" in json.loads(response["HX-Trigger"])
    dossier.refresh_from_db()
    assert dossier.status == Status.BREDE_INTAKE


def test_transition_refusal_returns_422_fragment_without_trigger(kr_client, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    response = kr_client.post(reverse("dossiers:transition", args=[dossier.pk]), {"to": Status.BEEINDIGD}, **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert html.strip().startswith('<section id="status"')
    assert "Kies een reden" in html
    assert "HX-Trigger" not in response
    dossier.refresh_from_db()
    assert dossier.status == Status.AANGEMELD


def test_transition_not_offered_is_refused(kr_client, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    response = kr_client.post(reverse("dossiers:transition", args=[dossier.pk]), {"to": Status.UITVOERING}, **HTMX)
    assert response.status_code == 422
    dossier.refresh_from_db()
    assert dossier.status == Status.AANGEMELD


def test_assign_and_gezinslid_via_htmx(kr_client, klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a, klantregisseur=None)
    response = kr_client.post(
        reverse("dossiers:assign", args=[dossier.pk]), {"klantregisseur": str(klantregisseur.pk)}, **HTMX
    )
    assert response.status_code == 200
    assert response.content.decode().strip().startswith('<section id="assign"')
    assert "timeline-changed" in json.loads(response["HX-Trigger"])
    dossier.refresh_from_db()
    assert dossier.klantregisseur == klantregisseur

    response = kr_client.post(
        reverse("dossiers:gezinslid_add", args=[dossier.pk]),
        {"relatie": "kind", "voornamen": "Noor", "geslachtsnaam": "Haddad", "bsn": "111222334"},
        **HTMX,
    )
    assert response.status_code == 422
    assert "geen geldig BSN" in response.content.decode()
    response = kr_client.post(
        reverse("dossiers:gezinslid_add", args=[dossier.pk]),
        {"relatie": "kind", "voornamen": "Noor", "geslachtsnaam": "Haddad"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "Noor Haddad" in response.content.decode()
    lid = dossier.inburgeraar.gezinsleden.get()
    response = kr_client.post(reverse("dossiers:gezinslid_remove", args=[dossier.pk, lid.pk]), **HTMX)
    assert response.status_code == 200
    assert not dossier.inburgeraar.gezinsleden.exists()


def test_short_name_search_asks_for_more_letters_instead_of_scanning(kr_client, klantregisseur, gemeente_a):
    DossierFactory(
        gemeente=gemeente_a, klantregisseur=klantregisseur, inburgeraar=InburgeraarFactory(geslachtsnaam="Al")
    )
    response = kr_client.get(reverse("dossiers:werkvoorraad"), {"q": "al"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Typ minstens 3 letters" in html
    assert "0 dossiers" in html


def test_search_folds_letters_without_a_decomposition(kr_client, klantregisseur, gemeente_a):
    DossierFactory(
        gemeente=gemeente_a, klantregisseur=klantregisseur, inburgeraar=InburgeraarFactory(geslachtsnaam="Yıldırım")
    )
    html = kr_client.get(reverse("dossiers:werkvoorraad"), {"q": "yildirim"}).content.decode()
    assert "Yıldırım" in html and "1 dossier" in html


def test_the_werkvoorraad_points_at_new_dossiers_nobody_has_taken_on(verified_client):
    gemeente, elders = GemeenteFactory(), GemeenteFactory()
    fatima = UserFactory(roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente])
    DossierFactory.create_batch(2, gemeente=gemeente, klantregisseur=None, status=Status.AANGEMELD)
    DossierFactory(gemeente=gemeente, klantregisseur=fatima, status=Status.AANGEMELD)  # taken on
    DossierFactory(gemeente=gemeente, klantregisseur=None, status=Status.BREDE_INTAKE)  # not new
    DossierFactory(gemeente=elders, klantregisseur=None, status=Status.AANGEMELD)  # outside her scope
    client = verified_client(fatima)

    html = client.get(reverse("dossiers:werkvoorraad")).content.decode()
    assert "2 nieuwe aanmeldingen hebben nog geen klantregisseur" in html
    link = re.search(r'href="([^"]*klantregisseur=geen[^"]*)">2 nieuwe', html).group(1).replace("&amp;", "&")
    listed = client.get(link).context["rows"]
    assert len(listed) == 2 and {d.klantregisseur_id for d in listed} == {None}
    assert "nieuwe aanmeldingen" not in client.get(link).content.decode()  # not on the list it links to

    financieel = verified_client(UserFactory(roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente]))
    assert "nieuwe aanmeldingen" not in financieel.get(reverse("dossiers:werkvoorraad")).content.decode()


def test_werkvoorraad_counts_up_to_a_cap_and_says_there_are_more(kr_client, klantregisseur, gemeente_a, monkeypatch):
    """Issue 11 §6: a common name among a million dossiers is not counted to the end; "meer dan N", paged within."""
    from openinburgering.werkplek import views

    monkeypatch.setattr(views, "WERKVOORRAAD_COUNT_CAP", 30)
    DossierFactory.create_batch(
        32, gemeente=gemeente_a, klantregisseur=klantregisseur, inburgeraar__geslachtsnaam="Amrani"
    )
    response = kr_client.get(reverse("dossiers:werkvoorraad"))
    html = response.content.decode()
    assert "Meer dan 30 dossiers" in html and "door de eerste 30 bladeren" in html
    assert "32 dossiers" not in html
    assert len(shown(kr_client, page="2")) == 5
    assert len(shown(kr_client, page="3")) == 5  # no page beyond the cap
    # A name search is capped too, and says that the list holds the first matches found, sorted.
    html = kr_client.get(reverse("dossiers:werkvoorraad"), {"q": "amrani"}).content.decode()
    assert "Meer dan 30 dossiers" in html and "de eerste 30 die gevonden zijn" in html
    assert "door de eerste 30 bladeren" not in html
    assert len(shown(kr_client, q="amrani", page="2")) == 5
    assert len(shown(kr_client, q="amrani", page="3")) == 5

    monkeypatch.setattr(views, "WERKVOORRAAD_COUNT_CAP", 32)
    for params in ({}, {"q": "amrani"}):
        html = kr_client.get(reverse("dossiers:werkvoorraad"), params).content.decode()
        assert "32 dossiers" in html and "Meer dan" not in html


@pytest.mark.parametrize(
    ("gedetailleerd", "shown"),
    [
        (GedetailleerdeDoelgroep.ASIELSTATUSHOUDER, "Asielstatushouder</dd>"),  # the same word once, not twice
        (GedetailleerdeDoelgroep.GEZINSVORMER, "Asielstatushouder · Gezinsvormer</dd>"),
    ],
)
def test_the_detailed_doelgroep_is_shown_only_when_it_says_more(kr_client, gemeente_a, gedetailleerd, shown):
    dossier = DossierFactory(
        gemeente=gemeente_a, doelgroep=Doelgroep.ASIELSTATUSHOUDER, gedetailleerde_doelgroep=gedetailleerd
    )
    body = kr_client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert shown in body
    assert "Asielstatushouder · Asielstatushouder" not in body
