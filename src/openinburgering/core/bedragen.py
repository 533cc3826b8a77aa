"""One parser for amounts in euros, used by every way in: forms, CSV imports and the API.

What is accepted (after leading and trailing spaces are removed), and nothing else:

- ``1234``, ``1234,56`` — digits, optionally a comma and exactly two digits for the cents;
- ``1.234`` and ``1.234,56`` — the same, with a point between every group of three digits
  (the first group one to three digits, not starting with 0);
- ``1234.56`` — a point for the cents (exactly two digits), then without thousands separators:
  the notation a spreadsheet or another system writes.

Refused, each with its own reason: an empty value; an exponent (``1e3``); ``NaN`` or ``Infinity``;
more than two digits after the comma or point (``12,345``); one digit after the comma
(``12,5``: write ``12,50``, so that ``1,234``-style English notation can never slip through as a
different amount); any other notation (``1,234.56``, ``1 234,56``, ``€ 12``, non-ASCII digits);
a sign, zero or a negative amount (every amount we record is a positive sum of money); an amount
larger than the column holds. A number given as a JSON number (not a string) is refused by the
API, so a float never decides an amount.

`bedrag_read` is the pure part (no database, no translation): it returns the Decimal or raises
BedragFout with a reason. `bedrag_parse` adds the Dutch message that names the field.
"""

import enum
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _

CENT = Decimal("0.01")
# What a DecimalField(max_digits=11, decimal_places=2) holds: every amount column of ontzorgen.
BEDRAG_MAX = Decimal("999999999.99")

# The accepted notations as one pattern (the API's schema shows it; `bedrag_read` is the authority).
BEDRAG_PATTERN = r"^(?:[0-9]+(?:,[0-9]{2})?|[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]{2})?|[0-9]+\.[0-9]{2})$"
_NL_PLAIN = re.compile(r"[0-9]+(?:,[0-9]{2})?")
_NL_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]{2})?")
_POINT = re.compile(r"[0-9]+\.[0-9]{2}")
_EXPONENT = re.compile(r"[+-]?[0-9.,]*[0-9][eE][+-]?[0-9]+")
_NOT_A_NUMBER = re.compile(r"[+-]?(?:nan|snan|inf|infinity)", re.IGNORECASE)
_TOO_MANY_DECIMALS = re.compile(r"[+-]?(?:(?:[0-9]+|[1-9][0-9]{0,2}(?:\.[0-9]{3})+),|[0-9]+\.)[0-9]{3,}")
_ONE_DECIMAL = re.compile(r"[+-]?(?:[0-9]+|[1-9][0-9]{0,2}(?:\.[0-9]{3})+),[0-9]")


class BedragReden(enum.Enum):
    LEEG = "leeg"
    EXPONENT = "exponent"
    GEEN_GETAL = "geen_getal"
    TE_VEEL_DECIMALEN = "te_veel_decimalen"
    EEN_DECIMAAL = "een_decimaal"
    NOTATIE = "notatie"
    NIET_POSITIEF = "niet_positief"
    TE_GROOT = "te_groot"


class BedragFout(ValueError):
    def __init__(self, reden: BedragReden, waarde: str) -> None:
        super().__init__(reden.value)
        self.reden = reden
        self.waarde = waarde


def bedrag_read(text: str, *, maximum: Decimal = BEDRAG_MAX) -> Decimal:
    """The positive amount `text` writes (see the module docstring), or BedragFout with the reason."""
    value = text.strip()
    if not value:
        raise BedragFout(BedragReden.LEEG, value)
    sign = value[:1] if value[:1] in "-+" else ""
    digits = value[len(sign) :]
    if _NL_PLAIN.fullmatch(digits) or _NL_GROUPED.fullmatch(digits):
        amount = Decimal(digits.replace(".", "").replace(",", "."))
    elif _POINT.fullmatch(digits):
        amount = Decimal(digits)
    elif _EXPONENT.fullmatch(value):
        raise BedragFout(BedragReden.EXPONENT, value)
    elif _NOT_A_NUMBER.fullmatch(value):
        raise BedragFout(BedragReden.GEEN_GETAL, value)
    elif _TOO_MANY_DECIMALS.fullmatch(value):
        raise BedragFout(BedragReden.TE_VEEL_DECIMALEN, value)
    elif _ONE_DECIMAL.fullmatch(value):
        raise BedragFout(BedragReden.EEN_DECIMAAL, value)
    else:
        raise BedragFout(BedragReden.NOTATIE, value)
    if sign or amount <= 0:
        raise BedragFout(BedragReden.NIET_POSITIEF, value)
    if amount > maximum:
        raise BedragFout(BedragReden.TE_GROOT, value)
    return amount


