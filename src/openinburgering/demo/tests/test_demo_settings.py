"""bin/demo's ports: DEMO_ADDR and DEMO_DUO_PORT move every address the demo uses or prints (issue 11, 5.3)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[3]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.management import load_command_class
parser = load_command_class("openinburgering.demo", "duo_simulator").create_parser("manage.py", "duo_simulator")
options = vars(parser.parse_args([]))
print(json.dumps({
    "DEMO_URL": settings.DEMO_URL,
    "DUO_BASE_URL": settings.DUO_BASE_URL,
    "BRP_BASE_URL": settings.BRP_BASE_URL,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "simulator_port": options["port"],
    "simulator_product_url": options["product_url"],
}))
"""


def _demo_settings(**env: str) -> dict[str, object]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DEMO_", "DUO_", "BRP_", "ALLOWED_HOSTS"))}
    clean |= {"DJANGO_SETTINGS_MODULE": "openinburgering.conf.demo", **env}
    result = subprocess.run(  # noqa: S603  # our own interpreter and probe
        [sys.executable, "-c", PROBE], cwd=SRC, env=clean, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_demo_addresses_follow_demo_addr_and_demo_duo_port():
    got = _demo_settings(DEMO_ADDR="127.0.0.1:8100", DEMO_DUO_PORT="8101")
    assert got["DEMO_URL"] == "http://127.0.0.1:8100"
    assert got["DUO_BASE_URL"] == "http://127.0.0.1:8101"
    assert got["BRP_BASE_URL"] == "http://127.0.0.1:8101/haalcentraal/api/brp"
    assert got["simulator_port"] == 8101
    assert got["simulator_product_url"] == "http://127.0.0.1:8100/duo/notificaties"


def test_demo_addresses_default_to_8000_and_8001():
    got = _demo_settings()
    assert got["DEMO_URL"] == "http://127.0.0.1:8000"
    assert got["DUO_BASE_URL"] == "http://127.0.0.1:8001"
    assert got["simulator_port"] == 8001
    assert got["simulator_product_url"] == "http://127.0.0.1:8000/duo/notificaties"


def test_demo_on_every_interface_is_reached_locally_and_allowed():
    got = _demo_settings(DEMO_ADDR="0.0.0.0:9000", DEMO_DUO_PORT="9001")
    assert got["DEMO_URL"] == "http://127.0.0.1:9000"
    assert got["simulator_product_url"] == "http://127.0.0.1:9000/duo/notificaties"
    assert "0.0.0.0" in got["ALLOWED_HOSTS"]  # noqa: S104


@pytest.mark.parametrize("env", [{"DEMO_ADDR": "127.0.0.1:http"}, {"DEMO_DUO_PORT": "achtduizend"}])
def test_bad_demo_ports_fail_loudly(env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DEMO_")}
    result = subprocess.run(  # our own interpreter and probe
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=SRC,
        env=clean | {"DJANGO_SETTINGS_MODULE": "openinburgering.conf.demo", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "DEMO_" in result.stderr


def test_demo_logins_prints_the_demo_url(settings, capsys, db):
    from django.core.management import call_command

    from openinburgering.accounts.factories import UserFactory
    from openinburgering.demo.generator import USERS

    settings.DEMO_URL = "http://127.0.0.1:8100"
    UserFactory(username=USERS[0].username)
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8100" in out
    assert ":8000" not in out
    json.dumps(out)
