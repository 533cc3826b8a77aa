"""Issue 11, 2.3: two builds of one run at the same time (a repeated task, or "Hervatten" while the old
worker lives). One build claims the run (a conditional UPDATE with a lease that each batch renews); the
other stops at once. A worker that truly died can be taken over when its lease has run out, and the error
of a stopped build is cleared when a build ends."""

import threading
import time
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from openinburgering.core.exceptions import DomainError

from ..constants import RegelSoort, RunStatus
from ..models import Afrekening, Betaalregel, Betaalrun
from ..services import afrekeningen, betaalrun
from ..services.afrekeningen import end_to_end_id
from ..services.betaalrun import betaalrun_resume, betaalrun_start
from ..services.build import BOUW_LEASE, betaalrun_build
from .conftest import MAAND


def expected_ids(people):
    return {
        end_to_end_id(soort=RegelSoort.VASTE_LAST, bron_id=vl.pk, maand=MAAND)
        for person in people
        for vl in person.vaste_lasten.all()
    } | {end_to_end_id(soort=RegelSoort.LEEFGELD, bron_id=person.pk, maand=MAAND) for person in people}


def assert_built_once(run, people):
    run.refresh_from_db()
    assert run.status == RunStatus.CONCEPT
    assert run.fout == "" and run.bouwer == ""
    ids = list(Betaalregel.objects.filter(betaalrun=run).values_list("end_to_end_id", flat=True))
    assert len(ids) == len(set(ids)) and set(ids) == expected_ids(people)
    assert Afrekening.objects.filter(betaalrun=run).count() == len(people)
    assert run.voortgang_klaar == run.voortgang_totaal == len(people)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two real connections at once: PostgreSQL")
def test_two_concurrent_builds_on_postgresql_one_builds_the_other_stops(gemeente_a, fm, ontzorgd, monkeypatch):
    monkeypatch.setattr(betaalrun, "_enqueue", lambda *args: None)  # built below, by two workers
    with time_machine.travel(date(2026, 11, 20), tick=True):
        people = [ontzorgd(gemeente_a, lasten=["600.00", "80.00"]) for _ in range(6)]
        run = betaalrun_start(actor=fm, maand=MAAND, gemeenten=[gemeente_a])
    assert Betaalrun.objects.get(pk=run.pk).status == RunStatus.AANMAKEN

    real_settle = afrekeningen.settle_batch

    def slow_settle(*args, **kwargs):
        time.sleep(0.05)  # keep each build busy long enough for the other to run into it
        return real_settle(*args, **kwargs)

    monkeypatch.setattr(afrekeningen, "settle_batch", slow_settle)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait(timeout=10)
            betaalrun_build(run.pk, batch_size=1)
        except BaseException as exc:  # the test reports any failure of either worker
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert_built_once(run, people)


@pytest.fixture
def _today():
    with time_machine.travel(date(2026, 11, 20), tick=False) as traveller:
        yield traveller


@pytest.mark.django_db
def test_a_second_build_stops_while_the_first_holds_a_live_lease(gemeente_a, fm, ontzorgd, _today):
    people = [ontzorgd(gemeente_a) for _ in range(3)]
    run = betaalrun_start(actor=fm, maand=MAAND, gemeenten=[gemeente_a])
    # The first worker claimed the run a minute ago and is still at work.
    Betaalrun.objects.filter(pk=run.pk).update(bouwer="other-worker", bouw_teken_op=timezone.now())
    _today.shift(timedelta(minutes=1))

    betaalrun_build(run.pk)  # the repeated task
    run.refresh_from_db()
    assert run.status == RunStatus.AANMAKEN and run.bouwer == "other-worker"
    assert not Afrekening.objects.filter(betaalrun=run).exists()
    assert run.fout == ""

    with pytest.raises(DomainError) as refused:
        betaalrun_resume(run=run, actor=fm)  # "Hervatten" while the old worker lives
    assert "wordt nog gemaakt" in refused.value.message

    # The worker died: once its lease has run out, a resume takes the build over and finishes it.
    _today.shift(BOUW_LEASE)
    betaalrun_resume(run=run, actor=fm)
    betaalrun_build(run.pk)
    assert_built_once(run, people)


@pytest.mark.django_db
def test_a_build_that_ends_clears_the_error_of_the_build_that_stopped(gemeente_a, fm, ontzorgd, monkeypatch, _today):
    people = [ontzorgd(gemeente_a) for _ in range(4)]
    run = betaalrun_start(actor=fm, maand=MAAND, gemeenten=[gemeente_a])
    real_insert_lines = afrekeningen._insert_lines
    calls = {"n": 0}

    def crash_in_the_second_batch(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("the worker died")
        return real_insert_lines(*args, **kwargs)

    monkeypatch.setattr(afrekeningen, "_insert_lines", crash_in_the_second_batch)
    with pytest.raises(RuntimeError):
        betaalrun_build(run.pk, batch_size=2)
    run.refresh_from_db()
    assert "gestopt" in run.fout and run.bouwer == ""  # the claim is released: resuming can start at once

    monkeypatch.setattr(afrekeningen, "_insert_lines", real_insert_lines)
    betaalrun_resume(run=run, actor=fm)
    betaalrun_build(run.pk, batch_size=2)
    assert_built_once(run, people)


@pytest.mark.django_db
def test_the_error_of_a_twin_that_stopped_is_gone_when_the_build_ends(gemeente_a, fm, ontzorgd, _today):
    people = [ontzorgd(gemeente_a) for _ in range(2)]
    run = betaalrun_start(actor=fm, maand=MAAND, gemeenten=[gemeente_a])
    stale = "Het maken van de betaalrun is gestopt (IntegrityError). Hervat hem als de oorzaak is verholpen."
    Betaalrun.objects.filter(pk=run.pk).update(fout=stale)
    betaalrun_build(run.pk)
    assert_built_once(run, people)
