#!/usr/bin/env python
"""Benchmark: a burst of DUO notificaties at the Notificatie API (issue 5, part 8; not a test).

The issue's target: at least 500 notificaties per second on this 2-core machine, every one stored. This
script

1. creates its own database (default `oi_bench_notificaties` on 127.0.0.1:5432, user postgres) and
   migrates it;
2. starts gunicorn on it (gthread workers, persistent connections, as in production) with the DUO OINs
   configured and the database task backend, so each notificatie also asks the worker to process it;
3. sends `--aantal` notificaties (default 10,000) with valid headers and bodies (random BSNs that pass
   the elfproef, a gebeurtenis from DUO's list, a fresh berichtId each) from `--gelijktijdig` client
   threads over keep-alive connections, as fast as the server answers, after a warm-up;
4. prints the throughput, p50/p90/p99/max latency, the status codes, and checks stored == sent (and that
   a resend of already-stored berichtIds stores nothing);
5. stops gunicorn and drops the database unless --keep.

    .venv/bin/python bench/notificaties.py
    .venv/bin/python bench/notificaties.py --aantal 20000 --workers 3 --threads 8 --keep

Environment: BENCH_DB_NAME, BENCH_DB_HOST, BENCH_DB_PORT, BENCH_DB_USER, BENCH_DB_PASSWORD.
"""

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR / "src"))

from benchdb import configure_django, create_database, drop_database, server_from_env, wait_until_up  # noqa: E402

DEFAULT_DB_NAME = "oi_bench_notificaties"
TARGET_PER_SECOND = 500
DUO_OIN = "00000001003214345000"
GEMEENTE_OIN = "00000001002306608000"
GEBEURTENISSEN = ["SS101", "SS139", "SS102", "SS199", "SS106", "SS120", "SS131", "SS113"]


def bsn(rng: random.Random) -> str:
    """A random nine-digit number that passes the elfproef."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last <= 9 and (digits[0] or digits[1]):
            return "".join(map(str, digits)) + str(last)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Sender(threading.Thread):
    """One client: a keep-alive connection, its share of the messages, the latency of each."""

    def __init__(self, port: int, messages: list[tuple[str, bytes]]) -> None:
        super().__init__(daemon=True)
        self.port = port
        self.messages = messages
        self.latencies: list[float] = []
        self.statuses: Counter[int] = Counter()

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        for bericht_id, body in self.messages:
            headers = {
                "Content-Type": "application/json",
                "bron": DUO_OIN,
                "doel": GEMEENTE_OIN,
                "berichtId": bericht_id,
            }
            start = time.perf_counter()
            try:
                conn.request("POST", "/duo/notificaties", body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.latencies.append(time.perf_counter() - start)
            self.statuses[status] += 1
        conn.close()


def messages(count: int, rng: random.Random) -> list[tuple[str, bytes]]:
    now = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    out = []
    for _ in range(count):
        body = {"registratieDatumTijd": now, "bsn": bsn(rng), "gebeurtenisId": rng.choice(GEBEURTENISSEN)}
        out.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), json.dumps(body).encode()))
    return out


def send(port: int, batch: list[tuple[str, bytes]], concurrency: int) -> tuple[float, list[float], Counter[int]]:
    senders = [Sender(port, batch[i::concurrency]) for i in range(concurrency)]
    start = time.perf_counter()
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    elapsed = time.perf_counter() - start
    latencies = sorted(latency for sender in senders for latency in sender.latencies)
    statuses: Counter[int] = Counter()
    for sender in senders:
        statuses.update(sender.statuses)
    return elapsed, latencies, statuses


def percentile(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aantal", type=int, default=10_000, help="notificaties to send (default 10,000)")
    parser.add_argument("--gelijktijdig", type=int, default=32, help="client threads (default 32)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2, one per core)")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker (default 8)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    server = server_from_env(DEFAULT_DB_NAME)
    os.environ.update(
        DUO_OIN=DUO_OIN,
        DUO_EIGEN_OINS=GEMEENTE_OIN,
        CI_TASKS_BACKEND="django_tasks_db.DatabaseBackend",  # as in production: a task row, not in the request
    )
    print(f"database {server.name} on {server.host}:{server.port}")
    create_database(server)
    configure_django(server)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from openinburgering.duo.models import Notificatie, NotificatieWeigering

    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO_DIR / "src"))  # configure_django's settings and database
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "openinburgering.conf.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        "--worker-class=gthread",
        f"--workers={args.workers}",
        f"--threads={args.threads}",
        "--keep-alive=30",
        "--log-level=warning",
    ]
    process = subprocess.Popen(command, cwd=REPO_DIR, env=env)  # noqa: S603 - our own interpreter and module
    try:
        wait_until_up(port, process, "/duo/notificaties")
        rng = random.Random(args.seed)  # noqa: S311 - test data, not secrets
        warmup = messages(500, rng)
        send(port, warmup, args.gelijktijdig)
        batch = messages(args.aantal, rng)
        before = Notificatie.objects.count()
        elapsed, latencies, statuses = send(port, batch, args.gelijktijdig)
        stored = Notificatie.objects.count() - before

        # Every message once more, with the same berichtIds: DUO resending must store nothing new.
        resend = batch[: min(1000, len(batch))]
        _, _, resend_statuses = send(port, resend, args.gelijktijdig)
        stored_after_resend = Notificatie.objects.count() - before
    finally:
        process.terminate()
        process.wait(timeout=30)

    rate = len(batch) / elapsed
    print(f"\ngunicorn gthread, {args.workers} workers x {args.threads} threads; {args.gelijktijdig} client threads")
    print(f"sent        {len(batch):>8} notificaties in {elapsed:.2f} s")
    print(f"throughput  {rate:>8.0f} /s   (target >= {TARGET_PER_SECOND} /s: {'met' if rate >= 500 else 'NOT met'})")
    print(
        f"latency     p50 {percentile(latencies, 50) * 1000:.1f} ms   p90 {percentile(latencies, 90) * 1000:.1f} ms   "
        f"p99 {percentile(latencies, 99) * 1000:.1f} ms   max {latencies[-1] * 1000:.1f} ms   "
        f"mean {statistics.fmean(latencies) * 1000:.1f} ms"
    )
    print(f"statuses    {dict(sorted(statuses.items()))}")
    print(f"stored      {stored} == sent {len(batch)}: {stored == len(batch)}")
    print(
        f"resent      {len(resend)} with the same berichtIds: {dict(sorted(resend_statuses.items()))}, "
        f"stored since start {stored_after_resend} (unchanged: {stored_after_resend == stored})"
    )
    print(f"refused     {NotificatieWeigering.objects.count()}")
    ok = stored == len(batch) and stored_after_resend == stored and statuses == Counter({201: len(batch)})
    if not args.keep:
        drop_database(server)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
