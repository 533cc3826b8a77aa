"""The settlement of a batch of people, in SQL that PostgreSQL and SQLite both run: their settlements
(afrekeningen), then their payment lines, each with an EndToEndId that is stable per obligation and month."""

from datetime import date

from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from openinburgering.dossiers.models import Dossier, Inburgeraar
from openinburgering.gemeenten.models import Gemeente
from openinburgering.ontzorgen.models import Ontzorging, VasteLast, VasteLastVersie
from openinburgering.rules.kalender import month_last_day
from openinburgering.uitkeringen.models import Uitkering

from ..constants import LIVE_RUN_STATUSES, AfrekeningStatus, RegelSoort
from ..models import Afrekening, Betaalregel, Betaalrun
from ._common import _run_gemeente_ids

_E2E_KIND = {RegelSoort.VASTE_LAST: "V", RegelSoort.LEEFGELD: "L"}
E2E_ID_DIGITS = 12


def end_to_end_id(*, soort: RegelSoort, bron_id: int, maand: date) -> str:
    """Stable per obligation and month, so a rerun builds the same id and the unique index refuses a double.

    OI<yyyymm>V<fixed cost id> for a fixed cost, OI<yyyymm>L<ontzorging id> for the leefgeld, the id
    zero-padded to twelve digits: ids of a run then sort in the order they are inserted, which keeps
    the unique index cheap to fill. The SQL that builds the lines of a run writes the same (a test
    holds them equal).
    """
    return f"{_e2e_prefix(soort, maand)}{bron_id:0{E2E_ID_DIGITS}d}"


def _e2e_prefix(soort: RegelSoort, maand: date) -> str:
    return f"OI{maand:%Y%m}{_E2E_KIND[soort]}"


def _nabetaling_prefix(run_maand: date) -> str:
    return f"OI{run_maand:%Y%m}N"


def nabetaling_end_to_end_id(*, vaste_last_id: int, maand: date, run_maand: date) -> str:
    """A fixed cost of `maand` paid later, in the run of `run_maand`: OI<run month>N<month><id> (27 characters)."""
    return f"{_nabetaling_prefix(run_maand)}{maand:%Y%m}{vaste_last_id:0{E2E_ID_DIGITS}d}"


def herbetaling_end_to_end_id(*, regel_id: int, run_maand: date) -> str:
    """A rejected line paid again in the run of `run_maand`: OI<run month>H<rejected line's id>."""
    return f"OI{run_maand:%Y%m}H{regel_id:0{E2E_ID_DIGITS}d}"


def settlement_candidates(run: Betaalrun) -> QuerySet[Ontzorging]:
    """Who still has to be settled in this run: active in the month, in its gemeenten, not yet settled."""
    maand, last = run.maand, month_last_day(run.maand)
    settled_elsewhere = Afrekening.objects.filter(
        maand=maand, status=AfrekeningStatus.OPGENOMEN, betaalrun__status__in=LIVE_RUN_STATUSES
    ).values("ontzorging_id")
    return (
        Ontzorging.objects.active_in(maand, last)
        .filter(dossier__gemeente__in=_run_gemeente_ids(run))
        .exclude(pk__in=Afrekening.objects.filter(betaalrun=run).values("ontzorging_id"))
        .exclude(pk__in=settled_elsewhere)
        .order_by("pk")
    )


def _tables() -> dict[str, str]:
    qn = connection.ops.quote_name
    models_ = {
        "afrekening": Afrekening, "regel": Betaalregel, "ontzorging": Ontzorging, "uitkering": Uitkering,
        "vaste_last": VasteLast, "versie": VasteLastVersie, "dossier": Dossier, "inburgeraar": Inburgeraar,
        "gemeente": Gemeente, "betaalrun": Betaalrun,
    }  # fmt: skip
    tables = {name: qn(model._meta.db_table) for name, model in models_.items()}
    tables["owed"] = _OWED_SQL.format(**tables)
    return tables


def _yyyymm(column: str) -> str:
    """SQL for a date column as yyyymm text, on PostgreSQL and SQLite."""
    if connection.vendor == "postgresql":
        return f"to_char({column}, 'YYYYMM')"
    return f"strftime('%%Y%%m', {column})"


