"""Test data for the brede intake: an intake with every statutory section filled, summonses, the LBT."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.rules.intake import LbtResultaat

from .constants import Geletterdheid, IntakeStatus, Opleidingsniveau, TaalniveauNl, Zelfredzaamheid
from .models import BredeIntake, IntakeGezondheid, Leerbaarheidstoets, Oproep


class BredeIntakeFactory(DjangoModelFactory):
    """A started intake with nothing recorded; `ingevuld=True` fills every statutory section."""

    class Meta:
        model = BredeIntake

    dossier = factory.SubFactory(DossierFactory, status=Status.BREDE_INTAKE)
    status = IntakeStatus.IN_UITVOERING
    started_at = date(2024, 4, 2)

    class Params:
        ingevuld = factory.Trait(
            alleen_gesprek_gemeld=True,
            hoogste_opleiding=Opleidingsniveau.VOORTGEZET,
            jaren_onderwijs=10,
            werkervaring="Vijf jaar kapper in Aleppo.",
            geletterdheid=Geletterdheid.ANDERS_GEALFABETISEERD,
            taalniveau_nl=TaalniveauNl.A0,
            arbeid_mogelijkheden="Werk in de zorg, na een taaltraject.",
            zelfredzaamheid=Zelfredzaamheid.GEMIDDELD,
            vve_van_toepassing=False,
            gezinssituatie="Gehuwd, partner nog in het land van herkomst.",
        )


class IntakeGezondheidFactory(DjangoModelFactory):
    class Meta:
        model = IntakeGezondheid

    brede_intake = factory.SubFactory(BredeIntakeFactory)
    lichamelijke_gezondheid = "Geen bijzonderheden."


class OproepFactory(DjangoModelFactory):
    class Meta:
        model = Oproep

    dossier = factory.SubFactory(DossierFactory, status=Status.BREDE_INTAKE)
    volgnummer = 1
    verzonden_op = date(2024, 4, 2)
    uiterste_datum = date(2024, 4, 16)


class LeerbaarheidstoetsFactory(DjangoModelFactory):
    """Requested; `met_resultaat=True` adds DUO's result."""

    class Meta:
        model = Leerbaarheidstoets

    dossier = factory.SubFactory(DossierFactory, status=Status.BREDE_INTAKE)
    aangevraagd_op = date(2024, 4, 3)
    examennummer = factory.Sequence(lambda n: f"LBT{n:06d}")

    class Params:
        met_resultaat = factory.Trait(
            afgenomen_op=date(2024, 4, 10),
            resultaat=LbtResultaat.B1_HAALBAAR.value,
            behaalde_score="123,45",
            benodigde_score="100,00",
        )
