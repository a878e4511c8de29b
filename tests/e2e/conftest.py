"""Browser journeys: Debian's Chromium driven by Playwright against Django's live server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.servers.basehttp import WSGIServer
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import CHROMIUM_ARGS, require_chromium, watch

E2E_DIR = Path(__file__).resolve().parent
# Screenshots and HTML of pages where a journey failed (test-results/ is git-ignored).
FAILURES_DIR = E2E_DIR.parents[1] / "test-results" / "e2e"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report


CALL_FAILED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every test in this folder is a browser journey, whether or not its module says so.
    for item in items:
        if E2E_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="package")
def browser(pytestconfig: pytest.Config) -> Iterator[Browser]:
    """One Debian Chromium for the journeys (each test gets its own context).

    Started here rather than through pytest-playwright's session-scoped fixtures, which would look
    for a browser downloaded by `playwright install`, and whose event loop would keep running in the
    main thread for every test after the journeys, breaking their `async_to_sync` calls. Package
    scope ends the loop when the journeys are done.
    """
    executable = require_chromium()
    # Playwright's sync API runs an asyncio event loop in this thread while the browser is open, and
    # Django then refuses ORM calls from it (SynchronousOnlyOperation). The journeys must create
    # people and read the outbox from the test, so lift the guard for exactly that long; setting it
    # for the whole process would also leak into subprocesses (`check --deploy` flags it).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    driver = sync_playwright().start()
    try:
        launched = driver.chromium.launch(
            executable_path=str(executable),
            args=CHROMIUM_ARGS,
            headless=not pytestconfig.getoption("--headed", default=False),
            slow_mo=pytestconfig.getoption("--slowmo", default=0) or 0,
        )
        yield launched
        launched.close()
    finally:
        driver.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    fresh = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    yield fresh
    fresh.close()


@pytest.fixture
def page(context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page watched for console errors and CSP refusals; any left unchecked fail the test here."""
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    problems = watch(opened)
    yield opened
    if request.node.stash.get(CALL_FAILED, False):
        _keep_evidence(opened, request.node.name)
    problems.assert_none("end of the journey")


def _keep_evidence(failed_page: Page, name: str) -> None:
    FAILURES_DIR.mkdir(parents=True, exist_ok=True)
    stem = FAILURES_DIR / "".join(char if char.isalnum() or char in "-_" else "_" for char in name)
    failed_page.screenshot(path=f"{stem}.png", full_page=True)
    Path(f"{stem}.html").write_text(failed_page.content(), encoding="utf-8")


class OneRequestAtATime(WSGIServer):
    """Django's development server without threads, for the live server.

    On SQLite the test database lives in memory and the live server shares the test's one
    connection; the default threaded server lets the browser's parallel requests use it at once
    ("database table is locked"). Serving one request at a time (each response closes the
    connection, which Django does for unthreaded servers) keeps the journeys deterministic.
    """

    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session")
def live_server() -> Iterator[LiveServer]:
    """pytest-django's live server on 127.0.0.1, serving one request at a time."""
    server = LiveServer("127.0.0.1", start=False)
    server.thread.server_class = OneRequestAtATime
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site(live_server: LiveServer) -> str:
    """The running service's base URL. Its database is flushed after each journey; the reference
    organisations and role groups come back with the flush (post_migrate)."""
    return str(live_server.url)
