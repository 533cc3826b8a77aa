"""Nationaliteit and Geboorteland in Dutch, sorted the Dutch way (issue 11, part 5.4).

The expected names are the Dutch ones a klantregisseur writes; the order check uses its own key
(accents and case ignored), not the library's.
"""

import re
import unicodedata
from html import unescape

import pytest
from django.urls import reverse

from openinburgering.dossiers.factories import DossierFactory, InburgeraarFactory
from openinburgering.dossiers.forms import PersonForm

pytestmark = pytest.mark.django_db


def _dutch_key(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


def _options(html: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select[^>]*name="[^"]*{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no {name} select"
    found = re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', select.group(1))
    return [(value, unescape(text).strip()) for value, text in found]


def test_form_offers_dutch_country_names_in_dutch_order():
    for field in ("nationaliteit", "geboorteland"):
        choices = [(code, str(label)) for code, label in PersonForm().fields[field].choices if code]
        names = [label for _, label in choices]
        assert ("US", "Verenigde Staten van Amerika") in choices
        assert ("AX", "Ålandseilanden") in choices
        assert "United States of America" not in names and "Åland Islands" not in names
        assert names == sorted(names, key=_dutch_key)
        # Å sorts with A, IJ as I followed by J: Afghanistan, Ålandseilanden, Albanië … Ierland, IJsland, India.
        assert names.index("Afghanistan") < names.index("Ålandseilanden") < names.index("Albanië")
        assert names.index("Ierland") < names.index("IJsland") < names.index("India")


def test_register_page_shows_dutch_names(kr_client):
    html = kr_client.get(reverse("dossiers:register")).content.decode()
    for field in ("nationaliteit", "geboorteland"):
        options = dict(_options(html, field))
        assert options["US"] == "Verenigde Staten van Amerika"
        assert options["AX"] == "Ålandseilanden"
        labels = [label for code, label in _options(html, field) if code]
        assert labels == sorted(labels, key=_dutch_key)


def test_dossier_page_shows_dutch_names(kr_client, gemeente_a, klantregisseur):
    inburgeraar = InburgeraarFactory(nationaliteit="US", geboorteland="AX")
    dossier = DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur, inburgeraar=inburgeraar)
    html = kr_client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "Verenigde Staten van Amerika" in html and "Ålandseilanden" in html
    assert "United States" not in html and "Åland Islands" not in html
