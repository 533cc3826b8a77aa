"""Recompute the deadlines of every open dossier: after a gelijkgestelde dag was added, a rule changed,
or nightly, so that the stored statuses match today (the werkvoorraad's filters never depend on it)."""

from typing import Any

from django.core.management.base import BaseCommand

from openinburgering.dossiers.models import Dossier
from openinburgering.termijnen.services import termijnen_recompute_all


class Command(BaseCommand):
    help = "Herbereken de termijnen van alle open dossiers."

    def handle(self, *args: Any, **options: Any) -> None:
        dossiers = Dossier.objects.open().select_related("gemeente").iterator(chunk_size=500)
        count = termijnen_recompute_all(dossiers=dossiers)
        self.stdout.write(f"{count} dossiers herberekend.")
