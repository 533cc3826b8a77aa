"""Two outbox workers at once, on PostgreSQL: ``select_for_update(skip_locked=True)`` keeps them from sending
a message twice, and the order per person holds. (SQLite has no row locks; there one worker runs.)"""

import threading

import httpx
import pytest
from django.db import connection, transaction

from openinburgering.dossiers.factories import DossierFactory
from openinburgering.duo.models import DuoBericht
from openinburgering.duo.outbox import outbox_add, outbox_send

from .test_outbox import CONFIG, PIP, FakeDuo

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks (skip_locked) need PostgreSQL"),
]


def test_a_second_worker_skips_the_locked_message_and_respects_the_order(settings):
    settings.DUO_BASE_URL = ""
    a, b = DossierFactory(), DossierFactory()
    with transaction.atomic():
        a1 = outbox_add(dossier=a, api="pip", operatie="post_pip", args={"bsn": a.inburgeraar.bsn, "pip": PIP})
        a2 = outbox_add(dossier=a, api="pip", operatie="delete_pip", args={"bsn": a.inburgeraar.bsn})
        b1 = outbox_add(dossier=b, api="pip", operatie="post_pip", args={"bsn": b.inburgeraar.bsn, "pip": PIP})
    second: dict[str, object] = {}

    def second_worker() -> None:
        try:
            second["uitkomst"] = outbox_send(config=CONFIG, transport=duo.transport)
        finally:
            connection.close()

    def a1_while_another_worker_runs(request: httpx.Request) -> httpx.Response:
        # Worker 1 holds a1's row lock while DUO answers: worker 2 runs its whole pass now.
        thread = threading.Thread(target=second_worker)
        thread.start()
        thread.join(timeout=30)
        return httpx.Response(201, headers={"API-Version": "1.2.0"})

    duo = FakeDuo(a1_while_another_worker_runs)
    first = outbox_send(config=CONFIG, transport=duo.transport)

    other = second["uitkomst"]
    assert (other.verzonden, other.geblokkeerd) == (1, 1)  # b1 sent; a2 waits for a1; a1 skipped (locked)
    assert first.verzonden == 2  # a1, then a2
    ids = [r.headers["berichtId"] for r in duo.requests]
    assert ids == [str(a1.bericht_id), str(b1.bericht_id), str(a2.bericht_id)]
    assert set(DuoBericht.objects.values_list("status", flat=True)) == {DuoBericht.Status.VERZONDEN}
