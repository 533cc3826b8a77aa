from datetime import date

import pytest

from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.letters.factories import LetterTemplateFactory
from openinburgering.pip.factories import PipFactory

# A leap day: the PIP (vastgesteld 30 days before) and DUO's termijn land on 30/31 January, and
# "a month before" or "three years later" has no 29 February to fall back on.
TODAY = date(2028, 2, 29)


@pytest.fixture(autouse=True)
def today():
    with travel_to(TODAY):
        yield TODAY


@pytest.fixture
def dossier(gemeente_a, klantregisseur):
    return DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur, status=Status.UITVOERING)


@pytest.fixture
def pip(dossier):
    """The current PIP: vastgesteld 30 days ago, its inburgeringstermijn started the day after."""
    return PipFactory(dossier=dossier, vastgesteld=True)


@pytest.fixture
def z_pip(dossier):
    return PipFactory(dossier=dossier, vastgesteld=True, leerroute="Z", niveau="")


@pytest.fixture
def briefsjabloon(gemeente_a):
    return LetterTemplateFactory(gemeente=gemeente_a, telefoon="078 770 8910")
