"""The aanbieder register follows DUO's Instelling: each wrong value gets a message naming the rule."""

import pytest
from django.core.exceptions import ValidationError

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.aanbod.models import Aanbieder

pytestmark = pytest.mark.django_db


def errors_of(aanbieder: Aanbieder) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        aanbieder.full_clean()
    return caught.value.message_dict


def test_factory_builds_a_valid_keurmerk_instelling():
    aanbieder = AanbiederFactory()
    aanbieder.full_clean()
    assert len(aanbieder.instellingsnummer) == 10 and aanbieder.instellingsnummer.isdigit()
    assert aanbieder.heeft_bow_keurmerk and aanbieder.actief


@pytest.mark.parametrize("postcode", ["0311AB", "3311 AB", "3311ab", "331AB", "3311ABC"])
def test_bad_postcode_is_refused_with_the_rule(postcode):
    errors = errors_of(AanbiederFactory.build(postcode=postcode))
    assert list(errors) == ["postcode"]
    assert "vier cijfers" in errors["postcode"][0] and "twee hoofdletters" in errors["postcode"][0]


@pytest.mark.parametrize("nummer", ["123456789", "12345678901", "12345 6789"])
def test_instellingsnummer_must_have_ten_characters(nummer):
    errors = errors_of(AanbiederFactory.build(instellingsnummer=nummer))
    assert "instellingsnummer" in errors
    assert any("precies tien tekens" in message for message in errors["instellingsnummer"])


def test_instellingsnummer_may_be_blank_and_blank_is_not_unique():
    AanbiederFactory(instellingsnummer="")
    second = AanbiederFactory.build(instellingsnummer="")
    second.full_clean()
    second.save()
    assert Aanbieder.objects.filter(instellingsnummer="").count() == 2


def test_instellingsnummer_is_unique_when_given():
    first = AanbiederFactory()
    errors = errors_of(AanbiederFactory.build(instellingsnummer=first.instellingsnummer))
    assert errors["__all__"] == ["Er is al een aanbieder met dit instellingsnummer."]


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("huisnummer", 0, "minstens 1"),
        ("huisnummer", 100_000, "hoogstens 99999"),
        ("huisnummertoevoeging", "ABCDE", "4"),
        ("bow_registratienummer", "12A", "één tot tien cijfers"),
        ("bow_registratienummer", "12345678901", "10"),
        ("brin", "ABCD", "twee cijfers en twee hoofdletters"),
    ],
)
def test_other_duo_fields_name_their_rule(field, value, fragment):
    errors = errors_of(AanbiederFactory.build(**{field: value}))
    assert field in errors
    assert any(fragment in message for message in errors[field])


def test_address_is_required_in_a_form_but_legacy_rows_exist_without():
    legacy = Aanbieder.objects.create(naam="Oude aanbieder")  # as rows from before the address was kept
    errors = errors_of(legacy)
    assert {"postcode", "huisnummer", "plaatsnaam"} <= set(errors)


@pytest.mark.parametrize(
    ("keurmerk", "tst", "onderwijsroute", "expected"),
    [
        (True, False, False, True),
        (True, False, True, True),
        (False, True, True, True),
        (False, True, False, False),
        (False, False, True, False),
        (False, False, False, False),
        (True, True, False, True),
    ],
)
def test_duo_accepts_keurmerk_or_tst_for_the_onderwijsroute(keurmerk, tst, onderwijsroute, expected):
    aanbieder = AanbiederFactory.build(heeft_bow_keurmerk=keurmerk, is_taalschakelinstelling=tst)
    assert aanbieder.mag_inburgeringsaanbod_leveren_voor(onderwijsroute) is expected


def test_taalschakelinstelling_trait():
    tst = AanbiederFactory(taalschakelinstelling=True)
    tst.full_clean()
    assert tst.mag_inburgeringsaanbod_leveren_voor(True)
    assert not tst.mag_inburgeringsaanbod_leveren_voor(False)
