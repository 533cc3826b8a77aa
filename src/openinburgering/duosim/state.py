"""What the simulated DUO knows: persons per BSN, gemeenten, contactpersonen, instellingen.

Everything lives in memory behind one re-entrant lock (``DuoState.lock``): the WSGI server is
threaded, and the scenario helpers change the same objects. Read and write under the lock;
the snapshot helpers (``persoon_overzicht``) copy what the HTML page shows.
"""

from __future__ import annotations

import random
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from stdnum.nl import bsn as stdnum_bsn

from . import brp

Json = dict[str, Any]

ASIEL = "Asielstatushouder"
GEZIN = "Gezinsmigrant en overige migrant"
TERMIJN = relativedelta(years=3)  # Wi 7(1): three years, starting with the PIP's dagtekening (simplified)

VERLENGINGSGRONDEN: list[Json] = [
    {"code": "MED", "omschrijving": "Medische omstandigheden"},
    {"code": "ONV", "omschrijving": "Onvoldoende examenaanbod"},
    {"code": "INS", "omschrijving": "Aantoonbaar voldoende inspanning"},
    {"code": "AMB", "omschrijving": "Ambtshalve verlenging"},
]


@dataclass(frozen=True)
class Gemeente:
    oin: str
    code: str  # CBS gemeentecode, four digits
    naam: str


# OINs of the form 00000001<gemeente-specific>000 are illustrative, not Logius' register.
DEFAULT_GEMEENTEN: tuple[Gemeente, ...] = (
    Gemeente("00000099000000000002", "0505", "Dordrecht"),  # the product's demo OIN (conf/demo.py)
    Gemeente("00000001002221450000", "0642", "Zwijndrecht"),
    Gemeente("00000001002221200000", "0590", "Papendrecht"),
    Gemeente("00000001002221330000", "0610", "Sliedrecht"),
    Gemeente("00000001234567890000", "0363", "Amsterdam"),  # the OIN of the product's contract tests
)


@dataclass
class PipRegistratie:
    gemeente_oin: str
    pip: Json  # as in the spec (schema PIP), niveau filled in as DUO registers it
    geregistreerd_op: date


@dataclass
class Persoon:
    bsn: str
    gemeente_oin: str
    vestigingsdatum: date
    brp: brp.BrpPersoon
    # Inburgeringsplicht (API Inburgeringsplicht)
    plicht: bool = True
    plicht_begindatum: date | None = None
    plicht_einddatum: date | None = None
    plicht_reden: str | None = None  # enum RedenGeenInburgeringsplicht
    datum_kennisgeving: date | None = None
    plicht_historie: list[Json] = field(default_factory=list)
    doelgroep: str = ASIEL
    gedetailleerde_doelgroep: str = ASIEL
    doelgroep_begindatum: date | None = None
    doelgroep_historie: list[Json] = field(default_factory=list)
    # Inburgeringstermijn
    termijn_start: date | None = None
    termijn_eind: date | None = None
    termijn_wijzigingsdatum: date | None = None
    verlengingsgrond: Json | None = None  # {"code", "omschrijving"}
    termijn_historie: list[Json] = field(default_factory=list)
    # PIP: every registration, the actuele is the last one
    pips: list[PipRegistratie] = field(default_factory=list)
    # Inburgeringsaanbod per instellingsnummer, as in the spec
    aanbod: dict[str, Json] = field(default_factory=dict)
    # MAP, PVT, Z-route
    map_datum: date | None = None
    map_verwijtbaar: str | None = None
    map_gemeente_oin: str | None = None
    pvt_datum: date | None = None
    pvt_verwijtbaar: str | None = None
    pvt_gemeente_oin: str | None = None
    zroute_datum: date | None = None
    zroute_gemeente_oin: str | None = None
    voldaan_via_zroute: bool = False
    # Gevolgde uren per gemeente OIN: {"TaallesEnKnmBredeIntake": 12, ...}
    uren: dict[str, dict[str, int]] = field(default_factory=dict)
    cursusdeelnameuren: int = 0  # reported by the instelling (blocks DELETE PIP)
    # Contactpersoon per gemeente OIN (koppelen overwrites)
    contactpersoon_ids: dict[str, int] = field(default_factory=dict)
    # Leerbaarheidstoets, Examen, Vrijstelling, Ontheffing: spec-shaped
    lbt_examennummer: str | None = None
    lbt_resultaten: list[Json] = field(default_factory=list)
    gratis_pogingen: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("KNM", "LE", "LU", "SC", "SP"), 3))
    examenresultaten: list[Json] = field(default_factory=list)
    vrijstellingen: list[Json] = field(default_factory=list)
    ontheffingen: list[Json] = field(default_factory=list)

    @property
    def actuele_pip(self) -> PipRegistratie | None:
        return self.pips[-1] if self.pips else None

    @property
    def asiel(self) -> bool:
        return self.doelgroep == ASIEL


