"""Test data for financieel ontzorgen. Simple on purpose: other apps' tests (betalingen) build on these.

    ontzorging = OntzorgingFactory(dossier__gemeente=gemeente)   # in force: this month + six months
    huur = VasteLastFactory(ontzorging=ontzorging)              # rent, € 650,00 a month from the first month
    zorg = VasteLastFactory(
        ontzorging=ontzorging,
        soort=VasteLastSoortChoices.ZORGVERZEKERING,
        versie__crediteur="Zorgverzekeraar",
        versie__bedrag=Decimal("142.50"),
    )
    huur.versies.get()                                            # its one VasteLastVersie (open-ended)

- OntzorgingFactory: an asielstatushouder's dossier in uitvoering, startdatum the first of the current
  month (ontzorgen_last_day gives the end), a signed machtiging and the person's own IBAN (for the
  leefgeld), created by a financieel medewerker of the dossier's gemeente. No letter is rendered.
- VasteLastFactory: a fixed cost with one first version (VasteLastVersieFactory through
  `versie__…`): from the ontzorging's first month, open-ended, to a valid IBAN with a valid
  16-digit betalingskenmerk. `versie=None` makes a fixed cost without any version.
- IBAN_* below pass core.validators.validate_iban; betalingskenmerk_for(n) gives distinct valid references.
"""

from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.dossiers.constants import Status as DossierStatus
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.rules.kalender import month_of
from openinburgering.rules.ontzorgen import betalingskenmerk_check_digit, ontzorgen_last_day

from .constants import KenmerkSoort, OntzorgingStatus, VasteLastSoortChoices, VerlengingsGrondChoices, WijzigingSoort
from .models import Ontzorging, OntzorgingWijziging, VasteLast, VasteLastVersie

IBAN_INBURGERAAR = "NL91ABNA0417164300"
IBAN_CREDITEUR = "NL02ABNA0123456789"
IBAN_CREDITEUR_2 = "NL20INGB0001234567"
IBAN_ZWITSERLAND = "CH9300762011623852957"  # in SEPA, outside the EEA: needs a BIC
BIC_ZWITSERLAND = "UBSWCHZH80A"


def betalingskenmerk_for(number: int) -> str:
    """A valid 16-digit betalingskenmerk: the check digit, then `number` as 15 digits."""
    body = f"{number % 10**15:015d}"
    return f"{betalingskenmerk_check_digit(body)}{body}"


BETALINGSKENMERK = betalingskenmerk_for(123456789012345)


def _financieel_medewerker(gemeente: object) -> object:
    return UserFactory(roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente])


def _first_of_this_month() -> date:
    return month_of(timezone.localdate())


class OntzorgingFactory(DjangoModelFactory):
    class Meta:
        model = Ontzorging

    dossier = factory.SubFactory(DossierFactory, status=DossierStatus.UITVOERING)
    status = OntzorgingStatus.ACTIEF
    startdatum = factory.LazyFunction(_first_of_this_month)
    einddatum = factory.LazyAttribute(lambda o: ontzorgen_last_day(o.startdatum))
    asielvergunning_bepaalde_tijd = True
    machtiging_op = factory.SelfAttribute("startdatum")
    rekeninghouder = ""
    iban = IBAN_INBURGERAAR
    besluitdatum = factory.SelfAttribute("startdatum")
    created_by = factory.LazyAttribute(lambda o: _financieel_medewerker(o.dossier.gemeente))


class VasteLastVersieFactory(DjangoModelFactory):
    class Meta:
        model = VasteLastVersie

    vaste_last = factory.SubFactory("openinburgering.ontzorgen.factories.VasteLastFactory", versie=None)
    van_maand = factory.LazyAttribute(lambda o: month_of(o.vaste_last.ontzorging.startdatum))
    tot_en_met_maand = None
    crediteur = "Woningstichting De Linie"
    iban = IBAN_CREDITEUR
    bic = ""
    kenmerk_soort = KenmerkSoort.GESTRUCTUREERD
    kenmerk = BETALINGSKENMERK
    bedrag = Decimal("650.00")
    created_by = factory.SelfAttribute("vaste_last.created_by")


class VasteLastFactory(DjangoModelFactory):
    class Meta:
        model = VasteLast
        skip_postgeneration_save = True

    ontzorging = factory.SubFactory(OntzorgingFactory)
    soort = VasteLastSoortChoices.HUUR
    created_by = factory.SelfAttribute("ontzorging.created_by")
    versie = factory.RelatedFactory(VasteLastVersieFactory, factory_related_name="vaste_last")


class OntzorgingWijzigingFactory(DjangoModelFactory):
    """A recorded change without its letter: by default a widening with the person's consent."""

    class Meta:
        model = OntzorgingWijziging

    ontzorging = factory.SubFactory(OntzorgingFactory)
    soort = WijzigingSoort.VERBREDING
    grond = VerlengingsGrondChoices.TOESTEMMING
    reden = "De inburgeraar vraagt ons ook de inboedelverzekering te betalen."
    besluitdatum = factory.SelfAttribute("ontzorging.besluitdatum")
    oude_einddatum = factory.SelfAttribute("ontzorging.einddatum")
    nieuwe_einddatum = factory.SelfAttribute("ontzorging.einddatum")
    created_by = factory.SelfAttribute("ontzorging.created_by")
