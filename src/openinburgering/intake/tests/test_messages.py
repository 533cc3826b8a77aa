"""Every code of the brede intake's rules has a plain Dutch message that names the field and the rule."""

import inspect
import re
from datetime import date

import pytest

from openinburgering.intake.messages import CATALOGUE, DOMAIN_CODES, MESSAGES, violation_errors
from openinburgering.rules import intake
from openinburgering.rules.base import Violation
from openinburgering.rules.intake import IntakeOnderdeel


def rule_codes() -> set[str]:
    return set(re.findall(r'Violation\(\s*"([a-z_0-9]+)"', inspect.getsource(intake)))


def test_every_rule_code_has_a_message():
    codes = rule_codes()
    assert len(codes) >= 10  # the regular expression still finds the codes
    assert codes == set(MESSAGES)
    assert set(DOMAIN_CODES) <= codes


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_formats(code):
    params = {"datum": date(2024, 3, 1), "n": 2, "max": 3, "onderdeel": IntakeOnderdeel.VVE}
    message = CATALOGUE.message(Violation(code, "veld", params))
    assert message and "%(" not in message


def test_a_part_is_named_and_a_date_is_written_in_dutch():
    [error] = violation_errors([Violation("onderdeel_ontbreekt", "vve", {"onderdeel": IntakeOnderdeel.VVE})])
    assert error.message == (
        "Het onderdeel ‘Voor- en vroegschoolse educatie (VVE)’ is nog niet ingevuld (Wi 14 lid 3; Bi 5.2 lid 1)."
    )
    assert (error.field, error.code) == ("vve", "onderdeel_missing")
    [error] = violation_errors([Violation("afronding_voor_start", "completed_at", {"datum": date(2026, 3, 1)})])
    assert error.message == "De datum van afronding ligt vóór de start van de brede intake (1 maart 2026)."
    assert error.code == "invalid"
