"""The betaalrun pages: start, progress, actions, downloads, the report, and the scope of each."""

import hashlib
import io
from datetime import date

import pytest
import time_machine
from openpyxl import load_workbook

from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.models import Verwerking

from ..constants import RunStatus
from ..models import Betaalrun
from .conftest import MAAND

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_today")]


@pytest.fixture
def _today():
    with time_machine.travel(date(2026, 11, 20), tick=False):
        yield


@pytest.fixture
def run(gemeente_a, fm, fm2, ontzorgd, verified_client, django_capture_on_commit_callbacks):
    ontzorgd(gemeente_a)
    ontzorgd(gemeente_a, uitkering=None)
    with django_capture_on_commit_callbacks(execute=True):
        response = verified_client(fm).post(
            "/betaalruns/", {"maand": "2026-12", "gemeenten": [gemeente_a.pk], "uitvoerdatum": "2026-11-25"}
        )
    assert response.status_code == 302
    return Betaalrun.objects.get()


def test_starting_a_run_from_the_page_builds_it_and_shows_the_summary_and_the_exclusion(run, fm, verified_client):
    assert run.status == RunStatus.CONCEPT
    assert run.uitvoerdatum == date(2026, 11, 25)
    page = verified_client(fm).get(f"/betaalruns/{run.uuid}/")
    text = page.content.decode()
    assert "Geen uitkering bekend voor deze maand" in text
    assert "Ter accordering aanbieden" in text
    assert "1.450,00" in text  # the total paid for the one person included


def test_a_bad_start_names_the_field(gemeente_a, fm, verified_client):
    response = verified_client(fm).post("/betaalruns/", {"maand": "2026-12", "uitvoerdatum": "2026-11-01"})
    assert response.status_code == 422
    text = response.content.decode()
    assert "Gemeenten" in text
    response = verified_client(fm).post(
        "/betaalruns/", {"maand": "2026-12", "gemeenten": [gemeente_a.pk], "uitvoerdatum": "2026-11-01"}
    )
    assert response.status_code == 422
    assert "De uitvoerdatum ligt in het verleden." in response.content.decode()
    assert not Betaalrun.objects.exists()


