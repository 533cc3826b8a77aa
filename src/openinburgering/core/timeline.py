"""The timeline's "old → new": one way to show a changed field, for every app that records changes.

A change is the dict a DossierEvent stores: {"field", "label", "old", "new"}. A value is shown as the
pages show it: empty as "—", yes/no as "ja"/"nee", a choice by its Dutch label (never the code, such
as "O"), a date as "1 maart 2026", a moment in local time, a month as "maart 2026", money as
"€ 1.234,56" and other decimals as "12,50"; long text is cut at 80 characters.
"""

from collections.abc import Collection, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from django.db.models import Field, Model
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

EMPTY = "—"
TEXT_MAX = 80

Change = dict[str, str]


def _field(model: type[Model], name: str) -> "Field[Any, Any]":
    # Only concrete fields are changed, never reverse relations (which have no verbose_name).
    return cast("Field[Any, Any]", model._meta.get_field(name))


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def day_label(value: date) -> str:
    """ "1 maart 2026"."""
    return date_format(value, "j F Y")


def month_label(value: date) -> str:
    """ "maart 2026", as a Dutch reader writes a month (a date that stands for its month)."""
    return date_format(value, "F Y")


def euro_label(value: Decimal | int) -> str:
    """ "€ 1.234,56"."""
    return f"€ {number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)}"


def field_label(model: type[Model], name: str) -> str:
    """The field's verbose name, capitalised: "Leerroute", "Vanaf maand"."""
    return capfirst(str(_field(model, name).verbose_name))


def value_shown(model: type[Model], name: str, value: Any, *, money: bool = False, month: bool = False) -> str:
    """`value` of `model.name` as the pages show it (see the module's docstring)."""
    if _is_empty(value):
        return EMPTY
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, date):
        return month_label(value) if month else day_label(value)
    field = _field(model, name)
    if field.choices and not isinstance(value, list | dict):
        choices = dict(field.flatchoices)
        if value in choices:
            return str(choices[value])
    if isinstance(value, Decimal):
        return euro_label(value) if money else f"{value:.2f}".replace(".", ",")
    return Truncator(str(value)).chars(TEXT_MAX)


def field_change(
    model: type[Model], name: str, old: Any, new: Any, *, money: bool = False, month: bool = False
) -> Change:
    """One timeline change of `model.name` from `old` to `new`, both shown as the pages show them."""
    return {
        "field": name,
        "label": field_label(model, name),
        "old": value_shown(model, name, old, money=money, month=month),
        "new": value_shown(model, name, new, money=money, month=month),
    }


def change_shown(model: type[Model], name: str, old: str, new: str) -> Change:
    """A change whose old and new text the caller words itself (a status label, "—")."""
    return {"field": name, "label": field_label(model, name), "old": old, "new": new}


def changes_between(
    model: type[Model],
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    money: Collection[str] = (),
    months: Collection[str] = (),
) -> list[Change]:
    """The changes from `old` to `new` (field → value), in the order of `new`; two empty values are equal.

    `money` names the decimal fields that hold euros, `months` the date fields that stand for a month.
    """
    return [
        field_change(model, name, old.get(name), value, money=name in money, month=name in months)
        for name, value in new.items()
        if not values_equal(old.get(name), value)
    ]


def values_equal(old: Any, new: Any) -> bool:
    """Whether a field did not change: equal values, or both empty (None, "" or [])."""
    return bool(old == new) or (_is_empty(old) and _is_empty(new))


def changes_apply(
    instance: Model, values: Mapping[str, Any], *, money: Collection[str] = (), months: Collection[str] = ()
) -> list[Change]:
    """Set the values of `instance` that differ and return them as timeline changes."""
    model = type(instance)
    old = {name: getattr(instance, name) for name in values}
    changes = changes_between(model, old, values, money=money, months=months)
    for change in changes:
        setattr(instance, change["field"], values[change["field"]])
    return changes
