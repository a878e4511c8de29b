"""Reads for the customer's online space."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from signpost.contacts.models import Interaction, InteractionSummarySent
from signpost.contacts.selectors import Cursor
from signpost.core.models import Notification
from signpost.customers.models import Customer
from signpost.space import rules
from signpost.space.models import AccountInvitation, AccountLink, LinkRequest, SavedItem

MY_CONTACTS_PAGE_SIZE = 10
# Namespaces the signature of invitation links (not a secret: the site's secret key signs them).
INVITATION_TOKEN_SALT = "signpost.space.invitation"  # noqa: S105


def linked_customer(user: Any) -> Customer | None:
    """The live customer record linked to this signed-in online account, or None.

    The one way every customer-facing page finds "my record": staff accounts, anonymous visitors,
    unlinked accounts and terminated records all give None.
    """
    if user is None or not getattr(user, "is_authenticated", False) or getattr(user, "organisation_id", None):
        return None
    return (
        Customer.objects.filter(online_account_link__user=user, terminated_at__isnull=True)
        .select_related("contact_details")
        .first()
    )


def account_link_of(user: Any) -> AccountLink | None:
    """The account's link, whatever the state of the record (the account page says if it ended)."""
    if not rules.is_customer_account(user):
        return None
    return AccountLink.objects.filter(user=user).select_related("customer").first()


def open_link_request(user: Any) -> LinkRequest | None:
    """The account's latest matched link request that can still send or take a code."""
    if not rules.is_customer_account(user):
        return None
    request = LinkRequest.objects.filter(user=user).order_by("-created_at", "-id").first()
    if request is None or not rules.request_open(request):
        return None
    return request


def code_destinations(customer: Customer) -> list[tuple[str, str]]:
    """Where a link code can go, as (channel, what the customer is shown): the record's email and
    mobile, whichever it has."""
    try:
        contact = customer.contact_details
    except Customer.contact_details.RelatedObjectDoesNotExist:
        return []
    destinations = []
    if contact.email:
        destinations.append((str(Notification.Channel.EMAIL), f"Email to {rules.mask_email(contact.email)}"))
    if contact.mobile:
        destinations.append(
            (str(Notification.Channel.SMS), f"Text message to your mobile {rules.mask_phone(contact.mobile)}")
        )
    return destinations


def invitation_from_token(token: str) -> AccountInvitation | None:
    """The invitation a signed link names, if the signature holds and it is the newest one sent;
    None for a forged, mangled or stale link (whether it is still open is rules.invitation_open)."""
    try:
        pk, nonce = signing.loads(token, salt=INVITATION_TOKEN_SALT, max_age=rules.INVITATION_LIFETIME)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    invitation = AccountInvitation.objects.filter(pk=pk).select_related("customer").first()
    if invitation is None or not isinstance(nonce, str) or invitation.nonce != nonce:
        return None
    return invitation


# The customer record page in the workspace ----------------------------------------------------


@dataclass(frozen=True)
class OnlineAccountStatus:
    linked_at: datetime.datetime | None
    invited_at: datetime.datetime | None

    @property
    def text(self) -> str:
        if self.linked_at is not None:
            return f"Linked since {timezone.localtime(self.linked_at):%-d %B %Y}"
        if self.invited_at is not None:
            return f"Invited on {timezone.localtime(self.invited_at):%-d %B %Y}"
        return "None"


def with_online_account(customers: QuerySet[Customer]) -> QuerySet[Customer]:
    """The record query for a staff page, carrying what online_account_status needs, so showing the
    online account costs no query of its own (the record page has a query budget)."""
    latest_open_invitation = AccountInvitation.objects.filter(
        customer=OuterRef("pk"), accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-invited_at", "-id")
    return customers.select_related("online_account_link").annotate(
        online_account_invited_at=Subquery(latest_open_invitation.values("invited_at")[:1])
    )


def online_account_status(customer: Customer) -> OnlineAccountStatus:
    try:
        link: AccountLink | None = customer.online_account_link
    except Customer.online_account_link.RelatedObjectDoesNotExist:
        link = None
    if hasattr(customer, "online_account_invited_at"):
        invited_at = customer.online_account_invited_at
    else:
        invitation = (
            AccountInvitation.objects.filter(
                customer=customer,
                accepted_at__isnull=True,
                withdrawn_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .order_by("-invited_at", "-id")
            .first()
        )
        invited_at = invitation.invited_at if invitation else None
    return OnlineAccountStatus(linked_at=link.linked_at if link else None, invited_at=invited_at)


# The customer's contacts, as they see them ------------------------------------------------------


@dataclass(frozen=True)
class MyContactsPage:
    entries: list[Interaction]
    older: Cursor | None
    newer: Cursor | None


def _my_contacts(customer: Customer) -> QuerySet[Interaction]:
    written = ~Q(summary="") | ~Q(transcript="")
    return (
        Interaction.objects.filter(written, customer=customer)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("summaries_sent", queryset=InteractionSummarySent.objects.order_by("-sent_at", "-id"))
        )
    )


def my_contacts(
    customer: Customer,
    *,
    after: Cursor | None = None,
    before: Cursor | None = None,
    page_size: int = MY_CONTACTS_PAGE_SIZE,
) -> MyContactsPage:
    """One page of the customer's contacts that have a summary or transcript, newest first (keyset
    paging on the timeline index, as the workspace's timeline does)."""
    queryset = _my_contacts(customer)
    if before is not None:
        newer_than = Q(occurred_at__gt=before.occurred_at) | Q(occurred_at=before.occurred_at, id__gt=before.pk)
        rows = list(queryset.filter(newer_than).order_by("occurred_at", "id")[: page_size + 1])
        if len(rows) <= page_size:
            return my_contacts(customer, page_size=page_size)
        entries = rows[:page_size]
        entries.reverse()
        return MyContactsPage(entries, older=Cursor.of(entries[-1]), newer=Cursor.of(entries[0]))
    if after is not None:
        queryset = queryset.filter(
            Q(occurred_at__lt=after.occurred_at) | Q(occurred_at=after.occurred_at, id__lt=after.pk)
        )
    rows = list(queryset.order_by("-occurred_at", "-id")[: page_size + 1])
    entries = rows[:page_size]
    older = Cursor.of(entries[-1]) if len(rows) > page_size else None
    newer = Cursor.of(entries[0]) if after is not None and entries else None
    return MyContactsPage(entries, older=older, newer=newer)


def my_contact(customer: Customer, pk: int) -> Interaction | None:
    """One of the customer's own contacts with a summary or transcript; None for anyone else's."""
    return _my_contacts(customer).filter(pk=pk).first()


def saved_items(user: Any, kind: str | None = None) -> list[SavedItem]:
    """What this person saved, newest first within each kind, kinds in their listed order."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    found = SavedItem.objects.filter(user=user)
    if kind is not None:
        found = found.filter(kind=kind)
    order = {value: position for position, value in enumerate(SavedItem.Kind.values)}
    return sorted(found.order_by("-saved_at", "-pk"), key=lambda saved: order[saved.kind])


def is_saved(user: Any, kind: str, key: str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return SavedItem.objects.filter(user=user, kind=kind, key=key).exists()
