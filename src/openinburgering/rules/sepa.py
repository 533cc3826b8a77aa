"""SEPA credit transfers: which accounts a SEPA payment can reach, and when it needs the BIC.

Sources:
- EPC409-09, "EPC list of countries in the SEPA schemes' geographical scope": the countries and
  territories whose payment service providers may take part in the SEPA schemes.
- EPC SEPA Credit Transfer Rulebook, attribute AT-23 (BIC of the beneficiary PSP): within the EEA a
  transfer is made on the IBAN alone; the BIC is required when the beneficiary's PSP is located in a
  SEPA country or territory outside the EEA.

An IBAN names the country of the account in its first two letters (ISO 3166-1 alpha-2, ISO 13616).
Territories that use another country's IBAN (the French overseas departments and collectivities use
FR, Åland uses FI, Jersey, Guernsey and the Isle of Man use GB) follow that country here: from the
IBAN alone they cannot be told apart.
"""

from datetime import date
from decimal import Decimal
from enum import StrEnum

from schwifty import BIC
from schwifty.exceptions import SchwiftyException
from stdnum import iban as stdnum_iban

from .base import Rule


class PainVersie(StrEnum):
    """The ISO 20022 pain.001 versions a gemeente's bank takes for a SEPA credit transfer file.

    Source: ISO 20022 names each message version (pain.001.001.03 is the 2009 version, .09 the 2019 one);
    the EPC's "SEPA Credit Transfer Customer-to-PSP Implementation Guidelines" (EPC132-08) say how a
    SEPA transfer fills them in. Which one a bank takes is the bank's choice, so a gemeente records it
    (gemeenten.Gemeente.pain_versie); the XSDs are those of the `sepaxml` wheel (betalingen/sepa.py).
    """

    V03 = "pain.001.001.03"  # the version every Dutch bank accepts
    V09 = "pain.001.001.09"  # the 2019 version of the EPC implementation guidelines

    @property
    def namespace(self) -> str:
        return f"urn:iso:std:iso:20022:tech:xsd:{self.value}"


EPC_COUNTRIES_URL = "https://www.europeanpaymentscouncil.eu/document-library/other/epc-list-sepa-scheme-countries"
EPC_SCT_RULEBOOK_URL = (
    "https://www.europeanpaymentscouncil.eu/what-we-do/epc-payment-schemes/sepa-credit-transfer/"
    "sepa-credit-transfer-rulebook-and"
)

SEPA_EER_LANDEN = Rule(
    value=frozenset(
        {
            # The 27 member states of the European Union.
            *("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU"),
            *("IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"),
            # The other members of the European Economic Area.
            *("IS", "LI", "NO"),
        }
    ),
    source=(
        "EPC409-09: the SEPA schemes cover the European Economic Area — the 27 EU member states with "
        "Iceland, Liechtenstein and Norway"
    ),
    source_url=EPC_COUNTRIES_URL,
    valid_from=date(2014, 2, 1),  # SEPA end date for the euro area (Regulation (EU) 260/2012, art. 6)
)

SEPA_LANDEN_BUITEN_EER = Rule(
    value=frozenset(
        {
            "AD",  # Andorra
            "AL",  # Albania (EPC decision November 2024)
            "CH",  # Switzerland
            "GB",  # United Kingdom (with Jersey, Guernsey and the Isle of Man, which use GB IBANs)
            "GI",  # Gibraltar
            "MC",  # Monaco
            "MD",  # Moldova (EPC decision 2025)
            "ME",  # Montenegro (EPC decision November 2024)
            "MK",  # North Macedonia (EPC decision 2025)
            "RS",  # Serbia (EPC decision May 2025)
            "SM",  # San Marino
            "VA",  # Vatican City State / Holy See
        }
    ),
    source=(
        "EPC409-09: countries and territories outside the EEA in the SEPA schemes' geographical scope — "
        "Andorra, Albania, Switzerland, the United Kingdom, Gibraltar, Monaco, Moldova, Montenegro, North "
        "Macedonia, Serbia, San Marino and Vatican City State; the Western Balkan and Moldovan additions "
        "were read from secondary sources, so check the current EPC409-09 version"
    ),
    source_url=EPC_COUNTRIES_URL,
    valid_from=date(2025, 5, 22),  # the latest addition (Serbia) as reported; UNVERIFIED against EPC409-09
    verified=False,
)

