"""Background task of the DUO outbox. It only drains rows: running it twice, or after a crash, is safe."""

from django_tasks import task

from . import outbox, verwerking


@task()
def outbox_task() -> None:
    """Send the due messages to DUO (nothing when DUO_BASE_URL is empty) and raise alerts for old ones."""
    outbox.outbox_run()


@task()
def notificaties_task() -> None:
    """Process the notificaties that are due (nothing when DUO_BASE_URL is empty: they wait)."""
    verwerking.notificaties_verwerken()
