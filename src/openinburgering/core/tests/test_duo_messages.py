import inspect
import re

from openinburgering.core.duo_messages import FIELD_NAMES, MESSAGES, violation_message
from openinburgering.rules import duo_acceptatie
from openinburgering.rules.base import Violation


def test_every_code_the_rules_return_has_a_message():
    source = inspect.getsource(duo_acceptatie)
    codes = set(re.findall(r'Violation\(\s*"([a-z_]+)"', source)) | set(re.findall(r'"(verwijtbaar_[a-z_]+)"', source))
    codes |= {"zroute_voor_map", "zroute_voor_pvt"}  # built with an f-string
    assert codes <= set(MESSAGES), codes - set(MESSAGES)


def test_a_message_names_the_field_and_the_rule():
    message = violation_message(Violation("in_toekomst", "pvt_datum"))
    assert str(FIELD_NAMES["pvt_datum"]) in message
    assert "DUO-acceptatieregel PVT" in message
