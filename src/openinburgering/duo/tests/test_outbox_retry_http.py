"""Retries over real HTTP against the DUO simulator (issue 11, parts 4.1 and 4.4).

* 429 (with ``Retry-After`` as delta-seconds or as an HTTP-date, an absurd value capped), 408, 409 and a
  gateway's answer without ``API-Version`` leave the message WACHTEND and it is delivered later, with the
  same berichtId; the person's later messages follow. Before: VASTGELOPEN after one try, the person blocked.
* A five-minute outage: the time from DUO's return to an empty queue, with the worker run as cron runs it
  (every minute) on a simulated clock over real HTTP.
"""

from __future__ import annotations

from datetime import date, timedelta
from email.utils import format_datetime

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from openinburgering.dossiers.factories import DossierFactory
from openinburgering.duo.clients import DuoClientConfig
from openinburgering.duo.models import DuoBericht, DuoBerichtStatus
from openinburgering.duo.outbox import outbox_add, outbox_send
from openinburgering.duosim import Simulator, serve_in_thread
from openinburgering.gemeenten.factories import GemeenteFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

DUO = "00000001003214345000"
WIJ = "00000001002306608000"
Wacht = DuoBerichtStatus


@pytest.fixture(autouse=True)
def duo_settings(settings):
    settings.DUO_OIN = DUO
    settings.DUO_EIGEN_OINS = [WIJ]
    settings.DUO_BASE_URL = ""
    settings.DUO_OUTBOX_BACKOFF_BASE = 30
    settings.DUO_OUTBOX_BACKOFF_CAP = 300
    settings.DUO_OUTBOX_RETRY_AFTER_MAX = 3600
    settings.DUO_OUTBOX_PROBE_INTERVAL = 30
    settings.DUO_OUTBOX_CONFLICT_POGINGEN = 5
    return settings


@pytest.fixture
def gemeente():
    return GemeenteFactory(oin=WIJ, naam="Dordrecht", code="0505")


@pytest.fixture
def sim():
    simulator = Simulator(duo_oin=DUO)
    with serve_in_thread(simulator) as running:
        simulator.url = running.url  # type: ignore[attr-defined]
        yield simulator


def config(url: str) -> DuoClientConfig:
    return DuoClientConfig(base_url=url, bron_oin=WIJ, doel_oin=DUO, connect_timeout=1.0, read_timeout=5.0)


def plaats(sim: Simulator, gemeente, aantal: int, *, dossier=None) -> list[DuoBericht]:
    """``aantal`` POST PIPs DUO will accept (each for a new person, or all for ``dossier``)."""
    berichten = []
    for _ in range(aantal):
        d = dossier or DossierFactory(gemeente=gemeente, plicht_begindatum=date.today() - timedelta(days=60))
        if sim.state.persoon(d.inburgeraar.bsn) is None:
            sim.state.persoon_toevoegen(gemeente_oin=WIJ, bsn=d.inburgeraar.bsn, plicht_begindatum=d.plicht_begindatum)
        pip = {
            "dagtekeningPip": (date.today() - timedelta(days=1)).isoformat(),
            "leerroute": "B",
            "indicatorMagOpleidingAfmaken": False,
            "indicatorAlfabetiseringsonderwijs": "NVT",
        }
        with transaction.atomic():
            berichten.append(
                outbox_add(dossier=d, api="pip", operatie="post_pip", args={"bsn": d.inburgeraar.bsn, "pip": pip})
            )
    return berichten


def posts(sim: Simulator) -> list[tuple[str, int]]:
    return [(b.bericht_id, b.status) for b in sim.ontvangen() if b.methode == "POST"]


def verzend(sim: Simulator):
    return outbox_send(config=config(sim.url))  # type: ignore[attr-defined]


def wait_of(bericht: DuoBericht) -> float:
    bericht.refresh_from_db()
    return (bericht.volgende_poging_op - timezone.now()).total_seconds()


@pytest.mark.parametrize(
    "retry_after, expected",
    [("120", 120), ("http-date", 90), ("99999999", 3600)],
    ids=["delta-seconds", "http-date", "absurd-capped"],
)
def test_429_with_retry_after_is_retried_after_that_wait_and_holds_every_message(sim, gemeente, retry_after, expected):
    eerste, tweede = plaats(sim, gemeente, 2)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        if retry_after == "http-date":
            retry_after = format_datetime(timezone.now() + timedelta(seconds=90), usegmt=True)
        sim.storingen.instellen(status=429, aantal=1, retry_after=retry_after)

        uitkomst = verzend(sim)
        eerste.refresh_from_db()
        assert eerste.status == Wacht.WACHTEND and eerste.laatste_status_code == 429
        assert wait_of(eerste) == pytest.approx(expected, abs=1)
        assert uitkomst.opnieuw == 1 and uitkomst.verzonden == 0  # the run stopped: DUO said wait
        assert len(posts(sim)) == 1

        traveller.shift(timedelta(seconds=expected - 5))  # not yet: nothing at all goes to DUO
        assert verzend(sim).verzonden == 0
        assert len(posts(sim)) == 1

        traveller.shift(timedelta(seconds=6))
        assert verzend(sim).verzonden == 2
    for bericht in (eerste, tweede):
        bericht.refresh_from_db()
        assert bericht.status == Wacht.VERZONDEN
    assert [s for _, s in posts(sim)] == [429, 201, 201]
    assert posts(sim)[0][0] == posts(sim)[1][0] == str(eerste.bericht_id)  # resent with the same berichtId


