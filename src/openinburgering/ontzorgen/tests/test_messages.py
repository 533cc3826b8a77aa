"""Every code of financieel ontzorgen's rules has a plain Dutch message that names the field and the rule."""

import inspect
import re
from datetime import date
from decimal import Decimal

import pytest

from openinburgering.ontzorgen.messages import CATALOGUE, DOMAIN_CODES, MESSAGES, violation_errors
from openinburgering.ontzorgen.models import Ontzorging, VasteLastVersie
from openinburgering.rules import ontzorgen
from openinburgering.rules.base import Violation
from openinburgering.rules.sepa import SEPA_NAAM_MAX


def rule_codes() -> set[str]:
    return set(re.findall(r'Violation\(\s*"([a-z_0-9]+)"', inspect.getsource(ontzorgen)))


def test_every_rule_code_has_a_message():
    codes = rule_codes()
    assert len(codes) >= 25  # the regular expression still finds the codes
    assert codes == set(MESSAGES)
    assert set(DOMAIN_CODES) <= codes


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_formats(code):
    params = {
        "soort": "telecom",
        "maand": date(2026, 8, 1),
        "start": date(2026, 3, 1),
        "einde": date(2026, 8, 31),
        "n": 71,
        "max": 70,
        "land": "CH",
        "maanden": 6,
        "decimalen": 2,
    }
    message = CATALOGUE.message(Violation(code, "veld", params))
    assert message and "%(" not in message


def test_the_56a_message_names_the_kind_the_article_and_the_ground():
    [error] = violation_errors([Violation("niet_56a", "soort", {"soort": "telecom"})])
    assert error.message.startswith("Telefoon en internet hoort niet bij de vaste lasten die artikel 56a lid 2 van de")
    assert "(Pw 57)" in error.message
    assert (error.field, error.code) == ("soort", "niet_56a")


def test_a_month_is_written_as_a_month():
    [error] = violation_errors([Violation("van_maand_na_ontzorging", "van_maand", {"maand": date(2026, 8, 1)})])
    assert error.message == "De eerste maand ligt na het einde van de ontzorging (augustus 2026)."
    assert error.code == "invalid"


def test_the_name_columns_hold_a_sepa_name():
    for model, name in ((VasteLastVersie, "crediteur"), (Ontzorging, "rekeninghouder")):
        assert model._meta.get_field(name).max_length == SEPA_NAAM_MAX.value


def test_the_amount_column_holds_the_sepa_maximum():
    from openinburgering.rules.sepa import SEPA_BEDRAG_MAX

    field = VasteLastVersie._meta.get_field("bedrag")
    assert Decimal(10) ** (field.max_digits - field.decimal_places) - Decimal("0.01") == SEPA_BEDRAG_MAX.value
