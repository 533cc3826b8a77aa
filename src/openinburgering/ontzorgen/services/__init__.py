"""Every change to financieel ontzorgen (Pw 56a, 57): one transaction, a line on the dossier's timeline
and the processing log inside it; a letter is rendered and stored in the same transaction.

- ontzorging_create: the beschikking, six months from the day the right to bijstand arises (Pw 56a(2)).
- ontzorging_change: an extension or widening on a ground (a Pw 57 decision, or consent), or an
  earlier end (the hand-over to self-payment). Each is a OntzorgingWijziging row with its own letter.
- vaste_last_add / vaste_last_change / vaste_last_stop: the fixed costs, as versions over whole months.
  A change is a new version from a month on; the version it follows ends the month before. A month
  that has a payment line in a live betaalrun is never changed.

Every rule a request breaks is reported at once (OntzorgenRefused.errors, each naming its field);
then nothing at all is stored.
"""

from .ontzorging import (
    ontzorging_change,
    ontzorging_change_errors,
    ontzorging_create,
    ontzorging_create_errors,
    ontzorging_gegevens_update,
)
from .vaste_lasten import (
    MAX_BEDRAG,
    TERM_FIELDS,
    Terms,
    vaste_last_add,
    vaste_last_change,
    vaste_last_stop,
    vaste_last_terms_errors,
)

__all__ = [
    "MAX_BEDRAG",
    "TERM_FIELDS",
    "Terms",
    "ontzorging_change",
    "ontzorging_change_errors",
    "ontzorging_create",
    "ontzorging_create_errors",
    "ontzorging_gegevens_update",
    "vaste_last_add",
    "vaste_last_change",
    "vaste_last_stop",
    "vaste_last_terms_errors",
]
