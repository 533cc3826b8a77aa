"""Drain the DUO outbox: ``duo_outbox --once`` from cron, or ``duo_outbox`` as a long-running process."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from openinburgering.duo.outbox import outbox_run


class Command(BaseCommand):
    help = "Verstuur de berichten aan DUO die aan de beurt zijn (en meld berichten die te lang wachten)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Eén ronde en stoppen (voor cron).")
        parser.add_argument("--interval", type=int, default=15, help="Seconden tussen rondes (zonder --once).")
        parser.add_argument("--limit", type=int, default=100, help="Ten hoogste zoveel berichten per ronde.")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            uitkomst = outbox_run(limit=options["limit"])
            self.stdout.write(
                f"verzonden={uitkomst.verzonden} opnieuw={uitkomst.opnieuw} geweigerd={uitkomst.geweigerd} "
                f"vastgelopen={uitkomst.vastgelopen} geblokkeerd={uitkomst.geblokkeerd} alarmen={uitkomst.alarmen}"
            )
            if options["once"]:
                return
            time.sleep(options["interval"])
