#!/usr/bin/env python
"""Benchmark: many klantregisseurs at once on the werkvoorraad, over real HTTP (not a test).

bench/werkvoorraad.py times one user through Django's test client. A region has many klantregisseurs
working at the same time; this script puts --users of them (default 16) on gunicorn as production runs
it (gthread, --workers 2 x --threads 8, keep-alive) on an already loaded benchmark database:

1. reuses the database that `werkvoorraad.py --keep` loaded (BENCH_DB_NAME, default
   `oi_bench_werkvoorraad`) and migrates it;
2. gives every simulated user a real session in the database (the demo klantregisseurs and the
   teamleider in turn, each user its own session, with a verified TOTP device as after a two-factor
   login) and sends its session cookie; two-factor is required and django-axes is on, as in production;
3. each user walks through werkvoorraad.py's scenarios (default views, filters, sorts, paging, name,
   BSN, V-nummer and kenmerk searches, the htmx partial and the API list) in its own shuffled order,
   over its own keep-alive connection (httpx, asyncio, on loopback):
   - *paced*: --pause seconds (default 1) between a user's answer and its next request, for --seconds;
   - *saturated*: no pauses, for --saturate-seconds: the requests per second the machine can serve;
4. prints per phase the requests, requests per second, p50 / p95 / max latency, and the CPU time per
   request of the gunicorn workers and of the PostgreSQL backends serving them (read from /proc: less
   sensitive than wall-clock time to whatever else runs on the machine), the whole machine's CPU use
   during the phase, and the slowest scenarios. --repeat runs both phases that many times.

--profile DIR profiles every request in the workers (cProfile) and prints where the CPU goes per
request; the profiler slows requests down, so its run's timings are not the benchmark's.

    .venv/bin/python bench/werkvoorraad.py --keep              # load the database once
    .venv/bin/python bench/werkvoorraad_concurrent.py          # then: 16 users, 1 s pauses, and saturated
    .venv/bin/python bench/werkvoorraad_concurrent.py --repeat 3
    .venv/bin/python bench/werkvoorraad_concurrent.py --profile /tmp/prof --seconds 30 --saturate-seconds 0

Environment: BENCH_DB_NAME, BENCH_DB_HOST, BENCH_DB_PORT, BENCH_DB_USER, BENCH_DB_PASSWORD.
"""

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO_DIR / "src"))

from benchdb import configure_django, database_exists, server_from_env, wait_until_up  # noqa: E402

DEFAULT_DB_NAME = "oi_bench_werkvoorraad"
TARGET_P95_MS = 300.0
# The demo users who work with the werkvoorraad; simulated users take them in turn.
DOSSIER_USERS = (
    "klantregisseur",
    "klantregisseur2",
    "klantregisseur3",
    "teamleider",
    "klantregisseur4",
    "klantregisseur5",
    "klantregisseur6",
    "klantregisseur7",
)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=16, help="simulated users at once (default 16)")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between a user's requests (default 1)")
    parser.add_argument("--seconds", type=float, default=60, help="length of the paced phase (default 60)")
    parser.add_argument(
        "--saturate-seconds", type=float, default=30, help="length of the phase without pauses (default 30; 0: skip)"
    )
    parser.add_argument("--warmup-seconds", type=float, default=10, help="requests without pauses first (default 10)")
    parser.add_argument("--repeat", type=int, default=1, help="run both phases this many times (default 1)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker (default 8)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--only", default="", help="only scenarios whose name contains this text")
    parser.add_argument("--profile", metavar="DIR", help="profile every request with cProfile; write and summarise")
    parser.add_argument(
        "--source",
        metavar="CHECKOUT",
        default=str(REPO_DIR),
        help="serve the product from another checkout (e.g. a worktree of an older commit) to compare; "
        "the database is migrated with this one",
    )
    return parser.parse_args()


# --- sessions and scenarios --------------------------------------------------------------------


@dataclass
class Request:
    name: str
    url: str
    headers: dict[str, str]


