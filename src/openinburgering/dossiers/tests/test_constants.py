"""The model choices are written out by hand; they must stay equal to the rules' enumerations of DUO's values."""

from enum import StrEnum

import pytest
from django.db import models

from openinburgering.dossiers.constants import DoelgroepChoices, GedetailleerdeDoelgroepChoices, RedenEindeChoices
from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep, RedenGeenInburgeringsplicht

PAIRS = [
    (DoelgroepChoices, Doelgroep),
    (GedetailleerdeDoelgroepChoices, GedetailleerdeDoelgroep),
    (RedenEindeChoices, RedenGeenInburgeringsplicht),
]


@pytest.mark.parametrize(("choices", "enum"), PAIRS, ids=[choices.__name__ for choices, _ in PAIRS])
def test_choices_values_equal_the_enum(choices: type[models.TextChoices], enum: type[StrEnum]) -> None:
    assert set(choices.values) == {member.value for member in enum}


@pytest.mark.parametrize(("choices", "enum"), PAIRS, ids=[choices.__name__ for choices, _ in PAIRS])
def test_choices_names_order_and_labels_follow_the_enum(choices: type[models.TextChoices], enum: type[StrEnum]) -> None:
    # Same member names in the same order, and DUO's string as the label (as the stored value is).
    assert [(member.name, member.value, member.label) for member in choices] == [
        (member.name, member.value, member.value) for member in enum
    ]
