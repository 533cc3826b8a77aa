import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from openinburgering.betalingen.sepa import (
    Debiteur,
    Overboeking,
    SepaError,
    iban_is_valid,
    pain001_totals,
    sepa_identifier_problem,
    sepa_text,
    validate_pain001,
    write_pain001,
    xsd_schema,
)
from openinburgering.rules.sepa import PainVersie

DEBITEUR = Debiteur(naam="Gemeente Aadorp", iban="NL91 ABNA 0417 1643 00", bic="ABNANL2A")
IBANS = ["NL91ABNA0417164300", "NL44RABO0123456789", "NL69INGB0123456789", "DE89370400440532013000"]


def overboeking(n: int, bedrag: str = "100.00", **kwargs: str) -> Overboeking:
    values = {"crediteur_naam": f"Ontvanger {n}", "iban": IBANS[n % len(IBANS)]} | kwargs
    return Overboeking(end_to_end_id=f"OI-2025-01-{n:06d}", bedrag=Decimal(bedrag), **values)


def pain001(
    overboekingen: list[Overboeking],
    versie: PainVersie = PainVersie.V03,
    debiteur: Debiteur = DEBITEUR,
    nb_of_txs: int | None = None,
    ctrl_sum: Decimal | None = None,
) -> bytes:
    out = io.BytesIO()
    write_pain001(
        out,
        versie=versie,
        msg_id="OI-BR-2025-01",
        created_at=datetime(2025, 1, 20, 9, 30, 15, 123456, tzinfo=UTC),
        debiteur=debiteur,
        uitvoerdatum=date(2025, 1, 24),
        overboekingen=overboekingen,
        nb_of_txs=len(overboekingen) if nb_of_txs is None else nb_of_txs,
        ctrl_sum=sum((o.bedrag for o in overboekingen), Decimal(0)) if ctrl_sum is None else ctrl_sum,
    )
    return out.getvalue()


def xpath(data: bytes, path: str, versie: PainVersie = PainVersie.V03) -> list[str]:
    """Texts at `path` (prefix p: for the pain.001 namespace), read back independently of the module."""
    root = etree.fromstring(data)
    return [str(value) for value in root.xpath(path, namespaces={"p": versie.namespace})]


# --- sepa_text --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jan de Vries", "Jan de Vries"),
        ("Søren Ørsted", "Soren Orsted"),
        ("Yıldız Işık", "Yildiz Isik"),
        ("Straße", "Strasse"),
        ("Zoë Müller-Lüdenscheidt", "Zoe Muller-Ludenscheidt"),
        ("Jansen & Zn.", "Jansen Zn."),
        ("a<b>c", "a b c"),
        ("Kees 😀 Smit", "Kees Smit"),
        ("  veel   ruimte\tof\nregels  ", "veel ruimte of regels"),
        ("O'Brien (jr.) + partner: 50/50?", "O'Brien (jr.) + partner: 50/50?"),
        ("naam@example.nl #1 *€*", "naam example.nl 1 EUR"),
        ("😀", ""),
        ("", ""),
    ],
)
def test_sepa_text(value: str, expected: str) -> None:
    assert sepa_text(value, 70) == expected


def test_sepa_text_transliterates_arabic_script() -> None:
    text = sepa_text("محمد علي", 70)
    assert text  # Latin letters, not spaces or nothing
    assert text.isascii()
    assert sepa_text(text, 70) == text


def test_sepa_text_trims_to_the_maximum_without_a_trailing_space() -> None:
    assert sepa_text("a" * 200, 140) == "a" * 140
    assert sepa_text("a" * 69 + " b", 70) == "a" * 69
    assert len(sepa_text("ß" * 50, 70)) == 70


@given(st.text())
def test_sepa_text_only_yields_the_sepa_character_set(value: str) -> None:
    text = sepa_text(value, 70)
    assert len(text) <= 70
    assert set(text) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+ ")
    assert text == text.strip()
    assert "  " not in text


def test_identifiers_and_ibans() -> None:
    assert sepa_identifier_problem("OI-2025-01-000001") == ""
    assert sepa_identifier_problem("x" * 36) != ""
    assert sepa_identifier_problem("/OI") != ""
    assert sepa_identifier_problem("OI//1") != ""
    assert sepa_identifier_problem("OI_1") != ""
    assert sepa_identifier_problem("") != ""
    assert all(iban_is_valid(iban) for iban in IBANS)
    assert not iban_is_valid("NL91ABNA0417164301")
    assert not iban_is_valid("nl91abna0417164300")