@dataclass
class Contactpersoon:
    id: int
    gemeente_oin: str
    gegevens: Json  # schema Contactpersoongegevens


@dataclass(frozen=True)
class OntvangenBericht:
    """One request DUO's side received, with the answer it gave."""

    ontvangen_op: datetime
    methode: str
    pad: str
    operatie: str
    bron: str | None
    bericht_id: str | None
    status: int
    antwoord: Any
    herhaling: bool = False  # answered from the berichtId store
    storing: str | None = None  # fault injected instead of an answer


@dataclass(frozen=True)
class Antwoord:
    status: int
    body: Any = None


@dataclass(frozen=True)
class VerzondenNotificatie:
    """One POST of a notificatie to the product (a duplicate is a second row, same berichtId)."""

    verzonden_op: datetime
    bericht_id: str
    gemeente_oin: str
    bsn: str | None
    gebeurtenis_id: str
    status: int | None  # the product's answer; None when no answer came
    fout: str | None = None
    dubbel: bool = False


def bsn_make(rng: random.Random) -> str:
    """A random BSN that passes the elfproef (python-stdnum)."""
    while True:
        body = f"{rng.randrange(10_000_000, 100_000_000):08d}"
        # Elfproef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11.
        check = sum((9 - i) * int(c) for i, c in enumerate(body)) % 11
        if check < 10:
            bsn = body + str(check)
            if stdnum_bsn.is_valid(bsn):
                return bsn


