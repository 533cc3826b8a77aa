"""Bank statements and notifications (ISO 20022 camt.053 / camt.054): which of our transfers were paid or returned.

`parse_camt` reads every version from .02 to .08 of both messages (the namespace says which) and
yields one `BankMelding` per transaction with one of our EndToEndIds:

- a booked debit (our account paid it) → "betaald";
- a booked credit with return information (the receiving bank sent it back) → "geweigerd", with
  the ISO 20022 return reason code and a Dutch explanation;
- a booked credit that reverses a debit (RvslInd) → "geweigerd".

Anything else (incoming payments, pending entries, entries without EndToEndId or with
"NOTPROVIDED") is not ours and is skipped. A file with a DTD is refused: no entities, no XXE.
"""

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from lxml import etree


class Uitkomst(StrEnum):
    BETAALD = "betaald"
    GEWEIGERD = "geweigerd"


@dataclass(frozen=True, slots=True)
class BankMelding:
    end_to_end_id: str
    bedrag: Decimal
    uitkomst: str  # Uitkomst
    reden_code: str = ""  # ISO 20022 ExternalReturnReason1Code, e.g. "AC04"
    reden_tekst: str = ""  # Dutch explanation of the code, or the bank's own text
    boekdatum: date | None = None


class CamtError(ValueError):
    """The file is not a camt.053/camt.054 we can read; the message is Dutch, for the user."""


# ISO 20022 ExternalReturnReason1Code (external code sets), the codes SEPA credit transfer returns use,
# with the explanation a financieel medewerker needs. Source: ISO 20022 External Code Sets and the
# EPC SEPA Credit Transfer Rulebook, chapter 4 (R-transactions) and the Dutch banks' camt guidelines.
REDENCODES: dict[str, str] = {
    "AC01": gettext_noop("Rekeningnummer onjuist"),
    "AC03": gettext_noop("Rekeningnummer van de ontvanger ongeldig"),
    "AC04": gettext_noop("Rekening opgeheven"),
    "AC06": gettext_noop("Rekening geblokkeerd"),
    "AC13": gettext_noop("Soort rekening ongeldig"),
    "AG01": gettext_noop("Transactie niet toegestaan op deze rekening"),
    "AG02": gettext_noop("Ongeldige transactiecode of bestandsopmaak"),
    "AM04": gettext_noop("Onvoldoende saldo"),
    "AM05": gettext_noop("Dubbele betaling"),
    "AM09": gettext_noop("Bedrag onjuist"),
    "BE01": gettext_noop("Naam en rekeningnummer horen niet bij elkaar"),
    "BE04": gettext_noop("Adres van de ontvanger ontbreekt of is onjuist"),
    "BE05": gettext_noop("Opdrachtgever niet herkend"),
    "BE06": gettext_noop("Ontvanger onbekend bij de bank"),
    "CNOR": gettext_noop("Bank van de ontvanger niet bereikbaar"),
    "CURR": gettext_noop("Valuta onjuist"),
    "CUST": gettext_noop("Teruggeboekt op verzoek van de klant"),
    "DNOR": gettext_noop("Bank van de betaler niet bereikbaar"),
    "DUPL": gettext_noop("Dubbele betaling"),
    "ED05": gettext_noop("Verrekening tussen de banken mislukt"),
    "FF01": gettext_noop("Ongeldig bestandsformaat"),
    "FOCR": gettext_noop("Teruggeboekt na een terugvraagverzoek"),
    "FRAD": gettext_noop("Teruggeboekt wegens vermoeden van fraude"),
    "MD07": gettext_noop("Rekeninghouder overleden"),
    "MS02": gettext_noop("Geweigerd door de rekeninghouder, reden niet opgegeven"),
    "MS03": gettext_noop("Geweigerd door de bank, reden niet opgegeven"),
    "NARR": gettext_noop("Zie de toelichting van de bank"),
    "RC01": gettext_noop("BIC onjuist"),
    "RR01": gettext_noop("Rekening of identificatie van de betaler ontbreekt (regelgeving)"),
    "RR02": gettext_noop("Naam of adres van de betaler ontbreekt (regelgeving)"),
    "RR03": gettext_noop("Naam of adres van de ontvanger ontbreekt (regelgeving)"),
    "RR04": gettext_noop("Wettelijke of regelgevende reden"),
    "SL01": gettext_noop("Geweigerd door een dienst van de bank van de ontvanger"),
    "TECH": gettext_noop("Technisch probleem"),
    "TM01": gettext_noop("Na de uiterste aanlevertijd ontvangen"),
    "UPAY": gettext_noop("Onterechte betaling"),
}

_NAMESPACE = re.compile(r"urn:iso:std:iso:20022:tech:xsd:camt\.(05[34])\.001\.(\d\d)")
SUPPORTED_VERSIONS = range(2, 9)  # .02 … .08
NOT_OURS = "NOTPROVIDED"


def reden_tekst(code: str, bank_text: str = "") -> str:
    """The Dutch explanation of a return reason code; the bank's own text for a code we do not know."""
    if code in REDENCODES:
        return _(REDENCODES[code])
    if bank_text:
        return bank_text
    return _("Onbekende redencode %(code)s") % {"code": code} if code else ""


def _parse_options() -> dict[str, bool]:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "remove_comments": True}


