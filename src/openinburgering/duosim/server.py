"""Running the simulator: in a background thread (tests, demo) or in the foreground (CLI)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, run_simple
from werkzeug.serving import make_server as werkzeug_make_server

from .simulator import Simulator


class QuietRequestHandler(WSGIRequestHandler):
    """No access log line per request (tests and benchmarks make thousands)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


def make_server(simulator: Simulator, *, host: str = "127.0.0.1", port: int = 0, quiet: bool = True) -> BaseWSGIServer:
    """A threaded werkzeug server for the simulator; ``port=0`` picks a free port."""
    handler = QuietRequestHandler if quiet else None
    return werkzeug_make_server(host, port, simulator.wsgi_app, threaded=True, request_handler=handler)


@dataclass
class RunningSimulator:
    """A simulator served in a daemon thread. ``url`` is the base URL (``http://127.0.0.1:PORT``)."""

    simulator: Simulator
    server: BaseWSGIServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        return f"http://{self.server.host}:{self.server.port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
        self.simulator.close()

    def __enter__(self) -> RunningSimulator:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def serve_in_thread(
    simulator: Simulator | None = None, *, host: str = "127.0.0.1", port: int = 0, **simulator_kwargs: Any
) -> RunningSimulator:
    """Start the simulator on ``host:port`` (default a free port) in a background thread.

    ``simulator_kwargs`` go to ``Simulator(...)`` when no simulator is given
    (``duo_oin=``, ``product_url=``, ``rng_seed=``).
    """
    simulator = simulator or Simulator(**simulator_kwargs)
    server = make_server(simulator, host=host, port=port)
    thread = threading.Thread(target=server.serve_forever, name=f"duosim:{server.port}", daemon=True)
    thread.start()
    return RunningSimulator(simulator, server, thread)


def serve_forever(simulator: Simulator, *, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve in the foreground until interrupted (the CLI)."""
    run_simple(host, port, simulator.wsgi_app, threaded=True, use_reloader=False, use_debugger=False)
