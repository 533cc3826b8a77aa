"""Errors the ontzorgen services raise; views turn them into the error summary and field messages."""

from django.utils.translation import gettext as _

from openinburgering.core.exceptions import DomainError


class OntzorgenRefused(DomainError):
    """The input breaks one or more rules; nothing was stored.

    `errors` holds every broken rule (each a DomainError naming its field), so a form can show them
    all at once. The exception itself carries the first one's field and, for one error, its message.
    """

    def __init__(self, errors: list[DomainError]) -> None:
        first = errors[0]
        message = (
            first.message
            if len(errors) == 1
            else _("De invoer voldoet aan %(aantal)s regels niet.") % {"aantal": len(errors)}
        )
        super().__init__(message, field=first.field, code=first.code)
        self.errors = errors

    @property
    def fields(self) -> set[str]:
        return {error.field for error in self.errors if error.field}


def errors_of(error: DomainError) -> list[DomainError]:
    """Every error a service raised: the list of an OntzorgenRefused, or the error itself."""
    return error.errors if isinstance(error, OntzorgenRefused) else [error]


def raise_if_any(errors: list[DomainError]) -> None:
    if errors:
        raise OntzorgenRefused(errors)
