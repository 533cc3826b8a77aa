"""Financieel ontzorgen in the demo region (Pw 56a, JOURNEYS.md §3): beschikkingen, fixed costs and benefits.

- `ontzorgen_kandidaten(today=…)` reads who qualifies from the loaded dossiers: an asielstatushouder
  of the Pw 56a group (doelgroep and gedetailleerde doelgroep Asielstatushouder: the person holds
  the asylum permit), an open dossier in pip or uitvoering, housed within the last seven months.
  Housing is where bijstand starts, so a person still in the AZC (no datum_huisvesting) has none.
- `plan_ontzorgen(kandidaten, seed=…, today=…)` is pure and seeded, like the household plan: per
  person an active ontzorging from the start of bijstand (housing + 0–14 days) to
  `ontzorgen_last_day`, decided a few weeks later (not yet decided: no ontzorging yet, work for the
  financieel medewerker), the fixed costs of Pw 56a(2) as one open-ended version each from the
  first month, a few extensions with consent (some with a contents insurance, which only an
  extension or widening allows), and the net bijstand of this month and the next from two imports.
  A few people have no benefit for next month yet, and a few a benefit below their fixed costs (a
  part-time job: aanvullende bijstand), so that the betaalrun shows its exclusions (§3 step 3);
  these parts are dealt out by count, so the default demo has one of each.
- `load_ontzorgen(…)` writes the plan with RowWriter after the households, in the same transaction.

Landlords, suppliers and insurers are real names (which corporation lets in which gemeente is
approximate); every IBAN, customer number and payment reference is invented (valid check digits only).
"""

import hashlib
import itertools
import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Exists, OuterRef
from stdnum import iban as stdnum_iban

from openinburgering.core.bulk import RowWriter
from openinburgering.dossiers.constants import Relatie, Status
from openinburgering.dossiers.models import Dossier, Gezinslid
from openinburgering.ontzorgen.constants import (
    KenmerkSoort,
    OntzorgingStatus,
    VasteLastSoortChoices,
    VerlengingsGrondChoices,
    WijzigingSoort,
)
from openinburgering.ontzorgen.models import Ontzorging, OntzorgingWijziging, VasteLast, VasteLastVersie
from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep
from openinburgering.rules.kalender import month_of, next_month, previous_month
from openinburgering.rules.ontzorgen import VasteLastSoort, betalingskenmerk_check_digit, ontzorgen_last_day
from openinburgering.uitkeringen.constants import UitkeringBron
from openinburgering.uitkeringen.models import Uitkering, UitkeringImport

from .draw import Draw, Weighted

TZ = ZoneInfo("Europe/Amsterdam")

# Who gets an ontzorging: housed within this many months before today (the six months of Pw 56a and
# a little more, so that some ended last month and some end within the next 30 days).
WINDOW_MONTHS = 7
START_AFTER_HOUSING = (0, 14)  # days: bijstand starts on or soon after the day of housing
BESLUIT_AFTER_START = (3, 28)  # days: the beschikking follows the start of bijstand
MACHTIGING_SHARE = 0.92  # signed the machtiging (authorisation to pay from the bijstand)
INBOEDEL_SHARE = 0.6  # of the extended: a contents insurance too (not in Pw 56a(2), so only then)
# Parts in the demo, dealt out by count rather than by chance, so that even the default demo (about a
# dozen ontzorgingen) has one of each: (every, at) gives the plans numbered at, at + every, … .
VERLENGING = (20, 6)  # 5%: extended with consent (Pw 57), six months more
# Of the ontzorgingen in force next month, which next month's betaalrun excludes (JOURNEYS.md §3 step 3):
LASTEN_HOGER = (50, 3)  # 2%: a part-time job, so an aanvullende bijstand below the fixed costs
GEEN_UITKERING = (50, 8)  # 2%: no benefit imported for next month yet
ALL_ELECTRIC_SHARE = 0.15  # homes without gas: one electricity line

# Amounts per month, in cents (lowest, highest). Demo values, not the norm: the Participatiewet norm
# of 2026 is roughly € 1,400 net for a single person of 21 or older and € 2,000 for a couple (holiday
# allowance included); the demo draws around and below those, as deductions are common.
BIJSTAND_ALLEENSTAANDE = (1_250_00, 1_420_00)
BIJSTAND_MET_PARTNER = (1_780_00, 2_050_00)
HUUR = (420_00, 780_00)
GAS = (55_00, 125_00)  # the energy supplier's monthly advance
ELEKTRICITEIT = (40_00, 90_00)
ELEKTRICITEIT_ALL_ELECTRIC = (115_00, 190_00)  # a heat pump
WATER = (18_00, 32_00)
PREMIE = (135_00, 155_00)  # the health insurance premium per adult
INBOEDEL = (8_00, 15_00)
AANVULLEND_ONDER_LASTEN = (25_00, 250_00)  # how far an aanvullende bijstand lies below the fixed costs