def test_429_without_retry_after_waits_a_backoff(sim, gemeente):
    [bericht] = plaats(sim, gemeente, 1)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sim.storingen.instellen(status=429, aantal=1)
        verzend(sim)
        wait = wait_of(bericht)
        assert 15 <= wait <= 30
        traveller.shift(timedelta(seconds=wait + 1))
        assert verzend(sim).verzonden == 1


@pytest.mark.parametrize("status", [408, 503])
def test_408_and_503_with_retry_after_are_retried(sim, gemeente, status):
    [bericht] = plaats(sim, gemeente, 1)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sim.storingen.instellen(status=status, aantal=1, retry_after="45")
        verzend(sim)
        bericht.refresh_from_db()
        assert bericht.status == Wacht.WACHTEND
        assert wait_of(bericht) == pytest.approx(45, abs=1)
        traveller.shift(timedelta(seconds=46))
        assert verzend(sim).verzonden == 1


@pytest.mark.parametrize("status", [200, 201, 302, 400, 403, 404, 409, 429])
def test_a_gateways_answer_without_api_version_is_retried_not_vastgelopen(sim, gemeente, status):
    dossier = DossierFactory(gemeente=gemeente, plicht_begindatum=date.today() - timedelta(days=60))
    eerste, later = plaats(sim, gemeente, 2, dossier=dossier)  # the second is this person's next message
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sim.storingen.instellen(status=status, aantal=1, als_gateway=True)
        uitkomst = verzend(sim)
        eerste.refresh_from_db()
        assert (eerste.status, eerste.laatste_status_code) == (Wacht.WACHTEND, status)
        assert uitkomst.vastgelopen == 0
        traveller.shift(timedelta(seconds=31))
        assert verzend(sim).verzonden == 2
    later.refresh_from_db()
    assert later.status == Wacht.VERZONDEN  # the person's later message was held back only until then


def test_409_is_retried_and_delivered_when_the_conflict_clears(sim, gemeente):
    [bericht] = plaats(sim, gemeente, 1)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sim.storingen.instellen(status=409, aantal=2)
        for _ in range(2):
            verzend(sim)
            bericht.refresh_from_db()
            assert (bericht.status, bericht.laatste_status_code) == (Wacht.WACHTEND, 409)
            traveller.shift(timedelta(seconds=wait_of(bericht) + 1))
        assert verzend(sim).verzonden == 1
    bericht.refresh_from_db()
    assert (bericht.status, bericht.conflicten) == (Wacht.VERZONDEN, 0)


def test_409_five_times_in_a_row_is_vastgelopen_for_a_person_to_look_at(sim, gemeente):
    [bericht] = plaats(sim, gemeente, 1)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sim.storingen.instellen(status=409)
        for poging in range(1, 6):
            verzend(sim)
            bericht.refresh_from_db()
            if poging < 5:
                assert bericht.status == Wacht.WACHTEND
                traveller.shift(timedelta(seconds=wait_of(bericht) + 1))
    assert bericht.status == Wacht.VASTGELOPEN
    assert "409" in bericht.laatste_fout
    assert len(posts(sim)) == 5


def test_a_down_duo_gets_one_request_per_run_not_one_per_message(sim, gemeente):
    plaats(sim, gemeente, 10)
    sim.storingen.instellen(status=503)
    uitkomst = verzend(sim)
    assert (uitkomst.opnieuw, uitkomst.storing) == (1, True)
    assert not uitkomst.voortgang  # the worker task stops draining; cron's next run tries again
    assert len(posts(sim)) == 1


def drain(sim: Simulator) -> None:
    """One worker run as the task does it: batch after batch while it makes progress."""
    for _ in range(50):
        uitkomst = verzend(sim)
        if not uitkomst.voortgang:
            return


def test_after_a_five_minute_outage_the_queue_is_empty_within_a_minute_of_duos_return(sim, gemeente, capsys):
    """The worker runs every minute (cron, docs/configuration.md). 20 messages are placed at the start of a
    five-minute outage (503 to everything) and 10 more during it; DUO returns at 5:00."""
    berichten = plaats(sim, gemeente, 20)
    outage = timedelta(minutes=5)
    # The clock ticks (the drain's own time counts); cron's runs fall 30 s into each minute, DUO returns
    # on the minute: the figure is the wait for the next run plus the drain.
    with time_machine.travel(timezone.now(), tick=True) as traveller:
        start = timezone.now()
        terug_op = start + outage
        sim.storingen.instellen(status=503)
        leeg_op = None
        for minuut in range(0, 120):
            traveller.move_to(start + timedelta(minutes=minuut, seconds=30))
            if minuut == 2:
                berichten += plaats(sim, gemeente, 10)
            if timezone.now() >= terug_op:
                sim.storingen.instellen(reset=True)
            drain(sim)
            if not DuoBericht.objects.exclude(status=Wacht.VERZONDEN).exists():
                leeg_op = timezone.now()
                break
    assert leeg_op is not None
    herstel = (leeg_op - terug_op).total_seconds()
    with capsys.disabled():
        print(f"\nDUO back at +{(terug_op - start).total_seconds():.0f} s; queue empty {herstel:.0f} s later")
    tijdens = [s for _, s in posts(sim)][: -len(berichten)]
    assert len(tijdens) <= 6  # during the outage: one request per run, not one per message
    assert herstel <= 35  # the first run after DUO's return (30 s later) empties the queue
    assert {s for _, s in posts(sim)[-len(berichten) :]} == {201}
