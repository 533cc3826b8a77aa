"""gunicorn settings hook for werkvoorraad_concurrent.py --profile: each worker writes its cProfile totals on exit."""

from typing import Any


def worker_exit(server: Any, worker: Any) -> None:
    import profiled_wsgi

    profiled_wsgi.dump()
