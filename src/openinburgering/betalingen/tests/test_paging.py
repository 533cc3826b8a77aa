"""The betaalrun lists page with `?page=` and keep their filter (issue 11, 5.2: they read `?pagina=`,
so "Volgende" never left page 1 and a run's lines lost their status filter)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from openinburgering.betalingen.constants import RegelStatus, RunStatus
from openinburgering.betalingen.models import Bankafschrift, Betaalregel, Betaalrun
from openinburgering.core.tests.paging_helpers import follow_to_page_two, small_pages  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pages")]


@pytest.fixture
def run(gemeente_a, fm, ontzorgd, verified_client, django_capture_on_commit_callbacks):
    """A concept run with four people, each with two fixed costs and leefgeld: twelve lines."""
    for _ in range(4):
        ontzorgd(gemeente_a)
    with time_machine.travel(date(2026, 11, 20), tick=False), django_capture_on_commit_callbacks(execute=True):
        response = verified_client(fm).post(
            "/betaalruns/", {"maand": "2026-12", "gemeenten": [gemeente_a.pk], "uitvoerdatum": "2026-11-25"}
        )
    assert response.status_code == 302
    return Betaalrun.objects.get()


def test_the_lines_of_a_run_page_two_keeps_the_status_filter(run, fm, verified_client):
    lines = list(Betaalregel.objects.filter(betaalrun=run).order_by("pk"))
    assert len(lines) >= 8
    Betaalregel.objects.filter(pk__in=[r.pk for r in lines[::2]]).update(status=RegelStatus.GEWEIGERD)
    rows = follow_to_page_two(
        verified_client(fm),
        reverse("betalingen:detail", args=[run.uuid]),
        {"status": RegelStatus.GEWEIGERD},
        matches=lambda r: r.status == RegelStatus.GEWEIGERD,
    )
    assert [r.pk for r in rows] == [r.pk for r in lines[::2]][2:4]


def test_the_runs_page_two(gemeente_a, fm, verified_client):
    for month in range(1, 6):
        created = Betaalrun.objects.create(
            maand=date(2026, month, 1), status=RunStatus.CONCEPT, uitvoerdatum=date(2026, month, 1), created_by=fm
        )
        created.gemeenten.add(gemeente_a)
    rows = follow_to_page_two(verified_client(fm), reverse("betalingen:overview"), {})
    assert [r.maand.month for r in rows] == [3, 2]


def test_the_bank_statements_page_two(fm, verified_client):
    for i in range(5):
        Bankafschrift.objects.create(bestandsnaam=f"camt-{i}.xml", sha256=f"{i:064d}", created_by=fm)
    follow_to_page_two(verified_client(fm), reverse("betalingen:bankafschriften"), {})
