"""Codes from an 'authenticator app' for the journeys, computed as the app would."""

from __future__ import annotations

import time

from allauth.mfa.totp.internal.auth import hotp_value
from playwright.sync_api import Page

from tests.e2e.browser import follow

PERIOD = 30


def current_counter() -> int:
    return int(time.time()) // PERIOD


def totp_code(secret: str, counter: int | None = None) -> str:
    """The 6-digit code for the base32 ``secret`` now (or for ``counter``), with leading zeros."""
    value = hotp_value(secret, current_counter() if counter is None else counter)
    return f"{value:06d}"


def wrong_code(secret: str) -> str:
    """A code that cannot be right in this window (or the next, if the window turns meanwhile)."""
    counter = current_counter()
    taken = {totp_code(secret, counter), totp_code(secret, counter + 1)}
    return next(code for code in ("000000", "111111", "222222") if code not in taken)


def enter_code(page: Page, secret: str, *, label: str, button: str) -> None:
    """Type the current code and submit.

    The server accepts only the current 30-second window (no tolerance). If the window turned
    between computing the code and the server checking it, the code is rejected through no fault
    of the service; a person would type the new code, so we do the same once, and only then.
    """
    for _attempt in range(2):
        counter = current_counter()
        page.get_by_label(label, exact=True).fill(totp_code(secret, counter))
        follow(page.get_by_role("button", name=button, exact=True))
        rejected = page.locator(".govuk-error-summary").count() > 0
        if not rejected or current_counter() == counter:
            return
