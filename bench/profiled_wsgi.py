"""The product's WSGI application with every request profiled (cProfile), for werkvoorraad_concurrent.py --profile.

Each request is profiled in its own thread (cProfile follows one thread) with that thread's CPU clock
(time.thread_time: waiting for the database, the GIL or a core is not counted) and merged into the
worker's totals, after the first $BENCH_PROFILE_SKIP requests of each worker (imports, caches); the
gunicorn hook `worker_exit` in gunicorn_profile.py writes them to
$BENCH_PROFILE_DIR/worker-<pid>-<n>.prof. The response body is consumed inside the profile, so
rendering a streamed response counts too.
"""

import cProfile
import os
import pstats
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from openinburgering.conf.wsgi import application as _application

_lock = threading.Lock()
_stats: pstats.Stats | None = None
_requests = 0
_seen = 0
_skip = int(os.environ.get("BENCH_PROFILE_SKIP", "20"))


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    global _stats, _requests, _seen
    with _lock:
        _seen += 1
        if _seen <= _skip:
            return list(_application(environ, start_response))
    profile = cProfile.Profile(time.thread_time)
    profile.enable()
    try:
        body = list(_application(environ, start_response))
    finally:
        profile.disable()
    with _lock:
        if _stats is None:
            _stats = pstats.Stats(profile)
        else:
            _stats.add(profile)
        _requests += 1
    return body


def dump() -> None:
    directory = os.environ.get("BENCH_PROFILE_DIR")
    with _lock:
        if directory and _stats is not None:
            _stats.dump_stats(os.path.join(directory, f"worker-{os.getpid()}-{_requests}.prof"))
