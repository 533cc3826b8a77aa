"""Print the OINs of the uitvoeringsorganisaties and gemeenten in the database, comma-separated: the value
for DUO_EIGEN_OINS when DUO may address all of them (bin/demo uses it for the demo region)."""

from typing import Any

from django.core.management.base import BaseCommand

from openinburgering.gemeenten.models import Gemeente, Uitvoeringsorganisatie


class Command(BaseCommand):
    help = "Toon de OIN's van de uitvoeringsorganisatie en de gemeenten, gescheiden door komma's."

    def handle(self, *args: Any, **options: Any) -> None:
        oins = [*Uitvoeringsorganisatie.objects.values_list("oin", flat=True)]
        oins += Gemeente.objects.order_by("code").values_list("oin", flat=True)
        self.stdout.write(",".join(dict.fromkeys(oin for oin in oins if oin)))
