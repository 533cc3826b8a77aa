"""DUO's gebeurtenissen: every code in DUO's own documents is in the table, with DUO's wording."""

import re

import pytest

from openinburgering.core.tests.reference import DUO_SPEC_DIR, reference_path
from openinburgering.rules.duo import (
    DUO_ATTENTIESIGNALEN,
    DUO_GEBEURTENISSEN,
    GebeurtenisSoort,
    gebeurtenis_get,
)

SPECS = DUO_SPEC_DIR / "Gebeurtenissen"
CODE = re.compile(r"\bSS\d{3}\b")
TABLE_ROW = re.compile(r"^\|\s*(SS\d{3})\s*\|\s*([^|]*?)\s*\|", re.MULTILINE)


def spec_text(name: str) -> str:
    return reference_path(SPECS / name, "DUO's specifications").read_text(encoding="utf-8")


def test_every_gebeurtenis_in_the_document_is_in_the_table():
    codes = set(CODE.findall(spec_text("Gebeurtenissen.md")))
    assert len(codes) == 28
    assert codes == set(DUO_GEBEURTENISSEN.value)


def test_every_attentiesignaal_in_the_document_is_in_the_table():
    codes = set(CODE.findall(spec_text("Attentiesignalen.md")))
    assert codes == set(DUO_ATTENTIESIGNALEN.value)
    assert not codes & set(DUO_GEBEURTENISSEN.value)


def test_the_wording_is_duos():
    descriptions: dict[str, list[str]] = {}
    for code, cell in TABLE_ROW.findall(spec_text("Gebeurtenissen.md")):
        descriptions.setdefault(code, []).append(cell.split("<br>")[0].strip())
    for code, gebeurtenis in DUO_GEBEURTENISSEN.value.items():
        assert any(text.startswith(gebeurtenis.omschrijving) for text in descriptions[code]), code


@pytest.mark.parametrize(
    ("codes", "soort"),
    [
        ({"SS101", "SS128", "SS120", "SS121", "SS129"}, GebeurtenisSoort.DOSSIER_OPENEN),
        ({"SS139"}, GebeurtenisSoort.DOSSIER_OPENEN_PIP_TERMIJN),
        ({"SS102", "SS103", "SS104", "SS130"}, GebeurtenisSoort.TERMIJN_OPHALEN),
        ({"SS131", "SS137"}, GebeurtenisSoort.LEERBAARHEIDSTOETS_OPHALEN),
        ({"SS199"}, GebeurtenisSoort.EXAMENRESULTATEN_OPHALEN),
        ({"SS106", "SS107", "SS108"}, GebeurtenisSoort.PLICHT_BEEINDIGEN),
        ({"SS109"}, GebeurtenisSoort.PLICHT_OPSCHORTEN),
        ({"SS110", "SS111"}, GebeurtenisSoort.PLICHT_INTREKKEN),
        ({"SS124", "SS125"}, GebeurtenisSoort.DOELGROEP_WIJZIGEN),
        ({f"SS{n}" for n in range(113, 120)}, GebeurtenisSoort.TAAK_KLANTREGISSEUR),
    ],
)
def test_what_the_product_does_follows_issue_5(codes, soort):
    assert {code for code, g in DUO_GEBEURTENISSEN.value.items() if g.soort == soort} == codes


def test_lookup():
    gebeurtenis = gebeurtenis_get("SS139")
    assert gebeurtenis is not None and not gebeurtenis.attentiesignaal
    signaal = gebeurtenis_get("SS126")
    assert signaal is not None and signaal.attentiesignaal
    assert signaal.soort == GebeurtenisSoort.TAAK_KLANTREGISSEUR
    assert gebeurtenis_get("SS999") is None
    assert gebeurtenis_get("ss101") is None  # DUO's pattern is upper case: ^[0-9A-Z]{1,6}$
