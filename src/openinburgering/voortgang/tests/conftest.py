import pytest

from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.letters.factories import LetterTemplateFactory
from openinburgering.pip.factories import PipFactory


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
