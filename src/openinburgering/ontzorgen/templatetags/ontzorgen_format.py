"""Amounts, IBANs and months as a Dutch reader expects them: "€ 1.234,50", "NL91 ABNA 0417 1643 00", "maart 2026"."""

from datetime import date
from decimal import Decimal

from django import template

from openinburgering.core.timeline import euro_label, month_label
from openinburgering.rules.sepa import iban_compact

register = template.Library()


def format_euro(value: Decimal | int | None) -> str:
    if value is None:
        return "—"
    return euro_label(value)


def format_iban(value: str) -> str:
    compact = iban_compact(value or "")
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


@register.filter
def euro(value: Decimal | int | None) -> str:
    return format_euro(value)


@register.filter
def iban(value: str) -> str:
    return format_iban(value)


@register.filter
def betalingskenmerk(value: str) -> str:
    """A structured reference in groups of four digits, as printed on an acceptgiro: "5000 0567 8901 2345"."""
    digits = "".join((value or "").split())
    if not digits.isdigit():
        return value
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


@register.filter
def maand(value: date | None) -> str:
    return month_label(value) if value else "—"
