"""manage.py demo_region: fill an empty database with the Drechtsteden demo region."""

from datetime import date
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from openinburgering.demo.generator import demo_letter_templates_fill, existing_data, load_region, region_loaded

PROGRESS_EVERY = 50_000


class Command(BaseCommand):
    help = (
        "Vult een lege database met de demoregio Drechtsteden: zes gemeenten, demogebruikers per rol en "
        "--size inburgeraars met elk een dossier. Zelfde --seed (en datum) geeft dezelfde gegevens."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="Startwaarde van de toevalsgenerator.")
        parser.add_argument("--size", type=int, default=400, help="Aantal inburgeraars (elk met één dossier).")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Niets doen als de demoregio al geladen is (zodat bin/demo opnieuw kan draaien).",
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="De datum van ‘vandaag’ (JJJJ-MM-DD); standaard de huidige datum.",
        )
        parser.add_argument("--batch-size", type=int, default=5_000, help="Rijen per schrijfactie.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["size"] < 0 or options["batch_size"] < 1:
            raise CommandError("--size kan niet negatief zijn en --batch-size moet minstens 1 zijn.")
        if options["if_empty"] and region_loaded():
            made = demo_letter_templates_fill()  # a region loaded before letters needed a complete template
            if made:
                self.stdout.write(
                    f"De demoregio staat al in de database; briefsjablonen aangevuld voor {made} gemeente(n)."
                )
            else:
                self.stdout.write("De demoregio staat al in de database; er is niets veranderd.")
            return
        found = existing_data()
        if found:
            raise CommandError(
                f"De database bevat al gegevens ({'; '.join(found)}). De demo wordt alleen in een lege database "
                "geladen: verwijder var/db.sqlite3 (of maak een nieuwe PostgreSQL-database), draai migrate en "
                "probeer het opnieuw."
            )

        size = options["size"]
        today = options["today"] or timezone.localdate()
        next_report = PROGRESS_EVERY

        def progress(done: int) -> None:
            nonlocal next_report
            if done >= next_report and size > PROGRESS_EVERY:
                self.stdout.write(f"  {done:,} van {size:,} dossiers".replace(",", "."))
                next_report = (done // PROGRESS_EVERY + 1) * PROGRESS_EVERY

        self.stdout.write(f"Demoregio Drechtsteden laden: {size} inburgeraars, seed {options['seed']}, {today}…")
        result = load_region(
            seed=options["seed"], size=size, today=today, batch_size=options["batch_size"], progress=progress
        )
        per_status = ", ".join(f"{status} {count}" for status, count in sorted(result.status_counts.items()))
        with translation.override("nl"):
            chain = ", ".join(
                f"{count} {apps.get_model(label)._meta.verbose_name_plural}"
                for label, count in result.chain_counts.items()
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar in {result.seconds:.1f} s: {result.inburgeraars} inburgeraars, {result.dossiers} dossiers "
                f"({per_status}), {result.gezinsleden} gezinsleden, {result.events} tijdlijnregels; {chain}."
            )
        )
