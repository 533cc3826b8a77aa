"""Every rule violation has a plain Dutch message that names the rule and its source."""

import inspect
import re
from datetime import date

import pytest

from openinburgering.pip.messages import MESSAGES, check_message, violation_message
from openinburgering.rules import leerroute
from openinburgering.rules.base import Violation


def rule_codes() -> set[str]:
    """The codes openinburgering.rules.leerroute can return, read from its source."""
    source = inspect.getsource(leerroute)
    codes = set(re.findall(r'Violation\(\s*"([a-z_0-9]+)"', source))
    codes |= set(re.findall(r'code = "([a-z_0-9]+)" if', source))
    codes |= set(re.findall(r'else "([a-z_0-9]+)"', source))
    return codes


def test_every_rule_code_has_a_message():
    codes = rule_codes()
    assert len(codes) >= 15  # the regular expressions still find the codes
    assert codes <= set(MESSAGES)


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_formats(code):
    params = {"niveau": "A2", "leerroute": "O", "datum": date(2024, 3, 1), "min": 1, "max": 9999}
    message = violation_message(Violation(code, "veld", params))
    assert message and "%(" not in message


def test_the_route_rule_is_stated_plainly_with_its_source():
    message = violation_message(Violation("niveau_route", "niveau", {"niveau": "A2", "leerroute": "O"}))
    assert message == "Niveau A2 is niet toegestaan op de onderwijsroute (DUO-acceptatieregel; Wet inburgering art. 8)."


def test_dates_are_written_in_dutch():
    message = violation_message(Violation("dagtekening_voor_plicht", "dagtekening", {"datum": date(2024, 3, 1)}))
    assert "1 maart 2024" in message


def test_map_rule_names_the_routes_of_the_rule():
    assert "B1-route en de Z-route" in check_message("map_verplicht")
