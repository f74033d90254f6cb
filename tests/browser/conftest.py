"""Browser tests: headless Debian Chromium driven by Playwright against pytest-django's live server.

Nothing is downloaded at run time: Playwright's Python package talks to the system browser
(`/usr/bin/chromium`, or `BROWSER_EXECUTABLE`). Without a browser these tests skip on a laptop
and fail in CI (REQUIRE_SERVICES=1).

Fixtures:
- `browser`            one Chromium for the session
- `page`               a fresh desktop-sized context (1280x900) per test; Indonesian UI
- `phone_page`         a fresh phone-sized context (390x844, touch, mobile user agent)
- `login(page, user)`  logs a user in through the real login form (password of `make_user`/demo)
- `shot(page, name)`   saves a full-page screenshot to SCREENSHOT_DIR/<test name>/NN-name.png
Every test that uses `page`/`phone_page` also gets a final screenshot, pass or fail.
"""
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.support.services import service_missing

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM
# calls made by the test body (fixtures, assertions) in that thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / "var" / "screenshots"))
DEMO_PASSWORD = "Demo-Sandi-2026"  # set by the `demo` fixture
MAKE_USER_PASSWORD = "Rahasia-Uji-123"  # default of the `make_user` fixture


def _browser_executable() -> str | None:
    configured = os.environ.get("BROWSER_EXECUTABLE")
    if configured:
        return configured if Path(configured).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser():
    """Per module: Playwright's sync API keeps an event loop running on this thread while it
    lives, which the rest of the session should not inherit."""
    executable = _browser_executable()
    if executable is None:
        service_missing("no Chromium found (Debian package `chromium`, or set BROWSER_EXECUTABLE)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        service_missing("the Python package `playwright` is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True,
                                              args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


def _test_folder(request) -> Path:
    folder = SCREENSHOT_DIR / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def shot(request):
    """shot(page, "after-upload") -> path of the saved screenshot (numbered in order taken)."""
    folder = _test_folder(request)
    counter = {"n": 0}

    def take(page, name: str) -> Path:
        counter["n"] += 1
        safe_name = re.sub(r"[^\w.-]+", "_", name)
        path = folder / f"{counter['n']:02d}-{safe_name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def _new_page(request, browser, live_server, **context_options):
    context = browser.new_context(base_url=live_server.url, locale="id-ID", **context_options)
    context.set_default_timeout(float(os.environ.get("BROWSER_TIMEOUT_MS", "30000")))
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    page.console_errors = console_errors
    yield page
    try:
        page.screenshot(path=str(_test_folder(request) / "99-final.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture
def page(request, browser, live_server, transactional_db):
    yield from _new_page(request, browser, live_server, viewport={"width": 1280, "height": 900})


@pytest.fixture
def phone_page(request, browser, live_server, transactional_db):
    yield from _new_page(
        request, browser, live_server,
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True,
        user_agent="Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
                   "Chrome/156.0 Mobile Safari/537.36",
    )


@pytest.fixture
def login():
    """login(page, user, password=None): through the real form; demo users and make_user users."""

    def do_login(page, user, password: str | None = None):
        if password is None:
            password = DEMO_PASSWORD if user.username in ("admin", "fasilitator", "pegawai") else MAKE_USER_PASSWORD
        page.goto("/masuk/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        assert "/masuk/" not in page.url, f"login failed for {user.username}"
        return page

    return do_login