VERLENGING_REDENEN = (
    "De inburgeraar heeft gevraagd de vaste lasten langer door de gemeente te laten betalen, tot de "
    "schuldhulpverlening is gestart.",
    "Op verzoek van de inburgeraar, die eerst de cursus Omgaan met geld wil afronden.",
    "De inburgeraar geeft toestemming om zes maanden langer te ontzorgen; de budgetcoach adviseert dit.",
    "Op verzoek van de inburgeraar, die nog geen overzicht heeft over de eigen rekeningen.",
)


def nl_iban(bank: str, account: int) -> str:
    """A Dutch IBAN with valid check digits (ISO 13616): bank code and a ten-digit account number."""
    bban = f"{bank}{account:010d}"
    return f"NL{stdnum_iban.calc_check_digits(f'NL00{bban}')}{bban}"


@dataclass(frozen=True)
class Crediteur:
    naam: str
    iban: str
    gestructureerd: bool  # pays with a betalingskenmerk (else: a description with the customer number)


def _crediteur(naam: str, bank: str, account: int, *, gestructureerd: bool = True) -> Crediteur:
    return Crediteur(naam, nl_iban(bank, account), gestructureerd)


_CORPORATIES = {
    c.naam: c
    for c in (
        _crediteur("Woonbron", "ABNA", 4_417_620_315),
        _crediteur("Trivire", "RABO", 3_125_488_902),
        _crediteur("Woonkracht10", "INGB", 6_678_102_440),
        _crediteur("Rhiant", "RABO", 3_387_045_116),
        _crediteur("Wooncompas", "NWBK", 2_561_903_874),
        _crediteur("Tablis Wonen", "RABO", 3_740_662_058),
    )
}
# The housing corporations a person in each gemeente (CBS code) rents from, roughly as in the region.
CORPORATIES: dict[str, tuple[Crediteur, ...]] = {
    code: tuple(_CORPORATIES[naam] for naam in namen)
    for code, namen in (
        ("0482", ("Rhiant",)),
        ("0505", ("Woonbron", "Trivire", "Woonkracht10")),
        ("0531", ("Wooncompas", "Trivire")),
        ("0590", ("Woonkracht10", "Trivire")),
        ("0610", ("Tablis Wonen",)),
        ("0642", ("Wooncompas", "Woonkracht10")),
    )
}
ENERGIE = Weighted(
    (
        _crediteur("Vattenfall", "INGB", 9_250_118_003, gestructureerd=False),
        _crediteur("Eneco", "ABNA", 4_790_331_269, gestructureerd=False),
        _crediteur("Essent", "INGB", 8_104_557_720, gestructureerd=False),
        _crediteur("Greenchoice", "RABO", 1_566_890_412, gestructureerd=False),
    ),
    (25, 30, 30, 15),
)
WATERBEDRIJF = _crediteur("Evides", "ABNA", 5_230_009_781, gestructureerd=False)
ZORGVERZEKERAARS = Weighted(
    (
        _crediteur("Zilveren Kruis", "INGB", 7_003_440_112),
        _crediteur("VGZ", "RABO", 1_239_870_556),
        _crediteur("CZ", "INGB", 6_612_300_498),
        _crediteur("Menzis", "ABNA", 4_128_775_603),
        _crediteur("ONVZ", "INGB", 5_987_110_264),
    ),
    (28, 24, 22, 16, 10),
)
INBOEDELVERZEKERAARS = (
    _crediteur("Centraal Beheer", "INGB", 8_830_214_657),
    _crediteur("Interpolis", "RABO", 1_407_226_930),
    _crediteur("Univé", "RABO", 2_015_668_341),
)
PERSONAL_BANKS = Weighted(("INGB", "RABO", "ABNA", "SNSB", "BUNQ"), (40, 25, 20, 8, 7))


