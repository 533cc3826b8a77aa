"""Pages: the PIP page and its forms, the htmx re-render per route, sign-off and the teamleider's queue."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.logboek.constants import Action
from openinburgering.logboek.models import Verwerking
from openinburgering.pip.factories import InformatieverzoekFactory, PipAanbodFactory, PipFactory
from openinburgering.pip.models import Pip, PipStatus

pytestmark = pytest.mark.django_db

# Koningsdag, a public holiday (Algemene termijnenwet): deadlines from today must skip it.
KONINGSDAG = date(2027, 4, 27)


@pytest.fixture(autouse=True)
def today():
    with travel_to(KONINGSDAG):
        yield KONINGSDAG


HTMX = {"HTTP_HX_REQUEST": "true"}


def error_summary(response) -> str:
    match = re.search(r'<div[^>]*id="error-summary".*?</div>', response.content.decode(), re.S)
    assert match, "no error summary on the page"
    return match.group(0)


def draft_data(pip, **overrides):
    data = {
        "leerroute": pip.leerroute,
        "niveau": pip.niveau,
        "alfabetisering": pip.alfabetisering,
        "knm_opgenomen": "on",
        "map_opgenomen": "on",
        "map_intensiteit": pip.map_intensiteit,
        "pvt_intensiteit_uren": str(pip.pvt_intensiteit_uren),
        "pvt_invulling": pip.pvt_invulling,
        "maatschappelijke_begeleiding": pip.maatschappelijke_begeleiding,
        "begeleiding_ondersteuning": pip.begeleiding_ondersteuning,
        "aantal_voortgangsgesprekken": str(pip.aantal_voortgangsgesprekken),
        "motivering": pip.motivering,
        "overweging_b1_route": pip.overweging_b1_route,
        "overweging_onderwijsroute": pip.overweging_onderwijsroute,
        "overweging_z_route": pip.overweging_z_route,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_page_without_pip_offers_to_start_one(kr_client, dossier):
    response = kr_client.get(reverse("pip:detail", args=[dossier.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "PIP opstellen" in html
    assert Verwerking.objects.filter(action=Action.VIEW, subject="pip", dossier_id=dossier.pk).exists()


def test_page_of_a_dossier_without_intake_says_to_start_it(kr_client, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a, status=Status.AANGEMELD)
    html = kr_client.get(reverse("pip:detail", args=[dossier.pk])).content.decode()
    assert "Start eerst de brede intake" in html
    assert reverse("pip:create", args=[dossier.pk]) not in html


def test_start_a_concept_and_see_the_form(kr_client, dossier, klantregisseur):
    response = kr_client.post(reverse("pip:create", args=[dossier.pk]))
    assert response.status_code == 302
    pip = dossier.pips.get()
    assert pip.drafted_by == klantregisseur
    html = kr_client.get(reverse("pip:detail", args=[dossier.pk])).content.decode()
    assert 'id="pip-form"' in html
    assert 'name="leerroute"' in html and 'hx-post="' + reverse("pip:draft_form", args=[dossier.pk, 1]) in html
    assert "<script" not in html.split("</head>")[1]  # no inline script in the page body


def test_route_change_rerenders_the_fields_of_that_route(kr_client, dossier, klantregisseur):
    pip = PipFactory(dossier=dossier, drafted_by=klantregisseur, leerroute="")
    url = reverse("pip:draft_form", args=[dossier.pk, pip.versie])
    on_b = kr_client.post(url, {"leerroute": "B", "motivering": "Nog niet af"}, **HTMX)
    assert on_b.status_code == 200
    html = on_b.content.decode()
    assert html.lstrip().startswith("<section")
    assert 'name="map_intensiteit"' in html and 'name="geschatte_intensiteit"' in html
    assert "Nog niet af" in html  # what was typed stays
    assert "utrecht-form-field--invalid" not in html  # no errors while filling in
    on_o = kr_client.post(url, {"leerroute": "O"}, **HTMX).content.decode()
    assert 'name="map_intensiteit"' not in on_o and 'name="niveau"' not in on_o
    on_z = kr_client.post(url, {"leerroute": "Z"}, **HTMX).content.decode()
    assert 'name="z_participatie_uren"' in on_z and 'name="geschatte_intensiteit"' not in on_z
    pip.refresh_from_db()
    assert pip.leerroute == ""  # nothing saved


def test_save_clears_fields_that_do_not_belong_to_the_route(kr_client, dossier, klantregisseur):
    pip = PipFactory(dossier=dossier, drafted_by=klantregisseur, geschatte_intensiteit=900)
    data = draft_data(pip, leerroute="O", map_opgenomen="on", geschatte_intensiteit="900")
    response = kr_client.post(reverse("pip:draft_save", args=[dossier.pk, pip.versie]), data)
    assert response.status_code == 302
    pip.refresh_from_db()
    assert (pip.leerroute, pip.map_opgenomen, pip.map_intensiteit, pip.geschatte_intensiteit) == ("O", False, "", None)


def test_submit_errors_are_in_the_summary_naming_the_fields(kr_client, dossier, klantregisseur):
    pip = PipFactory(dossier=dossier, drafted_by=klantregisseur)
    data = draft_data(pip, niveau="A2", motivering="", indienen="1")
    response = kr_client.post(reverse("pip:draft_save", args=[dossier.pk, pip.versie]), data)
    assert response.status_code == 422
    summary = error_summary(response)
    assert 'href="#id_niveau"' in summary and "Niveau A2 op de B1-route kan niet in de eerste PIP" in summary
    assert 'href="#id_motivering"' in summary
    pip.refresh_from_db()
    assert pip.status == PipStatus.CONCEPT
    assert pip.niveau == "A2"  # the concept itself was saved


def test_save_and_submit(kr_client, dossier, klantregisseur):
    pip = PipFactory(dossier=dossier, drafted_by=klantregisseur)
    response = kr_client.post(reverse("pip:draft_save", args=[dossier.pk, pip.versie]), draft_data(pip, indienen="1"))
    assert response.status_code == 302
    pip.refresh_from_db()
    assert pip.status == PipStatus.TER_ACCORDERING
    html = kr_client.get(reverse("pip:detail", args=[dossier.pk])).content.decode()
    assert "U kunt uw eigen PIP niet accorderen" in html
    assert reverse("pip:approve", args=[dossier.pk, pip.versie]) not in html


def test_teamleider_sees_approve_and_return(verified_client, dossier, teamleider):
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    client = verified_client(teamleider)
    html = client.get(reverse("pip:detail", args=[dossier.pk])).content.decode()
    assert f'href="{reverse("pip:approve", args=[dossier.pk, pip.versie])}"' in html  # a link to the approval page
    assert reverse("pip:preview", args=[dossier.pk, pip.versie]) in html
    approval = client.get(reverse("pip:approve", args=[dossier.pk, pip.versie])).content.decode()
    assert reverse("pip:return", args=[dossier.pk, pip.versie]) in approval


def test_drafting_teamleider_sees_no_approve(verified_client, dossier, teamleider):
    pip = PipFactory(dossier=dossier, ter_accordering=True, drafted_by=teamleider)
    html = verified_client(teamleider).get(reverse("pip:detail", args=[dossier.pk])).content.decode()
    assert "U kunt uw eigen PIP niet accorderen" in html
    assert reverse("pip:approve", args=[dossier.pk, pip.versie]) not in html


def test_klantregisseur_cannot_post_an_approval(kr_client, dossier):
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    response = kr_client.post(reverse("pip:approve", args=[dossier.pk, pip.versie]))
    assert response.status_code == 403
    pip.refresh_from_db()
    assert pip.status == PipStatus.TER_ACCORDERING


def test_approve_with_an_early_dagtekening_names_the_field(verified_client, gemeente_a, teamleider):
    dossier = DossierFactory(
        gemeente=gemeente_a, status=Status.BREDE_INTAKE, datum_brp_inschrijving=timezone.localdate()
    )
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    day = timezone.localdate() - timedelta(days=3)
    client = verified_client(teamleider)
    assert client.get(reverse("pip:preview", args=[dossier.pk, pip.versie])).status_code == 200
    response = client.post(reverse("pip:approve", args=[dossier.pk, pip.versie]), {"dagtekening": day.isoformat()})
    assert response.status_code == 422
    assert "inschrijving in de gemeente" in error_summary(response)
    pip.refresh_from_db()
    assert pip.status == PipStatus.TER_ACCORDERING


def test_approve_from_the_queue(verified_client, dossier, teamleider):
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    client = verified_client(teamleider)
    approval = client.get(reverse("pip:approve", args=[dossier.pk, pip.versie]), {"next": "queue"})
    assert approval.status_code == 200
    assert client.get(reverse("pip:preview", args=[dossier.pk, pip.versie])).status_code == 200  # the page's frame
    response = client.post(reverse("pip:approve", args=[dossier.pk, pip.versie]), {"next": "queue"})
    assert response.status_code == 302
    assert response["Location"] == reverse("pip_queue:queue")
    pip.refresh_from_db()
    assert pip.status == PipStatus.VASTGESTELD
    html = client.get(reverse("pip:detail", args=[dossier.pk])).content.decode()
    assert reverse("letters:document_download", args=[pip.beschikking.uuid]) in html
    assert "Geldende PIP" in html


def test_return_needs_a_reason(verified_client, dossier, teamleider):
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    client = verified_client(teamleider)
    url = reverse("pip:return", args=[dossier.pk, pip.versie])
    response = client.post(url, {"reden": ""})
    assert response.status_code == 422
    assert 'href="#id_reden"' in error_summary(response)
    response = client.post(url, {"reden": "Motivering onderwijsroute ontbreekt"})
    assert response.status_code == 302
    pip.refresh_from_db()
    assert (pip.status, pip.afgewezen_reden) == (PipStatus.CONCEPT, "Motivering onderwijsroute ontbreekt")


def test_preview_is_an_inline_pdf_and_not_stored(verified_client, dossier, teamleider):
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    response = verified_client(teamleider).get(reverse("pip:preview", args=[dossier.pk, pip.versie]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response.content.startswith(b"%PDF-")
    assert not dossier.documenten.exists()


def test_preview_of_a_vastgesteld_version_is_404(kr_client, dossier):
    pip = PipFactory(dossier=dossier, vastgesteld=True)
    assert kr_client.get(reverse("pip:preview", args=[dossier.pk, pip.versie])).status_code == 404


def test_earlier_version_is_readable(kr_client, dossier):
    PipFactory(dossier=dossier, versie=1, status=PipStatus.VERVANGEN, dagtekening=timezone.localdate())
    response = kr_client.get(reverse("pip:version", args=[dossier.pk, 1]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "vervangen door een latere versie" in html
    assert "<form" not in html.split('id="main"')[1]


def test_new_version_needs_a_reason(kr_client, dossier):
    PipFactory(dossier=dossier, vastgesteld=True)
    response = kr_client.post(reverse("pip:create", args=[dossier.pk]), {"wijzigingsreden": ""})
    assert response.status_code == 422
    assert 'href="#id_wijzigingsreden"' in error_summary(response)
    response = kr_client.post(reverse("pip:create", args=[dossier.pk]), {"wijzigingsreden": "Afschalen"})
    assert response.status_code == 302
    assert dossier.pips.get(versie=2).wijzigingsreden == "Afschalen"


def test_aanbod_add_returns_the_fragment_with_errors(kr_client, dossier, klantregisseur):
    pip = PipFactory(dossier=dossier, drafted_by=klantregisseur)
    url = reverse("pip:aanbod_set", args=[dossier.pk, pip.versie])
    today = timezone.localdate()
    data = {
        "instelling": AanbiederFactory(heeft_bow_keurmerk=False, naam="Zonder Keurmerk").pk,
        "datum_inburgeringsaanbod": (today + timedelta(days=7)).isoformat(),
        "verwachte_startdatum_opleiding": (today + timedelta(days=14)).isoformat(),
        "indicator_alfabetisering": "NVT",
    }
    response = kr_client.post(url, data, **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="aanbod"')
    assert "geen keurmerk van Blik op Werk" in html
    data["instelling"] = AanbiederFactory(naam="Taalschool De Brug").pk
    response = kr_client.post(url, data, **HTMX)
    assert response.status_code == 200
    assert "Taalschool De Brug" in response.content.decode()
    assert "timeline-changed" in response["HX-Trigger"]
    aanbod = pip.aanbod.get()
    remove = kr_client.post(reverse("pip:aanbod_remove", args=[dossier.pk, pip.versie, aanbod.pk]), **HTMX)
    assert remove.status_code == 200
    assert not pip.aanbod.exists()


def test_informatieverzoek_add_and_received(kr_client, dossier):
    url = reverse("pip:informatieverzoek_add", args=[dossier.pk])
    asked = (timezone.localdate() - timedelta(days=3)).isoformat()
    response = kr_client.post(url, {"omschrijving": "Medisch advies", "derde": "Huisarts", "aangevraagd_op": asked})
    assert response.status_code == 200
    verzoek = dossier.informatieverzoeken.get()
    received = reverse("pip:informatieverzoek_received", args=[dossier.pk, verzoek.pk])
    response = kr_client.post(received, {"ontvangen_op": timezone.localdate().isoformat()}, **HTMX)
    assert response.status_code == 200
    verzoek.refresh_from_db()
    assert verzoek.ontvangen_op == timezone.localdate()


def test_informatieverzoek_received_before_it_was_asked_is_refused(kr_client, dossier):
    verzoek = InformatieverzoekFactory(dossier=dossier)
    url = reverse("pip:informatieverzoek_received", args=[dossier.pk, verzoek.pk])
    response = kr_client.post(url, {"ontvangen_op": (verzoek.aangevraagd_op - timedelta(days=1)).isoformat()})
    assert response.status_code == 422
    assert "vóór de aanvraag" in response.content.decode()


# --- the queue -------------------------------------------------------------------------------


def test_queue_shows_in_scope_oldest_first_and_marks_own(verified_client, gemeente_a, gemeente_b, teamleider):
    now = timezone.now()
    newer = PipFactory(dossier__gemeente=gemeente_a, ter_accordering=True, submitted_at=now)
    older = PipFactory(dossier__gemeente=gemeente_a, ter_accordering=True, submitted_at=now - timedelta(days=2))
    own = PipFactory(dossier__gemeente=gemeente_a, ter_accordering=True, drafted_by=teamleider, submitted_at=now)
    elsewhere = PipFactory(dossier__gemeente=gemeente_b, ter_accordering=True)
    PipFactory(dossier__gemeente=gemeente_a)  # a concept: not in the queue
    response = verified_client(teamleider).get(reverse("pip_queue:queue"))
    assert response.status_code == 200
    html = response.content.decode()
    names = [p.dossier.inburgeraar.naam_sorteer for p in (older, newer)]
    assert html.index(names[0]) < html.index(names[1])
    assert elsewhere.dossier.inburgeraar.bsn not in html
    assert reverse("pip:detail", args=[elsewhere.dossier_id]) not in html
    assert reverse("pip:approve", args=[own.dossier_id, own.versie]) not in html
    assert reverse("pip:approve", args=[older.dossier_id, older.versie]) in html
    assert "U kunt uw eigen PIP niet accorderen" in html
    logged = set(Verwerking.objects.filter(subject="pip-ter-accordering").values_list("dossier_id", flat=True))
    assert logged == {newer.dossier_id, older.dossier_id, own.dossier_id}


def test_queue_is_for_teamleiders(kr_client):
    assert kr_client.get(reverse("pip_queue:queue")).status_code == 403


def test_aanbod_of_a_vastgesteld_pip_is_shown_read_only(kr_client, dossier):
    pip = PipFactory(dossier=dossier, vastgesteld=True)
    PipAanbodFactory(pip=pip, instelling__naam="Taalschool De Brug")
    html = kr_client.get(reverse("pip:detail", args=[dossier.pk])).content.decode()
    assert "Taalschool De Brug" in html
    assert "aanbod/" not in html.split('id="aanbod"')[1].split("</section>")[0]
    assert Pip.objects.get(pk=pip.pk).status == PipStatus.VASTGESTELD


def test_saving_a_concept_checks_duos_combination_rules_and_keeps_it(kr_client, dossier, klantregisseur):
    from openinburgering.pip import services as pip_services

    pip = pip_services.pip_draft_create(dossier=dossier, actor=klantregisseur)
    url = reverse("pip:draft_save", args=[dossier.pk, pip.versie])
    response = kr_client.post(url, {"leerroute": "Z", "niveau": "B1", "alfabetisering": "NVT"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "DUO zou het zo weigeren" in html
    assert "Niveau B1 is niet toegestaan op de Z-route" in html  # the rule, stated in Dutch
    pip.refresh_from_db()
    assert (pip.leerroute, pip.niveau) == ("Z", "B1")  # saved: a concept may be wrong; submitting is refused
