"""The rules of linking an account to a record, invitations and the customer's own changes."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from signpost.core.models import AuditEvent, Notification
from signpost.customers import codes
from signpost.customers import services as customer_services
from signpost.space import rules, selectors, services
from signpost.space.models import AccountInvitation, AccountLink, LinkRequest
from signpost.space.tests.conftest import BORN, EMAIL
from tests.factories import CustomerFactory, make_customer

pytestmark = pytest.mark.django_db


def _code(channel: str = "email") -> str:
    message = Notification.objects.filter(channel=channel).order_by("-created_at").first()
    assert message is not None
    return re.search(r"\b(\d{6})\b", message.body).group(1)  # type: ignore[union-attr]


def _matched(account: Any) -> LinkRequest:
    request = services.link_request_start(actor=account, date_of_birth=BORN)
    assert request.customer_id is not None
    return request


def _sent(account: Any, channel: str = "email") -> LinkRequest:
    return services.link_code_send(actor=account, link_request=_matched(account), channel=channel)


# Matching the record ---------------------------------------------------------------------------


def test_email_and_date_of_birth_of_a_live_record_match(account: Any, record: Any) -> None:
    request = services.link_request_start(actor=account, date_of_birth=BORN)
    assert request.customer == record
    event = AuditEvent.objects.filter(action="space.link_checked").get()
    assert event.actor == account and event.details == {"request": request.pk, "matched": True}


def test_a_wrong_date_of_birth_matches_nothing(account: Any, record: Any) -> None:
    request = services.link_request_start(actor=account, date_of_birth=datetime.date(1990, 5, 15))
    assert request.customer is None
    assert selectors.open_link_request(account) is None


def test_an_account_with_another_email_matches_nothing(record: Any) -> None:
    other = make_customer(email="someone.else@example.com")
    assert services.link_request_start(actor=other, date_of_birth=BORN).customer is None


def test_an_unverified_email_matches_nothing(account: Any, record: Any) -> None:
    EmailAddress.objects.filter(user=account).update(verified=False)
    assert services.link_request_start(actor=account, date_of_birth=BORN).customer is None


def test_a_terminated_record_cannot_be_linked(account: Any, record: Any, adviser: Any) -> None:
    customer_services.customer_terminate(actor=adviser, customer=record, reason=codes.TerminationReason.DECEASED)
    assert services.link_request_start(actor=account, date_of_birth=BORN).customer is None


def test_a_record_already_linked_matches_nothing(account: Any, record: Any) -> None:
    AccountLink.objects.create(customer=record, user=make_customer(), method="code", linked_at=timezone.now())
    assert services.link_request_start(actor=account, date_of_birth=BORN).customer is None


def test_staff_cannot_link_their_account(record: Any, adviser: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.link_request_start(actor=adviser, date_of_birth=BORN)


def _backdate(queryset: Any, **fields: datetime.timedelta) -> None:
    """Move stored times into the past (as if that long had gone by)."""
    for row in queryset:
        for name, by in fields.items():
            setattr(row, name, getattr(row, name) - by)
        row.save(update_fields=list(fields))


def test_five_dates_of_birth_a_day_then_refused_even_the_right_one(account: Any, record: Any) -> None:
    for day in range(1, 6):
        services.link_request_start(actor=account, date_of_birth=datetime.date(1990, 1, day))
    with pytest.raises(ValidationError) as refused:
        services.link_request_start(actor=account, date_of_birth=BORN)
    assert refused.value.code == "too_many_checks"
    assert LinkRequest.objects.filter(user=account).count() == 5
    assert AuditEvent.objects.filter(action="space.link_refused", actor=account).count() == 1
    # A day later the tries are forgotten.
    _backdate(LinkRequest.objects.filter(user=account), created_at=rules.CHECK_WINDOW)
    assert services.link_request_start(actor=account, date_of_birth=BORN).customer == record


# The code ----------------------------------------------------------------------------------------


def test_the_code_goes_to_the_record_s_email_and_only_its_hash_is_kept(account: Any, record: Any) -> None:
    request = _sent(account)
    message = Notification.objects.get(channel="email")
    assert message.recipient == EMAIL
    code = _code()
    assert code not in request.code_hash and len(request.code_hash) == 64
    assert request.code_expires_at == request.code_sent_at + rules.CODE_LIFETIME


def test_the_code_can_go_to_the_record_s_mobile(account: Any, record: Any) -> None:
    _sent(account, "sms")
    assert Notification.objects.get(channel="sms").recipient == "+447700900456"


def test_a_channel_the_record_lacks_is_refused(account: Any, record: Any, adviser: Any) -> None:
    customer_services.contact_details_set(
        actor=adviser,
        customer=record,
        preferred_method=codes.ContactMethod.EMAIL,
        email=EMAIL,
        may_contact_by_email=True,
    )
    with pytest.raises(ValidationError) as refused:
        services.link_code_send(actor=account, link_request=_matched(account), channel="sms")
    assert refused.value.message_dict == {"channel": ["Select where to send the code"]}


def test_the_right_code_links_the_account(account: Any, record: Any) -> None:
    request = _sent(account)
    link = services.link_code_confirm(actor=account, link_request=request, code=f" {_code()[:3]} {_code()[3:]} ")
    assert link.customer == record and link.user == account and link.method == "code"
    assert selectors.linked_customer(account) == record
    request.refresh_from_db()
    assert request.completed_at is not None and request.code_hash == ""
    assert AuditEvent.objects.filter(action="space.account_linked", object_id=str(record.pk)).count() == 1


def test_a_wrong_code_is_counted_and_five_end_the_code(account: Any, record: Any) -> None:
    request = _sent(account)
    right = _code()
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationError) as refused:
            services.link_code_confirm(actor=account, link_request=request, code=wrong)
        assert refused.value.code == "wrong_code"
        assert f"you have {left} more" in refused.value.message
    with pytest.raises(ValidationError) as refused:
        services.link_code_confirm(actor=account, link_request=request, code=wrong)
    assert refused.value.code == "too_many"
    with pytest.raises(ValidationError) as refused:
        services.link_code_confirm(actor=account, link_request=request, code=right)
    assert refused.value.code == "too_many"
    assert not AccountLink.objects.exists()
    assert LinkRequest.objects.get(pk=request.pk).failed_attempts == 5


def test_a_code_expires_fifteen_minutes_after_it_was_sent(account: Any, record: Any) -> None:
    request = _sent(account)
    sent = request.code_sent_at
    assert sent is not None
    assert not rules.code_expired(request, sent + datetime.timedelta(minutes=14, seconds=59))
    assert rules.code_expired(request, sent + datetime.timedelta(minutes=15))
    _backdate(
        LinkRequest.objects.filter(pk=request.pk), code_sent_at=rules.CODE_LIFETIME, code_expires_at=rules.CODE_LIFETIME
    )
    with pytest.raises(ValidationError) as refused:
        services.link_code_confirm(actor=account, link_request=request, code=_code())
    assert refused.value.code == "expired"
    assert not AccountLink.objects.exists()


def test_a_code_works_until_it_expires(account: Any, record: Any) -> None:
    request = _sent(account)
    _backdate(
        LinkRequest.objects.filter(pk=request.pk), code_expires_at=rules.CODE_LIFETIME - datetime.timedelta(seconds=5)
    )
    services.link_code_confirm(actor=account, link_request=request, code=_code())
    assert AccountLink.objects.filter(user=account, customer=record).exists()


def test_resending_waits_a_minute_replaces_the_code_and_stops_at_three(account: Any, record: Any) -> None:
    request = _sent(account)
    first = _code()
    sent = request.code_sent_at
    assert sent is not None
    assert rules.resend_wait(request, sent + datetime.timedelta(seconds=30)) == datetime.timedelta(seconds=30)
    assert not rules.resend_wait(request, sent + rules.RESEND_INTERVAL)
    with pytest.raises(ValidationError) as refused:
        services.link_code_send(actor=account, link_request=request, channel="email")
    assert refused.value.code == "too_soon" and "before asking for another code" in refused.value.message
    minute = LinkRequest.objects.filter(pk=request.pk)
    _backdate(minute, code_sent_at=rules.RESEND_INTERVAL)
    request = services.link_code_send(actor=account, link_request=request, channel="sms")
    _backdate(minute, code_sent_at=rules.RESEND_INTERVAL)
    request = services.link_code_send(actor=account, link_request=request, channel="email")
    assert request.codes_sent == 3
    _backdate(minute, code_sent_at=rules.RESEND_INTERVAL)
    with pytest.raises(ValidationError) as refused:
        services.link_code_send(actor=account, link_request=request, channel="email")
    assert refused.value.code == "too_many_codes"
    latest = _code()
    if latest != first:  # one in a million they are the same
        with pytest.raises(ValidationError):
            services.link_code_confirm(actor=account, link_request=request, code=first)
    services.link_code_confirm(actor=account, link_request=request, code=latest)
    assert AccountLink.objects.filter(user=account).exists()


def test_a_request_ends_after_an_hour(account: Any, record: Any) -> None:
    request = _matched(account)
    _backdate(LinkRequest.objects.filter(pk=request.pk), created_at=rules.REQUEST_LIFETIME)
    with pytest.raises(ValidationError) as refused:
        services.link_code_send(actor=account, link_request=request, channel="email")
    assert refused.value.code == "ended"


def test_another_account_cannot_use_someone_else_s_request(account: Any, record: Any) -> None:
    request = _sent(account)
    with pytest.raises(ValidationError) as refused:
        services.link_code_confirm(actor=make_customer(), link_request=request, code=_code())
    assert refused.value.code == "ended"


def test_one_record_one_account(account: Any, record: Any) -> None:
    request = _sent(account)
    # Between the code being sent and typed, someone else links the record (an invitation, say).
    AccountLink.objects.create(customer=record, user=make_customer(), method="invitation", linked_at=timezone.now())
    with pytest.raises(ValidationError) as refused:
        services.link_code_confirm(actor=account, link_request=request, code=_code())
    assert refused.value.message == rules.NOT_MATCHED
    assert not AccountLink.objects.filter(user=account).exists()


def test_one_account_one_record(account: Any, record: Any) -> None:
    request = _sent(account)
    AccountLink.objects.create(customer=CustomerFactory(), user=account, method="code", linked_at=timezone.now())
    with pytest.raises(ValidationError):
        services.link_code_confirm(actor=account, link_request=request, code=_code())
    assert AccountLink.objects.filter(user=account).count() == 1


def test_unlinking_ends_the_link_and_is_audited(account: Any, record: Any) -> None:
    services.link_code_confirm(actor=account, link_request=_sent(account), code=_code())
    assert services.account_unlink(actor=account) == record
    assert selectors.linked_customer(account) is None
    assert AuditEvent.objects.filter(action="space.account_unlinked", actor=account, object_id=str(record.pk)).exists()
    with pytest.raises(ValidationError):
        services.account_unlink(actor=account)


# Invitations --------------------------------------------------------------------------------------


def test_an_invitation_emails_a_signed_link_and_withdraws_the_last(record: Any, adviser: Any) -> None:
    first = services.invitation_send(actor=adviser, customer=record, base_url="https://careers.example")
    second = services.invitation_send(actor=adviser, customer=record, base_url="https://careers.example")
    first.refresh_from_db()
    assert first.withdrawn_at is not None and second.withdrawn_at is None
    message = Notification.objects.filter(reference=f"space.invitation:{second.pk}").get()
    assert message.recipient == EMAIL
    token = services.invitation_token(second)
    assert f"https://careers.example/account/invitation/{token}/" in message.body
    assert selectors.invitation_from_token(token) == second
    assert selectors.invitation_from_token(services.invitation_token(first)) == first
    assert not rules.invitation_open(first)
    assert selectors.invitation_from_token(token + "x") is None
    assert AuditEvent.objects.filter(action="space.invitation_sent", actor=adviser).count() == 2


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"email": "", "may_contact_by_email": False}, "no email address"),
        ({"email": EMAIL, "may_contact_by_email": False}, "not agreed to be contacted by email"),
    ],
)
def test_no_invitation_without_an_email_the_customer_agreed_to(
    record: Any, adviser: Any, change: Any, reason: str
) -> None:
    customer_services.contact_details_set(
        actor=adviser, customer=record, preferred_method=codes.ContactMethod.NOT_KNOWN, **change
    )
    with pytest.raises(ValidationError) as refused:
        services.invitation_send(actor=adviser, customer=record, base_url="https://careers.example")
    assert reason in refused.value.message
    assert not AccountInvitation.objects.exists()


def test_no_invitation_to_a_terminated_or_linked_record(record: Any, adviser: Any, account: Any) -> None:
    AccountLink.objects.create(customer=record, user=account, method="code", linked_at=timezone.now())
    with pytest.raises(ValidationError, match="already linked"):
        services.invitation_send(actor=adviser, customer=record, base_url="https://careers.example")
    customer_services.customer_terminate(actor=adviser, customer=record, reason=codes.TerminationReason.DUPLICATE)
    with pytest.raises(ValidationError, match="terminated"):
        services.invitation_send(actor=adviser, customer=record, base_url="https://careers.example")


def test_customers_cannot_send_invitations(record: Any, account: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.invitation_send(actor=account, customer=record, base_url="https://careers.example")


def test_accepting_with_the_date_of_birth_links_any_customer_account(record: Any, adviser: Any) -> None:
    invitation = services.invitation_send(actor=adviser, customer=record, base_url="https://careers.example")
    # An account with another email is fine: the link in the email is the proof of the address.
    other = make_customer(email="amara.personal@example.com")
    link = services.invitation_accept(actor=other, invitation=invitation, date_of_birth=BORN)
    assert link.customer == record and link.method == "invitation"
    invitation.refresh_from_db()
    assert invitation.accepted_by == other
    assert not rules.invitation_open(invitation)
    assert selectors.online_account_status(record).linked_at == link.linked_at


def test_a_wrong_date_of_birth_counts_and_five_close_the_invitation(record: Any, adviser: Any, account: Any) -> None:
    invitation = services.invitation_send(actor=adviser, customer=record, base_url="https://careers.example")
    for _ in range(rules.INVITATION_ATTEMPTS):
        with pytest.raises(ValidationError) as refused:
            services.invitation_accept(actor=account, invitation=invitation, date_of_birth=datetime.date(1990, 5, 15))
        assert refused.value.message == rules.NOT_MATCHED
    with pytest.raises(ValidationError) as refused:
        services.invitation_accept(actor=account, invitation=invitation, date_of_birth=BORN)
    assert refused.value.code == "invitation_closed"
    assert not AccountLink.objects.exists()


def test_an_invitation_expires_after_fourteen_days(record: Any, adviser: Any, account: Any) -> None:
    invitation = services.invitation_send(actor=adviser, customer=record, base_url="https://careers.example")
    assert invitation.expires_at == invitation.invited_at + datetime.timedelta(days=14)
    assert rules.invitation_open(invitation, invitation.expires_at - datetime.timedelta(seconds=1))
    assert not rules.invitation_open(invitation, invitation.expires_at)
    _backdate(AccountInvitation.objects.filter(pk=invitation.pk), expires_at=rules.INVITATION_LIFETIME)
    with pytest.raises(ValidationError) as refused:
        services.invitation_accept(actor=account, invitation=invitation, date_of_birth=BORN)
    assert refused.value.code == "invitation_closed"


def test_an_invitation_to_a_record_terminated_since_links_nothing(record: Any, adviser: Any, account: Any) -> None:
    invitation = services.invitation_send(actor=adviser, customer=record, base_url="https://careers.example")
    customer_services.customer_terminate(actor=adviser, customer=record, reason=codes.TerminationReason.DUPLICATE)
    with pytest.raises(ValidationError) as refused:
        services.invitation_accept(actor=account, invitation=invitation, date_of_birth=BORN)
    assert refused.value.message == rules.NOT_MATCHED


def test_the_record_page_status_says_invited_then_linked(record: Any, adviser: Any, account: Any) -> None:
    from signpost.customers.models import Customer

    def status() -> str:
        return selectors.online_account_status(selectors.with_online_account(Customer.objects).get(pk=record.pk)).text

    assert status() == "None"
    invitation = services.invitation_send(actor=adviser, customer=record, base_url="https://careers.example")
    assert status() == f"Invited on {timezone.localtime(invitation.invited_at):%-d %B %Y}"
    link = services.invitation_accept(actor=account, invitation=invitation, date_of_birth=BORN)
    assert status() == f"Linked since {timezone.localtime(link.linked_at):%-d %B %Y}"


# The customer's own contact details --------------------------------------------------------------


def test_a_linked_customer_changes_their_details_through_the_advisers_rules(account: Any, record: Any) -> None:
    services.link_code_confirm(actor=account, link_request=_sent(account), code=_code())
    details = services.my_contact_details_set(
        actor=account,
        preferred_method=codes.ContactMethod.SMS,
        mobile="+44 (0)7700 900999",
        may_contact_by_sms=True,
        preferred_language="Somali",
        accessibility_needs="Screen reader",
    )
    assert details.mobile == "+447700900999" and details.email == EMAIL and details.preferred_language == "Somali"
    event = AuditEvent.objects.filter(action="customer.contact_details_set").order_by("-id").first()
    assert event is not None and event.actor == account and event.object_id == str(record.pk)
    assert event.details["by"] == "customer" and "mobile" in event.details["fields"]
    staff_event = AuditEvent.objects.filter(action="customer.contact_details_set").order_by("id").first()
    assert staff_event is not None and "by" not in staff_event.details
    with pytest.raises(ValidationError) as refused:
        services.my_contact_details_set(actor=account, preferred_method=codes.ContactMethod.SMS, mobile="020 7946 0000")
    assert "mobile" in refused.value.message_dict


def test_an_unlinked_customer_changes_nothing(account: Any, record: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.my_contact_details_set(actor=account, preferred_method=codes.ContactMethod.NOT_KNOWN)
