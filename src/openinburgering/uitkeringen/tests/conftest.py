import pytest
import time_machine

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory


@pytest.fixture
def today():
    """15 March 2026: benefits may be recorded from January 2022 up to May 2026."""
    with time_machine.travel("2026-03-15 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def financieel(gemeente_a):
    return UserFactory(username="fin.a", roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a])