# --- writing -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("versie", list(PainVersie))
def test_written_file_is_valid_against_the_official_xsd(versie: PainVersie) -> None:
    data = pain001(
        [
            overboeking(1, "850.00", bic="RABONL2U", kenmerk_soort="gestructureerd", kenmerk="1234 5678 9012 3456"),
            overboeking(2, "1234.56", kenmerk_soort="vrij", kenmerk="Leefgeld januari 2025"),
            overboeking(3, "0.01", crediteur_naam="Ærøskøbing & Zonen <B.V.>"),
        ],
        versie=versie,
    )
    xsd_schema(versie).assertValid(etree.fromstring(data))  # raises with the XSD's message
    assert validate_pain001(data, versie) == []
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert data.count(b"xmlns=") == 1  # the namespace is declared once, on Document

    root = "/p:Document/p:CstmrCdtTrfInitn"
    assert xpath(data, f"{root}/p:GrpHdr/p:NbOfTxs/text()", versie) == ["3"]
    assert xpath(data, f"{root}/p:GrpHdr/p:CtrlSum/text()", versie) == ["2084.57"]
    assert xpath(data, f"{root}/p:GrpHdr/p:CreDtTm/text()", versie) == ["2025-01-20T09:30:15+00:00"]
    assert xpath(data, f"{root}/p:GrpHdr/p:InitgPty/p:Nm/text()", versie) == ["Gemeente Aadorp"]
    pmt_inf = f"{root}/p:PmtInf"
    assert xpath(data, f"{pmt_inf}/p:NbOfTxs/text()", versie) == ["3"]
    assert xpath(data, f"{pmt_inf}/p:CtrlSum/text()", versie) == ["2084.57"]
    assert xpath(data, f"{pmt_inf}/p:PmtMtd/text()", versie) == ["TRF"]
    assert xpath(data, f"{pmt_inf}/p:BtchBookg/text()", versie) == ["false"]
    assert xpath(data, f"{pmt_inf}/p:PmtTpInf/p:SvcLvl/p:Cd/text()", versie) == ["SEPA"]
    assert xpath(data, f"{pmt_inf}/p:ChrgBr/text()", versie) == ["SLEV"]
    assert xpath(data, f"{pmt_inf}/p:DbtrAcct/p:Id/p:IBAN/text()", versie) == ["NL91ABNA0417164300"]
    assert xpath(data, f"{pmt_inf}/p:CdtTrfTxInf[3]/p:Cdtr/p:Nm/text()", versie) == ["AEroskobing Zonen B.V."]
    assert xpath(data, f"{pmt_inf}/p:CdtTrfTxInf/p:Amt/p:InstdAmt/@Ccy", versie) == ["EUR"] * 3
    bic = "BIC" if versie == PainVersie.V03 else "BICFI"
    assert xpath(data, f"{pmt_inf}/p:DbtrAgt/p:FinInstnId/p:{bic}/text()", versie) == ["ABNANL2A"]
    # The creditor agent only where a BIC was given.
    assert xpath(data, f"{pmt_inf}/p:CdtTrfTxInf/p:CdtrAgt/p:FinInstnId/p:{bic}/text()", versie) == ["RABONL2U"]
    if versie == PainVersie.V03:
        assert xpath(data, f"{pmt_inf}/p:ReqdExctnDt/text()", versie) == ["2025-01-24"]
    else:
        assert xpath(data, f"{pmt_inf}/p:ReqdExctnDt/p:Dt/text()", versie) == ["2025-01-24"]


@pytest.mark.parametrize("versie", list(PainVersie))
def test_debtor_agent_without_bic_is_not_provided(versie: PainVersie) -> None:
    data = pain001([overboeking(1)], versie=versie, debiteur=Debiteur(naam="Gemeente Aadorp", iban=IBANS[0]))
    assert validate_pain001(data, versie) == []
    path = "/p:Document/p:CstmrCdtTrfInitn/p:PmtInf/p:DbtrAgt/p:FinInstnId/p:Othr/p:Id/text()"
    assert xpath(data, path, versie) == ["NOTPROVIDED"]
    assert xpath(data, "//p:CdtrAgt", versie) == []


