"""What the demo generator plans, as plain values: one household at a time, before anything is written.

Rows of the chain after the aanmelding (intake, PIP, deadlines) carry their model's fields by name
in `values`; references to users and aanbieders are by username and naam, which the loader turns
into ids, and every field left out gets its model default.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(slots=True)
class PersonPlan:
    uuid: str
    bsn: str
    vnummer: str
    voornamen: str
    voorvoegsel: str
    geslachtsnaam: str
    geboortedatum: date
    geslacht: str
    nationaliteit: str
    geboorteland: str
    talen: str
    telefoonnummer: str
    email: str
    straat: str
    huisnummer: str
    postcode: str
    woonplaats: str


@dataclass(slots=True)
class GezinslidPlan:
    relatie: str
    voornamen: str
    geslachtsnaam: str
    geboortedatum: date | None
    bsn: str


@dataclass(slots=True)
class EventPlan:
    at: datetime
    actor: str  # username, or "" for DUO or the system
    actor_label: str
    action: str
    summary: str
    changes: str  # JSON, as DossierEvent.changes stores it


@dataclass(slots=True)
class DossierPlan:
    uuid: str
    gemeente: str  # CBS code
    status: str
    klantregisseur: str  # username or ""
    doelgroep: str
    gedetailleerde_doelgroep: str
    plicht_begindatum: date
    datum_kennisgeving: date | None
    plicht_einddatum: date | None
    plicht_reden_einde: str
    datum_huisvesting: date | None
    datum_brp_inschrijving: date | None
    overgedragen_aan: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    termijn_datum: date | None = None  # the next actionable deadline (termijnen.services.termijnen_recompute)
    termijn_soort: str = ""


@dataclass(slots=True)
class OproepPlan:
    values: dict[str, Any]  # Oproep fields
    overtreding: dict[str, Any] | None = None  # IntakeOvertreding fields; vastgesteld_door is a username


@dataclass(slots=True)
class IntakePlan:
    values: dict[str, Any]  # BredeIntake fields; updated_by is a username
    gezondheid: dict[str, Any] | None = None  # IntakeGezondheid fields


@dataclass(slots=True)
class PipPlan:
    values: dict[str, Any]  # Pip fields; drafted_by, submitted_by and approved_by are usernames
    aanbod: list[dict[str, Any]] = field(default_factory=list)  # PipAanbod fields; instelling is a naam


@dataclass(slots=True)
class ChainPlan:
    """What happened in a dossier after the aanmelding: the brede intake, the PIP and the deadlines."""

    intake: IntakePlan | None = None
    oproepen: list[OproepPlan] = field(default_factory=list)
    lbt: dict[str, Any] | None = None  # Leerbaarheidstoets fields; updated_by is a username
    pips: list[PipPlan] = field(default_factory=list)
    termijnen: list[dict[str, Any]] = field(default_factory=list)  # Termijn fields (details as JSON text)


@dataclass(slots=True)
class HouseholdPlan:
    person: PersonPlan
    dossier: DossierPlan
    gezinsleden: list[GezinslidPlan] = field(default_factory=list)
    events: list[EventPlan] = field(default_factory=list)
    chain: ChainPlan = field(default_factory=ChainPlan)
