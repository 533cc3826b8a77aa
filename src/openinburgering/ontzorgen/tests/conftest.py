"""Fixtures for the ontzorgen tests: a financieel medewerker in gemeente A (and one in B), an
asielstatushouder's dossier in A with a letter template, and helpers to put a month in a betaalrun."""

from datetime import date
from decimal import Decimal

import pytest

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.betalingen.constants import AfrekeningStatus, RegelSoort, RunStatus
from openinburgering.betalingen.models import Afrekening, Betaalregel, Betaalrun
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.letters.factories import LetterTemplateFactory


@pytest.fixture
def fm(gemeente_a):
    return UserFactory(
        username="fm.a",
        first_name="Ahmed",
        last_name="Financieel",
        roles=[Role.FINANCIEEL_MEDEWERKER],
        gemeenten=[gemeente_a],
    )


@pytest.fixture
def fm_b(gemeente_b):
    return UserFactory(username="fm.b", roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_b])


@pytest.fixture
def dossier(gemeente_a, klantregisseur):
    LetterTemplateFactory(gemeente=gemeente_a)
    return DossierFactory(
        gemeente=gemeente_a,
        klantregisseur=klantregisseur,
        status=Status.UITVOERING,
        inburgeraar__voornamen="Amira",
        inburgeraar__geslachtsnaam="Haddad",
        inburgeraar__straat="Voorstraat",
        inburgeraar__huisnummer="12",
        inburgeraar__postcode="3311AB",
        inburgeraar__woonplaats="Dordrecht",
    )


def _put_in_run(
    vaste_last, maand: date, *, status: str = RunStatus.CONCEPT, bedrag: Decimal | None = None
) -> Betaalregel:
    """A betaalrun for `maand` with this person settled and the fixed cost paid (straight into the tables)."""
    ontzorging = vaste_last.ontzorging
    dossier = ontzorging.dossier
    versie = vaste_last.versies.order_by("-van_maand").first()
    bedrag = bedrag or versie.bedrag
    run = Betaalrun.objects.create(
        maand=maand, status=status, uitvoerdatum=maand.replace(day=25), created_by=ontzorging.created_by
    )
    run.gemeenten.add(dossier.gemeente)
    afrekening = Afrekening.objects.create(
        betaalrun=run,
        ontzorging=ontzorging,
        dossier=dossier,
        gemeente=dossier.gemeente,
        maand=maand,
        status=AfrekeningStatus.OPGENOMEN,
        uitkering=Decimal("1200.00"),
        inhoudingen=bedrag,
        leefgeld=Decimal("1200.00") - bedrag,
    )
    return Betaalregel.objects.create(
        betaalrun=run,
        afrekening=afrekening,
        gemeente=dossier.gemeente,
        soort=RegelSoort.VASTE_LAST,
        vaste_last=vaste_last,
        vaste_last_versie=versie,
        maand=maand,
        end_to_end_id=f"OZ-{vaste_last.pk}-{maand:%Y%m}-{run.pk}",
        bedrag=bedrag,
        crediteur=versie.crediteur,
        iban=versie.iban,
        kenmerk_soort=versie.kenmerk_soort,
        kenmerk=versie.kenmerk,
    )


@pytest.fixture
def put_in_run():
    """`put_in_run(vaste_last, maand)`: that month of the fixed cost is in a (live, by default) betaalrun."""
    return _put_in_run
