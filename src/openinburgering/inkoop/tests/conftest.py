import pytest
import time_machine

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory


@pytest.fixture(autouse=True)
def today():
    """15 March 2026, for every test of contracts (ending soon, the keurmerk's window, the version in force)."""
    with time_machine.travel("2026-03-15 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def contractmanager(gemeente_a):
    return UserFactory(username="cm.a", roles=[Role.CONTRACTMANAGER], gemeenten=[gemeente_a])


@pytest.fixture
def contractmanager_ab(gemeente_a, gemeente_b):
    return UserFactory(username="cm.ab", roles=[Role.CONTRACTMANAGER], gemeenten=[gemeente_a, gemeente_b])