def bedrag_nl(amount: Decimal, *, grouped: bool = True) -> str:
    """The amount in Dutch notation: 1.234,56 (or 1234,56 without thousands separators)."""
    whole, cents = f"{amount:.2f}".split(".")
    if grouped:
        whole = f"{int(whole):,}".replace(",", ".")
    return f"{whole},{cents}"


def shown_value(value: str, limit: int = 40) -> str:
    """A value as quoted in a message: short, and without control characters."""
    text = "".join(ch if ch.isprintable() else "·" for ch in value)
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def bedrag_notatie() -> str:
    return _(
        "Schrijf het bedrag als 1234,56 of 1.234,56 (komma voor de centen, punten alleen tussen "
        "groepen van drie cijfers), als 1234 of als 1234.56 (punt voor de centen, dan zonder punten "
        "tussen de duizendtallen)."
    )


def bedrag_message(fout: BedragFout, *, veld: str, maximum: Decimal = BEDRAG_MAX) -> str:
    """The Dutch message for a refused amount; `veld` names the field ("het bedrag per maand")."""
    veld = str(veld)
    params = {"veld": veld, "Veld": veld[:1].upper() + veld[1:], "waarde": shown_value(fout.waarde)}
    notatie = bedrag_notatie()
    match fout.reden:
        case BedragReden.LEEG:
            return _("Vul %(veld)s in.") % params
        case BedragReden.EXPONENT:
            text = _("%(Veld)s ‘%(waarde)s’ bevat een exponent (e); schrijf het bedrag voluit.") % params
        case BedragReden.GEEN_GETAL:
            text = _("%(Veld)s ‘%(waarde)s’ is geen getal.") % params
        case BedragReden.TE_VEEL_DECIMALEN:
            text = _("%(Veld)s ‘%(waarde)s’ heeft meer dan twee cijfers achter de komma; een bedrag is in centen.") % (
                params
            )
        case BedragReden.EEN_DECIMAAL:
            text = _("%(Veld)s ‘%(waarde)s’ heeft één cijfer achter de komma; schrijf de centen met twee cijfers.") % (
                params
            )
        case BedragReden.NIET_POSITIEF:
            return _("%(Veld)s moet groter zijn dan nul (gevonden: %(waarde)s).") % params
        case BedragReden.TE_GROOT:
            return _("%(Veld)s is te groot: ten hoogste %(max)s.") % {**params, "max": bedrag_nl(maximum)}
        case _:
            text = _("%(Veld)s ‘%(waarde)s’ is geen bedrag in de verwachte notatie.") % params
    return f"{text} {notatie}"


def bedrag_parse(text: str, *, veld: str | None = None, maximum: Decimal = BEDRAG_MAX) -> Decimal:
    """The amount, or ValueError with the Dutch message naming the field (default: "het bedrag")."""
    try:
        return bedrag_read(text, maximum=maximum)
    except BedragFout as fout:
        raise ValueError(bedrag_message(fout, veld=veld or _("het bedrag"), maximum=maximum)) from None


def json_getal_message(*, veld: str, voorbeeld: str) -> str:
    """Why the API refuses a JSON number where it wants text (an amount as a float, a BSN without its 0)."""
    veld = str(veld)
    return _(
        '%(Veld)s moet tekst zijn (tussen aanhalingstekens), bijvoorbeeld "%(voorbeeld)s"; '
        "een getal wordt niet aanvaard."
    ) % {
        "Veld": veld[:1].upper() + veld[1:],
        "voorbeeld": voorbeeld,
    }


class BedragFormField(forms.Field):
    """A form field for a positive amount in euros, read by `bedrag_parse` (cleans to a Decimal)."""

    widget = forms.TextInput

    def __init__(self, *, veld: Any, maximum: Decimal = BEDRAG_MAX, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.veld = veld
        self.maximum = maximum
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")
        self.widget.attrs.setdefault("maxlength", "30")

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return bedrag_nl(value, grouped=False)
        return value

    def to_python(self, value: Any) -> Decimal | None:
        text = "" if value in self.empty_values else str(value).strip()
        if not text:
            return None
        try:
            return bedrag_parse(text[:100], veld=str(self.veld), maximum=self.maximum)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="bedrag") from None
