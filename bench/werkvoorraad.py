#!/usr/bin/env python
"""Benchmark: the werkvoorraad and dossier search at scale on PostgreSQL (not a test).

DESIGN.md: "Werkvoorraad and dossier search stay fast with a million dossiers". This script

1. creates its own database (default `oi_bench_werkvoorraad` on 127.0.0.1:5432, user postgres),
   migrates it, loads the demo region with `demo_region --size N --seed 1` and runs VACUUM ANALYZE;
2. times full page renders of GET /dossiers/ through Django's test Client as logged-in demo users
   (klantregisseur, teamleider) for the usual filters, sorts, pages and searches, plus the htmx
   partial and the REST API with a token; each scenario gets a few warm-up runs and then --runs
   timed runs (p50 / p95 / max in ms, SQL queries per request, matching dossiers);
3. prints EXPLAIN (ANALYZE, BUFFERS) summaries of the count and page queries of the slowest scenarios;
4. drops the database, unless --keep (which also reuses an already loaded database next time).

Every request does what production does, the processing-log rows included (one per person shown).

    .venv/bin/python bench/werkvoorraad.py                 # 1,000,000 dossiers (loading takes a while)
    .venv/bin/python bench/werkvoorraad.py --size 50000 --runs 10
    .venv/bin/python bench/werkvoorraad.py --keep          # load once, keep the database ...
    .venv/bin/python bench/werkvoorraad.py --keep          # ... and only migrate + measure next time

Environment: BENCH_DB_NAME, BENCH_DB_HOST, BENCH_DB_PORT, BENCH_DB_USER, BENCH_DB_PASSWORD.
"""

import argparse
import math
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR / "src"))

from benchdb import Server, configure_django, create_database, database_exists, drop_database, server_from_env  # noqa: E402

TARGET_P95_MS = 300.0
DEFAULT_DB_NAME = "oi_bench_werkvoorraad"
GEZINSMIGRANT = "Gezinsmigrant en overige migrant"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="dossiers to load (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=1, help="demo_region --seed (default 1)")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the database afterwards and reuse it if it is already loaded with --size dossiers",
    )
    parser.add_argument("--runs", type=int, default=20, help="timed runs per scenario (default 20)")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up runs per scenario (default 3)")
    parser.add_argument("--explain", type=int, default=3, help="EXPLAIN the N slowest scenarios (default 3)")
    parser.add_argument("--explain-full", action="store_true", help="print whole plans, not only summaries")
    parser.add_argument("--only", default="", help="run only scenarios whose name contains this text")
    return parser.parse_args()


def loaded_size() -> int | None:
    """Dossiers in the (migrated) database, or None if the demo region is not there."""
    from openinburgering.demo.generator import region_loaded
    from openinburgering.dossiers.models import Dossier

    if not region_loaded():
        return None
    return Dossier.objects.count()


def prepare(server: Server, args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection

    reuse = args.keep and database_exists(server)
    if not reuse:
        print(f"Database {server.name} on {server.host}:{server.port}: (re)creating")
        create_database(server)
    else:
        print(f"Database {server.name} on {server.host}:{server.port}: reusing (--keep)")
    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"  migrate: {time.monotonic() - started:.1f} s")
    present = loaded_size()
    if present is not None and present != args.size:
        raise SystemExit(
            f"{server.name} holds {present:,} dossiers, not --size {args.size:,}. "
            "Run without --keep to load it again, or set BENCH_DB_NAME to another database."
        )
    if present is None:
        started = time.monotonic()
        call_command("demo_region", size=args.size, seed=args.seed)
        print(f"  demo_region --size {args.size} --seed {args.seed}: {time.monotonic() - started:.1f} s")
    started = time.monotonic()
    # VACUUM as well as ANALYZE: a bulk load leaves the visibility map empty, which a production
    # database (autovacuumed) does not have, and an autovacuum during the measurement would add noise.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    print(f"  VACUUM (ANALYZE): {time.monotonic() - started:.1f} s")


# --- the scenarios ----------------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    user: str  # demo username; the API scenarios use its token
    path: str
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    api: bool = False


@dataclass
class Result:
    scenario: Scenario
    times_ms: list[float]
    queries: list[str]
    matches: int | None

    @property
    def p50(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]

    @property
    def max(self) -> float:
        return max(self.times_ms)