def session_cookie(username: str) -> str:
    """A new session for the user, as after a login with password and TOTP code: its key."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from openinburgering.accounts.models import User

    user = User.objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, name="default", confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend a password login records (the first one that authenticates people; axes' only guards).
    session[BACKEND_SESSION_KEY] = next(b for b in settings.AUTHENTICATION_BACKENDS if not b.startswith("axes."))
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.set_expiry(settings.SESSION_COOKIE_AGE)
    session.create()
    assert session.session_key is not None
    return session.session_key


def check_sessions_work(port: int, cookie: str) -> None:
    """Stop at once when the sessions do not log in (a redirect to the login page), instead of timing errors."""
    import httpx
    from django.conf import settings

    with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
        answer = client.get("/dossiers/", cookies={settings.SESSION_COOKIE_NAME: cookie})
    if answer.status_code != 200:
        raise SystemExit(f"a benchmark session is not logged in: GET /dossiers/ answered {answer.status_code}")


def requests_to_send(only: str) -> list[Request]:
    """werkvoorraad.py's scenarios as URLs; the API ones go through the user's session, as people use it."""
    from urllib.parse import urlencode

    import werkvoorraad

    probe = werkvoorraad.probe_values()
    result = []
    for scenario in werkvoorraad.scenarios(probe):
        if only.lower() not in scenario.name.lower():
            continue
        params = werkvoorraad.resolve_params(scenario.params)
        url = scenario.path + (f"?{urlencode(params)}" if params else "")
        result.append(Request(scenario.name, url, scenario.headers))
    return result


# --- CPU time from /proc -----------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, or 0 if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def children(pid: int) -> list[int]:
    result = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        result.extend(int(p) for p in text)
    return result


def machine_busy() -> tuple[float, float]:
    """Busy and total jiffies of the whole machine (all cores), from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    total = sum(values[:8])
    return total - idle, total


@dataclass
class CpuProbe:
    master: int
    database: str
    workers_before: dict[int, float] = field(default_factory=dict)
    backends_before: dict[int, float] = field(default_factory=dict)
    machine_before: tuple[float, float] = (0.0, 0.0)

    def backend_pids(self) -> list[int]:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.database],
            )
            return [row[0] for row in cursor.fetchall()]

    def start(self) -> None:
        self.workers_before = {pid: cpu_seconds(pid) for pid in children(self.master)}
        self.backends_before = {pid: cpu_seconds(pid) for pid in self.backend_pids()}
        self.machine_before = machine_busy()

    def stop(self) -> tuple[float, float, float]:
        """CPU seconds of the workers and of their database backends since start(), and the machine's busy share."""
        workers = sum(cpu_seconds(pid) - self.workers_before.get(pid, 0.0) for pid in children(self.master))
        backends = sum(cpu_seconds(pid) - self.backends_before.get(pid, 0.0) for pid in self.backend_pids())
        busy, total = machine_busy()
        share = (busy - self.machine_before[0]) / max(total - self.machine_before[1], 1)
        return workers, backends, share


# --- the load ----------------------------------------------------------------------------------


@dataclass
class Sample:
    name: str
    seconds: float
    status: int


async def simulated_user(
    port: int, cookie: tuple[str, str], plan: list[Request], pause: float, deadline: float, samples: list[Sample]
) -> None:
    import httpx

    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}", cookies=dict([cookie]), timeout=120, follow_redirects=False
    ) as client:
        i = 0
        while time.monotonic() < deadline:
            request = plan[i % len(plan)]
            i += 1
            started = time.perf_counter()
            try:
                response = await client.get(request.url, headers=request.headers)
                await response.aread()
                status = response.status_code
            except httpx.HTTPError:
                status = 0
            samples.append(Sample(request.name, time.perf_counter() - started, status))
            if pause and time.monotonic() + pause < deadline:
                await asyncio.sleep(pause)


