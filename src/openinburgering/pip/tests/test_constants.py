"""The model choices are written out by hand; their values must stay equal to the rules' enumerations."""

from enum import StrEnum

import pytest
from django.db import models

from openinburgering.pip.constants import AlfabetiseringChoices, LeerrouteChoices, NiveauChoices
from openinburgering.rules.leerroute import Alfabetisering, Leerroute, Niveau

PAIRS = [(LeerrouteChoices, Leerroute), (NiveauChoices, Niveau), (AlfabetiseringChoices, Alfabetisering)]


@pytest.mark.parametrize(("choices", "enum"), PAIRS, ids=[choices.__name__ for choices, _ in PAIRS])
def test_choices_follow_the_enum(choices: type[models.TextChoices], enum: type[StrEnum]) -> None:
    assert [(member.name, member.value) for member in choices] == [(member.name, member.value) for member in enum]
