"""What ontzorgen must know of the payments, asked of a provider the payments app registers.

Payments run out of ontzorgingen: betalingen imports ontzorgen, never the reverse (STYLE.md §1). Yet
ontzorgen must know what was paid, or it would let a paid month be changed. It asks through the
``Betaalstand`` protocol below; BetalingenConfig.ready registers the implementation
(betalingen/betaalstand.py). Without a registered provider every question fails loudly: answering
"nothing was paid" by default would let a paid month be changed. The uitkeringen app, between
ontzorgen and betalingen, asks the same provider whether a month's benefit is settled
(``settled_run_statuses``).

"Live" runs are runs that are not cancelled (betalingen.constants.LIVE_RUN_STATUSES); "settled" is an
included settlement (Afrekening) of a live run.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Protocol

from openinburgering.dossiers.models import Dossier

from .models import Ontzorging, VasteLast, VasteLastVersie


class Betaalstand(Protocol):
    def paid_months(self, *, vaste_last: VasteLast) -> list[date]:
        """The months of this fixed cost with a payment line in a live run, in order, each once."""
        ...

    def last_paid_months(self, *, vaste_lasten: Sequence[VasteLast]) -> dict[int, date]:
        """Per fixed cost (by id) the last month with a payment line in a live run; absent: none."""
        ...

    def versie_in_run(self, *, versie: VasteLastVersie) -> bool:
        """Whether any payment line (in any run) was built from this version."""
        ...

    def settled_months(self, *, ontzorging_id: int) -> list[date]:
        """The months of this ontzorging that are settled, in order."""
        ...

    def paid_after(self, *, ontzorging: Ontzorging, maand: date) -> date | None:
        """The last month after ``maand`` with a payment line or a settlement in a live run, if any."""
        ...

    def settled_run_statuses(self, *, pairs: Iterable[tuple[int, date]], scan_from: int) -> dict[tuple[int, date], str]:
        """Which (dossier id, month) pairs are settled, with the label of that run's status. ``scan_from``:
        from this many dossiers on, scan the months instead of filtering on the dossier ids."""
        ...

    def afrekeningen_of_dossier(self, *, dossier: Dossier) -> Iterable[Any]:
        """The dossier's settlements in live runs, newest month first (each can get a monthly overview)."""
        ...


_provider: list[Betaalstand] = []


def betaalstand_register(provider: Betaalstand) -> None:
    """Register the payments app's answers (BetalingenConfig.ready); a second registration replaces the first."""
    _provider[:] = [provider]


def betaalstand() -> Betaalstand:
    if not _provider:
        raise RuntimeError("No Betaalstand registered: is openinburgering.betalingen in INSTALLED_APPS?")
    return _provider[0]