SEPA_LANDEN = Rule(
    value=SEPA_EER_LANDEN.value | SEPA_LANDEN_BUITEN_EER.value,
    source="EPC409-09: the SEPA schemes' geographical scope is the EEA plus the listed countries outside it",
    source_url=EPC_COUNTRIES_URL,
    valid_from=SEPA_LANDEN_BUITEN_EER.valid_from,
    verified=SEPA_LANDEN_BUITEN_EER.verified,
)

BIC_VERPLICHT_BUITEN_EER = Rule(
    value=SEPA_LANDEN_BUITEN_EER.value,
    source=(
        "EPC SCT Rulebook AT-23: the BIC of the beneficiary's PSP is required when that PSP is located in a "
        "SEPA country or territory outside the EEA; within the EEA the IBAN alone is enough"
    ),
    source_url=EPC_SCT_RULEBOOK_URL,
    valid_from=date(2016, 2, 1),  # IBAN-only for cross-border transfers in the EU (Regulation 260/2012, art. 5(7))
)


SEPA_NAAM_MAX = Rule(
    value=70,
    source=(
        "EPC SCT customer-to-PSP implementation guidelines (pain.001): the name of the creditor and of the debtor "
        "is Max70Text, at most 70 characters"
    ),
    source_url="https://www.europeanpaymentscouncil.eu/what-we-do/epc-payment-schemes/sepa-credit-transfer/"
    "sepa-credit-transfer-rulebook-and-implementation",
    valid_from=date(2014, 2, 1),
    verified=False,
)

SEPA_BEDRAG_MAX = Rule(
    value=Decimal("999999999.99"),
    source=(
        "EPC SCT customer-to-PSP implementation guidelines (pain.001), Instructed Amount: in euro, 0.01 or more "
        "and 999999999.99 or less"
    ),
    source_url=SEPA_NAAM_MAX.source_url,
    valid_from=date(2014, 2, 1),
    verified=False,
)

SEPA_BEDRAG_DECIMALEN = Rule(
    value=2,
    source="EPC SCT customer-to-PSP implementation guidelines (pain.001), Instructed Amount: at most two decimals",
    source_url=SEPA_NAAM_MAX.source_url,
    valid_from=date(2014, 2, 1),
    verified=False,
)


def iban_compact(iban: str) -> str:
    """The IBAN without spaces, upper case (as it goes into a SEPA file)."""
    return str(stdnum_iban.compact(iban))


def iban_country(iban: str) -> str:
    """The country code of an IBAN (its first two letters), upper case; "" for something shorter."""
    compact = iban_compact(iban)
    return compact[:2] if len(compact) >= 2 and compact[:2].isalpha() else ""


def iban_country_in_sepa(iban: str) -> bool:
    """Whether the account's country is in the SEPA schemes' geographical scope (EPC409-09).

    Only the country is checked: whether the IBAN itself is valid is `stdnum.iban.is_valid`'s
    (core.validators.validate_iban).
    """
    return iban_country(iban) in SEPA_LANDEN.value


def bic_required(iban: str) -> bool:
    """Whether a SEPA credit transfer to this account needs the BIC: a SEPA country outside the EEA."""
    return iban_country(iban) in BIC_VERPLICHT_BUITEN_EER.value


def bic_compact(bic: str) -> str:
    """The BIC without spaces, upper case."""
    return "".join(bic.split()).upper()


def bic_is_valid(bic: str) -> bool:
    """Whether `bic` is a well-formed BIC (ISO 9362: 8 or 11 characters, an existing country code)."""
    value = bic_compact(bic)
    if not value.isascii():
        return False
    try:
        BIC(value)
    except SchwiftyException:
        return False
    return True


def iban_is_valid(iban: str) -> bool:
    """Whether `iban` is a valid IBAN: a known country, its length and the check digits (ISO 13616)."""
    return bool(stdnum_iban.is_valid(iban))
