"""Writes for the customer's online space: linking an account to a record (by a code or an
adviser's invitation), unlinking, and the customer changing their own contact details.

Each runs in one transaction with its audit event. Where a failed try must count (a wrong code, a
wrong date of birth), it is committed first and the refusal raised afterwards, so a refusal can
never roll back the count that limits guessing.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from signpost.core.audit import audit_record
from signpost.core.models import Notification
from signpost.core.notifications import render_message, send_email, send_sms
from signpost.customers import selectors as customer_selectors
from signpost.customers import services as customer_services
from signpost.customers.models import ContactDetails, Customer
from signpost.space import rules, selectors
from signpost.space.models import AccountInvitation, AccountLink, LinkMethod, LinkRequest, SavedItem

CODE_SALT = "signpost.space.link_code"


def _require_customer(actor: Any) -> None:
    if not rules.is_customer_account(actor):
        raise PermissionDenied("Only a customer's own online account can be linked to their record.")


def _require_staff(actor: Any) -> None:
    if not getattr(actor, "is_authenticated", False) or getattr(actor, "organisation_id", None) is None:
        raise PermissionDenied("Only staff can invite a customer to an online account.")


# Linking by date of birth and a code -----------------------------------------------------------


def link_request_start(*, actor: Any, date_of_birth: datetime.date) -> LinkRequest:
    """Check the date of birth against a live record with the account's (verified) email.

    Always stores the try, matched or not, so the daily limit counts both. The returned request's
    ``customer`` is empty when nothing matched: show rules.NOT_MATCHED, whatever the reason.
    """
    _require_customer(actor)
    now = timezone.now()
    with transaction.atomic():
        # One account's tries are counted one at a time.
        get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
        tries = LinkRequest.objects.filter(user=actor, created_at__gt=now - rules.CHECK_WINDOW).count()
        if not rules.checks_left(tries):
            audit_record(actor=actor, action="space.link_refused", details={"reason": "too_many_checks"})
            refused = True
        else:
            refused = False
            match = None
            if not AccountLink.objects.filter(user=actor).exists() and rules.email_verified(actor):
                contact = (
                    ContactDetails.objects.select_related("customer")
                    .filter(email=actor.email.lower(), customer__terminated_at__isnull=True)
                    .first()
                )
                if (
                    contact is not None
                    and rules.record_matches(contact.customer, contact, email=actor.email, date_of_birth=date_of_birth)
                    and not AccountLink.objects.filter(customer=contact.customer).exists()
                ):
                    match = contact.customer
            request = LinkRequest.objects.create(user=actor, customer=match, created_at=now)
            audit_record(
                actor=actor,
                action="space.link_checked",
                target=match,
                object_type="" if match else LinkRequest._meta.label_lower,
                object_id="" if match else str(request.pk),
                details={"request": request.pk, "matched": match is not None},
            )
    if refused:
        raise rules.LinkRefused(
            "You have tried too many times today. Try again tomorrow, or contact us and an adviser will help "
            "you link your account.",
            code="too_many_checks",
        )
    return request


def _code_hash(request: LinkRequest, code: str, secret: str | None = None) -> str:
    return salted_hmac(CODE_SALT, f"{request.pk}:{code}", secret=secret, algorithm="sha256").hexdigest()


def _code_matches(request: LinkRequest, code: str) -> bool:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(request.code_hash, _code_hash(request, code, key)) for key in keys)


def link_code_send(*, actor: Any, link_request: LinkRequest, channel: str) -> LinkRequest:
    """Send a new one-time code to the record's email or mobile (a resend replaces the old code)."""
    _require_customer(actor)
    now = timezone.now()
    with transaction.atomic():
        locked = LinkRequest.objects.select_for_update().filter(pk=link_request.pk, user=actor).first()
        if locked is None or not rules.request_open(locked, now):
            raise rules.LinkRefused("This request has ended. Start again.", code="ended")
        rules.validate_code_send(locked, now)
        customer = Customer.objects.select_related("contact_details").get(pk=locked.customer_id or 0)
        destinations = dict(selectors.code_destinations(customer))
        if channel not in destinations:
            raise ValidationError({"channel": "Select where to send the code"})
        contact = customer.contact_details
        code = f"{secrets.randbelow(10**rules.CODE_DIGITS):0{rules.CODE_DIGITS}d}"
        locked.channel = channel
        locked.code_hash = _code_hash(locked, code)
        locked.code_sent_at = now
        locked.code_expires_at = now + rules.CODE_LIFETIME
        locked.codes_sent += 1
        locked.failed_attempts = 0
        locked.save()
        context = {"code": code, "minutes": int(rules.CODE_LIFETIME.total_seconds() // 60)}
        reference = f"space.link_request:{locked.pk}"
        if channel == Notification.Channel.SMS:
            _, body = render_message("space/messages/link_code_sms", context)
            send_sms(to=contact.mobile, body=body, reference=reference, about=customer)
        else:
            subject, body = render_message("space/messages/link_code", context)
            send_email(to=contact.email, subject=subject, body=body, reference=reference, about=customer)
        audit_record(
            actor=actor,
            action="space.link_code_sent",
            target=customer,
            details={"request": locked.pk, "channel": channel, "sends": locked.codes_sent},
        )
    return locked


def _link(*, actor: Any, customer: Customer, method: str, now: datetime.datetime) -> AccountLink:
    """The link itself; one account ↔ one record, checked under lock and by the unique constraints."""
    locked = Customer.objects.select_for_update().get(pk=customer.pk)
    if (
        locked.is_terminated
        or AccountLink.objects.filter(customer=locked).exists()
        or AccountLink.objects.filter(user=actor).exists()
    ):
        raise rules.LinkRefused(rules.NOT_MATCHED, code="not_matched")
    try:
        with transaction.atomic():
            link = AccountLink.objects.create(customer=locked, user=actor, method=method, linked_at=now)
    except IntegrityError:
        raise rules.LinkRefused(rules.NOT_MATCHED, code="not_matched") from None
    audit_record(actor=actor, action="space.account_linked", target=locked, details={"method": method})
    return link


def link_code_confirm(*, actor: Any, link_request: LinkRequest, code: str) -> AccountLink:
    """Link the account when the code is right; count a wrong one (committed) and refuse."""
    _require_customer(actor)
    now = timezone.now()
    typed = "".join((code or "").split())
    refusal: ValidationError | None = None
    link: AccountLink | None = None
    with transaction.atomic():
        locked = LinkRequest.objects.select_for_update().filter(pk=link_request.pk, user=actor).first()
        if locked is None or not rules.request_open(locked, now):
            raise rules.LinkRefused("This request has ended. Start again.", code="ended")
        rules.validate_code_entry(locked, now)
        if not (typed.isdigit() and len(typed) == rules.CODE_DIGITS and _code_matches(locked, typed)):
            locked.failed_attempts += 1
            locked.save(update_fields=["failed_attempts"])
            audit_record(
                actor=actor,
                action="space.link_code_wrong",
                object_type=LinkRequest._meta.label_lower,
                object_id=str(locked.pk),
                details={"attempt": locked.failed_attempts},
            )
            left = rules.CODE_ATTEMPTS - locked.failed_attempts
            if left:
                refusal = rules.LinkRefused(
                    f"The code is not right. Check it and try again (you have {left} more "
                    f"{'try' if left == 1 else 'tries'}).",
                    code="wrong_code",
                )
            else:
                refusal = rules.LinkRefused(
                    "You have entered the wrong code too many times. Ask for a new code.", code="too_many"
                )
        else:
            locked.completed_at = now
            locked.code_hash = ""
            locked.save(update_fields=["completed_at", "code_hash"])
            link = _link(actor=actor, customer=Customer(pk=locked.customer_id), method=LinkMethod.CODE, now=now)
    if link is None:
        raise refusal or rules.LinkRefused(rules.NOT_MATCHED, code="not_matched")
    return link


def account_unlink(*, actor: Any) -> Customer:
    """The customer ends the link; the record stays as it is and advisers keep using it."""
    _require_customer(actor)
    with transaction.atomic():
        link = AccountLink.objects.select_for_update().select_related("customer").filter(user=actor).first()
        if link is None:
            raise rules.LinkRefused("Your account is not linked to an advice record.", code="not_linked")
        customer = link.customer
        link.delete()
        audit_record(actor=actor, action="space.account_unlinked", target=customer)
    return customer


# Invitations from an adviser -----------------------------------------------------------------


def invitation_token(invitation: AccountInvitation) -> str:
    return signing.dumps([invitation.pk, invitation.nonce], salt=selectors.INVITATION_TOKEN_SALT)


def invitation_url(invitation: AccountInvitation, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("portal:invitation", kwargs={"token": invitation_token(invitation)})


def invitation_send(*, actor: Any, customer: Customer, base_url: str) -> AccountInvitation:
    """Email the customer a link to create (or sign in to) an account and link it to this record.

    Needs an email on the record and the customer's permission to be emailed; a new invitation
    withdraws any earlier one, so only the newest link works.
    """
    _require_staff(actor)
    now = timezone.now()
    with transaction.atomic():
        locked = Customer.objects.select_for_update().get(pk=customer.pk)
        contact = customer_selectors.contact_details_of(locked)
        refusal = rules.invitation_refusal(locked, contact, linked=AccountLink.objects.filter(customer=locked).exists())
        if refusal:
            raise ValidationError(refusal, code="not_invitable")
        AccountInvitation.objects.filter(customer=locked, accepted_at__isnull=True, withdrawn_at__isnull=True).update(
            withdrawn_at=now
        )
        invitation = AccountInvitation.objects.create(
            customer=locked,
            email=contact.email if contact else "",
            nonce=secrets.token_urlsafe(24),
            invited_by=actor,
            invited_at=now,
            expires_at=now + rules.INVITATION_LIFETIME,
        )
        subject, body = render_message(
            "space/messages/invitation",
            {
                "customer": locked,
                "url": invitation_url(invitation, base_url),
                "days": rules.INVITATION_LIFETIME.days,
            },
        )
        send_email(
            to=invitation.email, subject=subject, body=body, reference=f"space.invitation:{invitation.pk}", about=locked
        )
        audit_record(actor=actor, action="space.invitation_sent", target=locked, details={"invitation": invitation.pk})
    return invitation


def invitation_accept(*, actor: Any, invitation: AccountInvitation, date_of_birth: datetime.date) -> AccountLink:
    """Link the signed-in account to the invited record when the date of birth matches."""
    _require_customer(actor)
    now = timezone.now()
    refusal: ValidationError | None = None
    link: AccountLink | None = None
    with transaction.atomic():
        locked = AccountInvitation.objects.select_for_update().select_related("customer").get(pk=invitation.pk)
        if not rules.invitation_open(locked, now):
            raise rules.LinkRefused(
                "This invitation has expired or has already been used. Ask your adviser for a new one.",
                code="invitation_closed",
            )
        customer = locked.customer
        if customer.is_terminated or customer.date_of_birth != date_of_birth:
            locked.failed_attempts += 1
            locked.save(update_fields=["failed_attempts"])
            audit_record(
                actor=actor,
                action="space.invitation_check_failed",
                target=customer,
                details={"invitation": locked.pk, "attempt": locked.failed_attempts},
            )
            refusal = rules.LinkRefused(rules.NOT_MATCHED, code="not_matched")
        else:
            link = _link(actor=actor, customer=customer, method=LinkMethod.INVITATION, now=now)
            locked.accepted_at = now
            locked.accepted_by = actor
            locked.save(update_fields=["accepted_at", "accepted_by"])
    if link is None:
        raise refusal or rules.LinkRefused(rules.NOT_MATCHED, code="not_matched")
    return link


# The customer's own contact details --------------------------------------------------------------


def my_contact_details_set(*, actor: Any, **fields: Any) -> ContactDetails:
    """The linked customer changes their contact details and preferences, through the same service
    (and so the same rules) advisers use. The email stays the record's: it is how the account was
    matched, and a new address would need proving first."""
    _require_customer(actor)
    customer = selectors.linked_customer(actor)
    if customer is None:
        raise PermissionDenied("Your account is not linked to an advice record.")
    if "email" in fields:
        raise TypeError("The email address is not changed from the online space.")
    contact = customer_selectors.contact_details_of(customer)
    return customer_services.contact_details_set(
        actor=actor, customer=customer, email=contact.email if contact else "", **fields
    )


# Things saved to the online space -------------------------------------------------------------


def saved_item_save(*, actor: Any, kind: str, key: str, title: str, path: str) -> SavedItem:
    """Keep something in the person's online space. Saving it again refreshes its title and path
    (the profile or course may have been renamed) and leaves one row."""
    if not rules.is_customer_account(actor):
        raise PermissionDenied("Only a signed-in customer can save things to an online space.")
    if kind not in SavedItem.Kind.values:
        raise ValueError(f"Unknown kind of saved item: {kind}")
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError("A saved item opens a page on this site, so its path starts with one '/'.")
    with transaction.atomic():
        saved, created = SavedItem.objects.update_or_create(
            user=actor,
            kind=kind,
            key=key,
            defaults={"title": title[:300], "path": path, "saved_at": timezone.now()},
        )
        if created:
            audit_record(actor=actor, action="space.item_saved", target=saved, details={"kind": kind})
    return saved


def saved_item_remove(*, actor: Any, kind: str, key: str) -> None:
    """Take something out of the person's online space; removing what is not there does nothing."""
    if not rules.is_customer_account(actor):
        raise PermissionDenied("Only a signed-in customer can change an online space.")
    with transaction.atomic():
        saved = SavedItem.objects.select_for_update().filter(user=actor, kind=kind, key=key).first()
        if saved is None:
            return
        audit_record(actor=actor, action="space.item_removed", target=saved, details={"kind": kind})
        saved.delete()