# --- the plan ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Kandidaat:
    """A dossier that qualifies for ontzorgen, as read from the loaded region."""

    dossier_id: int
    gemeente: str  # CBS code
    huisvesting: date
    bsn: str
    naam: str  # the person's full name, for the account holder
    partner: bool  # a partner in the household: two adults' premium, a couple's benefit


@dataclass(slots=True)
class VasteLastPlan:
    soort: str
    van_maand: date
    crediteur: str
    iban: str
    kenmerk_soort: str
    kenmerk: str
    bedrag: Decimal
    at: datetime  # when the financieel medewerker recorded it
    uuid: str


@dataclass(slots=True)
class VerlengingPlan:
    besluitdatum: date
    oude_einddatum: date
    nieuwe_einddatum: date
    reden: str
    at: datetime


@dataclass(slots=True)
class OntzorgingPlan:
    dossier_id: int
    uuid: str
    startdatum: date
    einddatum: date
    besluitdatum: date
    machtiging_op: date | None
    rekeninghouder: str
    iban: str
    at: datetime  # when the financieel medewerker recorded it
    bsn: str
    vaste_lasten: list[VasteLastPlan] = field(default_factory=list)
    verlenging: VerlengingPlan | None = None
    uitkeringen: dict[date, Decimal] = field(default_factory=dict)  # month → net benefit