def _namespace(data: bytes) -> str:
    """The camt namespace of `data`, after refusing DTDs and anything that is not camt.053/.054 .02–.08."""
    context = etree.iterparse(io.BytesIO(data), events=("start",), **_parse_options())
    try:
        _event, root = next(context)
    except (etree.XMLSyntaxError, StopIteration) as error:
        raise CamtError(_("Het bestand is geen geldige XML.")) from error
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise CamtError(_("Het bestand bevat een DTD (DOCTYPE); dat nemen we om veiligheidsredenen niet aan."))
    namespace = etree.QName(root).namespace or ""
    match = _NAMESPACE.fullmatch(namespace)
    if etree.QName(root).localname != "Document" or match is None:
        raise CamtError(
            _("Dit is geen camt.053- (rekeningafschrift) of camt.054-bestand (notificatie); gevonden: %(ns)s.")
            % {"ns": namespace or etree.QName(root).localname}
        )
    if int(match[2]) not in SUPPORTED_VERSIONS:
        raise CamtError(
            _("Versie camt.%(message)s.001.%(version)s wordt niet ondersteund (wel .02 tot en met .08).")
            % {"message": match[1], "version": match[2]}
        )
    return namespace


class _Entries:
    """Reads Ntry elements of one namespace with C-level child lookups (no ElementPath)."""

    def __init__(self, namespace: str) -> None:
        self.ns = namespace
        self._tags: dict[str, str] = {}

    def tag(self, name: str) -> str:
        tag = self._tags.get(name)
        if tag is None:
            tag = self._tags[name] = f"{{{self.ns}}}{name}"
        return tag

    def child(self, element: etree._Element | None, *path: str) -> etree._Element | None:
        for name in path:
            if element is None:
                return None
            element = next(element.iterchildren(self.tag(name)), None)
        return element

    def text(self, element: etree._Element | None, *path: str) -> str:
        found = self.child(element, *path)
        return (found.text or "").strip() if found is not None else ""

    def amount(self, element: etree._Element | None, *path: str) -> Decimal | None:
        text = self.text(element, *path)
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation as error:
            raise CamtError(_("Ongeldig bedrag in het bestand: %(text)s") % {"text": text}) from error

    def transaction_amount(self, tx: etree._Element) -> Decimal | None:
        # TxDtls/Amt exists in the newer versions only; AmtDtls in all.
        for path in (("Amt",), ("AmtDtls", "TxAmt", "Amt"), ("AmtDtls", "InstdAmt", "Amt")):
            amount = self.amount(tx, *path)
            if amount is not None:
                return amount
        return None

    def booking_date(self, entry: etree._Element) -> date | None:
        text = self.text(entry, "BookgDt", "Dt") or self.text(entry, "BookgDt", "DtTm")
        try:
            return date.fromisoformat(text[:10]) if text else None
        except ValueError as error:
            raise CamtError(_("Ongeldige boekdatum in het bestand: %(text)s") % {"text": text}) from error

    def meldingen(self, entry: etree._Element) -> Iterator[BankMelding]:
        # Sts is a plain code in the older versions (<Sts>BOOK</Sts>), a choice in the newer (<Sts><Cd>BOOK</Cd></Sts>).
        status = self.text(entry, "Sts") or self.text(entry, "Sts", "Cd")
        if status != "BOOK":
            return
        credit = self.text(entry, "CdtDbtInd") == "CRDT"
        reversal = self.text(entry, "RvslInd").lower() in ("true", "1")
        boekdatum = self.booking_date(entry)
        transactions = [
            tx
            for details in entry.iterchildren(self.tag("NtryDtls"))
            for tx in details.iterchildren(self.tag("TxDtls"))
        ]
        for tx in transactions:
            e2e = self.text(tx, "Refs", "EndToEndId")
            if not e2e or e2e == NOT_OURS:
                continue
            returned = self.child(tx, "RtrInf")
            if not credit and not reversal and returned is None:
                uitkomst, code, tekst = Uitkomst.BETAALD, "", ""
            elif credit and returned is not None:
                code = self.text(returned, "Rsn", "Cd") or self.text(returned, "Rsn", "Prtry")
                bank_text = " ".join(
                    (info.text or "").strip() for info in returned.iterchildren(self.tag("AddtlInf"))
                ).strip()
                uitkomst, tekst = Uitkomst.GEWEIGERD, reden_tekst(code, bank_text)
            elif credit and reversal:
                uitkomst, code, tekst = Uitkomst.GEWEIGERD, "", _("Afschrijving door de bank teruggedraaid (storno).")
            else:
                continue  # a payment to us, or our return of one: not a transfer of ours
            bedrag = self.transaction_amount(tx)
            if bedrag is None and len(transactions) == 1:
                bedrag = self.amount(entry, "Amt")
            if bedrag is None:
                raise CamtError(_("Bedrag ontbreekt bij transactie %(id)s.") % {"id": e2e})
            yield BankMelding(
                end_to_end_id=e2e,
                bedrag=bedrag,
                uitkomst=uitkomst,
                reden_code=code,
                reden_tekst=tekst,
                boekdatum=boekdatum,
            )


def parse_camt(data: bytes) -> list[BankMelding]:
    """The bank's verdict on our transfers in a camt.053 or camt.054 file; `CamtError` if it cannot be read.

    Streams over the entries (memory stays small for a statement with hundreds of thousands of them).
    """
    namespace = _namespace(data)
    entries = _Entries(namespace)
    context = etree.iterparse(io.BytesIO(data), events=("end",), tag=entries.tag("Ntry"), **_parse_options())
    meldingen: list[BankMelding] = []
    try:
        for _event, entry in context:
            meldingen.extend(entries.meldingen(entry))
            entry.clear(keep_tail=True)
            previous, parent = entry.getprevious(), entry.getparent()
            if previous is not None and parent is not None and previous.tag == entry.tag:
                parent.remove(previous)
    except etree.XMLSyntaxError as error:
        raise CamtError(_("Het bestand is geen geldige XML: %(error)s") % {"error": error}) from error
    return meldingen
