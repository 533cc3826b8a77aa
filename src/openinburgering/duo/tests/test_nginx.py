"""DUO's Notificatie API for real: Debian's nginx terminates TLS in front of gunicorn (production settings), with
a test PKI made on the fly, configured as docs/configuration.md shows (issue 11, part 1.2).

nginx verifies the client certificate against the test CA, strips any incoming certificate header and sets its
own ($ssl_client_escaped_cert); it connects to gunicorn from 127.0.0.2, the only TRUSTED_PROXIES address, so a
request straight to gunicorn (from 127.0.0.1) cannot pass a certificate. Without nginx the test is skipped,
and fails under CI=true (.ci/run and bin/bootstrap install it).
"""

import json
import os
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from django.db import connection

from openinburgering.core.tests.reference import in_ci
from openinburgering.duo.constants import NOTIFICATIE_API_VERSION
from openinburgering.duo.models import Notificatie

from .pki import Issued, issue, make_ca, oin_subject

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

DUO = "00000001234567890000"
ANDER = "00000001555555555000"
WIJ = "00000001987654321000"
HEADER = "X-SSL-Client-Cert"
PROXY_ADDRESS = "127.0.0.2"  # nginx connects to gunicorn from here (proxy_bind); the only trusted proxy
REPOSITORY = Path(__file__).resolve().parents[4]

