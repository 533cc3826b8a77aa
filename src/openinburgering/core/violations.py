"""Coded rule violations → plain Dutch messages: one mechanism for every catalogue.

The rules (openinburgering.rules) stay free of Django and return `Violation`s: a code, the field it
concerns and parameters. An app keeps a `ViolationMessages` catalogue: for each code a Dutch message
that names the field and the rule with its source, and the values its messages share (the rule's
name, a field's name in a sentence). Dates are written as the pages write them ("1 maart 2024").
"""

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from openinburgering.rules.base import Violation

from .timeline import day_label

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

UNKNOWN = _("Deze gegevens voldoen niet aan een regel (%(code)s).")

# The values a catalogue adds to the violation's own: (violation, its parameters) → name → text.
SharedValues = Callable[[Violation, Mapping[str, object]], Mapping[str, str]]


def param_text(value: object) -> str:
    """A parameter as a message shows it: a date as "1 maart 2024", anything else as text."""
    if isinstance(value, date):
        return day_label(value)
    return str(value)


class ViolationMessages:
    """The Dutch message for every code of one catalogue."""

    def __init__(
        self,
        messages: Mapping[str, "StrPromise"],
        *,
        shared: SharedValues | None = None,
        defaults: Mapping[str, str] | None = None,
    ) -> None:
        self.messages = messages
        self.shared = shared
        self.defaults = dict(defaults or {})

    def __contains__(self, code: object) -> bool:
        return code in self.messages

    def message(self, violation: Violation, *, extra: Mapping[str, object] | None = None) -> str:
        """The message for `violation`; `extra` adds parameters the rule does not return."""
        params: dict[str, object] = {**violation.params, **(extra or {})}
        values = {**self.defaults, **{key: param_text(value) for key, value in params.items()}}
        if self.shared is not None:
            values.update(self.shared(violation, params))
        template = self.messages.get(violation.code)
        if template is None:
            return str(UNKNOWN) % {"code": violation.code}
        return str(template) % values