def _euros(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def _dealt(part: tuple[int, int], number: int) -> bool:
    """Whether the plan with this number (from 0) has the part (every, at)."""
    every, at = part
    return number % every == at


def _kenmerk(draw: Draw) -> str:
    """A valid 16-digit betalingskenmerk: the check digit, then 15 digits."""
    body = f"{draw.between(10**14, 10**15 - 1)}"
    return f"{betalingskenmerk_check_digit(body)}{body}"


class _OntzorgenPlanner:
    def __init__(self, *, seed: int, today: date) -> None:
        self.draw = Draw(f"{seed}/ontzorgen")
        self.today = today
        self.last_day = today - timedelta(days=1)  # nothing is decided today or later
        self.deze_maand = month_of(today)
        self.volgende_maand = next_month(self.deze_maand)
        # Unique personal account numbers: i → (a·i + b) mod n, as the BSNs are drawn.
        rng = random.Random(f"{seed}/ontzorgen-iban")
        self.accounts = 900_000_000
        self.a = rng.randrange(self.accounts // 3, self.accounts)
        while any(self.a % p == 0 for p in (2, 3, 5)):
            self.a += 1
        self.b = rng.randrange(self.accounts)
        self.count = 0
        self.extensible = 0  # plans that could have an extension, counted for VERLENGING
        self.in_force_next_month = 0  # counted for LASTEN_HOGER and GEEN_UITKERING

    def _at(self, day: date) -> datetime:
        minutes = self.draw.between(8 * 60 + 30, 16 * 60 + 30)
        return datetime.combine(day, clock(minutes // 60, minutes % 60), tzinfo=TZ)

    def _person_iban(self) -> str:
        self.count += 1
        account = 100_000_000 + (self.a * self.count + self.b) % self.accounts
        return nl_iban(self.draw.weighted(PERSONAL_BANKS), account)

    def plan(self, k: Kandidaat) -> OntzorgingPlan | None:
        draw = self.draw
        start = k.huisvesting + draw.days(*START_AFTER_HOUSING)
        besluit = start + draw.days(*BESLUIT_AFTER_START)
        if besluit > self.last_day:
            return None  # bijstand has (almost) started, the beschikking is not there yet
        machtiging = k.huisvesting + draw.days(0, (besluit - k.huisvesting).days)
        einddatum = ontzorgen_last_day(start)
        at = self._at(besluit)
        plan = OntzorgingPlan(
            dossier_id=k.dossier_id,
            uuid=draw.uuid4(),
            startdatum=start,
            einddatum=einddatum,
            besluitdatum=besluit,
            machtiging_op=machtiging if draw.chance(MACHTIGING_SHARE) else None,
            rekeninghouder=k.naam[:70],
            iban=self._person_iban(),
            at=at,
            bsn=k.bsn,
        )
        first = month_of(start)
        lasten = plan.vaste_lasten
        lasten.append(self._last(VasteLastSoort.HUUR, first, at, draw.pick(CORPORATIES[k.gemeente]), HUUR))
        energie = draw.weighted(ENERGIE)
        klantnummer = f"Klantnummer {draw.between(100_000, 9_999_999)} voorschot"
        if draw.chance(ALL_ELECTRIC_SHARE):
            lasten.append(
                self._last(VasteLastSoort.ELEKTRICITEIT, first, at, energie, ELEKTRICITEIT_ALL_ELECTRIC, klantnummer)
            )
        else:
            lasten.append(self._last(VasteLastSoort.GAS, first, at, energie, GAS, f"{klantnummer} gas"))
            lasten.append(
                self._last(
                    VasteLastSoort.ELEKTRICITEIT, first, at, energie, ELEKTRICITEIT, f"{klantnummer} elektriciteit"
                )
            )
        water = f"Klantnummer {draw.between(100_000, 999_999)} voorschot"
        lasten.append(self._last(VasteLastSoort.WATER, first, at, WATERBEDRIJF, WATER, water))
        zorg = self._last(VasteLastSoort.ZORGVERZEKERING, first, at, draw.weighted(ZORGVERZEKERAARS), PREMIE)
        if k.partner:  # one policy per adult, paid together
            zorg.bedrag += _euros(draw.between(*PREMIE))
        lasten.append(zorg)

        earliest = besluit + timedelta(days=7)  # an extension comes after the beschikking, and before today
        if earliest <= self.last_day:
            self.extensible += 1
            if _dealt(VERLENGING, self.extensible - 1):
                target = einddatum - draw.days(3, 35)  # a few weeks before the end, if that has come
                wijziging = min(max(target, earliest), self.last_day)
                plan.einddatum = ontzorgen_last_day(einddatum + timedelta(days=1))  # the next six months
                plan.verlenging = VerlengingPlan(
                    besluitdatum=wijziging,
                    oude_einddatum=einddatum,
                    nieuwe_einddatum=plan.einddatum,
                    reden=draw.pick(VERLENGING_REDENEN),
                    at=self._at(wijziging),
                )
                if draw.chance(INBOEDEL_SHARE):  # from the month after the extension that allows it
                    van = next_month(month_of(wijziging))
                    verzekeraar = draw.pick(INBOEDELVERZEKERAARS)
                    lasten.append(
                        self._last(VasteLastSoort.INBOEDELVERZEKERING, van, plan.verlenging.at, verzekeraar, INBOEDEL)
                    )

        bijstand = _euros(draw.between(*(BIJSTAND_MET_PARTNER if k.partner else BIJSTAND_ALLEENSTAANDE)))
        lasten_hoger = geen_uitkering = False
        if plan.einddatum >= self.volgende_maand:
            self.in_force_next_month += 1
            lasten_hoger = _dealt(LASTEN_HOGER, self.in_force_next_month - 1)
            geen_uitkering = _dealt(GEEN_UITKERING, self.in_force_next_month - 1)
        if lasten_hoger:
            totaal = sum((last.bedrag for last in lasten), Decimal(0))
            bijstand = max(totaal - _euros(draw.between(*AANVULLEND_ONDER_LASTEN)), _euros(50_00))
        plan.uitkeringen[self.deze_maand] = bijstand
        if not geen_uitkering:
            plan.uitkeringen[self.volgende_maand] = bijstand
        return plan

    def _last(
        self,
        soort: VasteLastSoort,
        van_maand: date,
        at: datetime,
        crediteur: Crediteur,
        cents: tuple[int, int],
        omschrijving: str = "",
    ) -> VasteLastPlan:
        bedrag = _euros(self.draw.between(*cents))
        if crediteur.gestructureerd:
            kenmerk_soort, kenmerk = KenmerkSoort.GESTRUCTUREERD.value, _kenmerk(self.draw)
        else:
            kenmerk_soort, kenmerk = KenmerkSoort.VRIJ.value, omschrijving
        return VasteLastPlan(
            soort=VasteLastSoortChoices(soort).value,
            van_maand=van_maand,
            crediteur=crediteur.naam,
            iban=crediteur.iban,
            kenmerk_soort=kenmerk_soort,
            kenmerk=kenmerk,
            bedrag=bedrag,
            at=at,
            uuid=self.draw.uuid4(),
        )


def plan_ontzorgen(kandidaten: Iterable[Kandidaat], *, seed: int, today: date) -> Iterator[OntzorgingPlan]:
    """The ontzorgingen of `kandidaten`, in their order, drawn from their own seeded stream: the same
    arguments give the same plan, and a longer list of candidates starts with the shorter one's plan."""
    planner = _OntzorgenPlanner(seed=seed, today=today)
    for kandidaat in kandidaten:
        plan = planner.plan(kandidaat)
        if plan is not None:
            yield plan


def window_start(today: date) -> date:
    """The first housing date that still qualifies."""
    start: date = today - relativedelta(months=WINDOW_MONTHS)
    return start


def ontzorgen_kandidaten(*, today: date) -> list[Kandidaat]:
    """The dossiers in the database that qualify (see the module docstring), in the order of their ids."""
    partner = Gezinslid.objects.filter(inburgeraar=OuterRef("inburgeraar"), relatie=Relatie.PARTNER)
    rows = (
        Dossier.objects.filter(
            doelgroep=Doelgroep.ASIELSTATUSHOUDER,
            gedetailleerde_doelgroep=GedetailleerdeDoelgroep.ASIELSTATUSHOUDER,
            status__in=(Status.PIP, Status.UITVOERING),
            datum_huisvesting__gte=window_start(today),
            datum_huisvesting__lt=today,
        )
        .annotate(partner=Exists(partner))
        .order_by("pk")
        .values_list(
            "pk",
            "gemeente__code",
            "datum_huisvesting",
            "inburgeraar__bsn",
            "inburgeraar__voornamen",
            "inburgeraar__voorvoegsel",
            "inburgeraar__geslachtsnaam",
            "partner",
        )
    )
    kandidaten = []
    for pk, code, huisvesting, bsn, voornamen, voorvoegsel, geslachtsnaam, has_partner in rows:
        assert huisvesting is not None  # the filter says so
        naam = " ".join(part for part in (voornamen, voorvoegsel, geslachtsnaam) if part)
        kandidaten.append(Kandidaat(pk, code, huisvesting, bsn, naam, has_partner))
    return kandidaten


# --- loading -------------------------------------------------------------------------------------

# In the order they are written: a row's links point to rows of the tables before it.
ONTZORGEN_MODELS: tuple[type[models.Model], ...] = (
    UitkeringImport,
    Ontzorging,
    OntzorgingWijziging,
    VasteLast,
    VasteLastVersie,
    Uitkering,
)
_WITH_ID = (UitkeringImport, Ontzorging, VasteLast)  # rows that others point to get their id from the loader


class _Rows:
    """The rows of one model by field name; every other column gets its model default (as the chain's tables)."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        fields = [f for f in model._meta.concrete_fields if model in _WITH_ID or not f.primary_key]
        self.columns = [f.attname for f in fields]
        self.position = {f.attname: i for i, f in enumerate(fields)}
        self.defaults: list[Any] = []
        for f in fields:
            default = None if f.primary_key else f.get_default()
            self.defaults.append(json.dumps(default) if isinstance(f, models.JSONField) else default)
        self.rows: list[list[Any]] = []

    def add(self, **values: Any) -> None:
        row = self.defaults.copy()
        try:
            for name, value in values.items():
                row[self.position[name]] = value
        except KeyError as error:
            raise TypeError(f"{self.model.__name__} has no column {error}") from None
        self.rows.append(row)

    def flush(self, writer: RowWriter, counts: dict[str, int]) -> None:
        writer.write(self.model, self.columns, self.rows)
        label = self.model._meta.label
        counts[label] = counts.get(label, 0) + len(self.rows)
        self.rows = []


def _next_id(model: type[models.Model]) -> int:
    return (model._default_manager.aggregate(highest=models.Max("pk"))["highest"] or 0) + 1


def import_moment(maand: date, *, today: date) -> datetime:
    """When a month's benefits came in: on the 20th of the month before (JOURNEYS.md §3 step 2), or
    yesterday if that day has not come yet."""
    day = min(previous_month(maand).replace(day=20), today - timedelta(days=1))
    return datetime.combine(day, clock(9, 12), tzinfo=TZ)


def _csv_line(bsn: str, maand: date, bedrag: Decimal) -> bytes:
    """A line of the bijstand file, as uitkeringen.csv_import reads it: bsn;jjjj-mm;1234,56."""
    return f"{bsn};{maand:%Y-%m};{bedrag:.2f}\n".replace(".", ",").encode()


@dataclass
class _Import:
    id: int
    at: datetime
    digest: "hashlib._Hash" = field(default_factory=lambda: hashlib.sha256(b"bsn;maand;bedrag\n"))
    aantal: int = 0


def load_ontzorgen(*, seed: int, today: date, actor_id: int, batch_size: int = 5_000) -> dict[str, int]:
    """Plan and write the region's ontzorgen, recorded by the financieel medewerker `actor_id`.

    Runs inside the region's transaction, after the households: the candidates are read from the
    dossiers just written, so the same seed gives the same rows.
    """
    counts: dict[str, int] = {}  # rows per table, by model label
    writer = RowWriter()
    tables = {model: _Rows(model) for model in ONTZORGEN_MODELS}
    ontzorging_id, vaste_last_id, import_id = _next_id(Ontzorging), _next_id(VasteLast), _next_id(UitkeringImport)
    imports: dict[date, _Import] = {}
    for maand in (month_of(today), next_month(month_of(today))):  # counted and hashed once every row is known
        imports[maand] = bestand = _Import(id=import_id + len(imports), at=import_moment(maand, today=today))
        tables[UitkeringImport].add(
            id=bestand.id,
            bestandsnaam=f"bijstand-{maand:%Y-%m}.csv",
            sha256=f"pending-{bestand.id}",  # unique until the real hash is known, below
            aantal=0,
            created_by_id=actor_id,
            created_at=bestand.at,
        )
    tables[UitkeringImport].flush(writer, counts)

    plans = plan_ontzorgen(ontzorgen_kandidaten(today=today), seed=seed, today=today)
    while batch := list(itertools.islice(plans, batch_size)):
        for plan in batch:
            tables[Ontzorging].add(
                id=ontzorging_id,
                uuid=plan.uuid,
                dossier_id=plan.dossier_id,
                status=OntzorgingStatus.ACTIEF.value,
                startdatum=plan.startdatum,
                einddatum=plan.einddatum,
                asielvergunning_bepaalde_tijd=True,
                machtiging_op=plan.machtiging_op,
                rekeninghouder=plan.rekeninghouder,
                iban=plan.iban,
                besluitdatum=plan.besluitdatum,
                created_by_id=actor_id,
                created_at=plan.at,
                updated_at=plan.verlenging.at if plan.verlenging else plan.at,
            )
            if (v := plan.verlenging) is not None:
                tables[OntzorgingWijziging].add(
                    ontzorging_id=ontzorging_id,
                    soort=WijzigingSoort.VERLENGING.value,
                    grond=VerlengingsGrondChoices.TOESTEMMING.value,
                    reden=v.reden,
                    besluitdatum=v.besluitdatum,
                    oude_einddatum=v.oude_einddatum,
                    nieuwe_einddatum=v.nieuwe_einddatum,
                    created_by_id=actor_id,
                    created_at=v.at,
                )
            for last in plan.vaste_lasten:
                tables[VasteLast].add(
                    id=vaste_last_id,
                    uuid=last.uuid,
                    ontzorging_id=ontzorging_id,
                    soort=last.soort,
                    created_by_id=actor_id,
                    created_at=last.at,
                )
                tables[VasteLastVersie].add(
                    vaste_last_id=vaste_last_id,
                    van_maand=last.van_maand,
                    tot_en_met_maand=None,
                    crediteur=last.crediteur,
                    iban=last.iban,
                    bic="",
                    kenmerk_soort=last.kenmerk_soort,
                    kenmerk=last.kenmerk,
                    bedrag=last.bedrag,
                    created_by_id=actor_id,
                    created_at=last.at,
                )
                vaste_last_id += 1
            for maand, bedrag in plan.uitkeringen.items():
                bestand = imports[maand]
                bestand.digest.update(_csv_line(plan.bsn, maand, bedrag))
                bestand.aantal += 1
                tables[Uitkering].add(
                    dossier_id=plan.dossier_id,
                    maand=maand,
                    bedrag=bedrag,
                    bron=UitkeringBron.IMPORT.value,
                    uitkering_import_id=bestand.id,
                    created_by_id=actor_id,
                    created_at=bestand.at,
                    updated_at=bestand.at,
                )
            ontzorging_id += 1
        for model in ONTZORGEN_MODELS[1:]:
            tables[model].flush(writer, counts)
    for bestand in imports.values():
        if bestand.aantal:
            UitkeringImport.objects.filter(pk=bestand.id).update(
                sha256=bestand.digest.hexdigest(), aantal=bestand.aantal
            )
        else:  # a region too small to have anyone ontzorgd: no empty files
            UitkeringImport.objects.filter(pk=bestand.id).delete()
            counts[UitkeringImport._meta.label] -= 1
    # Rows with explicit ids leave PostgreSQL's sequences behind; the next ontzorging must not collide.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(_WITH_ID)):
            cursor.execute(statement)
    return counts
