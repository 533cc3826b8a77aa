"""Reads: a letter's context from a dossier, and documents only within the user's scope."""

from datetime import date

import pytest
import time_machine

from openinburgering.dossiers.documents import documents_for_user, letter_context_for
from openinburgering.dossiers.factories import DocumentFactory, DossierFactory, InburgeraarFactory
from openinburgering.letters.factories import LetterTemplateFactory

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-11-23 10:00 +01:00", tick=False)
def test_letter_context_for_a_dossier(gemeente_a):
    letter_template = LetterTemplateFactory(gemeente=gemeente_a)
    inburgeraar = InburgeraarFactory(
        voornamen="Amira", geslachtsnaam="Haddad", straat="Voorstraat", huisnummer="12", postcode="3311AB",
        woonplaats="Aadorp",
    )  # fmt: skip
    dossier = DossierFactory(gemeente=gemeente_a, inburgeraar=inburgeraar)
    context = letter_context_for(dossier=dossier, onderwerp="Beschikking PIP")
    assert context == {
        "letter_template": letter_template,
        "addressee_name": "Amira Haddad",
        "addressee_lines": ["Voorstraat 12", "3311 AB  AADORP"],
        "datum": date(2026, 11, 23),
        "kenmerk": dossier.kenmerk,
        "onderwerp": "Beschikking PIP",
    }


def test_documents_for_user_stays_in_scope(klantregisseur, klantregisseur_b, gemeente_a, gemeente_b):
    own = DocumentFactory(dossier=DossierFactory(gemeente=gemeente_a))
    other = DocumentFactory(dossier=DossierFactory(gemeente=gemeente_b))
    assert list(documents_for_user(user=klantregisseur)) == [own]
    assert list(documents_for_user(user=klantregisseur_b)) == [other]
