"""Whole months, as ontzorgen stores them: the first day of a month stands for the month."""

from calendar import monthrange
from datetime import date

from django.utils.formats import date_format


def month_of(day: date) -> date:
    """The month `day` falls in (its first day)."""
    return day.replace(day=1)


def next_month(maand: date) -> date:
    return date(maand.year + maand.month // 12, maand.month % 12 + 1, 1)


def previous_month(maand: date) -> date:
    return date(maand.year - 1, 12, 1) if maand.month == 1 else date(maand.year, maand.month - 1, 1)


def last_day_of_month(maand: date) -> date:
    return maand.replace(day=monthrange(maand.year, maand.month)[1])


def month_label(maand: date) -> str:
    """ "maart 2026", as a Dutch reader writes a month."""
    return date_format(maand, "F Y")