# The settlement of one person, in SQL that PostgreSQL and SQLite both run. Amounts are rounded to
# cents where they are compared or stored: exact on PostgreSQL (numeric), and on SQLite (the demo),
# where amounts are floats, it keeps 0.10 + 0.20 equal to 0.30.
# What is still owed for earlier months of the people in an id range (params: first, last, run month): a
# fixed cost recorded after its month was settled in an exported run. Such a month has a settlement but no
# line for this fixed cost (no line at all: a line the bank rejected is paid again only when released). Only
# exported runs count: until its file is out, a run can be cancelled and its month settled again.
_OWED_SQL = """
    SELECT prev.ontzorging_id, prev.maand, vl.id AS vaste_last_id, v.id AS versie_id, v.bedrag, v.crediteur,
           v.iban, v.bic, v.kenmerk_soort, v.kenmerk
    FROM {afrekening} prev
    JOIN {betaalrun} pr ON pr.id = prev.betaalrun_id AND pr.status IN ('geexporteerd', 'verwerkt')
    JOIN {vaste_last} vl ON vl.ontzorging_id = prev.ontzorging_id
    JOIN {versie} v ON v.vaste_last_id = vl.id AND v.van_maand <= prev.maand
         AND (v.tot_en_met_maand IS NULL OR v.tot_en_met_maand >= prev.maand)
    WHERE prev.ontzorging_id BETWEEN %s AND %s AND prev.status = 'opgenomen' AND prev.maand < %s
      AND NOT EXISTS (
          SELECT 1 FROM {regel} r
          WHERE r.vaste_last_id = vl.id AND r.maand = prev.maand AND r.soort = 'vaste_last'
            AND r.herbetaling_van_id IS NULL
      )
"""

# The settlement of one person, in SQL that PostgreSQL and SQLite both run. Amounts are rounded to
# cents where they are compared or stored: exact on PostgreSQL (numeric), and on SQLite (the demo),
# where amounts are floats, it keeps 0.10 + 0.20 equal to 0.30. What is owed for earlier months
# (nabetalingen) is withheld too: that month's leefgeld was paid without it.
_SETTLE_SQL = """
INSERT INTO {afrekening}
    (betaalrun_id, ontzorging_id, dossier_id, gemeente_id, maand, status, reden, uitkering, inhoudingen,
     nabetalingen, leefgeld)
SELECT %s, p.id, p.dossier_id, p.gemeente_id, %s,
       CASE WHEN p.reden = '' THEN 'opgenomen' ELSE 'uitgesloten' END, p.reden,
       p.uitkering, p.inhoudingen, p.nabetalingen, ROUND(p.uitkering - p.inhoudingen, 2)
FROM (
    SELECT c.*,
           CASE WHEN c.uitkering IS NULL THEN 'geen_uitkering'
                WHEN c.uitkering < c.inhoudingen THEN 'lasten_hoger'
                WHEN c.leefgeld_in_betaalrun AND c.uitkering > c.inhoudingen AND c.iban = '' THEN 'geen_rekening'
                ELSE '' END AS reden
    FROM (
        SELECT o.id, o.dossier_id, d.gemeente_id, o.iban, g.leefgeld_in_betaalrun, u.bedrag AS uitkering,
               ROUND(COALESCE(l.inhoudingen, 0) + COALESCE(n.nabetalingen, 0), 2) AS inhoudingen,
               ROUND(COALESCE(n.nabetalingen, 0), 2) AS nabetalingen
        FROM {ontzorging} o
        JOIN {dossier} d ON d.id = o.dossier_id
        JOIN {gemeente} g ON g.id = d.gemeente_id
        LEFT JOIN {uitkering} u ON u.dossier_id = o.dossier_id AND u.maand = %s
        LEFT JOIN (
            SELECT vl.ontzorging_id, SUM(v.bedrag) AS inhoudingen
            FROM {versie} v JOIN {vaste_last} vl ON vl.id = v.vaste_last_id
            WHERE vl.ontzorging_id BETWEEN %s AND %s AND v.van_maand <= %s
              AND (v.tot_en_met_maand IS NULL OR v.tot_en_met_maand >= %s)
            GROUP BY vl.ontzorging_id
        ) l ON l.ontzorging_id = o.id
        LEFT JOIN (
            SELECT owed.ontzorging_id, SUM(owed.bedrag) AS nabetalingen
            FROM ({owed}) owed
            GROUP BY owed.ontzorging_id
        ) n ON n.ontzorging_id = o.id
        WHERE o.id IN ({candidates})
    ) c
) p
"""

# One line per fixed cost that applies in the month, for each person included.
_FIXED_COST_LINES_SQL = """
INSERT INTO {regel}
    (betaalrun_id, afrekening_id, gemeente_id, soort, vaste_last_id, vaste_last_versie_id, maand, end_to_end_id,
     bedrag, crediteur, iban, bic, kenmerk_soort, kenmerk, status, reden_code, reden_tekst)
SELECT a.betaalrun_id, a.id, a.gemeente_id, 'vaste_last', vl.id, v.id, a.maand,
       %s || SUBSTR('000000000000' || CAST(vl.id AS TEXT), LENGTH(CAST(vl.id AS TEXT)) + 1),
       v.bedrag, v.crediteur, v.iban, v.bic, v.kenmerk_soort, v.kenmerk,
       'open', '', ''
FROM {afrekening} a
JOIN {vaste_last} vl ON vl.ontzorging_id = a.ontzorging_id AND vl.ontzorging_id BETWEEN %s AND %s
JOIN {versie} v ON v.vaste_last_id = vl.id AND v.van_maand <= %s
     AND (v.tot_en_met_maand IS NULL OR v.tot_en_met_maand >= %s)
WHERE a.betaalrun_id = %s AND a.status = 'opgenomen' AND a.ontzorging_id BETWEEN %s AND %s
ORDER BY a.id, vl.id
"""

