"""Recompute the stored route-change and inburgeringstermijn deadlines with the month-period rule (issue 11).

Bi 5.4's eighteen months and Wi 11's three years are periods whose first day is the start of the
inburgeringstermijn; before, some ended a day early (start 31 August 2026: 28 instead of
29 February 2028). Each stored row is recomputed from the start it records, with the same rule the
deadline engine uses (rules.termijnen). An inburgeringstermijn that DUO gave (the dossier holds
DUO's einddatum) is DUO's and is left alone. Informative rows only: the next actionable deadline
(Dossier.termijn_datum) does not change.
"""

from datetime import date, timedelta

from django.db import migrations

from openinburgering.rules.termijnen import Inburgeringstermijn, inburgeringstermijn

ROUTEWIJZIGING = "routewijziging"
INBURGERINGSTERMIJN = "inburgeringstermijn"
OPEN, LAPSED = "open", "verstreken"


def recompute(apps, schema_editor):  # type: ignore[no-untyped-def]
    Termijn = apps.get_model("termijnen", "Termijn")
    rows = Termijn.objects.filter(soort__in=[ROUTEWIJZIGING, INBURGERINGSTERMIJN]).select_related("dossier")
    for row in rows.iterator():
        start_text = (row.details or {}).get("start")
        if not start_text:
            continue
        start = date.fromisoformat(start_text)
        if row.soort == ROUTEWIJZIGING:
            due = Inburgeringstermijn(start=start, last_day=start, duo_einddatum=start).route_change_last_day()
        elif row.dossier.duo_termijn_einde is None:
            due = inburgeringstermijn(start - timedelta(days=1)).last_day
        else:
            continue
        if due == row.uiterste_datum:
            continue
        status = row.status
        if status in (OPEN, LAPSED):  # informative rows: open until the day has passed
            status = LAPSED if row.computed_on > due else OPEN
        Termijn.objects.filter(pk=row.pk).update(uiterste_datum=due, status=status)


class Migration(migrations.Migration):
    dependencies = [("termijnen", "0002_beheerder_permissions"), ("dossiers", "0006_dossier_duo_termijn")]
    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
