"""Gemeenten: the validators of what a beheerder types (CBS code, OIN, IBAN, BIC), the scope queryset,
and the admin's column that says whether letters can be sent."""

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.gemeenten.admin import GemeenteAdmin
from openinburgering.gemeenten.factories import GemeenteFactory, UitvoeringsorganisatieFactory
from openinburgering.gemeenten.models import Gemeente, Uitvoeringsorganisatie

pytestmark = pytest.mark.django_db


def errors(instance) -> set[str]:
    try:
        instance.full_clean()
    except ValidationError as error:
        return set(error.message_dict)
    return set()


@pytest.mark.parametrize(
    ("field", "value", "valid"),
    [
        ("code", "0505", True),
        ("code", "505", False),
        ("code", "05050", False),
        ("code", "GM05", False),
        ("oin", "", True),
        ("oin", "00000001001234567000", True),
        ("oin", "0000000100123456700", False),
        ("oin", "0000000100123456700X", False),
        ("iban", "NL91ABNA0417164300", True),
        ("iban", "NL91ABNA0417164301", False),  # check digits wrong
        ("bic", "RABONL2U", True),
        ("bic", "RABO", False),
    ],
)
def test_what_a_beheerder_types_is_validated(uitvoeringsorganisatie, field, value, valid):
    gemeente = Gemeente(uitvoeringsorganisatie=uitvoeringsorganisatie, code="0606", naam="Testdorp")
    setattr(gemeente, field, value)
    assert (field not in errors(gemeente)) is valid


def test_the_oin_of_the_uitvoeringsorganisatie_is_validated_too():
    assert "oin" in errors(Uitvoeringsorganisatie(naam="Regio", oin="123"))
    assert not errors(Uitvoeringsorganisatie(naam="Regio", oin="00000001001234567000"))


def test_defaults_pay_leefgeld_in_the_run_with_pain_001_001_03(uitvoeringsorganisatie):
    gemeente = Gemeente.objects.create(uitvoeringsorganisatie=uitvoeringsorganisatie, code="0606", naam="Testdorp")
    assert gemeente.leefgeld_in_betaalrun is True
    assert gemeente.pain_versie == "pain.001.001.03"


def test_gm_code_and_str(gemeente_a):
    assert gemeente_a.gm_code == "GM0101"
    assert str(gemeente_a) == "Aadorp"
    assert str(gemeente_a.uitvoeringsorganisatie) == "Regio Inburgering West"


def test_in_scope_is_exactly_the_gemeenten_of_the_scope(gemeente_a, gemeente_b, klantregisseur):
    GemeenteFactory(uitvoeringsorganisatie=UitvoeringsorganisatieFactory(), naam="Verweg")
    assert list(Gemeente.objects.in_scope(klantregisseur.scope)) == [gemeente_a]
    both = UserFactory(roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente_a, gemeente_b])
    assert list(Gemeente.objects.in_scope(both.scope)) == [gemeente_a, gemeente_b]  # ordered by naam
    nobody = UserFactory(roles=[Role.KLANTREGISSEUR], gemeenten=[])
    assert not Gemeente.objects.in_scope(nobody.scope).exists()


def test_the_code_is_unique(gemeente_a):
    duplicate = Gemeente(uitvoeringsorganisatie=gemeente_a.uitvoeringsorganisatie, code=gemeente_a.code, naam="X")
    assert "code" in errors(duplicate)


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("none", "Geen briefsjabloon: er kunnen geen brieven worden gemaakt"),
        ("complete", "Compleet"),
        ("no-phone", "Ontbreekt: "),
    ],
)
def test_the_admin_says_whether_letters_can_be_sent(uitvoeringsorganisatie, template, expected):
    if template == "none":
        gemeente = GemeenteFactory(uitvoeringsorganisatie=uitvoeringsorganisatie, letter_template=None)
    else:
        gemeente = GemeenteFactory(uitvoeringsorganisatie=uitvoeringsorganisatie)
        if template == "no-phone":
            gemeente.letter_template.telefoon = ""
            gemeente.letter_template.save()
    text = GemeenteAdmin(Gemeente, None).briefgegevens(Gemeente.objects.get(pk=gemeente.pk))
    assert text.startswith(expected)
    if template == "no-phone":
        assert text != expected and "telefoon" in text.lower()


def test_the_admin_list_is_the_beheerders_gemeenten(gemeente_a, gemeente_b, beheerder):
    request = RequestFactory().get("/admin/gemeenten/gemeente/")
    request.user = beheerder
    assert list(GemeenteAdmin(Gemeente, None).get_queryset(request)) == [gemeente_a]
    request.user = UserFactory(is_superuser=True, roles=[], gemeenten=[])
    assert list(GemeenteAdmin(Gemeente, None).get_queryset(request)) == [gemeente_a, gemeente_b]
