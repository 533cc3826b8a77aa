"""Recompute the deadlines of every open dossier: after a gelijkgestelde dag was added, a rule changed,
or nightly, so that the stored statuses match today (the werkvoorraad's filters never depend on it)."""

from typing import Any

from django.core.management.base import BaseCommand

from openinburgering.termijnen.services import termijnen_recompute_all


class Command(BaseCommand):
    help = "Herbereken de termijnen van alle open dossiers."

    def handle(self, *args: Any, **options: Any) -> None:
        count = termijnen_recompute_all()  # every open dossier
        self.stdout.write(f"{count} dossiers herberekend.")
