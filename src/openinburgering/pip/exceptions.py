"""Errors the PIP services raise; views turn them into the error summary and field messages."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from openinburgering.core.exceptions import DomainError


@dataclass(frozen=True)
class Problem:
    """One broken rule: the form field it is about, the rule's code and the Dutch message."""

    field: str
    code: str
    message: str


class PipRefused(DomainError):
    """The PIP (or an inburgeringsaanbod) breaks one or more rules; nothing was changed.

    `problems` holds every broken rule, so a form can show them all at once.
    """

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        message = (
            first.message
            if len(problems) == 1
            else _("De PIP voldoet aan %(aantal)s regels niet.") % {"aantal": len(problems)}
        )
        super().__init__(message, field=first.field, code="rules")
        self.problems = problems

    @property
    def fields(self) -> set[str]:
        return {problem.field for problem in self.problems}

    @property
    def codes(self) -> list[str]:
        return [problem.code for problem in self.problems]


class FourEyesViolation(DomainError):
    """The approver drafted or submitted the version: a beschikking needs a second person."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="four_eyes")
