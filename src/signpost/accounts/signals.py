"""Audit of sign-in, sign-out, failed sign-in and changes to second factors."""

from __future__ import annotations

from typing import Any

from allauth.account.signals import password_changed, password_reset, user_logged_in, user_logged_out
from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from signpost.core.audit import audit_record


@receiver(user_logged_in)
def audit_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(actor=user, action="auth.signed_in", target=user)


@receiver(user_logged_out)
def audit_sign_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(actor=user, action="auth.signed_out", target=user)


@receiver(user_login_failed)
def audit_failed_sign_in(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    # Record the account when it exists; never store the typed email of an unknown one.
    identifier = credentials.get("email") or credentials.get("username") or ""
    account = get_user_model().objects.filter(email__iexact=identifier).first() if identifier else None
    audit_record(
        actor=None,
        action="auth.sign_in_failed",
        object_type="accounts.user" if account else "",
        object_id=str(account.pk) if account else "",
    )


@receiver(authenticator_added)
def audit_authenticator_added(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    audit_record(actor=user, action="mfa.added", target=user, details={"type": authenticator.type})


@receiver(authenticator_removed)
def audit_authenticator_removed(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    audit_record(actor=user, action="mfa.removed", target=user, details={"type": authenticator.type})


@receiver(authenticator_reset)
def audit_authenticator_reset(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    audit_record(actor=user, action="mfa.recovery_codes_reset", target=user, details={"type": authenticator.type})


@receiver(password_changed)
def audit_password_changed(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(actor=user, action="auth.password_changed", target=user)


@receiver(password_reset)
def audit_password_reset(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(actor=user, action="auth.password_reset", target=user)
