#!/usr/bin/env python
"""Benchmark: the monthly betaalrun for 100,000 people with five fixed costs each (not a test).

DESIGN.md: "A monthly betaalrun for 100,000 people produces a valid SEPA file in seconds, not
minutes". Issue 4 sets the target: at most 2x a floor. This script

1. creates its own database (default `oi_bench_betaalrun` on 127.0.0.1:5432, user postgres),
   migrates it, loads the demo region (`demo_region --size N`) for the people and their dossiers,
   and gives N of them an active ontzorging with five fixed costs and a benefit for the month
   (COPY); then VACUUM (ANALYZE);
2. times the product: the betaalrun from start to validated, stored SEPA files, as the worker and
   the users do it — start, build (every settlement and line, in batches), submit, approve by a
   second person, write the pain.001 files, validate them against the XSD, store them;
3. times the floor for the same lines: one raw SQL fetch of the lines, lxml writing the same
   pain.001 with the same streaming writer API, and XSD validation with the same schema;
4. prints both times, their ratio against the target of 2x, and checks that the stored files hold
   exactly the lines and the sum in the database; drops the database unless --keep.

    .venv/bin/python bench/betaalrun.py                  # 100,000 people, 500,000 fixed costs
    .venv/bin/python bench/betaalrun.py --size 20000 --keep

Environment: BENCH_DB_NAME, BENCH_DB_HOST, BENCH_DB_PORT, BENCH_DB_USER, BENCH_DB_PASSWORD.
"""

import argparse
import io
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR / "src"))

from benchdb import Server, configure_django, create_database, database_exists, drop_database, server_from_env  # noqa: E402

DEFAULT_DB_NAME = "oi_bench_betaalrun"
TARGET_RATIO = 2.0
LASTEN_PER_PERSON = 5
MAAND = date(2026, 12, 1)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="people with an ontzorging (default 100,000)")
    parser.add_argument("--keep", action="store_true", help="keep the database, and reuse it when loaded")
    parser.add_argument("--floor-runs", type=int, default=3, help="floor measurements; the fastest counts")
    return parser.parse_args()


# --- data ---------------------------------------------------------------------------------------