NGINX_CONF = """
worker_processes 1;
error_log {dir}/nginx-error.log warn;
pid {dir}/nginx.pid;
{user}
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;

    upstream openinburgering {{ server 127.0.0.1:{app_port}; }}

    # DUO's endpoint, as in docs/configuration.md: its own server, the client certificate verified here.
    server {{
        listen 127.0.0.1:{port} ssl;
        server_name localhost;
        ssl_certificate {dir}/server.pem;
        ssl_certificate_key {dir}/server.key;
        ssl_client_certificate {dir}/ca.pem;   # PKIoverheid's CA bundle in production
        ssl_verify_client optional;            # no certificate: the application answers 401 and logs it
        ssl_verify_depth 3;
        # A certificate nginx cannot verify (495) or none where one is required (496): 401, as DUO's spec allows.
        error_page 495 496 = @certificaat_geweigerd;

        location = /duo/notificaties {{
            proxy_pass http://openinburgering;
            proxy_bind {proxy_address};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto https;
            # Replaces whatever the client sent under this name; empty (no certificate) sends none.
            proxy_set_header {header} $ssl_client_escaped_cert;
        }}
        location @certificaat_geweigerd {{
            add_header API-Version {api_version} always;
            return 401;
        }}
        location / {{ return 404; }}
    }}
}}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
    if found is None:
        message = "Debian's nginx is not installed (apt-get install nginx): DUO's TLS set-up is not tested"
        if in_ci():
            pytest.fail(f"{message}; CI=true, so it must run", pytrace=False)
        pytest.skip(message)
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(port: int, process: subprocess.Popen[bytes], what: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} stopped (exit {process.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{what} did not listen on {port} within 60 s:\n{log.read_text(errors='replace')[-3000:]}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Stack:
    dir: Path
    port: int  # nginx, TLS
    app_port: int  # gunicorn, plain HTTP
    ca: Issued
    database: Path | None  # the SQLite file gunicorn uses; None on PostgreSQL (the test database itself)

    def https(self, cert: Issued | None) -> httpx.Client:
        context = ssl.create_default_context(cafile=str(self.dir / "ca.pem"))
        if cert is not None:
            name = f"client-{uuid.uuid4().hex}"
            certfile, keyfile = cert.write(self.dir, name)
            context.load_cert_chain(str(certfile), str(keyfile))
        return httpx.Client(base_url=f"https://127.0.0.1:{self.port}", verify=context, timeout=20)

    def direct(self) -> httpx.Client:
        transport = httpx.HTTPTransport(local_address="127.0.0.1")
        return httpx.Client(base_url=f"http://127.0.0.1:{self.app_port}", transport=transport, timeout=20)

    def stored(self) -> set[str]:
        if self.database is None:
            return {str(b) for b in Notificatie.objects.values_list("bericht_id", flat=True)}
        with sqlite3.connect(self.database) as db:
            return {str(uuid.UUID(row[0])) for row in db.execute("SELECT bericht_id FROM duo_notificatie")}


def database_env(tmp_path: Path) -> tuple[dict[str, str], Path | None]:
    """gunicorn's database: the test database itself on PostgreSQL; on SQLite (in memory) a copy in a file."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        env = {
            "DB_ENGINE": "postgresql",
            "DB_NAME": settings["NAME"],
            "DB_USER": settings["USER"] or "",
            "DB_PASSWORD": settings["PASSWORD"] or "",
            "DB_HOST": settings["HOST"] or "",
            "DB_PORT": str(settings["PORT"] or 5432),
            "DB_CONN_MAX_AGE": "0",
        }
        return env, None
    copy = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    return {"DB_ENGINE": "sqlite", "DB_NAME": str(copy)}, copy


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    nginx = nginx_binary()
    tmp_path.chmod(0o755)  # nginx's worker may run as another user
    ca = make_ca()
    ca.write(tmp_path, "ca")
    issue(ca, [], server=True).write(tmp_path, "server")
    port, app_port = free_port(), free_port()

    db_env, database = database_env(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DB_", "DUO_", "DJANGO_SETTINGS", "TRUSTED"))}
    env.update(
        db_env,
        PYTHONPATH=str(REPOSITORY / "src"),
        DJANGO_SETTINGS_MODULE="openinburgering.conf.production",
        SECRET_KEY="nginx-test-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        VAR_DIR=str(tmp_path),
        DUO_OIN=DUO,
        DUO_EIGEN_OINS=WIJ,
        DUO_CLIENT_CERT_HEADER=HEADER,
        TRUSTED_PROXIES=PROXY_ADDRESS,
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
    )
    app_log = tmp_path / "gunicorn.log"
    with app_log.open("wb") as out:
        gunicorn = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [
                sys.executable,
                "-m",
                "gunicorn",
                "openinburgering.conf.wsgi:application",
                f"--bind=127.0.0.1:{app_port}",
                "--workers=1",
                "--threads=2",
                "--log-level=warning",
            ],
            cwd=REPOSITORY,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            dir=tmp_path,
            port=port,
            app_port=app_port,
            header=HEADER,
            proxy_address=PROXY_ADDRESS,
            api_version=NOTIFICATIE_API_VERSION,
            user="user root;" if os.geteuid() == 0 else "",
        )
    )
    nginx_log = tmp_path / "nginx.log"
    with nginx_log.open("wb") as out:
        proxy = subprocess.Popen(  # noqa: S603 - Debian's nginx with our test configuration
            [nginx, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(app_port, gunicorn, "gunicorn", app_log)
        wait_for(port, proxy, "nginx", nginx_log)
        yield Stack(dir=tmp_path, port=port, app_port=app_port, ca=ca, database=database)
    finally:
        stop(proxy)
        stop(gunicorn)


def notificatie_post(client: httpx.Client, **extra_headers: str) -> tuple[int, str, str]:
    bericht_id = str(uuid.uuid4())
    body = {"registratieDatumTijd": "2026-03-02T09:15:00+01:00", "gebeurtenisId": "SS101", "bsn": "123456782"}
    headers = {"bron": DUO, "doel": WIJ, "berichtId": bericht_id, "Content-Type": "application/json", **extra_headers}
    with client:
        response = client.post("/duo/notificaties", content=json.dumps(body), headers=headers)
    return response.status_code, response.headers.get("API-Version", ""), bericht_id


def test_through_nginx_only_duos_certificate_is_accepted(stack: Stack) -> None:
    ca, other_ca = stack.ca, make_ca("Another CA")
    now = datetime.now(UTC)
    duo = issue(ca, oin_subject(DUO))
    ander = issue(ca, oin_subject(ANDER, organisation="Gemeente Elders"))
    duo_other_ca = issue(other_ca, oin_subject(DUO))
    duo_expired = issue(ca, oin_subject(DUO), not_before=now - timedelta(days=400), not_after=now - timedelta(days=1))
    forged = {HEADER: duo.escaped}

    cases = {
        "DUO's certificate": (stack.https(duo), {}, 201),
        "no certificate": (stack.https(None), {}, 401),
        "another OIN": (stack.https(ander), {}, 401),
        "DUO's OIN, another CA": (stack.https(duo_other_ca), {}, 401),
        "DUO's certificate, expired": (stack.https(duo_expired), {}, 401),
        "forged header, no certificate": (stack.https(None), forged, 401),
        "forged header, another OIN's certificate": (stack.https(ander), forged, 401),
        "forged header with underscores, no certificate": (stack.https(None), {"X_SSL_Client_Cert": duo.escaped}, 401),
        "forged header straight to gunicorn": (stack.direct(), forged, 401),
        "forged header and X-Forwarded-For straight to gunicorn": (
            stack.direct(),
            {**forged, "X-Forwarded-For": PROXY_ADDRESS},
            401,
        ),
    }
    results, accepted = {}, set()
    for name, (client, headers, _) in cases.items():
        status, api_version, bericht_id = notificatie_post(client, **headers)
        results[name] = (status, api_version)
        if status == 201:
            accepted.add(bericht_id)

    assert results == {name: (expected, NOTIFICATIE_API_VERSION) for name, (_, _, expected) in cases.items()}
    assert stack.stored() == accepted and len(accepted) == 1


def test_without_nginx_ci_fails_and_a_plain_clone_skips(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        nginx_binary()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="apt-get install nginx"):
        nginx_binary()
