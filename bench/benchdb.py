"""What the benchmark scripts share: their own PostgreSQL database and Django configured on it."""

import http.client
import os
import subprocess
import time
import warnings
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Server:
    name: str
    host: str
    port: int
    user: str
    password: str

    def connect(self, dbname: str) -> Any:
        import psycopg

        return psycopg.connect(
            dbname=dbname,
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password or None,
            autocommit=True,
        )


def server_from_env(default_name: str) -> Server:
    return Server(
        name=os.environ.get("BENCH_DB_NAME", default_name),
        host=os.environ.get("BENCH_DB_HOST", "127.0.0.1"),
        port=int(os.environ.get("BENCH_DB_PORT", "5432")),
        user=os.environ.get("BENCH_DB_USER", "postgres"),
        password=os.environ.get("BENCH_DB_PASSWORD", ""),
    )


def configure_django(server: Server) -> None:
    """The test-suite settings (no debug, plain static files) on the benchmark database, without 2FA."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "openinburgering.conf.ci"
    os.environ.update(
        DB_ENGINE="postgresql",
        DB_NAME=server.name,
        DB_HOST=server.host,
        DB_PORT=str(server.port),
        DB_USER=server.user,
        DB_PASSWORD=server.password,
        DB_CONN_MAX_AGE="600",  # one persistent connection, as under gunicorn
        TWO_FACTOR_REQUIRED="False",
        DEBUG="False",
        LOG_LEVEL="WARNING",
    )
    import django

    # Whitenoise warns about a STATIC_ROOT that collectstatic never filled; the pages do not need it.
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")
    django.setup()


# --- the database -----------------------------------------------------------------------------


def database_exists(server: Server) -> bool:
    with server.connect("postgres") as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [server.name]).fetchone() is not None


def create_database(server: Server) -> None:
    from psycopg import sql

    with server.connect("postgres") as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(server.name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(server.name)))


def drop_database(server: Server) -> None:
    from django.db import connections
    from psycopg import sql

    connections.close_all()
    with server.connect("postgres") as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(server.name)))


def wait_until_up(port: int, process: subprocess.Popen[bytes], path: str) -> None:
    """Wait (at most 60 s) until the gunicorn `process` answers GET `path` on 127.0.0.1:`port`."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped while starting")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start within 60 s")
