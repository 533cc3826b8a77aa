from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from openinburgering.betalingen.camt import REDENCODES, BankMelding, CamtError, parse_camt, reden_tekst

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_camt053_v02_single_batch_and_return() -> None:
    assert parse_camt(fixture("camt053_v02.xml")) == [
        BankMelding("OI-2025-01-000001", Decimal("850.00"), "betaald", boekdatum=date(2025, 1, 24)),
        # The amount of a single transaction without AmtDtls is the entry's.
        BankMelding("OI-2025-01-000002", Decimal("1234.56"), "betaald", boekdatum=date(2025, 1, 24)),
        # A batch booking gives one melding per TxDtls, each with its own amount.
        BankMelding("OI-2025-01-000003", Decimal("100.00"), "betaald", boekdatum=date(2025, 1, 24)),
        BankMelding("OI-2025-01-000004", Decimal("200.00"), "betaald", boekdatum=date(2025, 1, 24)),
        BankMelding("OI-2025-01-000005", Decimal("300.00"), "betaald", boekdatum=date(2025, 1, 24)),
        BankMelding(
            "OI-2025-01-000007",
            Decimal("45.00"),
            "geweigerd",
            reden_code="AC04",
            reden_tekst="Rekening opgeheven",
            boekdatum=date(2025, 1, 27),
        ),
        # Not reported: a payment to us, a pending entry, NOTPROVIDED, bank costs.
    ]


def test_camt054_v02_return_md07_with_a_namespace_prefix() -> None:
    assert parse_camt(fixture("camt054_v02.xml")) == [
        BankMelding(
            "OI-2025-01-000042",
            Decimal("512.34"),
            "geweigerd",
            reden_code="MD07",
            reden_tekst="Rekeninghouder overleden",
            boekdatum=date(2025, 1, 28),  # from BookgDt/DtTm
        )
    ]


def test_camt053_v08() -> None:
    assert parse_camt(fixture("camt053_v08.xml")) == [
        BankMelding("OI-2025-02-000001", Decimal("250.00"), "betaald", boekdatum=date(2025, 2, 24)),
        # An unknown (proprietary) code: the bank's own text.
        BankMelding(
            "OI-2025-02-000002",
            Decimal("80.10"),
            "geweigerd",
            reden_code="X123",
            reden_tekst="BEGUNSTIGDE ONBEKEND BIJ ONTVANGENDE BANK",
            boekdatum=date(2025, 2, 24),
        ),
        BankMelding(
            "OI-2025-02-000003",
            Decimal("19.95"),
            "geweigerd",
            reden_tekst="Afschrijving door de bank teruggedraaid (storno).",
            boekdatum=date(2025, 2, 24),
        ),
        # Not reported: our return (a debit) of a payment to us.
    ]


@pytest.mark.parametrize("version", ["02", "03", "04", "05", "06", "07", "08"])
@pytest.mark.parametrize("message", ["053", "054"])
def test_every_supported_version_is_read(message: str, version: str) -> None:
    data = fixture("camt053_v08.xml").replace(b"camt.053.001.08", f"camt.{message}.001.{version}".encode())
    assert len(parse_camt(data)) == 3


def test_unsupported_version() -> None:
    data = fixture("camt053_v08.xml").replace(b"camt.053.001.08", b"camt.053.001.09")
    with pytest.raises(CamtError, match=r"camt\.053\.001\.09 wordt niet ondersteund"):
        parse_camt(data)


def test_xxe_is_refused() -> None:
    data = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Ntry>
<Amt Ccy="EUR">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
<NtryDtls><TxDtls><Refs><EndToEndId>&xxe;</EndToEndId></Refs></TxDtls></NtryDtls>
</Ntry></Stmt></BkToCstmrStmt></Document>"""
    with pytest.raises(CamtError, match="DTD") as error:
        parse_camt(data)
    assert "root:" not in str(error.value)


def test_billion_laughs_is_refused() -> None:
    data = b"""<?xml version="1.0"?>
<!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&b;</Document>"""
    with pytest.raises(CamtError, match="DTD"):
        parse_camt(data)


def test_xml_that_is_not_camt_is_refused() -> None:
    pain = b'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>'
    with pytest.raises(CamtError, match=r"geen camt\.053"):
        parse_camt(pain)
    with pytest.raises(CamtError, match=r"geen camt\.053"):
        parse_camt(b"<html><body>Inloggen</body></html>")
    camt052 = b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"/>'
    with pytest.raises(CamtError, match=r"geen camt\.053"):
        parse_camt(camt052)


@pytest.mark.parametrize("data", [b"", b"%PDF-1.7\n...", b"NL91ABNA0417164300;850.00;OI-2025-01-000001\n", b"\xff\xfe"])
def test_a_file_that_is_not_xml_is_refused(data: bytes) -> None:
    with pytest.raises(CamtError, match="geen geldige XML"):
        parse_camt(data)


def test_broken_xml_after_the_root_is_refused() -> None:
    data = fixture("camt053_v02.xml")
    with pytest.raises(CamtError, match="geen geldige XML"):
        parse_camt(data[: len(data) // 2])


def test_reden_tekst() -> None:
    assert reden_tekst("AC01") == "Rekeningnummer onjuist"
    assert reden_tekst("MD07") == "Rekeninghouder overleden"
    assert reden_tekst("ZZ99", "Door de bank geweigerd") == "Door de bank geweigerd"
    assert reden_tekst("ZZ99") == "Onbekende redencode ZZ99"
    assert reden_tekst("") == ""
    expected = {"AC01", "AC04", "AC06", "AG01", "AG02", "AM04", "AM05", "BE04", "MD07", "MS02", "MS03", "RC01"}
    expected |= {"RR01", "RR02", "RR03", "RR04", "FF01", "TM01", "DUPL", "CUST", "CURR", "FOCR"}
    assert expected <= REDENCODES.keys()
