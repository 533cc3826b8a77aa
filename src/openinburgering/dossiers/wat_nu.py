""" "Wat nu": what the klantregisseur does next with a dossier — one answer for every page that shows it.

The werkvoorraad, the dossier page (and anything else that says what to do next) call `wat_nu`; none
computes its own. The dossier's stage (its status) decides the step. The nearest deadline
(`Dossier.termijn_soort`, kept by the deadline engine) sharpens it only when it belongs to that step: a
summons whose outcome is still to be recorded is the step at hand during the brede intake, but the
deadline for the PIP (ten weeks, Wi 16) does not turn an unfinished brede intake into "PIP vaststellen" —
the brede intake comes first (Wi 14/15), and the PIP deadline is shown beside it as the date it must fit.
"""

from typing import TYPE_CHECKING

from openinburgering.termijnen.constants import ACTIE, Soort

from .constants import NEXT_ACTION, Status

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise

# The deadlines that are themselves the next step, per stage.
STEP_DEADLINES: dict[str, frozenset[str]] = {
    Status.AANGEMELD: frozenset({Soort.OPROEP_BREDE_INTAKE}),
    Status.BREDE_INTAKE: frozenset({Soort.OPROEP_BREDE_INTAKE}),
    Status.PIP: frozenset({Soort.PIP_VASTSTELLEN}),
}


def wat_nu(*, status: str, termijn_soort: str = "") -> "StrPromise | str | None":
    """The next step for a dossier in `status` whose nearest deadline is of kind `termijn_soort`; None if none."""
    if termijn_soort in STEP_DEADLINES.get(status, frozenset()) and termijn_soort in ACTIE:
        return ACTIE[termijn_soort]  # type: ignore[return-value]
    return NEXT_ACTION.get(status)
