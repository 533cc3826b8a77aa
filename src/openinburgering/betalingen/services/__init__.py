"""The monthly betaalrun, one module per concern:

- `betaalrun`: its lifecycle, what a user does to a run: start, resume, recompute, submit, reject
  (back to concept), approve (four eyes), cancel, and asking for the report and the monthly overviews.
- `build`: building the run in the background, one claim (lease) at a time, batch by batch.
- `afrekeningen`: the settlement of a batch of people in SQL (settlements and their payment lines) and
  the EndToEndIds of the lines.
- `betaalbestanden`: the SEPA files (pain.001) of an approved run, and their download.
- `bankafschriften`: the bank's answer (camt.053/.054): lines paid or rejected, and a rejected line
  released to be paid again.

Building a run settles every person with an active ontzorging in its gemeenten for the month:
benefit − fixed costs = leefgeld. It works in batches of people, each batch one transaction
(settlements and their lines together), so a crash loses at most the batch in progress and the
rerun continues where it stopped. The database refuses a second payment of the same obligation
in the same month (see models.py), whatever the code above it does.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openinburgering.core.compat import Task

# The background tasks (tasks.py) call these services, so these modules do not import them: tasks.py
# registers each task here when it is imported (BetalingenConfig.ready imports it).
TASKS: dict[str, "Task[..., None]"] = {}