def probe_values() -> dict[str, str]:
    """Search terms that exist in the loaded data: a rare surname, a BSN, a V-nummer and a kenmerk."""
    from django.db.models import Count

    from openinburgering.accounts.models import User
    from openinburgering.dossiers.constants import OPEN_STATUSES
    from openinburgering.dossiers.models import Dossier, Inburgeraar

    teamleider = User.objects.get(username="teamleider")
    open_in_scope = Dossier.objects.in_scope(teamleider.scope).filter(status__in=OPEN_STATUSES)
    middle = open_in_scope.order_by("pk")[open_in_scope.count() // 2 :].select_related("inburgeraar").first()
    assert middle is not None, "no open dossiers loaded"
    rare = (
        Inburgeraar.objects.values("geslachtsnaam")
        .annotate(n=Count("id"))
        .filter(n__gte=1)
        .order_by("n", "geslachtsnaam")
        .first()
    )
    assert rare is not None
    return {
        "rare": str(rare["geslachtsnaam"]),
        "bsn": middle.inburgeraar.bsn,
        "vnummer": middle.inburgeraar.vnummer,
        "kenmerk": middle.kenmerk,
    }


def scenarios(probe: dict[str, str]) -> list[Scenario]:
    kr, tl = "klantregisseur", "teamleider"
    everyone = {"klantregisseur": ""}
    htmx = {"HX-Request": "true", "HX-Target": "results"}
    return [
        Scenario("kr: own open (default: termijn, overdue first)", kr, "/dossiers/"),
        Scenario("tl: team open (default: termijn)", tl, "/dossiers/"),
        Scenario("tl: everyone, sort=termijn", tl, "/dossiers/", {**everyone, "sort": "termijn"}),
        Scenario("tl: everyone, termijn=verlopen", tl, "/dossiers/", {**everyone, "termijn": "verlopen"}),
        Scenario("tl: everyone, termijn=14 days", tl, "/dossiers/", {**everyone, "termijn": "14"}),
        Scenario("kr: own, termijn=verlopen", kr, "/dossiers/", {"termijn": "verlopen"}),
        Scenario("tl: everyone, sort=-aangemeld", tl, "/dossiers/", {**everyone, "sort": "-aangemeld"}),
        Scenario("tl: everyone, status=open", tl, "/dossiers/", {**everyone, "status": "open"}),
        Scenario("tl: everyone, status=alle", tl, "/dossiers/", {**everyone, "status": "alle"}),
        Scenario("tl: everyone, status=pip", tl, "/dossiers/", {**everyone, "status": "pip"}),
        Scenario("tl: everyone, gemeente=Dordrecht", tl, "/dossiers/", {**everyone, "gemeente": "@Dordrecht"}),
        Scenario("kr: everyone, gemeente=Zwijndrecht", kr, "/dossiers/", {**everyone, "gemeente": "@Zwijndrecht"}),
        Scenario("tl: everyone, doelgroep", tl, "/dossiers/", {**everyone, "doelgroep": GEZINSMIGRANT}),
        Scenario("tl: everyone, sort=naam", tl, "/dossiers/", {**everyone, "sort": "naam"}),
        Scenario("tl: everyone, sort=-naam", tl, "/dossiers/", {**everyone, "sort": "-naam"}),
        Scenario("tl: everyone, sort=-kennisgeving", tl, "/dossiers/", {**everyone, "sort": "-kennisgeving"}),
        Scenario("tl: everyone, sort=gemeente", tl, "/dossiers/", {**everyone, "sort": "gemeente"}),
        Scenario("tl: everyone, sort=status", tl, "/dossiers/", {**everyone, "sort": "status"}),
        Scenario("tl: everyone, page=2000", tl, "/dossiers/", {**everyone, "page": "2000"}),
        Scenario("kr: own, sort=naam", kr, "/dossiers/", {"sort": "naam"}),
        Scenario("tl: q=amrani (common)", tl, "/dossiers/", {**everyone, "q": "amrani"}),
        Scenario("tl: q=amrani, sort=naam", tl, "/dossiers/", {**everyone, "q": "amrani", "sort": "naam"}),
        Scenario("tl: q=fatima amrani", tl, "/dossiers/", {**everyone, "q": "fatima amrani"}),
        Scenario(f"tl: q={probe['rare'].lower()} (rare)", tl, "/dossiers/", {**everyone, "q": probe["rare"]}),
        Scenario("tl: q=xyzzy (no match)", tl, "/dossiers/", {**everyone, "q": "xyzzy"}),
        Scenario("tl: q=zerai, sort=naam (late in A-Z)", tl, "/dossiers/", {**everyone, "q": "zerai", "sort": "naam"}),
        Scenario("tl: q=mohammed", tl, "/dossiers/", {**everyone, "q": "mohammed"}),
        Scenario("tl: q=al (live search, 2 letters)", tl, "/dossiers/", {**everyone, "q": "al"}, htmx),
        Scenario("kr: q=amrani (own, default)", kr, "/dossiers/", {"q": "amrani"}),
        Scenario("tl: q=BSN", tl, "/dossiers/", {**everyone, "q": probe["bsn"]}),
        Scenario("tl: q=V-nummer", tl, "/dossiers/", {**everyone, "q": probe["vnummer"]}),
        Scenario("tl: q=kenmerk", tl, "/dossiers/", {**everyone, "q": probe["kenmerk"]}),
        Scenario("tl: htmx partial, everyone", tl, "/dossiers/", {**everyone, "status": "open"}, htmx),
        Scenario("tl: htmx partial, q=amrani", tl, "/dossiers/", {**everyone, "q": "amrani"}, htmx),
        Scenario("api: zoek=amrani", tl, "/api/v1/dossiers/", {"zoek": "amrani"}, api=True),
        Scenario("api: zoek=BSN", tl, "/api/v1/dossiers/", {"zoek": probe["bsn"]}, api=True),
        Scenario("api: status=open&page=100", tl, "/api/v1/dossiers/", {"status": "open", "page": "100"}, api=True),
    ]


def resolve_params(params: dict[str, str]) -> dict[str, str]:
    """Query parameters, with "@Naam" replaced by the id of the gemeente with that name."""
    from openinburgering.gemeenten.models import Gemeente

    return {
        key: str(Gemeente.objects.get(naam=value[1:]).pk) if value.startswith("@") else value
        for key, value in params.items()
    }


def clients() -> Callable[[Scenario], Any]:
    from django.test import Client

    from openinburgering.accounts.models import User
    from openinburgering.accounts.tokens import api_token_create

    pages: dict[str, Client] = {}
    apis: dict[str, Client] = {}

    def client_for(scenario: Scenario) -> Client:
        user = User.objects.get(username=scenario.user)
        if scenario.api:
            if scenario.user not in apis:
                # Only a system account holds a token: one with the same roles and scope as the user.
                name = f"bench-api-{user.username}"
                system, _ = User.objects.get_or_create(username=name, defaults={"is_system": True})
                system.groups.set(user.groups.all())
                system.gemeenten.set(user.gemeenten.all())
                _token, key = api_token_create(user=system, description="bench/werkvoorraad.py", actor=None)
                apis[scenario.user] = Client(headers={"Authorization": f"Token {key}"})
            return apis[scenario.user]
        if scenario.user not in pages:
            pages[scenario.user] = Client()
            pages[scenario.user].force_login(user)
        return pages[scenario.user]

    return client_for


def _is_dossier_query(sql: str, kind: str) -> bool:
    head = sql.lstrip().upper()
    if not head.startswith("SELECT") or '"DOSSIERS_DOSSIER"' not in head:
        return False
    if kind == "count":
        return head.startswith("SELECT COUNT(")
    # The page: a LIMIT, or the key query of page_for(keys_first=True), which may read all keys at once.
    keys_only = head.startswith('SELECT "DOSSIERS_DOSSIER"."ID" AS "PK" FROM')
    return (" LIMIT " in head or keys_only) and not head.startswith("SELECT COUNT(")


def main_queries(queries: list[str]) -> dict[str, str]:
    """The count and the page query of one request, if it made them. A search reads its matches, their
    number and the page's keys in one query (core.paging, count_with_keys): that one is the page query, and
    the request's other counts (the capped queue counts beside the list) are not the list's."""
    for sql in queries:
        head = sql.lstrip().upper()
        if head.startswith("WITH") and "MATERIALIZED" in head and '"DOSSIERS_DOSSIER"' in head:
            return {"page": sql}
    found = {}
    for kind in ("count", "page"):
        for sql in queries:
            if _is_dossier_query(sql, kind):
                found[kind] = sql
                break
    return found


def run_scenario(scenario: Scenario, client_for: Callable[[Scenario], Any], args: argparse.Namespace) -> Result:
    import json

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(scenario)
    params = resolve_params(scenario.params)

    def get() -> Any:
        response = client.get(scenario.path, params, headers=scenario.headers)
        if response.status_code != 200:
            raise SystemExit(f"{scenario.name}: HTTP {response.status_code} for {scenario.path}?{params}")
        return response

    # The first warm-up run counts the queries (the capture itself slows a request down a little).
    with CaptureQueriesContext(connection) as captured:
        response = get()
    queries = [q["sql"] for q in captured.captured_queries]
    matches = None
    found = main_queries(queries)
    if scenario.api:
        matches = json.loads(response.content)["count"]
    elif "count" not in found and "page" in found:  # a search: its page query carries the count beside each key
        with connection.cursor() as cursor:
            cursor.execute(found["page"])
            first = cursor.fetchone()
            matches = first[1] if first else 0
    elif count_sql := found.get("count"):
        with connection.cursor() as cursor:
            cursor.execute(count_sql)
            matches = cursor.fetchone()[0]
    for _ in range(max(args.warmup - 1, 0)):
        get()
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        get()
        times.append((time.perf_counter() - started) * 1000)
    return Result(scenario, times, queries, matches)


# --- reporting --------------------------------------------------------------------------------


def print_table(results: list[Result]) -> None:
    if not results:
        print("No scenario matches --only.")
        return
    name_width = max(len(r.scenario.name) for r in results)
    header = f"{'scenario':<{name_width}}  {'p50 ms':>8}  {'p95 ms':>8}  {'max ms':>8}  {'queries':>7}  {'matches':>9}"
    print(header)
    print("-" * len(header) + "  ----")
    for r in results:
        matches = "" if r.matches is None else f"{r.matches:,}"
        verdict = "ok" if r.p95 < TARGET_P95_MS else "SLOW"
        print(
            f"{r.scenario.name:<{name_width}}  {r.p50:8.1f}  {r.p95:8.1f}  {r.max:8.1f}  "
            f"{len(r.queries):7d}  {matches:>9}  {verdict}"
        )


def explain(sql: str) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return [row[0] for row in cursor.fetchall()]


def print_explains(results: list[Result], args: argparse.Namespace) -> None:
    slowest = sorted(results, key=lambda r: r.p95, reverse=True)[: args.explain]
    for r in slowest:
        print(f"\n== {r.scenario.name} (p95 {r.p95:.1f} ms)")
        found = main_queries(r.queries)
        if not found:
            print("   (no count or page query on dossiers_dossier)")
        for kind, sql in found.items():
            plan = explain(sql)
            if args.explain_full:
                print(f"   -- {kind}: {sql}")
                for line in plan:
                    print(f"   {line}")
                continue
            execution = next((line.strip() for line in plan if line.startswith("Execution Time")), "")
            top = re.sub(r"\s+", " ", plan[0].strip())
            print(f"   {kind:5}  {execution:<28}  {top}")


def main() -> None:
    args = parse_args()
    server = server_from_env(DEFAULT_DB_NAME)
    configure_django(server)
    from django.conf import settings

    assert settings.DATABASES["default"]["NAME"] == server.name
    try:
        prepare(server, args)
        probe = probe_values()
        selected = [s for s in scenarios(probe) if args.only.lower() in s.name.lower()]
        client_for = clients()
        print(
            f"\n{args.size:,} dossiers; {args.warmup} warm-up + {args.runs} timed runs per scenario; "
            f"target p95 < {TARGET_P95_MS:.0f} ms\n"
        )
        results = []
        for scenario in selected:
            results.append(run_scenario(scenario, client_for, args))
            print(f"  {scenario.name}: p95 {results[-1].p95:.1f} ms", file=sys.stderr)
        print()
        print_table(results)
        if args.explain > 0:
            print_explains(results, args)
    finally:
        if not args.keep:
            drop_database(server)
            print(f"\nDatabase {server.name} dropped.")


if __name__ == "__main__":
    main()
