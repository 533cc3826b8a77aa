"""Fixtures for the betaalrun: gemeenten with an account, two financieel medewerkers, ontzorgde people."""

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

import pytest

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.accounts.models import User
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.gemeenten.models import Gemeente
from openinburgering.ontzorgen.constants import KenmerkSoort, VasteLastSoortChoices
from openinburgering.ontzorgen.models import Ontzorging, VasteLast, VasteLastVersie
from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep
from openinburgering.uitkeringen.constants import UitkeringBron
from openinburgering.uitkeringen.models import Uitkering

MAAND = date(2026, 12, 1)
CREDITOR_IBANS = ("NL91ABNA0417164300", "NL02ABNA0123456789", "NL20INGB0001234567", "NL44RABO0123456789")
SOORTEN = list(VasteLastSoortChoices)[:5]


@pytest.fixture
def accounts(gemeente_a: Gemeente, gemeente_b: Gemeente) -> None:
    """The gemeenten's own accounts, the debtors of the SEPA files."""
    Gemeente.objects.filter(pk=gemeente_a.pk).update(iban="NL39RABO0300065264", bic="RABONL2U")
    Gemeente.objects.filter(pk=gemeente_b.pk).update(iban="NL69INGB0123456789")


@pytest.fixture
def fm(gemeente_a: Gemeente, accounts: None) -> User:
    return UserFactory(username="fm.a", first_name="Ahmed", roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a])


@pytest.fixture
def fm2(gemeente_a: Gemeente) -> User:
    return UserFactory(username="fm2.a", first_name="Els", roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a])


@pytest.fixture
def fm_b(gemeente_b: Gemeente, accounts: None) -> User:
    return UserFactory(username="fm.b", roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_b])


Ontzorgd = Callable[..., Ontzorging]


@pytest.fixture
def ontzorgd(fm: User) -> Ontzorgd:
    """`ontzorgd(gemeente, lasten=[…], uitkering=…)`: a person with an active ontzorging and fixed costs."""

    def make(
        gemeente: Gemeente,
        *,
        lasten: Sequence[Decimal | str] = ("650.00", "95.50"),
        uitkering: Decimal | str | None = "1450.00",
        iban: str = "NL18RABO0123459876",
        maand: date = MAAND,
    ) -> Ontzorging:
        dossier = DossierFactory(
            gemeente=gemeente,
            status=Status.UITVOERING,
            doelgroep=Doelgroep.ASIELSTATUSHOUDER,
            gedetailleerde_doelgroep=GedetailleerdeDoelgroep.ASIELSTATUSHOUDER,
        )
        ontzorging = Ontzorging.objects.create(
            dossier=dossier,
            startdatum=date(2026, 10, 15),
            einddatum=date(2027, 4, 14),
            asielvergunning_bepaalde_tijd=True,
            iban=iban,
            besluitdatum=date(2026, 10, 10),
            created_by=fm,
        )
        for i, bedrag in enumerate(lasten):
            vaste_last = VasteLast.objects.create(ontzorging=ontzorging, soort=SOORTEN[i % 5], created_by=fm)
            VasteLastVersie.objects.create(
                vaste_last=vaste_last,
                van_maand=date(2026, 10, 1),
                crediteur=f"Crediteur {i}",
                iban=CREDITOR_IBANS[i % len(CREDITOR_IBANS)],
                kenmerk_soort=KenmerkSoort.VRIJ,
                kenmerk=f"Huurcontract {dossier.pk}-{i}",
                bedrag=Decimal(bedrag),
                created_by=fm,
            )
        if uitkering is not None:
            Uitkering.objects.create(
                dossier=dossier, maand=maand, bedrag=Decimal(uitkering), bron=UitkeringBron.HANDMATIG, created_by=fm
            )
        return ontzorging

    return make