# One line per fixed cost and earlier month still owed (a nabetaling), for each person included: the line
# keeps the month it pays (so the once-per-month index holds it to one payment) and has its own EndToEndId:
# OI<run month>N<month paid><fixed cost id>.
_NABETALING_LINES_SQL = """
INSERT INTO {regel}
    (betaalrun_id, afrekening_id, gemeente_id, soort, vaste_last_id, vaste_last_versie_id, maand, end_to_end_id,
     bedrag, crediteur, iban, bic, kenmerk_soort, kenmerk, status, reden_code, reden_tekst)
SELECT a.betaalrun_id, a.id, a.gemeente_id, 'vaste_last', owed.vaste_last_id, owed.versie_id, owed.maand,
       %s || {yyyymm} || SUBSTR('000000000000' || CAST(owed.vaste_last_id AS TEXT),
                                LENGTH(CAST(owed.vaste_last_id AS TEXT)) + 1),
       owed.bedrag, owed.crediteur, owed.iban, owed.bic, owed.kenmerk_soort, owed.kenmerk,
       'open', '', ''
FROM {afrekening} a
JOIN ({owed}) owed ON owed.ontzorging_id = a.ontzorging_id
WHERE a.betaalrun_id = %s AND a.status = 'opgenomen' AND a.ontzorging_id BETWEEN %s AND %s
ORDER BY a.id, owed.maand, owed.vaste_last_id
"""

# The leefgeld, where the gemeente pays it in the run and something is left.
_LEEFGELD_LINES_SQL = """
INSERT INTO {regel}
    (betaalrun_id, afrekening_id, gemeente_id, soort, vaste_last_id, vaste_last_versie_id, maand, end_to_end_id,
     bedrag, crediteur, iban, bic, kenmerk_soort, kenmerk, status, reden_code, reden_tekst)
SELECT a.betaalrun_id, a.id, a.gemeente_id, 'leefgeld', NULL, NULL, a.maand,
       %s || SUBSTR('000000000000' || CAST(a.ontzorging_id AS TEXT), LENGTH(CAST(a.ontzorging_id AS TEXT)) + 1),
       a.leefgeld,
       SUBSTR(CASE WHEN o.rekeninghouder <> '' THEN o.rekeninghouder
                   ELSE TRIM(REPLACE(i.voornamen || ' ' || i.voorvoegsel || ' ' || i.geslachtsnaam, '  ', ' ')) END,
              1, 70),
       o.iban, '', 'vrij', %s, 'open', '', ''
FROM {afrekening} a
JOIN {ontzorging} o ON o.id = a.ontzorging_id
JOIN {dossier} d ON d.id = a.dossier_id
JOIN {inburgeraar} i ON i.id = d.inburgeraar_id
JOIN {gemeente} g ON g.id = a.gemeente_id
WHERE a.betaalrun_id = %s AND a.status = 'opgenomen' AND a.leefgeld > 0 AND g.leefgeld_in_betaalrun
  AND a.ontzorging_id BETWEEN %s AND %s
ORDER BY a.id
"""


def settle_batch(run: Betaalrun, first: int, last: int) -> int:
    """Settle the candidates with ids `first`..`last` in one go, in the database: their settlements,
    then their lines. Returns how many people were settled (included or left out)."""
    if connection.vendor == "postgresql":
        # Not waiting for the disk at each batch's commit is safe here: a batch lost in a server crash
        # is settled again by the rerun (it is idempotent), and PostgreSQL never keeps half a batch.
        # The run's final commit (synchronous) flushes every batch before it becomes a concept.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
    maand = run.maand
    candidates, params = (
        settlement_candidates(run).filter(pk__gte=first, pk__lte=last).values("pk").query.sql_with_params()
    )
    tables = _tables()
    with connection.cursor() as cursor:
        cursor.execute(
            _SETTLE_SQL.format(candidates=candidates, **tables),
            [run.pk, maand, maand, first, last, maand, maand, first, last, maand, *params],
        )
        settled = int(cursor.rowcount)
    _insert_lines(run, first, last, tables)
    return settled


def _insert_lines(run: Betaalrun, first: int, last: int, tables: dict[str, str]) -> None:
    maand = run.maand
    vaste_last_prefix, leefgeld_prefix = (_e2e_prefix(soort, maand) for soort in RegelSoort)
    leefgeld_tekst = _("Leefgeld %(maand)s") % {"maand": f"{maand:%m-%Y}"}
    with connection.cursor() as cursor:
        cursor.execute(
            _FIXED_COST_LINES_SQL.format(**tables), [vaste_last_prefix, first, last, maand, maand, run.pk, first, last]
        )
        cursor.execute(
            _NABETALING_LINES_SQL.format(yyyymm=_yyyymm("owed.maand"), **tables),
            [_nabetaling_prefix(maand), first, last, maand, run.pk, first, last],
        )
        cursor.execute(_LEEFGELD_LINES_SQL.format(**tables), [leefgeld_prefix, leefgeld_tekst, run.pk, first, last])
