"""Background task of the DUO outbox. It only drains rows: running it twice, or after a crash, is safe."""

import time

from django_tasks import task

from . import outbox, verwerking


@task()
def outbox_task() -> None:
    """Send the due messages to DUO (nothing when DUO_BASE_URL is empty) and raise alerts for old ones."""
    outbox.outbox_run()


# How long one run of the notificaties task goes on before it hands over to a fresh task (so a burst of
# thousands does not hold one worker, and the queue's other work gets its turn).
NOTIFICATIES_TASK_SECONDS = 60


@task()
def notificaties_task() -> None:
    """Process the notificaties that are due, batch after batch, until none is left that can be done now
    (nothing when DUO_BASE_URL is empty: they wait). A long backlog is continued by a new task."""
    deadline = time.monotonic() + NOTIFICATIES_TASK_SECONDS
    while True:
        uitkomst = verwerking.notificaties_verwerken()
        if not (uitkomst.verwerkt or uitkomst.geen_actie or uitkomst.fout or uitkomst.opnieuw):
            return
        if time.monotonic() > deadline:
            verwerking.enqueue_verwerking()
            return
