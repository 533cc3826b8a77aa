"""End-to-end tests in a real browser: Debian's Chromium driven by Playwright against live_server.

Chromium comes from the distribution (bin/bootstrap and .ci/run install it); Playwright never
downloads a browser of its own.
"""

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

# Playwright's sync API runs an event loop in this thread; the test itself only touches the
# database between browser steps, never concurrently with them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run bin/bootstrap as root, or set CHROMIUM_PATH.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object, live_server: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", bypass_csp=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


# --- helpers shared by the journeys ------------------------------------------------------------

PASSWORD = "Lange-Zin-Met-Cijfers-2026"


def login_with_totp(page: Any, base_url: str, device: Any, next_url: str = "/dossiers/") -> None:
    """Log in through the two-factor wizard as the device's user, with a fresh TOTP code."""
    from django_otp.oath import totp

    page.goto(f"{base_url}{next_url}")
    page.get_by_label("Gebruikersnaam").fill(device.user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Token").fill(f"{token:0{device.digits}d}")
    page.get_by_role("button", name="Volgende").click()


def assert_accessible(page: Any, screenshot: str = "") -> None:
    """No serious or critical axe-core violations; with E2E_SCREENSHOTS=<folder>, also a screenshot."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder and screenshot:
        page.screenshot(path=os.path.join(folder, f"{screenshot}.png"), full_page=True)
