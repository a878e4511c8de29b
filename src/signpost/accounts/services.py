"""Writes to people's accounts: staff administration and invitations, each audited."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from signpost.accounts.models import User
from signpost.accounts.roles import Role
from signpost.accounts.rules import can_manage_staff_of
from signpost.accounts.tokens import invitation_tokens
from signpost.core.audit import audit_record
from signpost.core.notifications import render_message, send_email
from signpost.organisations.models import Organisation


def _require_scope(actor: Any, organisation: Organisation | None) -> None:
    if not can_manage_staff_of(actor, organisation):
        raise PermissionDenied("You cannot manage staff of this organisation.")


def _set_roles(user: User, roles: Iterable[str]) -> list[str]:
    wanted = sorted({Role(role).value for role in roles})
    if not wanted:
        raise ValidationError("A staff member needs at least one role.")
    user.groups.set(Group.objects.filter(name__in=wanted))
    return wanted


def invitation_url(user: User, base_url: str) -> str:
    path = reverse(
        "accept_invitation",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": invitation_tokens.make_token(user)},
    )
    return base_url.rstrip("/") + path


def staff_invite(
    *,
    actor: Any,
    email: str,
    given_name: str,
    family_name: str,
    organisation: Organisation,
    roles: Iterable[str],
    base_url: str,
) -> User:
    _require_scope(actor, organisation)
    if not organisation.delivers_service:
        raise ValidationError("Partner organisations do not have staff accounts.")
    email = email.strip().lower()
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError("An account with this email address already exists.")
        user = User.objects.create_user(
            email=email, password=None, given_name=given_name, family_name=family_name, organisation=organisation
        )
        granted = _set_roles(user, roles)
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
        audit_record(
            actor=actor,
            action="staff.invited",
            target=user,
            details={"roles": granted, "organisation": organisation.pk},
        )
        subject, body = render_message(
            "accounts/notifications/staff_invitation",
            {"user": user, "inviter": actor, "organisation": organisation, "url": invitation_url(user, base_url)},
        )
        send_email(to=email, subject=subject, body=body, reference=f"accounts.user:{user.pk}")
    return user


def staff_resend_invitation(*, actor: Any, user: User, base_url: str) -> None:
    _require_scope(actor, user.organisation)
    if user.has_usable_password():
        raise ValidationError("This person has already accepted their invitation.")
    with transaction.atomic():
        audit_record(actor=actor, action="staff.invitation_resent", target=user)
        subject, body = render_message(
            "accounts/notifications/staff_invitation",
            {"user": user, "inviter": actor, "organisation": user.organisation, "url": invitation_url(user, base_url)},
        )
        send_email(to=user.email, subject=subject, body=body, reference=f"accounts.user:{user.pk}")


def staff_update(*, actor: Any, user: User, given_name: str, family_name: str, roles: Iterable[str]) -> User:
    _require_scope(actor, user.organisation)
    with transaction.atomic():
        before = sorted(role.value for role in user.roles)
        user.given_name, user.family_name = given_name, family_name
        user.save(update_fields=["given_name", "family_name"])
        after = _set_roles(user, roles)
        if user.pk == actor.pk and Role.SYSTEM_ADMINISTRATOR.value not in after:
            raise ValidationError("You cannot remove your own system administrator role.")
        audit_record(
            actor=actor, action="staff.updated", target=user, details={"roles_before": before, "roles_after": after}
        )
    return user


def end_all_sessions(user: User) -> int:
    sessions = list(UserSession.objects.filter(user=user))
    for session in sessions:
        session.end()
    return len(sessions)


def staff_deactivate(*, actor: Any, user: User, reason: str = "") -> User:
    _require_scope(actor, user.organisation)
    if user.pk == actor.pk:
        raise ValidationError("You cannot deactivate your own account.")
    with transaction.atomic():
        user.is_active = False
        user.deactivated_at = timezone.now()
        user.save(update_fields=["is_active", "deactivated_at"])
        ended = end_all_sessions(user)
        audit_record(
            actor=actor, action="staff.deactivated", target=user, reason=reason, details={"sessions_ended": ended}
        )
    return user


def staff_reactivate(*, actor: Any, user: User) -> User:
    _require_scope(actor, user.organisation)
    with transaction.atomic():
        user.is_active = True
        user.deactivated_at = None
        user.save(update_fields=["is_active", "deactivated_at"])
        audit_record(actor=actor, action="staff.reactivated", target=user)
    return user


def invitation_accept(*, user: User, password: str) -> User:
    """The invited person sets their password; this proves they own the email address."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True, primary=True)
        audit_record(actor=user, action="staff.invitation_accepted", target=user)
    return user
