"""Letter templates: colour, logo and contact details are checked; a gemeente without a complete one sends no letter."""

import pytest
from django.core.exceptions import ValidationError

from openinburgering.dossiers.documents import postal_address_lines
from openinburgering.dossiers.factories import DocumentFactory
from openinburgering.gemeenten.factories import GemeenteFactory
from openinburgering.letters.factories import LetterTemplateFactory
from openinburgering.letters.models import ImmutableDocumentError, LetterTemplate, LetterTemplateIncomplete
from openinburgering.letters.selectors import letter_template_for
from openinburgering.letters.validators import logo_svg_problems

pytestmark = pytest.mark.django_db

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 40 40">'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#01689b"/></linearGradient></defs>'
    '<rect width="40" height="40" fill="url(#g)"/><use xlink:href="#g"/><text x="2" y="20">Gemeente</text></svg>'
)


@pytest.fixture
def bare_gemeente():
    """A gemeente without a letter template."""
    return GemeenteFactory(naam="Aadorp", letter_template=None)


def errors_of(letter_template: LetterTemplate) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        letter_template.full_clean()
    return caught.value.message_dict


def test_factory_template_is_valid():
    LetterTemplateFactory(logo_svg=LOGO).full_clean()


@pytest.mark.parametrize("kleur", ["01689b", "#01689", "#01689bb", "red", "#GGGGGG", "#01689b;}"])
def test_kleur_must_be_hex(kleur, bare_gemeente):
    errors = errors_of(LetterTemplateFactory.build(gemeente=bare_gemeente, kleur=kleur))
    assert list(errors) == ["kleur"]
    assert "#01689b" in errors["kleur"][0]


def test_default_kleur():
    assert LetterTemplateFactory().kleur == "#01689b"


@pytest.mark.parametrize(
    ("markup", "fragment"),
    [
        ("<svg><script>alert(1)</script></svg>", "<script>"),
        ("<svg><SCRIPT >alert(1)</SCRIPT></svg>", "<script>"),
        ('<svg onload="alert(1)"></svg>', "on…="),
        ('<svg><rect onclick = "x()"/></svg>', "on…="),
        ('<svg><a href="javascript:alert(1)"><rect/></a></svg>', "javascript:"),
        ('<svg><image href="http://example.com/x.png"/></svg>', "<image>"),
        ('<svg><use href="http://example.com/x.svg#a"/></svg>', "buiten het logo"),
        ("<svg><foreignObject><div>x</div></foreignObject></svg>", "<foreignobject>"),
        ("<svg><style>@import url(http://example.com/x.css);</style></svg>", "<style>"),
        ("<p>logo</p>", "één <svg>-element"),
        ("tekst <svg></svg>", "één <svg>-element"),
        ("<svg></svg><svg></svg>", "één <svg>-element"),
        ("<svg><g></svg>", "niet goed gesloten"),
        ('<!DOCTYPE svg [<!ENTITY x "y">]><svg></svg>', "DOCTYPE"),
    ],
)
def test_logo_svg_refuses_scripts_and_outside_references(markup, fragment, bare_gemeente):
    errors = errors_of(LetterTemplateFactory.build(gemeente=bare_gemeente, logo_svg=markup))
    assert list(errors) == ["logo_svg"]
    assert any(fragment in message for message in errors["logo_svg"]), errors["logo_svg"]


def test_logo_svg_may_be_empty_or_a_drawing():
    assert logo_svg_problems("") == []
    assert logo_svg_problems('<?xml version="1.0"?>\n' + LOGO) == []


def test_unsafe_logo_stored_anyway_is_never_marked_safe():
    letter_template = LetterTemplateFactory()
    LetterTemplate.objects.filter(pk=letter_template.pk).update(logo_svg='<svg onload="alert(1)"></svg>', kleur="red")
    letter_template.refresh_from_db()
    assert letter_template.safe_logo_svg == ""
    assert letter_template.safe_kleur == "#01689b"


def test_letter_template_for_returns_the_saved_template(gemeente_a):
    saved = LetterTemplateFactory(gemeente=gemeente_a)
    assert letter_template_for(gemeente_a) == saved


def test_letter_template_for_refuses_a_gemeente_without_one(bare_gemeente):
    with pytest.raises(LetterTemplateIncomplete) as caught:
        letter_template_for(bare_gemeente)
    message = caught.value.message
    assert "Aadorp" in message
    for missing in ("postadres afzender", "telefoonnummer", "e-mailadres", "adres voor bezwaar"):
        assert missing in message
    assert not LetterTemplate.objects.filter(gemeente=bare_gemeente).exists()


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({"telefoon": ""}, ["telefoonnummer"]),
        ({"email": ""}, ["e-mailadres"]),
        ({"afzender_adres": "Gemeente Aadorp"}, ["postadres afzender (met postcode)"]),
        ({"bezwaar_adres": "Het college van Aadorp"}, ["adres voor bezwaar (met postcode)"]),
        ({"telefoon": " ", "email": ""}, ["telefoonnummer", "e-mailadres"]),
    ],
)
def test_letter_template_for_names_what_a_stored_template_lacks(changes, missing, gemeente_a):
    LetterTemplate.objects.filter(gemeente=gemeente_a).update(**changes)  # stored before the fields were required
    with pytest.raises(LetterTemplateIncomplete) as caught:
        letter_template_for(gemeente_a)
    assert caught.value.missing == missing
    assert all(item in caught.value.message for item in missing)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"telefoon": ""}, "telefoon"),
        ({"telefoon": "bel ons"}, "telefoon"),
        ({"email": ""}, "email"),
        ({"afzender_adres": "Gemeente Aadorp"}, "afzender_adres"),
        ({"afzender_adres": "Postbus 618 3300 AP Dordrecht"}, "afzender_adres"),  # one line: no return address
        ({"bezwaar_adres": "Het college\nGemeente Aadorp"}, "bezwaar_adres"),
    ],
)
def test_template_without_contact_details_is_refused(changes, field, bare_gemeente):
    errors = errors_of(LetterTemplateFactory.build(gemeente=bare_gemeente, **changes))
    assert list(errors) == [field]


def test_a_gemeente_number_is_a_phone_number(bare_gemeente):
    LetterTemplateFactory.build(gemeente=bare_gemeente, telefoon="14 078").full_clean()


def test_postal_address_lines_follow_postnl():
    from openinburgering.dossiers.factories import InburgeraarFactory

    person = InburgeraarFactory.build(straat="Voorstraat", huisnummer="12a", postcode="3311ab", woonplaats="Dordrecht")
    assert postal_address_lines(person) == ["Voorstraat 12a", "3311 AB  DORDRECHT"]
    assert postal_address_lines(InburgeraarFactory.build()) == []


def test_stored_document_cannot_be_changed():
    document = DocumentFactory()
    document.title = "Anders"
    with pytest.raises(ImmutableDocumentError):
        document.save()
