"""Debian's Chromium for the journeys, and a watch on what the browser itself complains about."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Error, Locator, Page

CHROMIUM = Path("/usr/bin/chromium")
# We run as root in a container, so no sandbox; the rest stop Chromium reaching for the internet
# (updates, sync, field trials) when the journeys must touch nothing beyond loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser journeys need Debian's Chromium at {CHROMIUM}; `make chromium` (or `make test`) "
            "installs it. Playwright's own browsers are not used.",
            pytrace=False,
        )
    return CHROMIUM


@dataclass
class BrowserProblems:
    """Console errors, CSP refusals and uncaught exceptions seen on one page, with where they happened."""

    page: Page
    seen: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("console", self._on_console)
        self.page.on("pageerror", self._on_page_error)

    def _on_console(self, message: ConsoleMessage) -> None:
        # Chromium reports a CSP refusal as a console message; the securitypolicyviolation event
        # never reaches Python, so the message text is how we see it (whatever its level).
        if message.type == "error" or "Content Security Policy" in message.text:
            source = message.location.get("url") or ""
            where = f" ({source})" if source and source != self.page.url else ""
            self.seen.append(f"console {message.type} on {self.page.url}: {message.text}{where}")

    def _on_page_error(self, error: Error) -> None:
        self.seen.append(f"uncaught exception on {self.page.url}: {error.message}")

    def assert_none(self, context_label: str = "") -> None:
        if self.seen:
            problems, self.seen = list(dict.fromkeys(self.seen)), []
            where = f" ({context_label})" if context_label else ""
            listed = "\n".join(f"  - {problem}" for problem in problems)
            pytest.fail(f"The browser reported problems{where}:\n{listed}", pytrace=False)


_watched: weakref.WeakKeyDictionary[Page, BrowserProblems] = weakref.WeakKeyDictionary()


def watch(page: Page) -> BrowserProblems:
    problems = _watched.get(page)
    if problems is None:
        problems = _watched[page] = BrowserProblems(page)
    return problems


def assert_no_browser_problems(page: Page, context_label: str = "") -> None:
    """Fail if the page has logged a console error or CSP refusal since the last check."""
    problems = _watched.get(page)
    if problems is not None:
        problems.assert_none(context_label)


def follow(locator: Locator) -> None:
    """Click a link or button and wait until the page it leads to has loaded."""
    with locator.page.expect_navigation(wait_until="load"):
        locator.click()