def run_phase(
    port: int, cookies: list[tuple[str, str]], plans: list[list[Request]], pause: float, seconds: float
) -> tuple[list[Sample], float]:
    samples: list[Sample] = []

    async def everyone() -> float:
        deadline = time.monotonic() + seconds
        started = time.monotonic()
        users = zip(cookies, plans, strict=True)
        await asyncio.gather(*(simulated_user(port, cookie, plan, pause, deadline, samples) for cookie, plan in users))
        return time.monotonic() - started

    elapsed = asyncio.run(everyone())
    return samples, elapsed


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


@dataclass
class PhaseResult:
    label: str
    requests: int
    errors: int
    per_second: float
    p50: float
    p95: float
    max: float
    app_cpu_ms: float
    db_cpu_ms: float
    machine_busy: float
    samples: list[Sample]

    def line(self) -> str:
        return (
            f"{self.label:<22} {self.requests:>6} {self.errors:>4} {self.per_second:>7.1f} "
            f"{self.p50:>7.0f} {self.p95:>7.0f} {self.max:>7.0f} {self.app_cpu_ms:>9.1f} {self.db_cpu_ms:>8.1f} "
            f"{self.machine_busy * 100:>6.0f}%"
        )


HEADER = (
    f"{'phase':<22} {'reqs':>6} {'err':>4} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
    f"{'app CPU ms':>9} {'db CPU ms':>8} {'busy':>7}"
)


def measure(
    label: str, port: int, probe: CpuProbe, cookies: list[tuple[str, str]], plans: list[list[Request]], pause: float,
    seconds: float,
) -> PhaseResult:  # fmt: skip
    probe.start()
    samples, elapsed = run_phase(port, cookies, plans, pause, seconds)
    app, db, busy = probe.stop()
    times = [s.seconds * 1000 for s in samples]
    n = len(samples)
    return PhaseResult(
        label=label,
        requests=n,
        errors=sum(1 for s in samples if s.status != 200),
        per_second=n / elapsed,
        p50=percentile(times, 50),
        p95=percentile(times, 95),
        max=max(times),
        app_cpu_ms=app * 1000 / n,
        db_cpu_ms=db * 1000 / n,
        machine_busy=busy,
        samples=samples,
    )


def print_slowest(samples: list[Sample], count: int = 8) -> None:
    by_name: dict[str, list[float]] = {}
    for s in samples:
        by_name.setdefault(s.name, []).append(s.seconds * 1000)
    ranked = sorted(by_name.items(), key=lambda item: percentile(item[1], 95), reverse=True)[:count]
    width = max(len(name) for name, _ in ranked)
    print(f"  slowest scenarios (paced, all repetitions): {'n':>4} {'p50 ms':>7} {'p95 ms':>7}")
    for name, times in ranked:
        print(f"    {name:<{width}} {len(times):>4} {percentile(times, 50):>7.0f} {percentile(times, 95):>7.0f}")


def print_profile(directory: Path, requests: int) -> None:
    import pstats

    files = sorted(directory.glob("worker-*.prof"))
    if not files:
        print("no profiles written")
        return
    stats = pstats.Stats(*(str(f) for f in files))
    counted = sum(int(f.stem.rsplit("-", 1)[1]) for f in files)
    per_request = stats.total_tt * 1000 / counted  # type: ignore[attr-defined]
    print(f"\nProfile of {counted} requests ({len(files)} workers): {per_request:.1f} ms CPU per request")
    for key in ("tottime", "cumulative"):
        print(f"\n-- top by {key} (seconds over all requests)")
        stats.sort_stats(key).print_stats(35)