class DuoState:
    """The simulator's memory. All methods take the lock; so may callers, it is re-entrant."""

    def __init__(self, *, rng_seed: int | None = None, gemeenten: tuple[Gemeente, ...] = DEFAULT_GEMEENTEN) -> None:
        self.lock = threading.RLock()
        self.rng = random.Random(rng_seed)  # noqa: S311 (test data, not secrets)
        self.vandaag_override: date | None = None
        self.personen: dict[str, Persoon] = {}
        self.gemeenten: dict[str, Gemeente] = {g.oin: g for g in gemeenten}
        self.contactpersonen: dict[int, Contactpersoon] = {}
        self._next_contactpersoon_id = 1
        self.instellingen: list[Json] = [dict(i) for i in INSTELLINGEN]
        self.verlengingsgronden: list[Json] = [dict(v) for v in VERLENGINGSGRONDEN]
        self.antwoorden: dict[str, Antwoord] = {}  # berichtId → the first answer (mutations)
        self.berichten: deque[OntvangenBericht] = deque(maxlen=500)
        self.notificaties: deque[VerzondenNotificatie] = deque(maxlen=500)

    @contextmanager
    def locked(self) -> Iterator[DuoState]:
        with self.lock:
            yield self

    def vandaag(self) -> date:
        return self.vandaag_override or datetime.now(UTC).date()

    # --- gemeenten and personen -----------------------------------------------------------------

    def gemeente_toevoegen(self, oin: str, code: str, naam: str) -> Gemeente:
        gemeente = Gemeente(oin, code, naam)
        with self.lock:
            self.gemeenten[oin] = gemeente
        return gemeente

    def gemeente(self, oin: str) -> Gemeente:
        with self.lock:
            known = self.gemeenten.get(oin)
            if known is None:
                if len(oin) != 20 or not oin.isdigit():
                    raise ValueError(f"a gemeente OIN has 20 digits, got {oin!r}")
                # An unknown OIN used by a test or scenario: register it with a made-up code.
                known = self.gemeente_toevoegen(oin, f"{9000 + len(self.gemeenten):04d}", f"Gemeente {oin[-6:]}")
            return known

    def persoon(self, bsn: str) -> Persoon | None:
        with self.lock:
            return self.personen.get(bsn)

    def nieuwe_bsn(self) -> str:
        with self.lock:
            while True:
                bsn = bsn_make(self.rng)
                if bsn not in self.personen:
                    return bsn

    def persoon_toevoegen(
        self,
        *,
        gemeente_oin: str,
        bsn: str | None = None,
        asiel: bool = True,
        plicht_begindatum: date | None = None,
        brp_persoon: brp.BrpPersoon | None = None,
        **velden: Any,
    ) -> Persoon:
        """Create a person known to DUO (and to the BRP fake), inburgeringsplichtig since
        ``plicht_begindatum`` (default: 30 days ago). ``velden`` set any other Persoon field,
        e.g. ``termijn_start=date(...)``, ``termijn_eind=...``, ``cursusdeelnameuren=10``.
        """
        with self.lock:
            bsn = bsn or self.nieuwe_bsn()
            if not stdnum_bsn.is_valid(bsn):
                raise ValueError(f"{bsn!r} is not a valid BSN (elfproef)")
            gemeente = self.gemeente(gemeente_oin)
            begin = plicht_begindatum or (self.vandaag() - timedelta(days=30))
            doelgroep = ASIEL if asiel else GEZIN
            persoon = Persoon(
                bsn=bsn,
                gemeente_oin=gemeente_oin,
                vestigingsdatum=begin,
                brp=brp_persoon or brp.brp_persoon_make(self.rng, bsn=bsn, gemeente=gemeente.naam),
                plicht_begindatum=begin,
                datum_kennisgeving=begin + timedelta(days=7),
                doelgroep=doelgroep,
                gedetailleerde_doelgroep=ASIEL
                if asiel
                else self.rng.choice(["Gezinshereniger", "Gezinsvormer", "Overig"]),
                doelgroep_begindatum=begin,
                lbt_examennummer=f"LBT{self.rng.randrange(10**8, 10**9)}" if asiel else None,
            )
            persoon.brp.gemeentecode = persoon.brp.gemeentecode or gemeente.code
            persoon.brp.datum_inschrijving_gemeente = persoon.brp.datum_inschrijving_gemeente or begin
            persoon.plicht_historie.append(
                {
                    "indicatorInburgeringsplicht": True,
                    "begindatum": begin.isoformat(),
                    "wijzigingsdatum": begin.isoformat(),
                }
            )
            for name, value in velden.items():
                if not hasattr(persoon, name):
                    raise TypeError(f"Persoon has no field {name!r}")
                setattr(persoon, name, value)
            self.personen[bsn] = persoon
            return persoon

    def personen_van(self, gemeente_oin: str) -> list[Persoon]:
        with self.lock:
            return [p for p in self.personen.values() if p.gemeente_oin == gemeente_oin]

    def is_relevant(self, persoon: Persoon, gemeente_oin: str) -> bool:
        """README "Scope": ingezetene (or COA-gekoppeld) of the gemeente, or its PIP is the
        actuele one, or the actuele PIP is younger than a month and the previous one is hers."""
        if persoon.gemeente_oin == gemeente_oin:
            return True
        actuele = persoon.actuele_pip
        if actuele is None:
            return False
        if actuele.gemeente_oin == gemeente_oin:
            return True
        return (
            len(persoon.pips) >= 2
            and persoon.pips[-2].gemeente_oin == gemeente_oin
            and actuele.geregistreerd_op > self.vandaag() - relativedelta(months=1)
        )

    # --- contactpersonen ------------------------------------------------------------------------

    def contactpersoon_toevoegen(self, *, gemeente_oin: str, gegevens: Json) -> Contactpersoon:
        with self.lock:
            contactpersoon = Contactpersoon(self._next_contactpersoon_id, gemeente_oin, dict(gegevens))
            self.contactpersonen[contactpersoon.id] = contactpersoon
            self._next_contactpersoon_id += 1
            return contactpersoon

    # --- the record of messages -----------------------------------------------------------------

    def bericht_vastleggen(self, bericht: OntvangenBericht) -> None:
        with self.lock:
            self.berichten.append(bericht)

    def notificatie_vastleggen(self, notificatie: VerzondenNotificatie) -> None:
        with self.lock:
            self.notificaties.append(notificatie)

    def reset(self) -> None:
        with self.lock:
            self.personen.clear()
            self.contactpersonen.clear()
            self._next_contactpersoon_id = 1
            self.antwoorden.clear()
            self.berichten.clear()
            self.notificaties.clear()

    # --- demo data ------------------------------------------------------------------------------

    def seed(self, *, gemeente_oin: str = DEFAULT_GEMEENTEN[0].oin) -> list[Persoon]:
        """A handful of realistic persons in various stages, all in one gemeente."""
        with self.lock:
            vandaag = self.vandaag()
            personen = [
                # Just arrived, asiel, no PIP yet (SS139 situation).
                self.persoon_toevoegen(gemeente_oin=gemeente_oin, plicht_begindatum=vandaag - timedelta(days=20)),
                # Gezinsmigrant, plicht since four months.
                self.persoon_toevoegen(
                    gemeente_oin=gemeente_oin, asiel=False, plicht_begindatum=vandaag - timedelta(days=120)
                ),
            ]
            # Asiel with a PIP (B1-route), a running termijn, an exam result and hours.
            begin = vandaag - timedelta(days=400)
            dagtekening = begin + timedelta(days=60)
            met_pip = self.persoon_toevoegen(
                gemeente_oin=gemeente_oin,
                plicht_begindatum=begin,
                termijn_start=dagtekening,
                termijn_eind=dagtekening + TERMIJN,
                termijn_wijzigingsdatum=dagtekening,
                cursusdeelnameuren=140,
                uren={gemeente_oin: {"TaallesEnKnmBredeIntake": 12, "ParticipatieactiviteitenBredeIntake": 8}},
            )
            met_pip.pips.append(
                PipRegistratie(
                    gemeente_oin,
                    {"dagtekeningPip": dagtekening.isoformat(), "leerroute": "B", "niveau": "B1",
                     "geschatteIntensiteitB1Route": 600, "indicatorAlfabetiseringsonderwijs": "NVT"},
                    dagtekening,
                )
            )  # fmt: skip
            met_pip.lbt_resultaten.append(
                {"resultaat": "B1-route haalbaar", "behaaldeScore": "61,50", "benodigdeScore": "55,00",
                 "datumAfname": (begin + timedelta(days=30)).isoformat()}
            )  # fmt: skip
            met_pip.examenresultaten.append(
                {"examendatum": (vandaag - timedelta(days=14)).isoformat(), "resultaat": "Geslaagd", "onderdeel": "KNM"}
            )
            met_pip.gratis_pogingen["KNM"] = 2
            personen.append(met_pip)
            # Z-route, termijn almost over.
            begin = vandaag - timedelta(days=3 * 365)
            dagtekening = begin + timedelta(days=70)
            zroute = self.persoon_toevoegen(
                gemeente_oin=gemeente_oin,
                plicht_begindatum=begin,
                termijn_start=dagtekening,
                termijn_eind=dagtekening + TERMIJN,
                termijn_wijzigingsdatum=dagtekening,
            )
            zroute.pips.append(
                PipRegistratie(
                    gemeente_oin,
                    {"dagtekeningPip": dagtekening.isoformat(), "leerroute": "Z", "niveau": "A2",
                     "indicatorAlfabetiseringsonderwijs": "A"},
                    dagtekening,
                )
            )  # fmt: skip
            personen.append(zroute)
            # Tijdelijk vrijgesteld.
            vrij = self.persoon_toevoegen(gemeente_oin=gemeente_oin, plicht_begindatum=vandaag - timedelta(days=200))
            vrij.plicht = False
            vrij.plicht_reden = "Tijdelijke vrijstelling"
            vrij.plicht_einddatum = vandaag - timedelta(days=10)
            vrij.vrijstellingen.append(
                {"TijdelijkeVrijstelling": {"oordeel": "Toekenning", "reden": "INS",
                                            "datumOordeel": (vandaag - timedelta(days=10)).isoformat(),
                                            "startdatum": (vandaag - timedelta(days=10)).isoformat(),
                                            "einddatum": (vandaag + timedelta(days=170)).isoformat()}}
            )  # fmt: skip
            personen.append(vrij)
            return personen


