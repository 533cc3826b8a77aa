"""Test data for letter templates (a stored document needs a dossier: dossiers.factories.DocumentFactory)."""

import factory
from factory.django import DjangoModelFactory

from openinburgering.gemeenten.factories import GemeenteFactory

from .models import LetterTemplate

# The smallest PDF a viewer opens: enough for download tests, which never parse it.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class LetterTemplateFactory(DjangoModelFactory):
    class Meta:
        model = LetterTemplate

    gemeente = factory.SubFactory(GemeenteFactory)
    afzender_naam = factory.LazyAttribute(
        lambda o: f"Sociale Dienst Drechtsteden namens het college van burgemeester en wethouders van {o.gemeente.naam}"
    )
    afzender_adres = "Postbus 618\n3300 AP Dordrecht"
    telefoon = "078 770 8910"
    website = "www.socialedienstdrechtsteden.nl"
    email = "inburgering@drechtsteden.example"
    ondertekenaar_naam = "M. de Vries"
    ondertekenaar_functie = "Teamleider Inburgering"
    bezwaar_adres = "Het college van burgemeester en wethouders\nPostbus 618\n3300 AP Dordrecht"

    @classmethod
    def _create(cls, model_class: type[LetterTemplate], *args: object, **kwargs: object) -> LetterTemplate:
        # Every GemeenteFactory gemeente already has a template (a letter needs one): set its fields instead.
        gemeente = kwargs.pop("gemeente")
        letter_template, _ = model_class.objects.update_or_create(gemeente=gemeente, defaults=kwargs)
        return letter_template
