"""Background tasks of the DUO koppeling. They only drain rows (outbox messages, notificaties): running one
twice, or after a crash, is safe.

Each registers itself with outbox.TASKS, through which outbox and verwerking enqueue it: those modules do
not import this one, which calls them.
"""

import time
from collections.abc import Callable

from openinburgering.core.compat import task

from . import outbox, verwerking, worker

# How long one run of a task goes on before it hands over to a fresh task (so a backlog of thousands does
# not hold one worker, and the queue's other work gets its turn).
TASK_SECONDS = 60


def _drain(step: Callable[[], bool], again: Callable[[], None]) -> None:
    """Run ``step`` (one batch; True when it did something) until it does nothing, or hand over."""
    deadline = time.monotonic() + TASK_SECONDS
    while step():
        if time.monotonic() > deadline:
            again()
            return


def _outbox_step() -> bool:
    return worker.outbox_run().voortgang  # not while DUO is down or asks to wait: cron's next run probes


def _notificaties_step() -> bool:
    uitkomst = verwerking.notificaties_process()
    return bool(uitkomst.verwerkt or uitkomst.geen_actie or uitkomst.fout or uitkomst.opnieuw)


@task()
def outbox_task() -> None:
    """Send the due messages to DUO (nothing when DUO_BASE_URL is empty) and raise alerts for old ones."""
    _drain(_outbox_step, outbox.enqueue_drain)


@task()
def notificaties_task() -> None:
    """Process the notificaties that are due, batch after batch, until none is left that can be done now
    (nothing when DUO_BASE_URL is empty: they wait). A long backlog is continued by a new task."""
    _drain(_notificaties_step, verwerking.enqueue_verwerking)


outbox.TASKS.update(outbox_task=outbox_task, notificaties_task=notificaties_task)