# Blik op Werk-gekeurmerkte instellingen and a taalschakelinstelling known to the simulated DUO.
INSTELLINGEN: tuple[Json, ...] = (
    {"instellingsnummer": "0000100001", "naam": "Taalcentrum Drechtsteden", "postcode": "3311AB",
     "huisnummer": 12, "plaatsnaam": "Dordrecht", "bow": "10001", "indicatieBowKeurmerk": True,
     "indicatieTstKeurmerk": False},
    {"instellingsnummer": "0000100002", "naam": "Inburgering Zuid-Holland Zuid", "postcode": "3331KL",
     "huisnummer": 5, "huisnummertoevoeging": "A", "plaatsnaam": "Zwijndrecht", "bow": "10002",
     "indicatieBowKeurmerk": True, "indicatieTstKeurmerk": False},
    {"instellingsnummer": "0000200001", "naam": "Da Vinci College Schakeljaar", "postcode": "3317NM",
     "huisnummer": 1, "plaatsnaam": "Dordrecht", "brin": "25LH", "indicatieBowKeurmerk": False,
     "indicatieTstKeurmerk": True},
    {"instellingsnummer": "0000300001", "naam": "Taalschool Zonder Keurmerk", "postcode": "3351AA",
     "huisnummer": 40, "plaatsnaam": "Papendrecht", "indicatieBowKeurmerk": False, "indicatieTstKeurmerk": False},
)  # fmt: skip


def datum(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
