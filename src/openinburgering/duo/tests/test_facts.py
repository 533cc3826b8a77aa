"""The chain announces facts (core.events); the DUO app subscribes and writes its outbox rows in the same
transaction. Without these subscriptions DUO would never hear of a PIP, a result, hours or a contactpersoon."""

from dataclasses import is_dataclass

import pytest
from django.db import transaction

from openinburgering.core import events
from openinburgering.dossiers import facts as dossiers_facts
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.dossiers.facts import KlantregisseurGewijzigd
from openinburgering.duo import keten
from openinburgering.duo.models import DuoBericht
from openinburgering.intake import facts as intake_facts
from openinburgering.intake.facts import IntakeUrenGewijzigd
from openinburgering.pip import facts as pip_facts
from openinburgering.pip.factories import PipFactory
from openinburgering.pip.facts import PipIngetrokken, PipVastgesteld
from openinburgering.voortgang import facts as voortgang_facts
from openinburgering.voortgang.facts import ResultatenGewijzigd

pytestmark = pytest.mark.django_db

# Written out, not read from keten.SUBSCRIPTIONS: dropping a subscription there must fail here.
REQUIRED = [
    (KlantregisseurGewijzigd, keten.klantregisseur_gewijzigd),
    (IntakeUrenGewijzigd, keten.intake_uren_gewijzigd),
    (PipVastgesteld, keten.pip_vastgesteld),
    (PipIngetrokken, keten.pip_ingetrokken),
    (ResultatenGewijzigd, keten.resultaten_gewijzigd),
]


@pytest.mark.parametrize(("fact_type", "handler"), REQUIRED, ids=[f.__name__ for f, _h in REQUIRED])
def test_duo_subscribes_to_every_fact_it_must_report(fact_type, handler):
    assert handler in events.subscribers(fact_type)


def test_every_fact_the_chain_announces_is_one_duo_must_hear_of():
    """A new fact in a chain app's facts.py fails here until it is decided who reacts to it."""
    modules = (dossiers_facts, intake_facts, pip_facts, voortgang_facts)
    announced = {
        obj
        for module in modules
        for obj in vars(module).values()
        if isinstance(obj, type) and is_dataclass(obj) and obj.__module__ == module.__name__
    }
    assert announced == {fact_type for fact_type, _handler in REQUIRED}


@pytest.fixture
def withdrawn(gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a, status=Status.UITVOERING)
    return PipIngetrokken(pip=PipFactory(dossier=dossier, vastgesteld=True), dossier=dossier)


def test_a_fact_with_a_subscriber_writes_exactly_one_outbox_row(withdrawn):
    with transaction.atomic():
        events.announce(withdrawn)
    bericht = DuoBericht.objects.get()
    assert (bericht.dossier_id, bericht.api, bericht.operatie) == (withdrawn.dossier.pk, "pip", "delete_pip")
    assert bericht.args == {"bsn": withdrawn.dossier.inburgeraar.bsn}


def test_a_fact_announced_in_a_transaction_that_rolls_back_leaves_no_outbox_row(withdrawn):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        events.announce(withdrawn)
        assert DuoBericht.objects.count() == 1
        _ = 1 / 0
    assert not DuoBericht.objects.exists()


def test_without_the_subscription_the_fact_reaches_nobody(withdrawn):
    events.unsubscribe(PipIngetrokken, keten.pip_ingetrokken)
    try:
        with transaction.atomic():
            events.announce(withdrawn)
    finally:
        events.subscribe(PipIngetrokken, keten.pip_ingetrokken)
    assert not DuoBericht.objects.exists()
