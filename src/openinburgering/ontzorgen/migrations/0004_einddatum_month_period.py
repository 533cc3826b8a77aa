"""Recompute the end of ontzorgingen stored before the month-period rule was fixed (issue 11, part 3).

Before, six months from the 1st of a month ended a day or more early (1 July → 30 December instead of
31 December). An ontzorging whose end still is that old computation, and whose end no decision
changed (no verlenging, verbreding with a new end, or beëindiging), gets the end that the rule gives
now: rules.ontzorgen.ontzorgen_last_day, the same function the service uses. The new end always falls
in the same month as the old one, so no month of a betaalrun changes.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db import migrations
from django.db.models import F

from openinburgering.rules.ontzorgen import ontzorgen_last_day


def _before_issue_11(startdatum: date) -> date:
    """The end as it was computed before: six months after the day before the start."""
    result: date = startdatum - timedelta(days=1) + relativedelta(months=6)
    return result


def recompute(apps, schema_editor):  # type: ignore[no-untyped-def]
    Ontzorging = apps.get_model("ontzorgen", "Ontzorging")
    OntzorgingWijziging = apps.get_model("ontzorgen", "OntzorgingWijziging")
    changed_by_decision = set(
        OntzorgingWijziging.objects.exclude(nieuwe_einddatum=F("oude_einddatum")).values_list(
            "ontzorging_id", flat=True
        )
    )
    for ontzorging in Ontzorging.objects.filter(beeindigd_op__isnull=True).only("pk", "startdatum", "einddatum"):
        if ontzorging.pk in changed_by_decision or ontzorging.einddatum != _before_issue_11(ontzorging.startdatum):
            continue
        correct = ontzorgen_last_day(ontzorging.startdatum)
        if correct != ontzorging.einddatum:
            Ontzorging.objects.filter(pk=ontzorging.pk).update(einddatum=correct)


class Migration(migrations.Migration):
    dependencies = [("ontzorgen", "0003_vastelastversie_andere_rekening_bevestigd")]
    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
