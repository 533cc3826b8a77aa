"""Fault tests over real HTTP (issue 5, part 7): the product's live server and the DUO simulator, each on
its own port, talking over sockets.

* DUO down for a while (the simulator stopped: connection refused; then answering 503), then back →
  every outbox message delivered exactly once.
* 10% of the notificaties sent twice → each stored once, one dossier per person.
* A worker process killed (SIGKILL) while DUO is answering its request → the message is resent with the
  same berichtId and DUO applies it once (PostgreSQL only: the killed worker is another process that must
  share the test database).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from openinburgering.brp.client import brp_persoon
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.dossiers.models import Dossier
from openinburgering.duo.clients import DuoClientConfig
from openinburgering.duo.models import DuoBericht, DuoBerichtStatus, Notificatie
from openinburgering.duo.outbox import outbox_add, outbox_send
from openinburgering.duo.verwerking import notificaties_process
from openinburgering.duosim import Simulator, serve_in_thread
from openinburgering.gemeenten.factories import GemeenteFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

DUO = "00000001003214345000"
WIJ = "00000001002306608000"
REPO = Path(__file__).resolve().parents[4]


@pytest.fixture(autouse=True)
def duo_settings(settings):
    settings.DUO_OIN = DUO
    settings.DUO_EIGEN_OINS = [WIJ]
    settings.DUO_BASE_URL = ""
    settings.DUO_OUTBOX_BACKOFF_BASE = 30
    settings.DUO_OUTBOX_BACKOFF_CAP = 600
    settings.DUO_TIMEOUT_CONNECT = 1
    settings.DUO_TIMEOUT_READ = 5
    return settings


@pytest.fixture
def gemeente():
    return GemeenteFactory(oin=WIJ, naam="Dordrecht", code="0505")


def config(url: str) -> DuoClientConfig:
    return DuoClientConfig(base_url=url, bron_oin=WIJ, doel_oin=DUO, connect_timeout=1.0, read_timeout=5.0)


def plaats_pips(sim: Simulator, gemeente, aantal: int) -> list[DuoBericht]:
    """``aantal`` dossiers whose PIP DUO will accept, each with a POST PIP in the outbox."""
    berichten = []
    for _ in range(aantal):
        dossier = DossierFactory(gemeente=gemeente, plicht_begindatum=date.today() - timedelta(days=60))
        sim.state.persoon_toevoegen(
            gemeente_oin=WIJ, bsn=dossier.inburgeraar.bsn, plicht_begindatum=dossier.plicht_begindatum
        )
        pip = {
            "dagtekeningPip": (date.today() - timedelta(days=1)).isoformat(),
            "leerroute": "B",
            "indicatorMagOpleidingAfmaken": False,
            "indicatorAlfabetiseringsonderwijs": "NVT",
        }
        with transaction.atomic():
            berichten.append(
                outbox_add(
                    dossier=dossier, api="pip", operatie="post_pip", args={"bsn": dossier.inburgeraar.bsn, "pip": pip}
                )
            )
    return berichten


def test_duo_down_for_a_while_then_back_delivers_every_message_exactly_once(gemeente):
    sim = Simulator(duo_oin=DUO)
    berichten = plaats_pips(sim, gemeente, 12)
    running = serve_in_thread(sim)
    url = running.url
    running.stop()  # DUO is down: nothing listens on its port

    start = timezone.now()
    with time_machine.travel(start, tick=True) as traveller:
        uitkomst = outbox_send(config=config(url))
        assert uitkomst.verzonden == 0 and uitkomst.opnieuw == 1  # the run stops: DUO is down for all
        assert set(DuoBericht.objects.values_list("status", flat=True)) == {DuoBerichtStatus.WACHTEND}

        # DUO is back, but answers 503 to the first 20 requests.
        running = serve_in_thread(sim, port=int(url.rsplit(":", 1)[1]))
        sim.storingen.instellen(status=503, aantal=20)
        for _ in range(40):
            traveller.shift(timedelta(minutes=11))  # past the longest backoff
            outbox_send(config=config(url))
            if not DuoBericht.objects.exclude(status=DuoBerichtStatus.VERZONDEN).exists():
                break
        running.stop()

    assert set(DuoBericht.objects.values_list("status", flat=True)) == {DuoBerichtStatus.VERZONDEN}
    for bericht in berichten:
        persoon = sim.state.persoon(bericht.bsn)
        assert len(persoon.pips) == 1, bericht.bsn  # applied once, however often it was tried
    ontvangen = [b for b in sim.ontvangen() if b.methode == "POST"]
    geaccepteerd = {b.bericht_id for b in ontvangen if b.status < 300}
    assert geaccepteerd == {str(b.bericht_id) for b in berichten}


def test_ten_percent_duplicated_notificaties_have_exactly_once_effects(gemeente, live_server, settings):
    sim = Simulator(duo_oin=DUO, product_url=f"{live_server.url}/duo/notificaties", rng_seed=7)
    sim.state.gemeente_toevoegen(WIJ, "0505", "Dordrecht")
    sim.storingen.instellen(dubbele_notificaties=0.1)
    with serve_in_thread(sim) as running:
        settings.BRP_BASE_URL = f"{running.url}/haalcentraal/api/brp"
        verzonden = [sim.nieuwe_inburgeringsplichtige(gemeente_oin=WIJ, asiel=i % 2 == 0) for i in range(40)]
        alle = [n for resultaat in verzonden for n in resultaat.notificaties]
        assert all(n.status == 201 for n in alle)
        assert len(alle) > 40  # some were sent twice
        assert Notificatie.objects.count() == 40
        notificaties_process(config=config(running.url), brp=brp_persoon)
    assert Dossier.objects.count() == 40
    assert {d.inburgeraar.bsn for d in Dossier.objects.select_related("inburgeraar")} == {r.bsn for r in verzonden}
    assert set(Notificatie.objects.values_list("status", flat=True)) == {"verwerkt"}


def test_a_worker_killed_in_the_middle_of_a_send_resends_with_the_same_bericht_id(gemeente):
    if connection.vendor != "postgresql":
        pytest.skip("the killed worker is another process sharing the test database: needs PostgreSQL")
    sim = Simulator(duo_oin=DUO)
    [bericht] = plaats_pips(sim, gemeente, 1)
    with serve_in_thread(sim) as running:
        # DUO does the work at once and logs it, but its answer takes 8 s: the worker waits for it.
        sim.storingen.instellen(antwoord_vertraging_ms=8_000)
        db = connection.settings_dict
        env = dict(
            os.environ,
            PYTHONPATH=str(REPO / "src"),
            DJANGO_SETTINGS_MODULE="openinburgering.conf.ci",
            DB_ENGINE="postgresql",
            DB_NAME=db["NAME"],
            DB_HOST=db["HOST"] or "127.0.0.1",
            DB_PORT=str(db["PORT"] or 5432),
            DB_USER=db["USER"] or "postgres",
            DB_PASSWORD=db["PASSWORD"] or "",
            DUO_BASE_URL=running.url,
            DUO_OIN=DUO,
            DUO_EIGEN_OINS=WIJ,
            DUO_TIMEOUT_READ="60",
        )
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, str(REPO / "src" / "manage.py"), "duo_koppeling", "--once"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while not any(b.methode == "POST" for b in sim.ontvangen()):
                assert time.monotonic() < deadline, "the worker never reached DUO"
                assert worker.poll() is None, "the worker stopped before it reached DUO"
                time.sleep(0.05)
            # DUO has the request and has applied it; the worker has not committed: kill it now.
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=10)
        finally:
            if worker.poll() is None:
                worker.kill()
        bericht.refresh_from_db()
        assert bericht.status == DuoBerichtStatus.WACHTEND  # its transaction died with it
        assert len(sim.state.persoon(bericht.bsn).pips) == 1  # but DUO did it

        sim.storingen.instellen(reset=True)
        uitkomst = outbox_send(config=config(running.url))

    assert uitkomst.verzonden == 1
    bericht.refresh_from_db()
    assert bericht.status == DuoBerichtStatus.VERZONDEN
    posts = [b for b in sim.ontvangen() if b.methode == "POST"]
    assert [b.bericht_id for b in posts] == [str(bericht.bericht_id)] * 2  # resent with the same berichtId
    assert len(sim.state.persoon(bericht.bsn).pips) == 1  # and applied once


def test_http_transport_errors_are_retryable():
    """A dropped connection is a temporary fault for the typed clients (no answer: try again)."""
    sim = Simulator(duo_oin=DUO)
    with serve_in_thread(sim) as running:
        sim.storingen.instellen(verbinding_verbreken=True, aantal=1)
        from openinburgering.duo.clients import DuoTijdelijkeFout, clients_for

        clients = clients_for(config(running.url))
        with pytest.raises(DuoTijdelijkeFout):
            clients.inburgeringstermijn.get_verlengingsgronden()
        assert clients.inburgeringstermijn.get_verlengingsgronden()
        clients.close()
