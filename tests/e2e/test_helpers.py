"""The journeys' own instruments must be able to fail, or a clean run proves nothing."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import validate_totp_code
from playwright.sync_api import Page

from tests.e2e.axe import assert_accessible, axe_violations
from tests.e2e.browser import watch
from tests.e2e.mfa import totp_code, wrong_code
from tests.factories import TEST_TOTP_SECRET

BROKEN_PAGE = "<html><body><img src='x'></body></html>"


def test_axe_fails_on_a_page_with_violations(page: Page) -> None:
    page.set_content(BROKEN_PAGE)
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page, "deliberately broken page")
    message = str(failure.value)
    assert "image-alt (critical)" in message  # the <img> without alt text, with its impact
    assert "html-has-lang" in message
    assert "at img:" in message  # the offending node is named


def test_axe_passes_a_page_without_violations(page: Page) -> None:
    page.set_content('<html lang="en"><head><title>Fine</title></head><body><main><h1>Fine</h1></main></body></html>')
    assert axe_violations(page) == []


def test_browser_watch_reports_console_errors(page: Page) -> None:
    problems = watch(page)
    page.set_content("<html><body></body></html>")
    page.evaluate("() => console.error('something broke')")
    with pytest.raises(pytest.fail.Exception, match="something broke"):
        problems.assert_none("console error page")


def test_totp_code_follows_rfc_6238_with_leading_zeros() -> None:
    # RFC 6238 appendix B, SHA-1 seed, T = 1111111109 s: 07081804, of which an app shows 6 digits.
    rfc_secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert totp_code(rfc_secret, counter=1111111109 // 30) == "081804"


def test_wrong_code_is_refused_by_allauth() -> None:
    assert not validate_totp_code(TEST_TOTP_SECRET, wrong_code(TEST_TOTP_SECRET))


def test_browser_watch_reports_csp_refusals_from_the_live_service(page: Page, site: str) -> None:
    response = page.goto(site)
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]  # CSP is on in tests
    problems = watch(page)
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
        }"""
    )
    assert page.evaluate("() => window.injected === undefined")  # the browser refused to run it
    with pytest.raises(pytest.fail.Exception, match="Content Security Policy"):
        problems.assert_none("inline script")
