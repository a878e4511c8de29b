"""Small helpers for sign-in tests: TOTP codes and links in outbox messages."""

from __future__ import annotations

import re
import time

from allauth.mfa.totp.internal.auth import hotp_value

from signpost.core.models import Notification


def totp_code(secret: str, offset: int = 0) -> str:
    """The authenticator code for ``secret`` now (``offset`` steps of 30 s away)."""
    return f"{hotp_value(secret, int(time.time()) // 30 + offset):06d}"


def latest_message_to(address: str) -> Notification:
    return Notification.objects.filter(recipient=address).order_by("-created_at").first()  # type: ignore[return-value]


def link_in(body: str) -> str:
    """The path of the first link to this service in a plain-text message."""
    match = re.search(r"https?://[^/\s]+(/\S+)", body)
    assert match, f"no link in message: {body!r}"
    return match.group(1)


def secret_on(html: str) -> str:
    """The authenticator setup key shown on the set-up page."""
    match = re.search(r'id="authenticator-secret">([A-Z2-7]+)<', html)
    assert match, "no setup key on the page"
    return match.group(1)
