"""The DUO outbox: committed with the business change, sent in order per person, retried with the same
berichtId, rejections and alerts as tasks. DUO is an ``httpx.MockTransport`` behind the real typed clients."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from openinburgering.accounts.constants import Role
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.duo.clients import DuoClientConfig, parse_retry_after
from openinburgering.duo.models import DuoBericht
from openinburgering.duo.outbox import (
    backoff,
    config_from_settings,
    duo_bericht_cancel,
    duo_bericht_retry,
    outbox_add,
    outbox_alert,
    outbox_send,
)
from openinburgering.duo.worker import outbox_run
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.models import Verwerking
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.models import Taak

pytestmark = pytest.mark.django_db

CONFIG = DuoClientConfig(
    base_url="https://duo.test:8443", bron_oin="00000001234567890000", doel_oin="00000001800866472000"
)
PIP = {"dagtekeningPip": "2026-03-02", "leerroute": "B", "niveau": "B1"}
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
Wacht = DuoBericht.Status


class WorkerKilled(BaseException):
    """The worker process dies (SIGKILL, OOM): nothing after this line of ours runs, no except clause."""


class FakeDuo:
    """DUO's side: answers from a script (default 201), applies each berichtId's effect once."""

    def __init__(self, *script: int | Callable[[httpx.Request], httpx.Response]) -> None:
        self.script = list(script)
        self.requests: list[httpx.Request] = []
        self.effects: dict[str, tuple[str, str]] = {}

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.script.pop(0) if self.script else 201
        response = step(request) if callable(step) else httpx.Response(step, headers={"API-Version": "1.2.0"})
        if 200 <= response.status_code < 300:
            self.effects.setdefault(request.headers["berichtId"], (request.method, request.url.path))
        return response

    def seen(self) -> list[tuple[str, str, str]]:
        return [(r.method, r.url.path, r.headers["berichtId"]) for r in self.requests]


def foutmeldingen(status: int, *teksten: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(
        status, headers={"API-Version": "1.2.0"}, json=[{"fouttekst": tekst} for tekst in teksten]
    )


def crash_after_received(request: httpx.Request) -> httpx.Response:
    # DUO has processed the message (its effect is there), but our worker dies before it sees the answer.
    raise WorkerKilled


@pytest.fixture(autouse=True)
def outbox_settings(settings):
    settings.DUO_BASE_URL = ""
    settings.DUO_OUTBOX_BACKOFF_BASE = 30
    settings.DUO_OUTBOX_BACKOFF_CAP = 3600
    settings.DUO_OUTBOX_ALERT_AFTER = 24
    settings.DUO_OUTBOX_PROBE_INTERVAL = 30
    settings.DUO_OUTBOX_RETRY_AFTER_MAX = 3600
    settings.DUO_OUTBOX_CONFLICT_POGINGEN = 5
    return settings


@pytest.fixture
def traveller():
    with time_machine.travel(START, tick=False) as t:
        yield t


def plaats_pip(dossier, operatie: str = "post_pip") -> DuoBericht:
    args = {"bsn": dossier.inburgeraar.bsn, **({"pip": PIP} if operatie == "post_pip" else {})}
    with transaction.atomic():
        return outbox_add(dossier=dossier, api="pip", operatie=operatie, args=args)


def verzend(duo: FakeDuo):
    return outbox_send(config=CONFIG, transport=duo.transport)


def test_a_message_is_committed_with_the_business_change_and_enqueues_the_drain(django_capture_on_commit_callbacks):
    dossier = DossierFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        bericht = plaats_pip(dossier)
    assert len(callbacks) == 1  # the drain task; with DUO_BASE_URL empty it sends nothing
    bericht.refresh_from_db()
    assert bericht.status == Wacht.WACHTEND
    assert bericht.bsn == dossier.inburgeraar.bsn
    assert bericht.gemeente_id == dossier.gemeente_id
    assert bericht.args == {"bsn": dossier.inburgeraar.bsn, "pip": PIP}


def test_a_failing_business_transaction_leaves_no_message():
    dossier = DossierFactory()
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        outbox_add(dossier=dossier, api="pip", operatie="post_pip", args={"bsn": dossier.inburgeraar.bsn, "pip": PIP})
        _ = 1 / 0  # the business change fails after the message was written
    assert not DuoBericht.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_placing_outside_a_transaction_is_refused():
    dossier = DossierFactory()
    with pytest.raises(RuntimeError, match="inside the transaction"):
        outbox_add(dossier=dossier, api="pip", operatie="post_pip", args={"bsn": dossier.inburgeraar.bsn, "pip": PIP})
    assert not DuoBericht.objects.exists()


@pytest.mark.parametrize(
    ("api", "operatie", "args"),
    [
        ("pip", "get_pip", {}),  # a read is not a message
        ("pip", "no_such", {}),
        ("nope", "post_pip", {"pip": PIP}),
        ("pip", "post_pip", {}),  # the PIP is missing
        ("pip", "delete_pip", {"pip": PIP}),  # an argument delete_pip does not take
    ],
)
def test_only_messages_of_our_clients_with_fitting_arguments_are_accepted(api, operatie, args):
    dossier = DossierFactory()
    with pytest.raises(ValueError), transaction.atomic():
        outbox_add(dossier=dossier, api=api, operatie=operatie, args={"bsn": dossier.inburgeraar.bsn, **args})


def test_sent_with_the_fixed_bericht_id_and_marked_verzonden(traveller):
    dossier = DossierFactory()
    bericht = plaats_pip(dossier)
    duo = FakeDuo()
    uitkomst = verzend(duo)
    assert uitkomst.verzonden == 1
    bericht.refresh_from_db()
    assert bericht.status == Wacht.VERZONDEN
    assert bericht.verzonden_op == START
    assert bericht.pogingen == 1
    assert duo.seen() == [("POST", f"/v1/personen/{dossier.inburgeraar.bsn}/PIP", str(bericht.bericht_id))]
    assert verzend(duo).verzonden == 0  # sent once


def test_503_then_201_delivers_once_with_the_same_bericht_id(traveller):
    bericht = plaats_pip(DossierFactory())
    duo = FakeDuo(503, 201)
    assert verzend(duo).opnieuw == 1
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen, bericht.laatste_status_code) == (Wacht.WACHTEND, 1, 503)
    assert verzend(duo).verzonden == 0  # not due yet
    traveller.move_to(bericht.volgende_poging_op)
    assert verzend(duo).verzonden == 1
    ids = [request.headers["berichtId"] for request in duo.requests]
    assert ids == [str(bericht.bericht_id)] * 2
    assert len(duo.effects) == 1
    bericht.refresh_from_db()
    assert bericht.status == Wacht.VERZONDEN


def test_backoff_grows_and_is_capped(traveller):
    bericht = plaats_pip(DossierFactory())
    duo = FakeDuo(*[503] * 12)
    for poging in range(1, 13):
        verzend(duo)
        bericht.refresh_from_db()
        assert bericht.pogingen == poging
        wait = (bericht.volgende_poging_op - timezone.now()).total_seconds()
        full = min(3600, 30 * 2 ** (poging - 1))
        assert full / 2 <= wait <= full
        traveller.move_to(bericht.volgende_poging_op)
    assert full == 3600  # the last waits are capped
    assert bericht.status == Wacht.WACHTEND  # never expires
    assert len({r.headers["berichtId"] for r in duo.requests}) == 1


def test_backoff_jitter_stays_between_half_and_all():
    rng = random.Random(5)
    waits = [backoff(1, rng=rng).total_seconds() for _ in range(200)]
    assert min(waits) >= 15
    assert max(waits) <= 30
    assert len(set(waits)) > 100
    assert backoff(100).total_seconds() <= 3600


def test_messages_go_in_order_per_person(traveller):
    a, b = DossierFactory(), DossierFactory()
    a1 = plaats_pip(a, "post_pip")
    a2 = plaats_pip(a, "delete_pip")
    b1 = plaats_pip(b, "post_pip")
    duo = FakeDuo(500)  # a1 fails once (a 500 may be this message only: the run goes on)
    uitkomst = verzend(duo)
    assert (uitkomst.opnieuw, uitkomst.geblokkeerd, uitkomst.verzonden) == (1, 1, 1)
    assert [r.headers["berichtId"] for r in duo.requests] == [str(a1.bericht_id), str(b1.bericht_id)]
    traveller.shift(timedelta(hours=2))
    assert verzend(duo).verzonden == 2
    a_requests = [(m, i) for m, p, i in duo.seen() if a.inburgeraar.bsn in p]
    assert a_requests == [
        ("POST", str(a1.bericht_id)),
        ("POST", str(a1.bericht_id)),
        ("DELETE", str(a2.bericht_id)),
    ]


def test_403_with_foutmeldingen_is_geweigerd_with_a_task_and_blocks_the_persons_later_messages(traveller):
    a, b = DossierFactory(), DossierFactory()
    a1 = plaats_pip(a, "post_pip")
    a2 = plaats_pip(a, "delete_pip")
    b1 = plaats_pip(b, "post_pip")
    duo = FakeDuo(foutmeldingen(403, "Leerroute past niet bij de doelgroep.", "Dagtekening ligt in de toekomst."))
    uitkomst = verzend(duo)
    assert (uitkomst.geweigerd, uitkomst.geblokkeerd, uitkomst.verzonden) == (1, 1, 1)
    a1.refresh_from_db()
    assert a1.status == Wacht.GEWEIGERD
    assert a1.foutteksten == ["Leerroute past niet bij de doelgroep.", "Dagtekening ligt in de toekomst."]
    taak = Taak.objects.get(soort=TaakSoort.DUO_GEWEIGERD)
    assert (taak.dossier_id, taak.gemeente_id, taak.rol) == (a.pk, a.gemeente_id, Role.KLANTREGISSEUR)
    assert "Leerroute past niet bij de doelgroep." in taak.titel
    assert "Dagtekening ligt in de toekomst." in taak.toelichting
    assert "wachten" in taak.toelichting

    traveller.shift(timedelta(days=3))
    assert verzend(duo).verzonden == 0  # a2 waits for a person to act on a1
    a2.refresh_from_db()
    assert a2.status == Wacht.WACHTEND
    assert [r.headers["berichtId"] for r in duo.requests] == [str(a1.bericht_id), str(b1.bericht_id)]

    DuoBericht.objects.filter(pk=a1.pk).update(status=Wacht.VERVALLEN)  # what the beheer page will do
    assert verzend(duo).verzonden == 1
    a2.refresh_from_db()
    assert a2.status == Wacht.VERZONDEN
    assert Taak.objects.filter(soort=TaakSoort.DUO_GEWEIGERD).count() == 1


def test_400_is_geweigerd_too():
    bericht = plaats_pip(DossierFactory())
    verzend(FakeDuo(foutmeldingen(400, "BSN onbekend bij DUO.")))
    bericht.refresh_from_db()
    assert (bericht.status, bericht.laatste_status_code, bericht.foutteksten) == (
        Wacht.GEWEIGERD,
        400,
        ["BSN onbekend bij DUO."],
    )


def test_a_wrong_api_version_is_vastgelopen_with_a_task_for_the_beheerder():
    dossier = DossierFactory()
    bericht = plaats_pip(dossier)
    verzend(FakeDuo(lambda request: httpx.Response(201, headers={"API-Version": "2.0.0"})))
    bericht.refresh_from_db()
    assert bericht.status == Wacht.VASTGELOPEN
    assert "API-Version" in bericht.laatste_fout
    taak = Taak.objects.get(soort=TaakSoort.DUO_VASTGELOPEN)
    assert (taak.rol, taak.dossier_id) == (Role.FUNCTIONEEL_BEHEERDER, dossier.pk)


def test_arguments_the_client_cannot_use_are_vastgelopen_without_a_request():
    dossier = DossierFactory()
    with transaction.atomic():
        bericht = outbox_add(dossier=dossier, api="pip", operatie="post_pip", args={"bsn": "12", "pip": PIP})
    duo = FakeDuo()
    assert verzend(duo).vastgelopen == 1
    assert duo.requests == []
    bericht.refresh_from_db()
    assert bericht.status == Wacht.VASTGELOPEN
    assert "ValueError" in bericht.laatste_fout


def test_a_401_is_retried_it_is_our_certificate_not_the_message(traveller):
    bericht = plaats_pip(DossierFactory())
    verzend(FakeDuo(401))
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == (Wacht.WACHTEND, 1)
    assert bericht.volgende_poging_op > START


def test_a_crash_after_duo_received_the_request_resends_with_the_same_bericht_id(traveller):
    bericht = plaats_pip(DossierFactory())
    received: list[str] = []

    def received_then_crash(request: httpx.Request) -> httpx.Response:
        received.append(request.headers["berichtId"])
        duo.effects.setdefault(request.headers["berichtId"], (request.method, request.url.path))
        raise WorkerKilled

    duo = FakeDuo(received_then_crash)
    with pytest.raises(WorkerKilled):
        verzend(duo)
    bericht.refresh_from_db()
    assert bericht.status == Wacht.WACHTEND  # the worker's transaction never committed
    assert verzend(duo).verzonden == 1  # the next worker resends at once, it was due
    assert {r.headers["berichtId"] for r in duo.requests} == {str(bericht.bericht_id)}
    assert len(duo.requests) == 2
    assert len(duo.effects) == 1  # DUO recognised the repeat: exactly one effect


def test_an_old_waiting_message_raises_one_alert(traveller, caplog):
    dossier = DossierFactory()
    bericht = plaats_pip(dossier)
    traveller.shift(timedelta(hours=23))
    assert outbox_alert() == 0
    traveller.shift(timedelta(hours=2))
    with caplog.at_level("ERROR", logger="openinburgering.duo.outbox"):
        assert outbox_run().alarmen == 1  # DUO_BASE_URL empty: nothing sent, still alerted
    assert outbox_alert() == 0
    taak = Taak.objects.get(soort=TaakSoort.DUO_VERTRAAGD)
    assert (taak.rol, taak.dossier_id, taak.gemeente_id) == (
        Role.FUNCTIONEEL_BEHEERDER,
        dossier.pk,
        dossier.gemeente_id,
    )
    assert str(bericht.bericht_id) in taak.toelichting
    assert [r for r in caplog.records if r.levelname == "ERROR" and str(bericht.bericht_id) in r.getMessage()]


def test_a_message_without_a_person_is_not_ordered_and_needs_a_gemeente():
    dossier = DossierFactory()
    gegevens = {"gegevens": {"naam": "K. Regisseur", "email": "k@example.org", "telefoonnummer": "0201234567"}}
    with pytest.raises(ValueError), transaction.atomic():
        outbox_add(dossier=None, api="contactpersoon", operatie="post_contactpersoon", args=gegevens)
    with transaction.atomic():
        bericht = outbox_add(
            dossier=None,
            api="contactpersoon",
            operatie="post_contactpersoon",
            args=gegevens,
            gemeente_id=dossier.gemeente_id,
        )
    assert bericht.bsn == ""

    def created(request: httpx.Request) -> httpx.Response:
        return httpx.Response(201, headers={"API-Version": "1.0.0"}, json={"id": 7})

    verzend(FakeDuo(created))
    bericht.refresh_from_db()
    assert bericht.status == Wacht.VERZONDEN
    assert bericht.antwoord == {"id": 7}


def test_config_from_settings(settings):
    assert config_from_settings() is None
    settings.DUO_BASE_URL = "https://duo.test:8443"
    settings.DUO_OIN = "00000001800866472000"
    settings.DUO_EIGEN_OINS = ["00000001234567890000"]
    settings.DUO_TIMEOUT_READ = 12
    config = config_from_settings()
    assert config is not None
    assert (config.bron_oin, config.doel_oin, config.read_timeout, config.cert) == (
        "00000001234567890000",
        "00000001800866472000",
        12.0,
        None,
    )


def test_the_command_runs_once():
    plaats_pip(DossierFactory())
    call_command("duo_koppeling", "--once")
    assert DuoBericht.objects.get().status == Wacht.WACHTEND  # DUO_BASE_URL empty: waits


def test_a_sent_message_is_in_the_logboek_dataverwerkingen():
    dossier = DossierFactory()
    bericht = plaats_pip(dossier)
    verzend(FakeDuo())
    verwerking = Verwerking.objects.get(dossier_id=dossier.pk, action=Action.EXPORT)
    assert (verwerking.purpose, verwerking.inburgeraar_id, verwerking.actor_id) == (
        Purpose.KOPPELING,
        dossier.inburgeraar_id,
        None,
    )
    assert str(bericht.bericht_id) in verwerking.subject


def test_a_geweigerd_message_is_retried_with_a_new_bericht_id_and_unblocks(gemeente_a, klantregisseur, traveller):
    dossier = DossierFactory(gemeente=gemeente_a)
    a1, a2 = plaats_pip(dossier, "post_pip"), plaats_pip(dossier, "delete_pip")
    duo = FakeDuo(foutmeldingen(400, "Tijdelijk niet te verwerken."))
    verzend(duo)
    a1.refresh_from_db()
    assert a1.status == Wacht.GEWEIGERD
    retried = duo_bericht_retry(bericht=a1, actor=klantregisseur)
    assert (retried.status, retried.volgende_poging_op) == (Wacht.WACHTEND, START)
    assert retried.bericht_id != a1.bericht_id  # the refused one had no effect at DUO
    assert verzend(duo).verzonden == 2
    assert [r.headers["berichtId"] for r in duo.requests] == [
        str(a1.bericht_id),
        str(retried.bericht_id),
        str(a2.bericht_id),
    ]
    with pytest.raises(StaleTransition):
        duo_bericht_retry(bericht=a1, actor=klantregisseur)


def test_a_vastgelopen_message_is_retried_with_the_same_bericht_id(beheerder, gemeente_a):
    bericht = plaats_pip(DossierFactory(gemeente=gemeente_a))
    duo = FakeDuo(lambda request: httpx.Response(201, headers={"API-Version": "9.0.0"}))
    verzend(duo)
    retried = duo_bericht_retry(bericht=bericht, actor=beheerder)
    assert retried.bericht_id == bericht.bericht_id  # DUO may have processed it
    verzend(duo)
    assert {r.headers["berichtId"] for r in duo.requests} == {str(bericht.bericht_id)}
    assert len(duo.effects) == 1


def test_a_cancelled_message_is_never_sent_and_unblocks(gemeente_a, klantregisseur):
    dossier = DossierFactory(gemeente=gemeente_a)
    a1, a2 = plaats_pip(dossier, "post_pip"), plaats_pip(dossier, "delete_pip")
    with pytest.raises(DomainError):
        duo_bericht_cancel(bericht=a1, actor=klantregisseur, reden=" ")
    cancelled = duo_bericht_cancel(bericht=a1, actor=klantregisseur, reden="Nieuwe PIP-versie volgt.")
    assert cancelled.status == Wacht.VERVALLEN
    assert "Nieuwe PIP-versie volgt." in cancelled.laatste_fout
    duo = FakeDuo()
    assert verzend(duo).verzonden == 1
    assert [r.headers["berichtId"] for r in duo.requests] == [str(a2.bericht_id)]
    with pytest.raises(StaleTransition):
        duo_bericht_cancel(bericht=a1, actor=klantregisseur, reden="Nogmaals.")


def test_only_someone_for_this_gemeente_handles_a_message(gemeente_a, klantregisseur_b):
    bericht = plaats_pip(DossierFactory(gemeente=gemeente_a))
    with pytest.raises(DomainError) as excinfo:
        duo_bericht_cancel(bericht=bericht, actor=klantregisseur_b, reden="Niet van ons.")
    assert excinfo.value.code == "forbidden"
    bericht.refresh_from_db()
    assert bericht.status == Wacht.WACHTEND


def test_a_backlog_behind_a_refused_message_does_not_crowd_out_other_people(traveller):
    a, b = DossierFactory(), DossierFactory()
    refused = plaats_pip(a)
    later = [plaats_pip(a, "delete_pip") for _ in range(5)]
    verzend(FakeDuo(foutmeldingen(400, "Niet te verwerken.")))
    refused.refresh_from_db()
    assert refused.status == Wacht.GEWEIGERD
    other = plaats_pip(b)  # the newest of all due messages
    duo = FakeDuo()
    uitkomst = outbox_send(config=CONFIG, transport=duo.transport, limit=1)
    assert (uitkomst.verzonden, uitkomst.geblokkeerd) == (1, len(later))
    assert [r.headers["berichtId"] for r in duo.requests] == [str(other.bericht_id)]


@pytest.mark.parametrize(
    "value, seconds",
    [
        ("120", 120),
        ("0", 0),
        ("Mon, 02 Nov 2026 09:01:30 GMT", 90),
        ("Mon, 02 Nov 2026 08:00:00 GMT", 0),  # in the past: no wait
        ("Monday, 02-Nov-26 09:01:30 GMT", 90),  # RFC 850, obsolete but allowed
        ("soon", None),
        ("-5", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_is_read_in_both_forms(value, seconds):
    wait = parse_retry_after(value, now=START)
    assert (wait.total_seconds() if wait is not None else None) == seconds


def test_a_waiting_message_is_sent_early_as_a_probe_once_nothing_was_tried_for_a_while(traveller, settings):
    settings.DUO_OUTBOX_BACKOFF_CAP = 300
    settings.DUO_OUTBOX_PROBE_INTERVAL = 30
    bericht = plaats_pip(DossierFactory())
    duo = FakeDuo(*[503] * 6)
    for _ in range(6):  # DUO down for a while: the backoff has grown to its cap
        traveller.move_to(bericht.volgende_poging_op)
        verzend(duo)
        bericht.refresh_from_db()
    assert (bericht.volgende_poging_op - timezone.now()).total_seconds() >= 150
    traveller.shift(timedelta(seconds=20))
    assert verzend(duo).verzonden == 0 and len(duo.requests) == 6  # tried 20 s ago: no probe yet
    traveller.shift(timedelta(seconds=11))
    uitkomst = verzend(duo)  # DUO is back (the script answers 201 now); the probe finds out
    assert uitkomst.verkend and uitkomst.verzonden == 1


def test_when_duo_answers_again_the_messages_waiting_on_backoff_go_at_once(traveller, settings):
    settings.DUO_OUTBOX_BACKOFF_CAP = 300
    oud = [plaats_pip(DossierFactory()) for _ in range(3)]
    duo = FakeDuo(503, 503, 503)
    for _ in range(3):  # each run tries one and stops: DUO is down
        verzend(duo)
        traveller.shift(timedelta(seconds=1))
    assert DuoBericht.objects.filter(volgende_poging_op__gt=timezone.now()).count() == 3
    nieuw = plaats_pip(DossierFactory())  # due now; it goes, and DUO answers
    uitkomst = verzend(duo)
    assert (uitkomst.verzonden, uitkomst.vrijgegeven) == (4, 3)
    assert {b.pk for b in DuoBericht.objects.filter(status=Wacht.VERZONDEN)} == {b.pk for b in [*oud, nieuw]}


def test_a_409_message_keeps_its_own_pace_when_duo_answers_again(traveller):
    conflict = plaats_pip(DossierFactory())
    duo = FakeDuo(409)
    verzend(duo)
    traveller.shift(timedelta(seconds=1))
    plaats_pip(DossierFactory())
    uitkomst = verzend(duo)
    assert (uitkomst.verzonden, uitkomst.vrijgegeven) == (1, 0)
    conflict.refresh_from_db()
    assert (conflict.status, conflict.conflicten) == (Wacht.WACHTEND, 1)
