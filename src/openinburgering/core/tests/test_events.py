"""core.events: facts run their handlers synchronously, in the caller's transaction, in order."""

from dataclasses import dataclass

import pytest
from django.db import transaction

from openinburgering.core import events
from openinburgering.gemeenten.models import Uitvoeringsorganisatie as Organisatie


@dataclass(frozen=True)
class Happened:
    naam: str


@dataclass(frozen=True)
class HappenedToo(Happened):
    pass


@pytest.fixture
def subscribe():
    """Subscribe for one test only."""
    added = []

    def _subscribe(fact_type, handler):
        events.subscribe(fact_type, handler)
        added.append((fact_type, handler))

    yield _subscribe
    for fact_type, handler in added:
        events.unsubscribe(fact_type, handler)


def _gemeente_handler(fact):
    Organisatie.objects.create(naam=fact.naam)


@pytest.mark.django_db
def test_handlers_run_in_subscription_order_for_the_exact_type_only(subscribe):
    seen = []
    subscribe(Happened, lambda fact: seen.append(("first", fact.naam)))
    subscribe(Happened, lambda fact: seen.append(("second", fact.naam)))
    with transaction.atomic():
        events.announce(Happened("a"))
        events.announce(HappenedToo("b"))  # a subclass is another fact: nobody subscribed
    assert seen == [("first", "a"), ("second", "a")]


@pytest.mark.django_db
def test_subscribing_twice_runs_the_handler_once(subscribe):
    seen = []

    def handler(fact):
        seen.append(fact)

    subscribe(Happened, handler)
    subscribe(Happened, handler)
    with transaction.atomic():
        events.announce(Happened("a"))
    assert seen == [Happened("a")]
    assert events.subscribers(Happened) == (handler,)


@pytest.mark.django_db
def test_a_fact_without_handlers_does_nothing():
    before = Organisatie.objects.count()
    with transaction.atomic():
        events.announce(Happened("nobody listens"))
    assert Organisatie.objects.count() == before


@pytest.mark.django_db
def test_what_a_handler_writes_commits_with_the_caller(subscribe):
    subscribe(Happened, _gemeente_handler)
    with transaction.atomic():
        events.announce(Happened("Eerstgemeente"))
    assert Organisatie.objects.filter(naam="Eerstgemeente").count() == 1


@pytest.mark.django_db
def test_what_a_handler_writes_rolls_back_with_the_caller(subscribe):
    subscribe(Happened, _gemeente_handler)
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        events.announce(Happened("Terugdraai"))
        _ = 1 / 0
    assert not Organisatie.objects.filter(naam="Terugdraai").exists()


@pytest.mark.django_db
def test_a_handlers_exception_propagates_and_rolls_back_the_change(subscribe):
    def refuse(fact):
        raise ValueError(fact.naam)

    subscribe(Happened, _gemeente_handler)
    subscribe(Happened, refuse)
    with pytest.raises(ValueError, match="Halverwege"), transaction.atomic():
        events.announce(Happened("Halverwege"))
    assert not Organisatie.objects.filter(naam="Halverwege").exists()


def test_announcing_outside_a_transaction_is_refused(subscribe):
    seen = []
    subscribe(Happened, seen.append)
    with pytest.raises(RuntimeError, match="outside a transaction"):
        events.announce(Happened("los"))
    assert seen == []
