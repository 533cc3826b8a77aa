"""Test data for PIPs: by default a complete concept on the B1-route for an asielstatushouder,
drafted by a klantregisseur of the dossier's gemeente, that pip_submit accepts."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.dossiers.constants import Status as DossierStatus
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.rules.leerroute import PVT_MIN_HOURS
from openinburgering.rules.termijnen import inburgeringstermijn

from .constants import AlfabetiseringChoices, LeerrouteChoices
from .models import Informatieverzoek, Pip, PipAanbod, PipStatus


def _staff(role: str, gemeente: object) -> object:
    return UserFactory(roles=[role], gemeenten=[gemeente])


class PipFactory(DjangoModelFactory):
    class Meta:
        model = Pip

    dossier = factory.SubFactory(DossierFactory, status=DossierStatus.BREDE_INTAKE)
    versie = 1
    status = PipStatus.CONCEPT
    leerroute = LeerrouteChoices.B1_ROUTE
    niveau = ""
    alfabetisering = AlfabetiseringChoices.NIET_VAN_TOEPASSING
    knm_opgenomen = True
    map_opgenomen = True
    map_intensiteit = "Acht bijeenkomsten over werk in Nederland, met een werkbezoek en een eindgesprek."
    pvt_intensiteit_uren = PVT_MIN_HOURS.value
    pvt_invulling = "Groepsbijeenkomsten en een excursie naar het gemeentehuis."
    maatschappelijke_begeleiding = "VluchtelingenWerk, het eerste jaar."
    begeleiding_ondersteuning = "Maandelijks contact met de klantregisseur."
    aantal_voortgangsgesprekken = 4
    doelen = "Deeltijdwerk in de logistiek."
    motivering = "De leerbaarheidstoets wijst uit dat de B1-route haalbaar is."
    overweging_b1_route = "Haalbaar volgens de leerbaarheidstoets."
    overweging_onderwijsroute = "Geen wens om een opleiding te volgen."
    overweging_z_route = "Niet nodig: B1 is haalbaar."
    drafted_by = factory.LazyAttribute(lambda o: _staff(Role.KLANTREGISSEUR, o.dossier.gemeente))

    class Params:
        ter_accordering = factory.Trait(
            status=PipStatus.TER_ACCORDERING,
            submitted_by=factory.SelfAttribute("drafted_by"),
            submitted_at=factory.LazyFunction(timezone.now),
        )
        vastgesteld = factory.Trait(
            status=PipStatus.VASTGESTELD,
            submitted_by=factory.SelfAttribute("drafted_by"),
            submitted_at=factory.LazyFunction(timezone.now),
            approved_by=factory.LazyAttribute(lambda o: _staff(Role.TEAMLEIDER, o.dossier.gemeente)),
            approved_at=factory.LazyFunction(timezone.now),
            dagtekening=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30)),
            bekendmaking=factory.SelfAttribute("dagtekening"),
            inburgeringstermijn_start=factory.LazyAttribute(lambda o: inburgeringstermijn(o.dagtekening).start),
            inburgeringstermijn_einde=factory.LazyAttribute(lambda o: inburgeringstermijn(o.dagtekening).last_day),
        )


class PipAanbodFactory(DjangoModelFactory):
    class Meta:
        model = PipAanbod

    pip = factory.SubFactory(PipFactory)
    instelling = factory.SubFactory(AanbiederFactory)
    datum_inburgeringsaanbod = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    verwachte_startdatum_opleiding = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=21))
    verwachte_einddatum_opleiding = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=400))
    indicator_alfabetisering = AlfabetiseringChoices.NIET_VAN_TOEPASSING


class InformatieverzoekFactory(DjangoModelFactory):
    class Meta:
        model = Informatieverzoek

    dossier = factory.SubFactory(DossierFactory, status=DossierStatus.BREDE_INTAKE)
    omschrijving = "Medische informatie over concentratie"
    derde = "Huisarts"
    aangevraagd_op = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
