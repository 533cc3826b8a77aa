"""The documented production set-up can be built: `collectstatic` and `check --deploy` under production
settings, run as a deployment runs them (a fresh process, secrets from the environment)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[3]

# Dummies for every variable production requires (the same as .ci/run's production section).
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "openinburgering.conf.production",
    "SECRET_KEY": "dummy-for-the-production-build-test-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "inburgering.example.org",
    "TRUSTED_PROXIES": "127.0.0.1",
    "DUO_CLIENT_CERT_HEADER": "X-SSL-Client-Cert",
    "DUO_OIN": "00000001003214345000",
}


def run_production(*args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DB_", "DJANGO_", "SECURE_", "DUO_"))}
    env.update(PRODUCTION_ENV, **extra_env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=SRC, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.mark.slow
def test_collectstatic_under_production_settings(tmp_path):
    result = run_production("collectstatic", "--noinput", STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr[-3000:]
    # The design tokens' icons are collected beside the CSS that points at them, under their hashed names.
    [css] = (tmp_path / "nlds/design-tokens").glob("background-image-icon.*.css")
    text = css.read_text()
    for icon in ("pijltje", "pijltje-zwart", "pijltje-wit"):
        [hashed] = (tmp_path / "nlds/design-tokens").glob(f"{icon}.*.svg")
        assert f'url("./{hashed.name}")' in text


def test_check_deploy_is_clean_under_production_settings():
    result = run_production("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout


def hsts(**extra_env: str) -> str:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DB_", "DJANGO_", "SECURE_", "DUO_"))}
    env.update(PRODUCTION_ENV, **extra_env)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=SRC, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_hsts_covers_subdomains_by_default_and_preload_is_a_setting():
    assert hsts() == "31536000 True False"
    assert hsts(SECURE_HSTS_PRELOAD="true") == "31536000 True True"
    assert hsts(SECURE_HSTS_INCLUDE_SUBDOMAINS="false") == "31536000 False False"


def test_turning_off_subdomains_is_reported_by_check_deploy():
    result = run_production("check", "--deploy", "--fail-level", "WARNING", SECURE_HSTS_INCLUDE_SUBDOMAINS="false")
    assert result.returncode != 0
    assert "security.W005" in result.stderr + result.stdout