@pytest.mark.parametrize("versie", list(PainVersie))
def test_remittance_information_lands_in_the_right_elements(versie: PainVersie) -> None:
    data = pain001(
        [
            overboeking(1, kenmerk_soort="gestructureerd", kenmerk="5000 0000 1234 5678"),
            overboeking(2, kenmerk_soort="vrij", kenmerk="Huur februari – Kerkstraat 1 & 2"),
            overboeking(3),
            overboeking(4, kenmerk_soort="vrij", kenmerk="x" * 200),
        ],
        versie=versie,
    )
    assert validate_pain001(data, versie) == []
    tx = "/p:Document/p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf"
    reference = f"{tx}[1]/p:RmtInf/p:Strd/p:CdtrRefInf"
    assert xpath(data, f"{reference}/p:Tp/p:CdOrPrtry/p:Cd/text()", versie) == ["SCOR"]
    assert xpath(data, f"{reference}/p:Tp/p:Issr/text()", versie) == ["CUR"]
    assert xpath(data, f"{reference}/p:Ref/text()", versie) == ["5000000012345678"]
    assert xpath(data, f"{tx}[1]/p:RmtInf/p:Ustrd", versie) == []
    assert xpath(data, f"{tx}[2]/p:RmtInf/p:Ustrd/text()", versie) == ["Huur februari - Kerkstraat 1 2"]
    assert xpath(data, f"{tx}[2]/p:RmtInf/p:Strd", versie) == []
    assert xpath(data, f"{tx}[3]/p:RmtInf", versie) == []
    assert xpath(data, f"{tx}[4]/p:RmtInf/p:Ustrd/text()", versie) == ["x" * 140]


def test_writing_refuses_wrong_input() -> None:
    with pytest.raises(SepaError, match="two decimals"):
        pain001([overboeking(1, "10.001")])
    with pytest.raises(SepaError, match="positive"):
        pain001([overboeking(1, "0.00")])
    with pytest.raises(SepaError, match="kenmerk_soort"):
        pain001([overboeking(1, kenmerk_soort="anders", kenmerk="x")])
    with pytest.raises(SepaError, match="digits only"):
        pain001([overboeking(1, kenmerk_soort="gestructureerd", kenmerk="RF18 5390 0754 7034")])
    with pytest.raises(SepaError, match="creditor name"):
        pain001([overboeking(1, crediteur_naam="😀")])
    with pytest.raises(SepaError, match="MsgId"):
        write_pain001(
            io.BytesIO(),
            versie=PainVersie.V03,
            msg_id="x" * 36,
            created_at=datetime(2025, 1, 1),
            debiteur=DEBITEUR,
            uitvoerdatum=date(2025, 1, 2),
            overboekingen=[],
            nb_of_txs=1,
            ctrl_sum=Decimal("1.00"),
        )


def test_writing_raises_when_the_given_totals_do_not_match() -> None:
    with pytest.raises(SepaError, match="NbOfTxs = 3"):
        pain001([overboeking(1), overboeking(2)], nb_of_txs=3)
    with pytest.raises(SepaError, match=r"CtrlSum = 200\.01"):
        pain001([overboeking(1), overboeking(2)], ctrl_sum=Decimal("200.01"))


# --- checking ----------------------------------------------------------------------------------------


def test_xsd_schema_is_loaded_once() -> None:
    assert xsd_schema(PainVersie.V09) is xsd_schema(PainVersie.V09)
    assert xsd_schema(PainVersie.V03) is not xsd_schema(PainVersie.V09)


def test_validation_reports_an_end_to_end_id_that_is_too_long() -> None:
    data = pain001([overboeking(1), Overboeking("E" * 36, Decimal("5.00"), "Te Lang", IBANS[0])])
    problems = validate_pain001(data, PainVersie.V03)
    assert any("EndToEndId" in problem and "maxLength" in problem for problem in problems), problems
    # The own checks run over the whole file too.
    assert any("is langer dan 35 tekens" in problem for problem in problems), problems
    with pytest.raises(etree.DocumentInvalid):
        xsd_schema(PainVersie.V03).assertValid(etree.fromstring(data))


@pytest.mark.parametrize("versie", list(PainVersie))
def test_validation_reports_wrong_totals(versie: PainVersie) -> None:
    data = pain001([overboeking(1, "10.00"), overboeking(2, "20.00")], versie=versie)
    assert data.count(b"<CtrlSum>30.00</CtrlSum>") == 2
    header_wrong = data.replace(b"<CtrlSum>30.00</CtrlSum>", b"<CtrlSum>30.01</CtrlSum>", 1)
    assert validate_pain001(header_wrong, versie) == [
        "GrpHdr: CtrlSum is 30.01, maar de bedragen in het bestand tellen op tot 30.00."
    ]
    both_wrong = data.replace(b"<CtrlSum>30.00</CtrlSum>", b"<CtrlSum>40.00</CtrlSum>").replace(
        b"<NbOfTxs>2</NbOfTxs>", b"<NbOfTxs>3</NbOfTxs>"
    )
    assert sorted(validate_pain001(both_wrong, versie)) == [
        "GrpHdr: CtrlSum is 40.00, maar de bedragen in het bestand tellen op tot 30.00.",
        "GrpHdr: NbOfTxs is 3, maar het bestand bevat 2 transacties.",
        "PmtInf 1: CtrlSum is 40.00, maar de bedragen in het bestand tellen op tot 30.00.",
        "PmtInf 1: NbOfTxs is 3, maar het bestand bevat 2 transacties.",
    ]


