"""The real-browser suite: Debian's Chromium driven by Playwright (never a downloaded browser).

One live server and one browser per test session; each test opens a phone-sized context (390 × 844)
for each role it plays, logged in by a session cookie. Screenshots go to var/e2e/ (CI artefacts).
Skipped, saying why, when Chromium or Playwright is missing (install: `make e2e-deps`)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make between
# browser steps are synchronous and safe, so tell Django not to refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("JIANFU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
SHOTS = Path(__file__).resolve().parents[2] / "var" / "e2e"


def _missing() -> str:
    if not (Path(CHROMIUM).exists() and os.access(CHROMIUM, os.X_OK)):
        return f"Chromium not found at {CHROMIUM} (apt-get install -y chromium chromium-driver, or make e2e-deps)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[dev]')"
    return ""


def pytest_collection_modifyitems(config, items):
    reason = _missing()
    if reason:
        skip = pytest.mark.skip(reason=f"real-browser suite skipped: {reason}")
        for item in items:
            if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def phone(browser, live_server, world, request):
    """phone(username) → a Page at 390 px, logged in as that demo account (None: a citizen)."""
    from django.conf import settings as dj_settings
    from django.test import Client

    SHOTS.mkdir(parents=True, exist_ok=True)
    contexts = []

    def open_as(username: str | None, **context_options):
        context = browser.new_context(viewport=PHONE, device_scale_factor=1, locale="zh-CN",
                                      base_url=live_server.url, **context_options)
        contexts.append(context)
        if username:
            client = Client()
            client.force_login(world.users[username])
            host = live_server.url.split("//", 1)[1].split(":")[0]
            context.add_cookies([{"name": dj_settings.SESSION_COOKIE_NAME, "domain": host, "path": "/",
                                  "value": client.cookies[dj_settings.SESSION_COOKIE_NAME].value}])
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page

    errors: list[str] = []
    open_as.errors = errors
    serving_before = _request_threads()
    yield open_as
    for context in contexts:
        context.close()
    _wait_for_the_live_server(serving_before)
    assert errors == [], f"JavaScript errors in the page: {errors}"


def _request_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.is_alive() and "process_request_thread" in t.name}


def _wait_for_the_live_server(serving_before: set[threading.Thread], limit_s: float = 10.0) -> None:
    """A browser test ends when the live server has finished the requests of its browser. The server is one for the
    whole session and serves each connection in a thread of its own that shares the test's SQLite connection (an
    in-memory database). A request still running when a test ends (a page the closed browser had asked for) then meets
    the next test's database set-up on that same connection: a CI run of session 25 failed two browser tests at set-up
    with "on_commit() cannot be used in manual transaction management" (a request's atomic block had turned autocommit
    off) and warned "DatabaseWrapper objects created in a thread can only be used in that same thread" in a later test.
    Only the threads started during this test are waited for: in a whole run some server thread outlived its test (a
    connection still open, not yet known which) and every later browser test on that worker waited the full bound."""
    deadline = time.monotonic() + limit_s
    from django.test.testcases import LiveServerThread

    def serving() -> bool:   # the serial server of the in-memory database (root conftest) says so itself
        return bool(getattr(LiveServerThread.server_class, "serving", False))

    while (_request_threads() - serving_before or serving()) and time.monotonic() < deadline:
        time.sleep(0.02)


def shot(page, name: str) -> None:
    """Keep what the user saw (full page) as a CI artefact."""
    # a full-page screenshot waits for fonts and layout: on two cores shared with the rest of the suite it once took
    # more than Playwright's default 15 s; a slow artefact is no failure of the page
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True, timeout=60_000)


def fits_the_phone(page) -> bool:
    """No sideways scrolling of the page at 390 px."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def village_a_submits_dibao(world):
    """The forms loaded and 曲木村 (village_a) having submitted 民政局's mz_dibao_tekun for the last closed month: the
    progress pages' shared start (the township's and the department's). Returns the template."""
    from django.utils import timezone

    from jianfu.reports import services
    from jianfu.reports.catalog import forms_load
    from jianfu.reports.engine import latest_closed_period
    from jianfu.reports.models import Template

    forms_load(actor=None)
    tpl = Template.objects.get(code="mz_dibao_tekun")
    period = latest_closed_period("monthly", timezone.localdate()).id
    sub = services.submission_generate(actor=world.users["village_a"], template=tpl, org_code="450521200206",
                                       period=period)
    services.submission_fill(actor=world.users["village_a"], submission=sub, values={
        "dibao_new_households": "1", "dibao_exit_households": "0", "dibao_fund": "12500",
        "tekun_centralised": "0", "tekun_fund": "3000"})
    services.submission_submit(actor=world.users["village_a"], submission=sub)
    return tpl
