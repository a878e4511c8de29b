"""axe-core against the page the journey is on (quality.md: 0 violations, WCAG 2.2 AA tags)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.e2e.browser import assert_no_browser_problems

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@cache
def _axe_source() -> str:
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is missing at {AXE_SCRIPT}; run `npm ci` (or `make install-dev`).", pytrace=False)
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.wait_for_load_state("load")
    # Evaluated over the DevTools protocol rather than added as a <script>: our CSP refuses inline
    # scripts and the journeys keep CSP on, so this is the one way in that does not weaken it.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)


def assert_accessible(page: Page, context_label: str) -> None:
    """Fail listing each axe violation on the current page; also fail on console errors so far."""
    violations = axe_violations(page)
    if violations:
        pytest.fail(
            f"axe found {len(violations)} violation(s) on {context_label!r} ({page.url}):\n{describe(violations)}",
            pytrace=False,
        )
    assert_no_browser_problems(page, context_label)