def test_validation_reports_duplicate_end_to_end_ids_and_bad_ibans() -> None:
    data = pain001([overboeking(1), overboeking(1), overboeking(2, iban="NL91ABNA0417164301")])
    assert sorted(validate_pain001(data, PainVersie.V03)) == [
        "EndToEndId OI-2025-01-000001 komt meer dan eens voor.",
        "IBAN NL91ABNA0417164301 bij OI-2025-01-000002: controlegetal klopt niet.",
    ]


def test_validation_reports_xsd_errors_such_as_the_wrong_version() -> None:
    data = pain001([overboeking(1)], versie=PainVersie.V09)
    problems = validate_pain001(data, PainVersie.V03)
    assert len(problems) == 1
    assert "No matching global declaration" in problems[0]
    negative = data.replace(b">100.00<", b">-100.00<")
    assert any("InstdAmt" in problem for problem in validate_pain001(negative, PainVersie.V09))
    # The .09 XSD allows five decimals, the EPC two.
    mills = data.replace(b">100.00<", b">100.001<")
    assert "Bedrag bij OI-2025-01-000001 is geen bedrag in centen boven nul." in validate_pain001(mills, PainVersie.V09)


def test_validation_reports_broken_xml() -> None:
    data = pain001([overboeking(1), overboeking(2)])
    truncated = data[: data.rindex(b"</PmtInf>")]
    assert validate_pain001(truncated, PainVersie.V03)[0].startswith("Geen geldige XML")
    assert validate_pain001(data + b"<extra/>", PainVersie.V03)[0].startswith("Geen geldige XML")
    assert validate_pain001(b"%PDF-1.7", PainVersie.V03)[0].startswith("Geen geldige XML")


def test_validation_reads_a_path_and_refuses_entities(tmp_path) -> None:
    path = tmp_path / "betaalrun.xml"
    path.write_bytes(pain001([overboeking(1)]))
    assert validate_pain001(path, PainVersie.V03) == []
    assert validate_pain001(str(path), PainVersie.V03) == []
    with_entity = (
        pain001([overboeking(1)])
        .replace(b"?>", b'?><!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
        .replace(b"Ontvanger 1", b"&x;")
    )
    problems = validate_pain001(with_entity, PainVersie.V03)
    # The entity is not resolved: the name stays empty, and nothing of /etc/passwd shows.
    assert problems
    assert not any("root:" in problem for problem in problems)


def test_pain001_totals() -> None:
    data = pain001([overboeking(1, "0.01"), overboeking(2, "99999.99"), overboeking(3, "12.30")])
    assert pain001_totals(data) == (3, Decimal("100012.30"))


# --- property ----------------------------------------------------------------------------------------

amounts = st.integers(min_value=1, max_value=9_999_999).map(lambda cents: Decimal(cents).scaleb(-2))
names = st.text(min_size=1, max_size=100).filter(lambda name: sepa_text(name, 70) != "")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    versie=st.sampled_from(list(PainVersie)),
    transfers=st.lists(st.tuples(amounts, names), min_size=1, max_size=30),
    debtor_name=names,
)
def test_any_amounts_and_names_give_a_valid_file_with_the_right_control_sum(
    versie: PainVersie, transfers: list[tuple[Decimal, str]], debtor_name: str
) -> None:
    overboekingen = [
        Overboeking(f"E2E-{n}", bedrag, naam, IBANS[n % len(IBANS)], kenmerk_soort="vrij", kenmerk=naam)
        for n, (bedrag, naam) in enumerate(transfers)
    ]
    expected = sum((bedrag for bedrag, _ in transfers), Decimal(0))
    data = pain001(overboekingen, versie=versie, debiteur=Debiteur(debtor_name, IBANS[0]))

    xsd_schema(versie).assertValid(etree.fromstring(data))
    amounts_in_file = [Decimal(a) for a in xpath(data, "//p:CdtTrfTxInf/p:Amt/p:InstdAmt/text()", versie)]
    assert len(amounts_in_file) == len(transfers)
    assert sum(amounts_in_file, Decimal(0)) == expected
    assert [Decimal(s) for s in xpath(data, "//p:CtrlSum/text()", versie)] == [expected, expected]
    assert xpath(data, "//p:NbOfTxs/text()", versie) == [str(len(transfers))] * 2
    assert validate_pain001(data, versie) == []