def test_the_progress_partial_polls_while_building(run, fm, verified_client):
    Betaalrun.objects.filter(pk=run.pk).update(status=RunStatus.AANMAKEN, voortgang_totaal=10, voortgang_klaar=4)
    response = verified_client(fm).get(f"/betaalruns/{run.uuid}/?deel=voortgang", headers={"HX-Request": "true"})
    text = response.content.decode()
    assert 'hx-trigger="every 1s"' in text
    assert 'value="40"' in text
    assert "<html" not in text
    Betaalrun.objects.filter(pk=run.pk).update(status=RunStatus.CONCEPT)
    done = verified_client(fm).get(f"/betaalruns/{run.uuid}/?deel=voortgang", headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"  # the whole page shows the result


def test_four_eyes_through_the_pages_then_download_and_report(
    run, fm, fm2, verified_client, django_capture_on_commit_callbacks
):
    maker, colleague = verified_client(fm), verified_client(fm2)
    maker.post(f"/betaalruns/{run.uuid}/indienen/")
    page = maker.get(f"/betaalruns/{run.uuid}/").content.decode()
    assert "Vier ogen" in page and ">Goedkeuren<" not in page
    maker.post(f"/betaalruns/{run.uuid}/goedkeuren/")
    run.refresh_from_db()
    assert run.status == RunStatus.TER_ACCORDERING
    with django_capture_on_commit_callbacks(execute=True):
        colleague.post(f"/betaalruns/{run.uuid}/goedkeuren/")
    run.refresh_from_db()
    assert run.status == RunStatus.GOEDGEKEURD
    bestand = run.bestanden.get()

    download = maker.get(f"/betaalruns/bestanden/{bestand.pk}/")
    assert download["Content-Type"] == "application/xml"
    assert download.content == bestand.content
    assert hashlib.sha256(download.content).hexdigest() == bestand.sha256
    assert Verwerking.objects.filter(action=Action.EXPORT, purpose=Purpose.ONTZORGEN).count() == 2

    rapport = maker.get(f"/betaalruns/{run.uuid}/rapport.xlsx")
    workbook = load_workbook(io.BytesIO(rapport.content), read_only=True)
    betalingen = list(workbook["Betalingen"].iter_rows(values_only=True))
    uitgesloten = list(workbook["Uitgesloten"].iter_rows(values_only=True))
    assert len(betalingen) == 1 + 3  # header, two fixed costs and the leefgeld
    assert {row[0] for row in betalingen[1:]} == set(run.regels.values_list("end_to_end_id", flat=True))
    assert len(uitgesloten) == 1 + 1
    assert uitgesloten[1][3] == "Geen uitkering bekend voor deze maand"


@pytest.mark.parametrize(
    "path",
    ["/betaalruns/{uuid}/", "/betaalruns/{uuid}/rapport.xlsx"],
)
def test_another_gemeente_gets_404(run, fm_b, verified_client, path):
    assert verified_client(fm_b).get(path.format(uuid=run.uuid)).status_code == 404


def test_another_gemeente_cannot_act_on_or_download_the_run(
    run, fm_b, fm2, verified_client, django_capture_on_commit_callbacks
):
    other = verified_client(fm_b)
    for name in ("indienen", "annuleren", "goedkeuren"):
        assert other.post(f"/betaalruns/{run.uuid}/{name}/").status_code == 404
    run.refresh_from_db()
    assert run.status == RunStatus.CONCEPT
    assert str(run.uuid) not in other.get("/betaalruns/").content.decode()


def test_a_klantregisseur_has_no_betaalrun_pages(run, klantregisseur, verified_client):
    client = verified_client(klantregisseur)
    assert client.get("/betaalruns/").status_code == 403
    assert client.get(f"/betaalruns/{run.uuid}/").status_code == 403


def test_a_run_over_two_gemeenten_is_hidden_from_who_sees_only_one(
    gemeente_a, gemeente_b, fm, fm_b, ontzorgd, verified_client, django_capture_on_commit_callbacks
):
    fm.gemeenten.add(gemeente_b)
    fm.__dict__.pop("scope", None)
    ontzorgd(gemeente_a)
    with django_capture_on_commit_callbacks(execute=True):
        verified_client(fm).post("/betaalruns/", {"maand": "2026-12", "gemeenten": [gemeente_a.pk, gemeente_b.pk]})
    run = Betaalrun.objects.get()
    assert verified_client(fm_b).get(f"/betaalruns/{run.uuid}/").status_code == 404
    assert verified_client(fm).get(f"/betaalruns/{run.uuid}/").status_code == 200


def test_taken_page_lists_the_exclusion_task_and_closes_it(run, fm, fm_b, verified_client):
    client = verified_client(fm)
    page = client.get("/taken/").content.decode()
    assert "Niet betaald in december 2026" in page
    from openinburgering.taken.models import Taak

    taak = Taak.objects.get()
    assert verified_client(fm_b).post(f"/taken/{taak.uuid}/afhandelen/", {"afhandeling": "x"}).status_code == 404
    client.post(f"/taken/{taak.uuid}/afhandelen/", {"afhandeling": "Uitkering nagevraagd en ingevoerd."})
    taak.refresh_from_db()
    assert taak.status == "afgehandeld" and taak.afgehandeld_door == fm
    assert MAAND.month == 12


def test_the_report_of_a_large_run_is_made_in_the_background_and_then_downloaded(
    run, fm, verified_client, django_capture_on_commit_callbacks, monkeypatch
):
    from .. import report

    monkeypatch.setattr(report, "RAPPORT_DIRECT_MAX", 1)  # this run counts as large
    client = verified_client(fm)
    early = client.get(f"/betaalruns/{run.uuid}/rapport.xlsx")
    assert early.status_code == 302  # nothing made yet: back to the run, with a message
    assert "Rapport (Excel) maken" in client.get(f"/betaalruns/{run.uuid}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/betaalruns/{run.uuid}/rapport/")
    run.refresh_from_db()
    assert run.rapport_op is not None and not run.rapport_bezig
    response = client.get(f"/betaalruns/{run.uuid}/rapport.xlsx")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert len(list(workbook["Betalingen"].iter_rows(values_only=True))) == 1 + 3
    assert "stand-" in response["Content-Disposition"]


def test_monthly_overviews_for_everyone_in_an_approved_run_once(
    run, fm, fm2, verified_client, django_capture_on_commit_callbacks
):
    from openinburgering.letters.models import Document

    maker, colleague = verified_client(fm), verified_client(fm2)
    maker.post(f"/betaalruns/{run.uuid}/maandoverzichten/")  # too early: a concept
    assert not Document.objects.filter(kind=Document.Kind.ONTZORGEN_MAANDOVERZICHT).exists()
    maker.post(f"/betaalruns/{run.uuid}/indienen/")
    with django_capture_on_commit_callbacks(execute=True):
        colleague.post(f"/betaalruns/{run.uuid}/goedkeuren/")
    for _ in range(2):  # asked twice: still one letter per person
        with django_capture_on_commit_callbacks(execute=True):
            maker.post(f"/betaalruns/{run.uuid}/maandoverzichten/")
    letters = Document.objects.filter(kind=Document.Kind.ONTZORGEN_MAANDOVERZICHT)
    assert letters.count() == 1  # one person included; the one without a benefit gets none
    assert bytes(letters.get().content).startswith(b"%PDF-")
    assert "1 van 1 maandoverzichten gemaakt" in maker.get(f"/betaalruns/{run.uuid}/").content.decode()


def test_a_rejected_line_is_released_from_the_run_page_and_another_gemeente_gets_404(run, fm, fm_b, verified_client):
    from ..constants import RegelStatus
    from ..models import Betaalregel

    regel = Betaalregel.objects.filter(betaalrun=run).first()
    Betaalregel.objects.filter(pk=regel.pk).update(status=RegelStatus.GEWEIGERD, reden_tekst="Rekening opgeheven")
    client = verified_client(fm)
    html = client.get(f"/betaalruns/{run.uuid}/?status=geweigerd").content.decode()
    url = f"/betaalruns/{run.uuid}/regels/{regel.pk}/opnieuw-betalen/"
    assert f'action="{url}"' in html

    assert verified_client(fm_b).post(url).status_code == 404
    regel.refresh_from_db()
    assert regel.opnieuw_betalen_op is None

    response = client.post(url, follow=True)
    assert "wordt opnieuw betaald" in response.content.decode()
    regel.refresh_from_db()
    assert regel.opnieuw_betalen_door == fm
    assert (
        "Vrijgegeven om opnieuw te betalen" in client.get(f"/betaalruns/{run.uuid}/?status=geweigerd").content.decode()
    )
