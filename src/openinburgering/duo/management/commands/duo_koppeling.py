"""Run the DUO koppeling's background work: process DUO's notificaties, then send the outbox.

``duo_koppeling --once`` from cron, or ``duo_koppeling`` as a long-running process. The database worker
(``db_worker``) does the same work when a notificatie arrives or a message is placed; this command also
picks up what waits for a retry after a fault.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from openinburgering.duo.verwerking import notificaties_process
from openinburgering.duo.worker import outbox_run

MAX_BATCHES = 100  # one pass sends at most this many batches of --limit messages


class Command(BaseCommand):
    help = "Verwerk de notificaties van DUO en verstuur de berichten aan DUO die aan de beurt zijn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Eén ronde en stoppen (voor cron).")
        parser.add_argument("--interval", type=int, default=15, help="Seconden tussen rondes (zonder --once).")
        parser.add_argument("--limit", type=int, default=100, help="Ten hoogste zoveel berichten per ronde.")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            verwerkt = notificaties_process(limit=options["limit"])
            self.stdout.write(
                f"notificaties: verwerkt={verwerkt.verwerkt} geen_actie={verwerkt.geen_actie} "
                f"opnieuw={verwerkt.opnieuw} fout={verwerkt.fout} geblokkeerd={verwerkt.geblokkeerd}"
            )
            for _ in range(MAX_BATCHES):  # batch after batch while it gets on (not while DUO is down)
                uitkomst = outbox_run(limit=options["limit"])
                self.stdout.write(
                    f"outbox: verzonden={uitkomst.verzonden} opnieuw={uitkomst.opnieuw} "
                    f"geweigerd={uitkomst.geweigerd} vastgelopen={uitkomst.vastgelopen} "
                    f"geblokkeerd={uitkomst.geblokkeerd} vrijgegeven={uitkomst.vrijgegeven} "
                    f"alarmen={uitkomst.alarmen}"
                    + (" storing" if uitkomst.storing else "")
                    + (f" wachten tot {uitkomst.gepauzeerd_tot:%H:%M:%S}" if uitkomst.gepauzeerd_tot else "")
                )
                if not uitkomst.voortgang:
                    break
            if options["once"]:
                return
            time.sleep(options["interval"])
