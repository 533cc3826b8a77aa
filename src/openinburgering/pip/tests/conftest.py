"""Fixtures for the PIP tests: a dossier in gemeente A after its brede intake, and a second teamleider."""

import pytest

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory


@pytest.fixture
def dossier(gemeente_a, klantregisseur):
    return DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur, status=Status.BREDE_INTAKE)


@pytest.fixture
def teamleider_2(gemeente_a, team):
    return UserFactory(username="tl2.a", roles=[Role.TEAMLEIDER], gemeenten=[gemeente_a], team=team)