def prepare(server: Server, args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection

    from openinburgering.dossiers.models import Dossier

    if not (args.keep and database_exists(server)):
        print(f"Database {server.name}: (re)creating")
        create_database(server)
    call_command("migrate", verbosity=0, interactive=False)
    if Dossier.objects.count() < args.size:
        started = time.monotonic()
        call_command("demo_region", size=args.size, seed=1)
        print(f"  demo_region --size {args.size}: {time.monotonic() - started:.1f} s")
    started = time.monotonic()
    added = load_ontzorgingen(args.size)
    seconds = time.monotonic() - started
    print(f"  {added:,} ontzorgingen with {LASTEN_PER_PERSON} fixed costs and a benefit: {seconds:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def load_ontzorgingen(size: int) -> int:
    """Give `size` dossiers an ontzorging (if they have none) with five fixed costs and a benefit."""
    import uuid

    from django.db import connection, transaction
    from django.utils import timezone

    from openinburgering.accounts.models import User
    from openinburgering.core.bulk import RowWriter
    from openinburgering.dossiers.models import Dossier
    from openinburgering.ontzorgen.constants import KenmerkSoort, OntzorgingStatus
    from openinburgering.ontzorgen.models import Ontzorging, VasteLast, VasteLastVersie
    from openinburgering.rules.ontzorgen import VasteLastSoort, betalingskenmerk_check_digit
    from openinburgering.uitkeringen.constants import UitkeringBron
    from openinburgering.uitkeringen.models import Uitkering

    have = Ontzorging.objects.filter(status=OntzorgingStatus.ACTIEF).count()
    if have >= size:
        return 0
    fm = User.objects.get(username="financieel")
    now = timezone.now()
    dossiers = list(
        Dossier.objects.exclude(ontzorgingen__status=OntzorgingStatus.ACTIEF)
        .order_by("pk")
        .values_list("pk", flat=True)[: size - have]
    )
    soorten = list(VasteLastSoort)[:LASTEN_PER_PERSON]
    ibans = ("NL91ABNA0417164300", "NL02ABNA0123456789", "NL20INGB0001234567", "NL44RABO0123456789")
    writer = RowWriter()
    next_ontzorging = (Ontzorging.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    next_last = (VasteLast.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    with transaction.atomic():
        for start in range(0, len(dossiers), 20_000):
            ontzorgingen, lasten, versies, uitkeringen = [], [], [], []
            for n, dossier_id in enumerate(dossiers[start : start + 20_000], start=start):
                oid = next_ontzorging + n
                ontzorgingen.append(
                    (oid, uuid.uuid4(), dossier_id, OntzorgingStatus.ACTIEF, date(2026, 9, 1), date(2027, 2, 28),
                     True, date(2026, 8, 25), f"Rekeninghouder {n}", "NL18RABO0123459876", date(2026, 8, 25),
                     fm.pk, now, now)
                )  # fmt: skip
                for i, soort in enumerate(soorten):
                    lid = next_last + n * LASTEN_PER_PERSON + i
                    digits = f"{n:06d}{i:09d}"
                    kenmerk = f"{betalingskenmerk_check_digit(digits)}{digits}"
                    lasten.append((lid, uuid.uuid4(), oid, soort, fm.pk, now))
                    versies.append(
                        (lid, date(2026, 9, 1), f"Crediteur {soort} {i}", ibans[i % 4], "",
                         KenmerkSoort.GESTRUCTUREERD, kenmerk, Decimal(40 + 90 * i) + Decimal(n % 100) / 100, fm.pk,
                         now)
                    )  # fmt: skip
                uitkeringen.append((dossier_id, MAAND, Decimal("1500.00"), UitkeringBron.IMPORT, fm.pk, now, now))
            writer.write(
                Ontzorging,
                ("id", "uuid", "dossier_id", "status", "startdatum", "einddatum", "asielvergunning_bepaalde_tijd",
                 "machtiging_op", "rekeninghouder", "iban", "besluitdatum", "created_by_id", "created_at",
                 "updated_at"),
                ontzorgingen,
            )  # fmt: skip
            writer.write(VasteLast, ("id", "uuid", "ontzorging_id", "soort", "created_by_id", "created_at"), lasten)
            writer.write(
                VasteLastVersie,
                ("vaste_last_id", "van_maand", "crediteur", "iban", "bic", "kenmerk_soort", "kenmerk", "bedrag",
                 "created_by_id", "created_at"),
                versies,
            )  # fmt: skip
            writer.write(
                Uitkering,
                ("dossier_id", "maand", "bedrag", "bron", "created_by_id", "created_at", "updated_at"),
                uitkeringen,
            )
        with connection.cursor() as cursor:
            for model in (Ontzorging, VasteLast):
                table = model._meta.db_table
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")  # noqa: S608
    return len(dossiers)


# --- the product ------------------------------------------------------------------------------


def product_run() -> tuple[float, dict[str, float], Any]:
    from django.db import connection

    from openinburgering.accounts.models import User
    from openinburgering.betalingen.models import Betaalrun
    from openinburgering.betalingen.services.betaalrun import betaalrun_approve, betaalrun_start, betaalrun_submit
    from openinburgering.gemeenten.models import Gemeente

    with connection.cursor() as cursor:  # a kept database: earlier runs of the benchmark go
        cursor.execute(
            "TRUNCATE betalingen_betaalbestand, betalingen_betaalregel, betalingen_afrekening, "
            "betalingen_betaalrun_gemeenten, betalingen_betaalrun, taken_taak"
        )
        cursor.execute("VACUUM (ANALYZE) betalingen_betaalregel, betalingen_afrekening")
    maker = User.objects.get(username="financieel")
    colleague = User.objects.get(username="financieel2")
    # The test settings run tasks at once (ImmediateBackend) when the transaction commits: the build
    # runs inside "start", the files inside "approve", exactly the code the worker runs.
    steps: dict[str, float] = {}
    started = time.monotonic()
    run = betaalrun_start(actor=maker, maand=MAAND, gemeenten=list(Gemeente.objects.in_scope(maker.scope)))
    steps["start + build (settle, lines)"] = time.monotonic() - started
    mark = time.monotonic()
    run.refresh_from_db()
    betaalrun_submit(run=run, actor=maker)
    steps["submit"] = time.monotonic() - mark
    mark = time.monotonic()
    betaalrun_approve(run=run, actor=colleague)
    steps["approve + files (write, XSD, store)"] = time.monotonic() - mark
    total = time.monotonic() - started
    return total, steps, Betaalrun.objects.get(pk=run.pk)


# --- the floor --------------------------------------------------------------------------------


def floor_run(run_id: int) -> tuple[float, dict[str, float], int]:
    """The least any implementation must do: fetch the lines, write the XML, validate it."""
    from django.db import connection
    from lxml import etree

    from openinburgering.betalingen.sepa import PainVersie, xsd_schema

    steps: dict[str, float] = {}
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.gemeente_id, g.naam, g.iban, g.bic, r.end_to_end_id, r.bedrag, r.crediteur, r.iban, r.kenmerk"
            " FROM betalingen_betaalregel r JOIN gemeenten_gemeente g ON g.id = r.gemeente_id"
            " WHERE r.betaalrun_id = %s ORDER BY r.gemeente_id, r.id",
            [run_id],
        )
        rows = cursor.fetchall()
    steps["fetch"] = time.monotonic() - started
    by_gemeente: dict[int, list[Any]] = {}
    for row in rows:
        by_gemeente.setdefault(row[0], []).append(row)
    schema = xsd_schema(PainVersie.V03)
    write_s = validate_s = 0.0
    ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
    q = f"{{{ns}}}"
    for lines in by_gemeente.values():
        mark = time.monotonic()
        out = io.BytesIO()
        _, naam, iban, bic, *_rest = lines[0]
        total = sum(line[5] for line in lines)
        with etree.xmlfile(out, encoding="UTF-8") as xf:
            xf.write_declaration()
            with xf.element(f"{q}Document", nsmap={None: ns}), xf.element(f"{q}CstmrCdtTrfInitn"):
                header = etree.Element(f"{q}GrpHdr")
                for tag, text in (("MsgId", "FLOOR"), ("CreDtTm", datetime.now().strftime("%Y-%m-%dT%H:%M:%S")),
                                  ("NbOfTxs", str(len(lines))), ("CtrlSum", f"{total:.2f}")):  # fmt: skip
                    etree.SubElement(header, f"{q}{tag}").text = text
                etree.SubElement(etree.SubElement(header, f"{q}InitgPty"), f"{q}Nm").text = naam
                xf.write(header)
                with xf.element(f"{q}PmtInf"):
                    head = etree.Element(f"{q}PmtInfHead")  # built element by element below, then unwrapped
                    for tag, text in (("PmtInfId", "FLOOR"), ("PmtMtd", "TRF"), ("NbOfTxs", str(len(lines))),
                                      ("CtrlSum", f"{total:.2f}")):  # fmt: skip
                        etree.SubElement(head, f"{q}{tag}").text = text
                    tp = etree.SubElement(head, f"{q}PmtTpInf")
                    etree.SubElement(etree.SubElement(tp, f"{q}SvcLvl"), f"{q}Cd").text = "SEPA"
                    etree.SubElement(head, f"{q}ReqdExctnDt").text = f"{MAAND:%Y-%m-%d}"
                    etree.SubElement(etree.SubElement(head, f"{q}Dbtr"), f"{q}Nm").text = naam
                    acct = etree.SubElement(etree.SubElement(head, f"{q}DbtrAcct"), f"{q}Id")
                    etree.SubElement(acct, f"{q}IBAN").text = iban
                    agt = etree.SubElement(etree.SubElement(head, f"{q}DbtrAgt"), f"{q}FinInstnId")
                    if bic:
                        etree.SubElement(agt, f"{q}BIC").text = bic
                    else:
                        etree.SubElement(etree.SubElement(agt, f"{q}Othr"), f"{q}Id").text = "NOTPROVIDED"
                    etree.SubElement(head, f"{q}ChrgBr").text = "SLEV"
                    for child in head:
                        xf.write(child)
                    for _g, _n, _i, _b, e2e, bedrag, crediteur, cred_iban, kenmerk in lines:
                        tx = etree.Element(f"{q}CdtTrfTxInf")
                        etree.SubElement(etree.SubElement(tx, f"{q}PmtId"), f"{q}EndToEndId").text = e2e
                        amt = etree.SubElement(etree.SubElement(tx, f"{q}Amt"), f"{q}InstdAmt", Ccy="EUR")
                        amt.text = f"{bedrag:.2f}"
                        etree.SubElement(etree.SubElement(tx, f"{q}Cdtr"), f"{q}Nm").text = crediteur
                        cid = etree.SubElement(etree.SubElement(tx, f"{q}CdtrAcct"), f"{q}Id")
                        etree.SubElement(cid, f"{q}IBAN").text = cred_iban
                        etree.SubElement(etree.SubElement(tx, f"{q}RmtInf"), f"{q}Ustrd").text = kenmerk
                        xf.write(tx)
        content = out.getvalue()
        write_s += time.monotonic() - mark
        mark = time.monotonic()
        document = etree.fromstring(content, parser=etree.XMLParser(huge_tree=True))
        if not schema.validate(document):
            raise SystemExit(f"floor file invalid: {schema.error_log.last_error}")
        validate_s += time.monotonic() - mark
    steps["write (lxml)"] = write_s
    steps["XSD validation"] = validate_s
    return time.monotonic() - started, steps, len(rows)


def check(run: Any) -> None:
    """The stored files hold exactly the lines of the run and their sum."""
    from django.db.models import Count, Sum
    from lxml import etree

    from openinburgering.betalingen.models import Betaalregel

    database = Betaalregel.objects.filter(betaalrun=run).aggregate(n=Count("pk"), total=Sum("bedrag"))
    n, total = 0, Decimal(0)
    for bestand in run.bestanden.all():
        for _event, element in etree.iterparse(io.BytesIO(bestand.content), tag="{*}InstdAmt", huge_tree=True):
            n += 1
            total += Decimal(element.text)
            element.clear()
    assert (n, total) == (database["n"], database["total"]), ((n, total), database)
    print(f"  check: files hold {n:,} payments, € {total:,.2f} — equal to the database")


def main() -> None:
    args = parse_args()
    server = server_from_env(DEFAULT_DB_NAME)
    configure_django(server)
    try:
        prepare(server, args)
        from openinburgering.accounts.constants import Role
        from openinburgering.accounts.models import User

        if not User.objects.filter(username="financieel2").exists():
            second = User.objects.get(username="financieel")
            colleague = User.objects.create_user(username="financieel2", password=None)
            colleague.groups.set(second.groups.all())
            colleague.gemeenten.set(second.gemeenten.all())
            assert colleague.has_role(Role.FINANCIEEL_MEDEWERKER)

        total, steps, run = product_run()
        megabytes = sum(len(b.content) for b in run.bestanden.all()) / 1e6
        print(
            f"\nProduct: betaalrun {run.pk} for {run.maand:%Y-%m}: {run.aantal_personen:,} people, "
            f"{run.aantal_regels:,} payments, € {run.totaal_bedrag:,.2f}, {run.aantal_uitgesloten:,} left out, "
            f"{run.bestanden.count()} files ({megabytes:.0f} MB)"
        )
        for name, seconds in steps.items():
            print(f"  {name:<38} {seconds:7.2f} s")
        print(f"  {'total':<38} {total:7.2f} s")
        check(run)

        floors = [floor_run(run.pk) for _ in range(args.floor_runs)]
        floor_total, floor_steps, floor_lines = min(floors, key=lambda f: f[0])
        print(f"\nFloor (fastest of {args.floor_runs}): {floor_lines:,} lines")
        for name, seconds in floor_steps.items():
            print(f"  {name:<38} {seconds:7.2f} s")
        print(f"  {'total':<38} {floor_total:7.2f} s")
        ratio = total / floor_total
        verdict = "within" if ratio <= TARGET_RATIO else "OVER"
        print(f"\nRatio product / floor: {ratio:.2f}x ({verdict} the target of {TARGET_RATIO:.0f}x)")
    finally:
        if not args.keep:
            drop_database(server)


if __name__ == "__main__":
    main()
