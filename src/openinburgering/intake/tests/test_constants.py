"""The model choices are the rules' enums with Dutch labels: same names, same values."""

import pytest

from openinburgering.intake.constants import (
    AandachtspuntChoices,
    LbtResultaatChoices,
    LbtVrijstellingsgrondChoices,
    OproepUitkomstChoices,
    OvertredingSoort,
)
from openinburgering.rules.intake import (
    OPROEP_OVERTREDINGEN,
    Aandachtspunt,
    LbtResultaat,
    LbtVrijstellingsgrond,
    OproepUitkomst,
)


@pytest.mark.parametrize(
    ("choices", "enum"),
    [
        (AandachtspuntChoices, Aandachtspunt),
        (LbtResultaatChoices, LbtResultaat),
        (LbtVrijstellingsgrondChoices, LbtVrijstellingsgrond),
        (OproepUitkomstChoices, OproepUitkomst),
    ],
)
def test_choices_mirror_the_rules(choices, enum):
    assert [(c.name, c.value) for c in choices] == [(e.name, e.value) for e in enum]


def test_every_overtreding_has_a_soort():
    assert {OvertredingSoort(u.value) for u in OPROEP_OVERTREDINGEN.value} == set(OvertredingSoort)
