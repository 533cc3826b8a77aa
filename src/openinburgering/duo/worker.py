"""One pass of the outbox worker: send, learn the ids of new contactpersonen (and place the couplings that
waited for them), send those too, then raise alerts. Apart from outbox.py, because placing a coupling goes
through outbox.outbox_add (contactpersoon.py imports outbox; outbox imports neither)."""

import httpx

from .contactpersoon import contactpersonen_process
from .outbox import Uitkomst, config_from_settings, outbox_alert, outbox_send


def outbox_run(*, transport: httpx.BaseTransport | None = None, limit: int = 100) -> Uitkomst:
    """One pass of the worker: send what is due (when DUO_BASE_URL is set), then raise alerts.

    A contactpersoon DUO created answers with its id; the couplings that waited for that id are placed
    then (``contactpersoon.contactpersonen_process``) and go out in the same pass.
    """
    config = config_from_settings()
    uitkomst = outbox_send(config=config, transport=transport, limit=limit) if config else Uitkomst()
    if config and not uitkomst.storing and contactpersonen_process():
        vervolg = outbox_send(config=config, transport=transport, limit=limit)
        uitkomst.verzonden += vervolg.verzonden
        uitkomst.opnieuw += vervolg.opnieuw
        uitkomst.geweigerd += vervolg.geweigerd
        uitkomst.vastgelopen += vervolg.vastgelopen
        uitkomst.vrijgegeven += vervolg.vrijgegeven
        uitkomst.storing, uitkomst.gepauzeerd_tot = vervolg.storing, vervolg.gepauzeerd_tot
    uitkomst.alarmen = outbox_alert()
    return uitkomst
