"""Staff sessions: a second factor before any workspace page, and an idle timeout."""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from signpost.core.audit import audit_record

LAST_SEEN_KEY = "signpost_staff_last_seen"


class StaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_staff_member:  # type: ignore[union-attr]
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > settings.STAFF_IDLE_TIMEOUT_SECONDS:
                audit_record(actor=user, action="auth.session_timed_out", target=user)  # type: ignore[arg-type]
                logout(request)
                minutes = settings.STAFF_IDLE_TIMEOUT_SECONDS // 60
                messages.info(
                    request, f"You were signed out because you had not used the workspace for {minutes} minutes."
                )
                return redirect(f"{reverse('workspace:sign_in')}?next={request.path}")
            request.session[LAST_SEEN_KEY] = now
            # The authenticator app is the mandatory factor for staff; a security key is extra.
            if request.path.startswith(("/workspace/", "/api/")) and not is_mfa_enabled(
                user, [Authenticator.Type.TOTP]
            ):
                return redirect("mfa_activate_totp")
        return self.get_response(request)
