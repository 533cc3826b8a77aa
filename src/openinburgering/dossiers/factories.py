"""Test data for inburgeraars, dossiers and their stored letters. BSNs are valid (elfproef) and unique per test run."""

import hashlib
import itertools
from datetime import date

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from openinburgering.gemeenten.factories import GemeenteFactory
from openinburgering.letters.factories import MINIMAL_PDF
from openinburgering.letters.models import Document
from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep, RedenGeenInburgeringsplicht

from .constants import Geslacht, Relatie, Status
from .models import Dossier, Gezinslid, Inburgeraar
from .services import zoeknaam_for

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def bsn_with_check_digit(first_eight: str) -> str | None:
    """The BSN that completes these eight digits, or None if no ninth digit passes the elfproef."""
    remainder = sum(int(d) * w for d, w in zip(first_eight, _WEIGHTS, strict=True)) % 11
    return None if remainder == 10 else f"{first_eight}{remainder}"


def _bsn_sequence():  # type: ignore[no-untyped-def]
    # 99xxxxxx: the range the BSN test environments use, so a generated number is never a real person's.
    for n in itertools.count():
        bsn = bsn_with_check_digit(f"99{n % 1_000_000:06d}")
        if bsn is not None:
            yield bsn


_BSNS = _bsn_sequence()


def next_bsn() -> str:
    """A fresh valid BSN (deterministic order; never repeats within a run)."""
    return next(_BSNS)


class InburgeraarFactory(DjangoModelFactory):
    class Meta:
        model = Inburgeraar

    bsn = factory.LazyFunction(next_bsn)
    voornamen = factory.Iterator(["Amira", "Yusuf", "Hewan", "Dawit", "Lina", "Omar", "Tesfay", "Rania"])
    voorvoegsel = ""
    geslachtsnaam = factory.Iterator(["Haddad", "Tekle", "Rahimi", "Kassa", "Mansour", "Gebru", "Nasser"])
    geboortedatum = date(1990, 5, 17)
    geslacht = Geslacht.ONBEKEND
    zoeknaam = factory.LazyAttribute(
        lambda o: zoeknaam_for(voornamen=o.voornamen, voorvoegsel=o.voorvoegsel, geslachtsnaam=o.geslachtsnaam)
    )


class DossierFactory(DjangoModelFactory):
    class Meta:
        model = Dossier

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    status = Status.AANGEMELD
    doelgroep = Doelgroep.ASIELSTATUSHOUDER.value
    gedetailleerde_doelgroep = GedetailleerdeDoelgroep.ASIELSTATUSHOUDER.value
    plicht_begindatum = date(2024, 3, 1)
    datum_kennisgeving = date(2024, 3, 15)

    class Params:
        afgerond = factory.Trait(
            status=Status.AFGEROND,
            plicht_reden_einde=RedenGeenInburgeringsplicht.INBURGERINGSPLICHT_VOLDAAN.value,
            plicht_einddatum=date(2025, 6, 1),
            closed_at=factory.LazyFunction(timezone.now),
        )


class GezinslidFactory(DjangoModelFactory):
    class Meta:
        model = Gezinslid

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    relatie = Relatie.KIND
    voornamen = factory.Iterator(["Noor", "Sami", "Maya"])
    geslachtsnaam = "Haddad"
    geboortedatum = date(2015, 2, 3)


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    dossier = factory.SubFactory(DossierFactory)
    kind = Document.Kind.PIP_BESCHIKKING
    title = "Beschikking PIP"
    filename = "beschikking-pip.pdf"
    content = MINIMAL_PDF
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.content).hexdigest())
    size = factory.LazyAttribute(lambda o: len(o.content))
