#!/usr/bin/env python
"""Benchmark: how soon the DUO outbox is empty after DUO comes back from an outage (issue 11, part 4.4;
not a test).

The script

1. creates its own database (default `oi_bench_duo_herstel` on 127.0.0.1:5432, user postgres), migrates
   it, makes one gemeente and `--berichten` dossiers, each with a POST PIP in the outbox (half at the
   start of the outage, half halfway through it);
2. starts the DUO simulator (real HTTP, in this process) answering 503 to everything: the outage;
3. starts the real worker, `manage.py duo_koppeling --interval N` (another process: what ops run, the
   long-running form of the documented cron job), on that database with `DUO_BASE_URL` pointing at the
   simulator and the product's default backoff settings;
4. ends the outage after `--storing` seconds and measures, by polling the database, the time from DUO's
   return until every message is VERZONDEN; it also counts the requests DUO got during the outage and
   checks that DUO applied every PIP once;
5. stops the worker and the simulator and drops the database unless --keep.

    .venv/bin/python bench/duo_herstel.py                          # a five-minute outage, worker every 60 s
    .venv/bin/python bench/duo_herstel.py --storing 60 --interval 15

Environment: BENCH_DB_NAME, BENCH_DB_HOST, BENCH_DB_PORT, BENCH_DB_USER, BENCH_DB_PASSWORD, and any
DUO_OUTBOX_* setting (passed on to the worker) to try other values.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR / "src"))

from benchdb import configure_django, create_database, drop_database, server_from_env  # noqa: E402

DEFAULT_DB_NAME = "oi_bench_duo_herstel"
DUO_OIN = "00000001003214345000"
GEMEENTE_OIN = "00000001002306608000"


def plaats(sim, gemeente, aantal: int) -> list[int]:
    from django.db import transaction

    from openinburgering.dossiers.factories import DossierFactory
    from openinburgering.duo.outbox import outbox_add

    pks = []
    for _ in range(aantal):
        dossier = DossierFactory(gemeente=gemeente, plicht_begindatum=date.today() - timedelta(days=60))
        bsn = dossier.inburgeraar.bsn
        sim.state.persoon_toevoegen(gemeente_oin=GEMEENTE_OIN, bsn=bsn, plicht_begindatum=dossier.plicht_begindatum)
        pip = {
            "dagtekeningPip": (date.today() - timedelta(days=1)).isoformat(),
            "leerroute": "B",
            "indicatorMagOpleidingAfmaken": False,
            "indicatorAlfabetiseringsonderwijs": "NVT",
        }
        with transaction.atomic():
            bericht = outbox_add(dossier=dossier, api="pip", operatie="post_pip", args={"bsn": bsn, "pip": pip})
        pks.append(bericht.pk)
    return pks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--berichten", type=int, default=200, help="messages in the outbox (default 200)")
    parser.add_argument("--storing", type=float, default=300, help="outage in seconds (default 300)")
    parser.add_argument("--interval", type=int, default=60, help="seconds between worker runs (default 60, as cron)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    server = server_from_env(DEFAULT_DB_NAME)
    create_database(server)
    configure_django(server)
    os.environ["DUO_BASE_URL"] = ""  # this process places messages; only the worker sends them

    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from openinburgering.duo.models import DuoBericht, DuoBerichtStatus
    from openinburgering.duosim import Simulator, serve_in_thread
    from openinburgering.gemeenten.factories import GemeenteFactory

    sim = Simulator(duo_oin=DUO_OIN)
    running = serve_in_thread(sim)
    sim.storingen.instellen(status=503)  # the outage: every request answered 503
    gemeente = GemeenteFactory(oin=GEMEENTE_OIN, naam="Dordrecht", code="0505")
    eerste_helft = args.berichten // 2
    plaats(sim, gemeente, eerste_helft)

    env = dict(
        os.environ,
        PYTHONPATH=str(REPO_DIR / "src"),
        DUO_BASE_URL=running.url,
        DUO_OIN=DUO_OIN,
        DUO_EIGEN_OINS=GEMEENTE_OIN,
    )
    log_path = Path(tempfile.gettempdir()) / "duo_herstel_worker.log"
    log = log_path.open("w")
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "src/manage.py", "duo_koppeling", "--interval", str(args.interval)],
        cwd=REPO_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        start = time.monotonic()
        print(f"outage of {args.storing:.0f} s, worker every {args.interval} s, {args.berichten} messages")
        time.sleep(args.storing / 2)
        plaats(sim, gemeente, args.berichten - eerste_helft)
        time.sleep(max(0.0, start + args.storing - time.monotonic()))
        tijdens = len([b for b in sim.ontvangen() if b.methode == "POST"])
        sim.storingen.instellen(reset=True)
        terug = time.monotonic()
        print(f"DUO back after {terug - start:.0f} s; it got {tijdens} requests during the outage")
        while DuoBericht.objects.exclude(status=DuoBerichtStatus.VERZONDEN).exists():
            if worker.poll() is not None:
                raise SystemExit(f"the worker stopped ({worker.returncode}); see {log_path}")
            if time.monotonic() - terug > 2 * 3600:
                raise SystemExit("the queue is not empty two hours after DUO's return")
            time.sleep(0.2)
        leeg = time.monotonic()
        eerste = min((b.ontvangen_op for b in sim.ontvangen() if b.methode == "POST" and b.status == 201), default=None)
        posts = [b for b in sim.ontvangen() if b.methode == "POST" and b.status == 201]
        print(f"queue empty {leeg - terug:.1f} s after DUO's return ({len(posts)} messages accepted)")
        if eerste is not None and posts:
            spreiding = (posts[-1].ontvangen_op - eerste).total_seconds()
            print(f"DUO received them over {spreiding:.1f} s, one after the other")
        dubbel = [b for b in DuoBericht.objects.all() if len(sim.state.persoon(b.bsn).pips) != 1]
        print("every PIP applied once at DUO" if not dubbel else f"NOT applied once: {len(dubbel)}")
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
        running.stop()
        if not args.keep:
            drop_database(server)


if __name__ == "__main__":
    main()