# --- gunicorn ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_gunicorn(args: argparse.Namespace, port: int) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(Path(args.source) / "src"), str(BENCH_DIR)]),
        DJANGO_SETTINGS_MODULE="bench_settings",
        TWO_FACTOR_REQUIRED="True",
    )
    app = "openinburgering.conf.wsgi:application"
    extra: list[str] = []
    if args.profile:
        Path(args.profile).mkdir(parents=True, exist_ok=True)
        for old in Path(args.profile).glob("worker-*.prof"):
            old.unlink()
        env["BENCH_PROFILE_DIR"] = str(Path(args.profile).resolve())
        app = "profiled_wsgi:application"
        extra = ["--config=python:gunicorn_profile"]
    command = [
        sys.executable, "-m", "gunicorn", app, f"--bind=127.0.0.1:{port}", "--worker-class=gthread",
        f"--workers={args.workers}", f"--threads={args.threads}", "--keep-alive=30", "--log-level=warning", *extra,
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=args.source, env=env)  # noqa: S603 - our own interpreter and module
    wait_until_up(port, process, "/health/")
    return process


def main() -> None:
    args = parse_args()
    server = server_from_env(DEFAULT_DB_NAME)
    if not database_exists(server):
        raise SystemExit(f"No database {server.name}: load it first with bench/werkvoorraad.py --keep.")
    configure_django(server)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    from openinburgering.dossiers.models import Dossier

    size = Dossier.objects.count()
    to_send = requests_to_send(args.only)
    rng = random.Random(args.seed)  # noqa: S311 - an order of requests, not a secret
    cookies, plans = [], []
    for i in range(args.users):
        username = DOSSIER_USERS[i % len(DOSSIER_USERS)]
        cookies.append((settings.SESSION_COOKIE_NAME, session_cookie(username)))
        plan = list(to_send)
        rng.shuffle(plan)
        plans.append(plan)
    connection.close()  # the probe's queries open a fresh one; nothing held during the load

    port = free_port()
    process = start_gunicorn(args, port)
    results: list[PhaseResult] = []
    try:
        check_sessions_work(port, cookies[0][1])
        probe = CpuProbe(process.pid, server.name)
        run_phase(port, cookies, plans, 0, args.warmup_seconds)
        for rep in range(1, args.repeat + 1):
            paced = measure(f"paced #{rep}", port, probe, cookies, plans, args.pause, args.seconds)
            results.append(paced)
            print(paced.line(), file=sys.stderr)
            if args.saturate_seconds > 0:
                saturated = measure(f"saturated #{rep}", port, probe, cookies, plans, 0, args.saturate_seconds)
                results.append(saturated)
                print(saturated.line(), file=sys.stderr)
    finally:
        process.terminate()
        process.wait(timeout=60)

    print(
        f"\n{size:,} dossiers in {server.name}; code from {args.source};\n"
        f"gunicorn gthread {args.workers} workers x {args.threads} threads; "
        f"{args.users} users, {len(to_send)} scenarios each in its own order; paced: {args.pause:g} s between a "
        f"user's requests for {args.seconds:g} s; saturated: no pauses for {args.saturate_seconds:g} s; "
        f"target paced p95 < {TARGET_P95_MS:.0f} ms; load average now {os.getloadavg()[0]:.1f}\n"
    )
    print(HEADER)
    for result in results:
        print(result.line())
    paced_results = [r for r in results if r.label.startswith("paced")]
    if len(paced_results) > 1:
        for kind in ("paced", "saturated"):
            chosen = [r for r in results if r.label.startswith(kind)]
            if chosen:
                median = {
                    key: statistics.median(getattr(r, key) for r in chosen)
                    for key in ("per_second", "p50", "p95", "max", "app_cpu_ms", "db_cpu_ms")
                }
                print(
                    f"{kind + ' median':<22} {'':>6} {'':>4} {median['per_second']:>7.1f} {median['p50']:>7.0f} "
                    f"{median['p95']:>7.0f} {median['max']:>7.0f} {median['app_cpu_ms']:>9.1f} "
                    f"{median['db_cpu_ms']:>8.1f}"
                )
    print()
    print_slowest([s for r in paced_results for s in r.samples])
    errors = [s for r in results for s in r.samples if s.status != 200]
    if errors:
        print(f"\n{len(errors)} requests failed, e.g. {errors[0].name}: HTTP {errors[0].status}")
    if args.profile:
        print_profile(Path(args.profile), sum(r.requests for r in results))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
