"""Errors of the net benefits; views and the API turn them into field messages and problem lists."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openinburgering.core.exceptions import DomainError

from .csv_import import RowProblem


def unknown_bsn_message() -> str:
    # Never says whether the BSN exists elsewhere: that would reveal another gemeente's caseload.
    return _("Onbekend BSN: er is geen open dossier met dit BSN in uw gemeente(n).")


class UitkeringenRefused(DomainError):
    """One or more rows break a rule; nothing was stored. `problems` names every row and field."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(
            ngettext(
                "Er is niets opgeslagen: %(n)s regel voldoet niet.",
                "Er is niets opgeslagen: %(n)s problemen gevonden.",
                len(problems),
            )
            % {"n": len(problems)},
            code="invalid",
        )
        self.problems = problems
