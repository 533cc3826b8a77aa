"""Recompute the stored last day of the inburgeringstermijn with the month-period rule (issue 11, part 3).

Wi 11(1): three years whose first day is the day after the dagtekening. Before, a start on 1 March
after a 28 February ended on 28 February three years later even in a leap year (start 1 March 2029:
28 instead of 29 February 2032). Recomputed from the stored start with rules.termijnen.inburgeringstermijn,
the same function pip_approve uses.
"""

from datetime import timedelta

from django.db import migrations

from openinburgering.rules.termijnen import inburgeringstermijn


def recompute(apps, schema_editor):  # type: ignore[no-untyped-def]
    Pip = apps.get_model("pip", "Pip")
    pips = Pip.objects.filter(inburgeringstermijn_start__isnull=False, inburgeringstermijn_einde__isnull=False)
    for pip in pips.only("pk", "inburgeringstermijn_start", "inburgeringstermijn_einde").iterator():
        correct = inburgeringstermijn(pip.inburgeringstermijn_start - timedelta(days=1)).last_day
        if correct != pip.inburgeringstermijn_einde:
            Pip.objects.filter(pk=pip.pk).update(inburgeringstermijn_einde=correct)


class Migration(migrations.Migration):
    dependencies = [("pip", "0002_afschalen")]
    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
