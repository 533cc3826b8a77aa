"""The data migrations that recompute stored month-period end dates (issue 11, part 3).

Each migration's function runs against rows stored with the old (wrong) dates; the expected dates
are the issue's examples, not the rule function's output.
"""

import importlib
from datetime import date

import pytest
from django.apps import apps

from openinburgering.dossiers.factories import DossierFactory
from openinburgering.ontzorgen.constants import WijzigingSoort
from openinburgering.ontzorgen.factories import OntzorgingFactory, OntzorgingWijzigingFactory
from openinburgering.ontzorgen.models import Ontzorging
from openinburgering.pip.factories import PipFactory
from openinburgering.pip.models import Pip
from openinburgering.termijnen.models import Termijn

pytestmark = pytest.mark.django_db


def _run(app: str, name: str) -> None:
    importlib.import_module(f"openinburgering.{app}.migrations.{name}").recompute(apps, None)


def test_ontzorging_end_recomputed_unless_a_decision_set_it():
    old = OntzorgingFactory(startdatum=date(2026, 7, 1), einddatum=date(2026, 12, 30))
    maart = OntzorgingFactory(startdatum=date(2026, 3, 1), einddatum=date(2026, 8, 28))
    verlengd = OntzorgingFactory(startdatum=date(2026, 7, 1), einddatum=date(2027, 3, 31))
    OntzorgingWijzigingFactory(
        ontzorging=verlengd,
        soort=WijzigingSoort.VERLENGING,
        oude_einddatum=date(2026, 12, 30),
        nieuwe_einddatum=date(2027, 3, 31),
    )
    beeindigd = OntzorgingFactory(
        startdatum=date(2026, 7, 1), einddatum=date(2026, 12, 30), beeindigd_op=date(2026, 10, 1)
    )
    right = OntzorgingFactory(startdatum=date(2026, 8, 31), einddatum=date(2027, 2, 28))

    _run("ontzorgen", "0004_einddatum_month_period")

    ends = dict(Ontzorging.objects.values_list("pk", "einddatum"))
    assert ends[old.pk] == date(2026, 12, 31)
    assert ends[maart.pk] == date(2026, 8, 31)
    assert ends[verlengd.pk] == date(2027, 3, 31)  # a decision's date stays
    assert ends[beeindigd.pk] == date(2026, 12, 30)
    assert ends[right.pk] == date(2027, 2, 28)


def _termijn(dossier, soort, start, due, *, computed_on=date(2028, 2, 29), status="verstreken"):
    return Termijn.objects.create(
        dossier=dossier,
        soort=soort,
        uiterste_datum=due,
        status=status,
        actie_nodig=False,
        grondslag="Bi 5.4(1): x",
        grondslag_url="https://wetten.overheid.nl/",
        details={"start": start.isoformat()},
        computed_on=computed_on,
    )


def test_stored_route_change_and_termijn_deadlines_recomputed():
    dossier = DossierFactory()
    route = _termijn(dossier, "routewijziging", date(2026, 8, 31), date(2028, 2, 28))
    maart = _termijn(
        DossierFactory(),
        "routewijziging",
        date(2026, 3, 31),
        date(2027, 9, 29),
        status="open",
        computed_on=date(2026, 5, 1),
    )
    eigen = _termijn(
        dossier, "inburgeringstermijn", date(2029, 3, 1), date(2032, 2, 28), status="open", computed_on=date(2029, 3, 1)
    )
    duo = _termijn(
        DossierFactory(duo_termijn_start=date(2029, 3, 1), duo_termijn_einde=date(2032, 2, 28)),
        "inburgeringstermijn",
        date(2029, 3, 1),
        date(2032, 2, 27),
        status="open",
        computed_on=date(2029, 3, 1),
    )

    _run("termijnen", "0003_month_period_dates")

    rows = {t.pk: (t.uiterste_datum, t.status) for t in Termijn.objects.all()}
    # 29 February 2028 is the last day: computed on that day the window is still open.
    assert rows[route.pk] == (date(2028, 2, 29), "open")
    assert rows[maart.pk] == (date(2027, 9, 30), "open")
    assert rows[eigen.pk] == (date(2032, 2, 29), "open")
    assert rows[duo.pk] == (date(2032, 2, 27), "open")  # DUO's term is DUO's


def test_pip_inburgeringstermijn_end_recomputed():
    pip = PipFactory(
        vastgesteld=True,
        dagtekening=date(2029, 2, 28),
        inburgeringstermijn_start=date(2029, 3, 1),
        inburgeringstermijn_einde=date(2032, 2, 28),
    )
    other = PipFactory(
        vastgesteld=True,
        dagtekening=date(2026, 3, 10),
        inburgeringstermijn_start=date(2026, 3, 11),
        inburgeringstermijn_einde=date(2029, 3, 10),
    )

    _run("pip", "0003_inburgeringstermijn_month_period")

    ends = dict(Pip.objects.values_list("pk", "inburgeringstermijn_einde"))
    assert ends[pip.pk] == date(2032, 2, 29)
    assert ends[other.pk] == date(2029, 3, 10)
