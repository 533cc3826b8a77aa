"""Every change to the brede intake: one transaction, a timeline line and the processing log inside it.

Each `*_errors` function returns every rule a change breaks (so a form shows them all at once);
the service raises the first and writes nothing. Changes to summonses end with
`termijnen_recompute`, so the dossier's deadlines follow in the same transaction.
"""

from ._common import GEZONDHEID_FIELDS, INTAKE_FIELDS
from .intake import (
    aandachtspunten_errors,
    aandachtspunten_update,
    brede_intake_complete,
    brede_intake_complete_errors,
    brede_intake_start,
    brede_intake_update,
    gezondheid_update,
    intake_rule_errors,
)
from .leerbaarheidstoets import (
    lbt_exempt,
    lbt_exempt_errors,
    lbt_record_result,
    lbt_request,
    lbt_request_errors,
    lbt_result_errors,
)
from .oproepen import (
    oproep_record_uitkomst,
    oproep_reschedule,
    oproep_reschedule_errors,
    oproep_rule_errors,
    oproep_send,
    oproep_uitkomst_errors,
)

__all__ = [
    "GEZONDHEID_FIELDS",
    "INTAKE_FIELDS",
    "aandachtspunten_errors",
    "aandachtspunten_update",
    "brede_intake_complete",
    "brede_intake_complete_errors",
    "brede_intake_start",
    "brede_intake_update",
    "gezondheid_update",
    "intake_rule_errors",
    "lbt_exempt",
    "lbt_exempt_errors",
    "lbt_record_result",
    "lbt_request",
    "lbt_request_errors",
    "lbt_result_errors",
    "oproep_record_uitkomst",
    "oproep_reschedule",
    "oproep_reschedule_errors",
    "oproep_rule_errors",
    "oproep_send",
    "oproep_uitkomst_errors",
]
