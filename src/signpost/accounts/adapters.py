"""How allauth fits Signpost: mail through the notifications outbox, staff land in the workspace."""

from __future__ import annotations

import time
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.http import HttpRequest
from django.urls import reverse

from signpost.core.notifications import send_email

FRESH_SIGN_IN_SECONDS = 5 * 60


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        context = {"email": email, **context}
        message = self.render_mail(template_prefix, email, context)
        user_id = getattr(context.get("user"), "pk", None)
        reference = f"accounts.user:{user_id}" if user_id else ""
        send_email(to=email, subject=str(message.subject), body=str(message.body), reference=reference)

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        # Security settings straight after signing in (a staff member's forced set-up, then
        # their recovery codes) need not ask for the password again: a sign-in within the last
        # five minutes is as fresh as allauth's own re-authentication. Later, it asks again.
        required = super().is_reauthentication_required(app=app, **kwargs)
        if not required or app != "allauth.mfa" or self.request is None:
            return required
        user = self.request.user
        if not user.is_authenticated:
            return required
        records = get_authentication_records(self.request, user)
        return not (records and time.time() - records[-1]["at"] < FRESH_SIGN_IN_SECONDS)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        if getattr(request.user, "is_staff_member", False):
            return reverse("workspace:home")
        return super().get_login_redirect_url(request)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Any) -> bool:
        # A second factor is mandatory for staff; they may replace their app but never remove it.
        # A security key is an extra they may remove, as long as the app is still there.
        user = authenticator.user
        if not user.is_staff_member:
            return True
        if authenticator.type != Authenticator.Type.WEBAUTHN:
            return False
        return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()
