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
# Saving the session on every request costs a write per page; a minute's precision on a 30-minute
# idle timeout is plenty.
LAST_SEEN_PRECISION_SECONDS = 60
# Set once the staff member is seen to have the authenticator app, so later requests need not ask
# the database again. Staff cannot remove the app, and deactivation ends every session.
HAS_AUTHENTICATOR_KEY = "signpost_staff_has_authenticator"


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
            if last_seen is None or now - last_seen >= LAST_SEEN_PRECISION_SECONDS:
                request.session[LAST_SEEN_KEY] = now
            # The authenticator app is the mandatory factor for staff; a security key is extra.
            if request.path.startswith(("/workspace/", "/api/")) and not self._has_authenticator(request):
                return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _has_authenticator(request: HttpRequest) -> bool:
        if request.session.get(HAS_AUTHENTICATOR_KEY):
            return True
        if not is_mfa_enabled(request.user, [Authenticator.Type.TOTP]):
            return False
        request.session[HAS_AUTHENTICATOR_KEY] = True
        return True
