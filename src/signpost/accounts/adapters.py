"""How allauth fits Signpost: mail through the notifications outbox, staff land in the workspace."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest
from django.urls import reverse

from signpost.core.notifications import send_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        context = {"email": email, **context}
        message = self.render_mail(template_prefix, email, context)
        user = context.get("user")
        reference = f"accounts.user:{user.pk}" if getattr(user, "pk", None) else ""
        send_email(to=email, subject=str(message.subject), body=str(message.body), reference=reference)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        if getattr(request.user, "is_staff_member", False):
            return reverse("workspace:home")
        return super().get_login_redirect_url(request)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Any) -> bool:
        # A second factor is mandatory for staff; they may replace it but never remove it.
        return not authenticator.user.is_staff_member
