"""The online space's pages: who may open each one, the link journey, bad input on every form,
and that a customer sees only their own record."""

from __future__ import annotations

import datetime
import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PEOPLE, STAFF_ROLES
from signpost.contacts import codes as contact_codes
from signpost.contacts import services as contact_services
from signpost.core.models import AuditEvent, Notification
from signpost.customers import codes
from signpost.customers import services as customer_services
from signpost.customers.models import ContactDetails
from signpost.space import rules, services
from signpost.space.models import AccountLink, LinkRequest
from signpost.space.tests.conftest import BORN, EMAIL, make_account, make_adviser, make_record
from tests.factories import CustomerFactory, make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_adviser(london)


@pytest.fixture
def record(adviser: Any) -> Any:
    return make_record(adviser)


@pytest.fixture
def account(db: Any) -> Any:
    return make_account()


SUMMARY = "Talked through apprenticeships in engineering and two local providers."
OTHER_SUMMARY = "Discussed retraining as a plumber."


def text_of(response: Any) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _link(user: Any, customer: Any) -> AccountLink:
    return AccountLink.objects.create(user=user, customer=customer, method="code", linked_at=timezone.now())


def _contact(adviser: Any, customer: Any, summary: str, **fields: Any) -> Any:
    return contact_services.interaction_record(
        actor=adviser,
        customer=customer,
        channel=fields.pop("channel", contact_codes.Channel.TELEPHONE),
        interaction_type=contact_codes.InteractionType.TELEPHONE_CALL,
        reason=contact_codes.ReasonForContact.DEVELOP_MY_CAREER,
        service_level=contact_codes.ServiceLevel.ADVICE,
        summary=summary,
        **fields,
    )


@pytest.fixture
def owned(record: Any, account: Any, adviser: Any) -> Any:
    """Amara's account linked to her record, which has one contact."""
    _link(account, record)
    return _contact(adviser, record, SUMMARY)


@pytest.fixture
def others(adviser: Any) -> tuple[Any, Any]:
    """Another customer's account, linked to their own record with its own contact."""
    user = make_customer(email="kwame.mensah@example.com")
    customer = CustomerFactory(given_name="Kwame", family_name="Mensah")
    _link(user, customer)
    return user, _contact(adviser, customer, OTHER_SUMMARY)


def signed_in(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# Who may open what -------------------------------------------------------------------------------

RECORD_PAGES = ["contact_details", "contact_details_change", "my_contacts", "my_contact"]
LINK_PAGES = ["link_start", "link_send_code", "link_code", "unlink"]


def _url(name: str, interaction: Any) -> str:
    if name == "my_contact":
        return reverse("portal:my_contact", kwargs={"pk": interaction.pk})
    return reverse(f"portal:{name}")


@pytest.mark.parametrize("name", [*RECORD_PAGES, *LINK_PAGES, "contact_details_check"])
@pytest.mark.parametrize("who", PEOPLE)
def test_who_may_open_each_customer_page(
    who: str, name: str, person: Any, account: Any, owned: Any, others: Any
) -> None:
    """ "customer" is Amara (linked), "other_customer" someone linked to another record; staff of
    every role and organisation are refused: they read records in the workspace, audited."""
    user = {"customer": account, "other_customer": others[0]}.get(who) or person(who)
    response = signed_in(user).get(_url(name, owned))
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    elif who in STAFF_ROLES or who.startswith("other_organisation"):
        assert response.status_code == 403
    elif name in LINK_PAGES[:3]:
        # Already linked: nothing to link.
        assert response.status_code == 302 and response["Location"] == reverse("portal:account")
    elif name == "contact_details_check":
        # Nothing to check yet.
        assert response.status_code == 302 and response["Location"] == reverse("portal:contact_details_change")
    elif name == "my_contact" and who == "other_customer":
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        page = text_of(response)
        if who == "customer" and name in {"my_contacts", "my_contact"}:
            assert SUMMARY in page and OTHER_SUMMARY not in page
        if who == "other_customer":
            assert SUMMARY not in page and EMAIL not in page


@pytest.mark.parametrize("name", [*RECORD_PAGES, "contact_details_check"])
def test_an_unlinked_customer_is_sent_to_link_their_account(name: str, owned: Any) -> None:
    response = signed_in(make_customer()).get(_url(name, owned))
    assert response.status_code == 302 and response["Location"] == reverse("portal:account")


def test_an_unlinked_customer_may_start_linking_but_not_skip_ahead(owned: Any) -> None:
    client = signed_in(make_customer())
    assert client.get(reverse("portal:link_start")).status_code == 200
    for name in ("link_send_code", "link_code"):
        response = client.get(reverse(f"portal:{name}"))
        assert response["Location"] == reverse("portal:link_start")
    assert client.get(reverse("portal:unlink"))["Location"] == reverse("portal:account")


def test_the_account_page_offers_linking_then_shows_the_link(account: Any, record: Any) -> None:
    client = signed_in(account)
    page = text_of(client.get(reverse("portal:account")))
    assert "Link to your advice record" in page
    _link(account, record)
    page = text_of(client.get(reverse("portal:account")))
    assert record.display_reference in page and "Unlink your account" in page


def test_the_account_page_says_when_the_linked_record_was_closed(account: Any, record: Any, adviser: Any) -> None:
    _link(account, record)
    customer_services.customer_terminate(actor=adviser, customer=record, reason=codes.TerminationReason.DUPLICATE)
    page = text_of(signed_in(account).get(reverse("portal:account")))
    assert "Your advice record has been closed" in page and record.display_reference not in page


# Linking, step by step ---------------------------------------------------------------------------


def _dob(value: datetime.date | None = None, **parts: str) -> dict[str, str]:
    value = value or BORN
    data = {
        "date_of_birth-day": str(value.day),
        "date_of_birth-month": str(value.month),
        "date_of_birth-year": str(value.year),
    }
    data.update({f"date_of_birth-{key}": text for key, text in parts.items()})
    return data


def _last_code() -> str:
    message = Notification.objects.order_by("-created_at").first()
    assert message is not None
    return re.search(r"\b(\d{6})\b", message.body).group(1)  # type: ignore[union-attr]


def test_linking_by_date_of_birth_and_a_code(account: Any, record: Any) -> None:
    client = signed_in(account)
    response = client.post(reverse("portal:link_start"), _dob())
    assert response["Location"] == reverse("portal:link_send_code")
    page = text_of(client.get(reverse("portal:link_send_code")))
    assert "Email to a•••••••••••@example.com" in page and "mobile ending 456" in page
    response = client.post(reverse("portal:link_send_code"), {"channel": "sms"})
    assert response["Location"] == reverse("portal:link_code")
    page = text_of(client.get(reverse("portal:link_code")))
    assert "We sent a code by text message to your mobile ending 456" in page
    response = client.post(reverse("portal:link_code"), {"code": _last_code()})
    assert response["Location"] == reverse("portal:account")
    assert AccountLink.objects.get(user=account).customer == record
    assert "Your account is now linked" in text_of(client.get(reverse("portal:account")))


def test_a_failed_check_says_the_same_whatever_the_reason(account: Any, record: Any, adviser: Any) -> None:
    pages = []
    # Wrong date of birth; an account whose email no record has; a terminated record.
    pages.append(text_of(signed_in(account).post(reverse("portal:link_start"), _dob(datetime.date(1991, 5, 14)))))
    pages.append(text_of(signed_in(make_customer()).post(reverse("portal:link_start"), _dob())))
    customer_services.customer_terminate(actor=adviser, customer=record, reason=codes.TerminationReason.DECEASED)
    pages.append(text_of(signed_in(account).post(reverse("portal:link_start"), _dob())))
    for page in pages:
        assert rules.NOT_MATCHED in page and "We could not link your account" in page
        assert "Amara" not in page and "example.com" not in page.replace(account.email, "")
    assert pages[0].replace(account.email, "") == pages[2].replace(account.email, "")


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"day": "", "month": "", "year": ""}, "Enter the date of birth"),
        ({"day": "31", "month": "2", "year": "1990"}, "Date of birth must be a real date"),
        ({"year": "90"}, "Date of birth must be a real date"),
        ({"month": ""}, "Date of birth must include a month"),
        ({"year": "2999"}, "Date of birth must be in the past"),
    ],
)
def test_a_bad_date_of_birth_is_explained_and_kept(account: Any, record: Any, parts: Any, message: str) -> None:
    response = signed_in(account).post(reverse("portal:link_start"), _dob(**parts))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in unescape(page)
    assert "<title>Error: " in page
    for key, value in parts.items():
        if value:
            assert f'name="date_of_birth-{key}" type="text" value="{value}"' in page or f'value="{value}"' in page
    assert not LinkRequest.objects.exists()


def test_too_many_dates_of_birth_are_refused_on_the_form(account: Any, record: Any) -> None:
    client = signed_in(account)
    for day in range(1, rules.CHECKS_PER_DAY + 1):
        client.post(reverse("portal:link_start"), _dob(datetime.date(1980, 1, day)))
    page = text_of(client.post(reverse("portal:link_start"), _dob()))
    assert "You have tried too many times today" in page and "There is a problem" in page


def test_bad_input_on_the_code_pages(account: Any, record: Any) -> None:
    client = signed_in(account)
    client.post(reverse("portal:link_start"), _dob())
    page = text_of(client.post(reverse("portal:link_send_code"), {}))
    assert "Select where to send your code" in page
    page = text_of(client.post(reverse("portal:link_send_code"), {"channel": "letter"}))
    assert "Select where to send your code" in page
    client.post(reverse("portal:link_send_code"), {"channel": "email"})
    response = client.post(reverse("portal:link_code"), {"code": ""})
    assert "Enter the code we sent you" in text_of(response)
    response = client.post(reverse("portal:link_code"), {"code": "12ab"})
    assert "The code is 6 numbers" in text_of(response) and 'value="12ab"' in response.content.decode()
    right = _last_code()
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    response = client.post(reverse("portal:link_code"), {"code": wrong})
    page = text_of(response)
    assert (
        "The code is not right" in page and "4 more tries" in page and f'value="{wrong}"' in response.content.decode()
    )
    # Asking again within the minute is refused on the page, not silently.
    page = text_of(client.post(reverse("portal:link_send_code"), {"channel": "email"}))
    assert "before asking for another code" in page and "There is a problem" in page
    assert not AccountLink.objects.exists()


def test_unlinking_after_confirming(account: Any, owned: Any, record: Any) -> None:
    client = signed_in(account)
    assert "Unlink your account from your advice record?" in text_of(client.get(reverse("portal:unlink")))
    response = client.post(reverse("portal:unlink"))
    assert response["Location"] == reverse("portal:account")
    assert not AccountLink.objects.exists()
    assert AuditEvent.objects.filter(action="space.account_unlinked", object_id=str(record.pk)).exists()


# The invitation link -----------------------------------------------------------------------------


@pytest.fixture
def invitation_url(record: Any, adviser: Any) -> str:
    invitation = services.invitation_send(actor=adviser, customer=record, base_url="http://testserver")
    return reverse("portal:invitation", kwargs={"token": services.invitation_token(invitation)})


def test_an_invitation_signed_out_offers_an_account_with_the_email_filled_in(invitation_url: str) -> None:
    client = Client()
    response = client.get(invitation_url)
    page = response.content.decode()
    assert response.status_code == 200 and "Create your online account" in page
    assert "email=amara.okafor%40example.com" in page and "next=" in page
    assert client.session["account_verified_email"] == EMAIL


@pytest.mark.parametrize("who", PEOPLE)
def test_who_may_accept_an_invitation(who: str, person: Any, invitation_url: str, others: Any) -> None:
    user = {"other_customer": others[0]}.get(who) or person(who)
    response = signed_in(user).get(invitation_url)
    if who == "anonymous":
        assert response.status_code == 200 and "Create an account" in text_of(response)
    elif who == "customer":
        assert response.status_code == 200 and "What is your date of birth?" in text_of(response)
    elif who == "other_customer":
        # Already linked to their own record.
        assert response.status_code == 302 and response["Location"] == reverse("portal:account")
    else:
        assert response.status_code == 403


def test_accepting_an_invitation_with_the_date_of_birth(invitation_url: str, record: Any) -> None:
    user = make_customer(email="amara.personal@example.com")
    client = signed_in(user)
    response = client.post(invitation_url, _dob(datetime.date(1990, 5, 15)))
    assert rules.NOT_MATCHED in text_of(response) and "There is a problem" in text_of(response)
    assert 'value="15"' in response.content.decode()
    response = client.post(invitation_url, _dob(day=""))
    assert "Date of birth must include a day" in text_of(response)
    response = client.post(invitation_url, _dob())
    assert response["Location"] == reverse("portal:account")
    assert AccountLink.objects.get(user=user).customer == record
    # Used: the link does not work again.
    assert signed_in(make_customer()).get(invitation_url).status_code == 410


def test_a_mangled_invitation_link_does_not_work(invitation_url: str) -> None:
    response = Client().get(invitation_url.replace("/invitation/", "/invitation/x"))
    assert response.status_code == 410 and "This invitation link does not work" in text_of(response)


# Contact details -----------------------------------------------------------------------------------

GOOD = {
    "mobile": "07700 900999",
    "home_phone": "020 7946 0000 ext 12",
    "alternative_phone": "",
    "preferred_method": str(codes.ContactMethod.SMS.value),
    "permissions": ["sms", "email"],
    "preferred_language": "Somali",
    "interpreter_needed": "yes",
    "accessibility_needs": "Large print, please",
}


def test_contact_details_change_check_then_save(account: Any, owned: Any, record: Any) -> None:
    client = signed_in(account)
    change = client.get(reverse("portal:contact_details_change")).content.decode()
    assert 'value="07700 900456"' in change  # what is saved now, as people write it
    response = client.post(reverse("portal:contact_details_change"), GOOD)
    assert response["Location"] == reverse("portal:contact_details_check")
    page = text_of(client.get(reverse("portal:contact_details_check")))
    for shown in ("07700 900999", "020 7946 0000 ext 12", "Text message, Email", "Somali", "Large print, please"):
        assert shown in page
    assert ContactDetails.objects.get(customer=record).mobile == "+447700900456"  # not saved yet
    # Back to change something: what was typed, not what is saved.
    assert 'value="07700 900999"' in client.get(reverse("portal:contact_details_change")).content.decode()
    response = client.post(reverse("portal:contact_details_check"))
    assert response["Location"] == reverse("portal:contact_details")
    saved = ContactDetails.objects.get(customer=record)
    assert (saved.mobile, saved.home_phone, saved.home_phone_extension) == ("+447700900999", "+442079460000", "12")
    assert saved.preferred_method == codes.ContactMethod.SMS and saved.email == EMAIL
    assert (saved.may_contact_by_sms, saved.may_contact_by_email, saved.may_contact_by_phone) == (True, True, False)
    assert saved.interpreter_needed and saved.preferred_language == "Somali"
    event = AuditEvent.objects.filter(action="customer.contact_details_set").order_by("-id").first()
    assert event is not None and event.actor == account
    assert "Your contact details have been updated" in text_of(client.get(reverse("portal:contact_details")))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"mobile": "020 7946 0000"}, "mobile", "Enter a UK mobile number"),
        ({"home_phone": "12345"}, "home_phone", "Enter a UK phone number"),
        ({"alternative_phone": "+33 1 23 45 67 89"}, "alternative_phone", "this one is from another country"),
        ({"mobile": "", "preferred_method": "4"}, "preferred_method", "choose another way for us to contact you"),
        ({"preferred_method": ""}, "preferred_method", "Select how you would like us to contact you"),
        ({"preferred_method": "7"}, "preferred_method", "Select a valid choice"),
        ({"interpreter_needed": ""}, "interpreter_needed", "Select yes if you need an interpreter"),
        ({"preferred_language": "x" * 51}, "preferred_language", "50 characters or fewer"),
        ({"accessibility_needs": "x" * 1001}, "accessibility_needs", "1000 characters or fewer"),
    ],
)
def test_bad_contact_details_are_explained_and_kept(
    account: Any, owned: Any, record: Any, changes: Any, field: str, message: str
) -> None:
    data = {**GOOD, **changes}
    response = signed_in(account).post(reverse("portal:contact_details_change"), data)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "There is a problem" in html and message in html and "<title>Error: " in html
    assert f'href="#id_{field}' in html
    for name in ("mobile", "home_phone", "preferred_language"):
        if data[name]:
            assert f'value="{data[name]}"' in html
    assert "Large print, please" in html or field == "accessibility_needs"
    assert ContactDetails.objects.get(customer=record).mobile == "+447700900456"


def test_saving_refused_since_checking_goes_back_to_the_questions_as_typed(
    account: Any, owned: Any, record: Any, adviser: Any
) -> None:
    client = signed_in(account)
    client.post(
        reverse("portal:contact_details_change"), {**GOOD, "preferred_method": str(codes.ContactMethod.POST.value)}
    )
    # (No address yet, so post is refused at once.)
    assert not client.session.get("space.contact_details_change")
    client.post(reverse("portal:contact_details_change"), GOOD)
    customer_services.customer_terminate(actor=adviser, customer=record, reason=codes.TerminationReason.CUSTOMER_CHOICE)
    # The record was closed meanwhile: the account is no longer linked to a live record.
    response = client.post(reverse("portal:contact_details_check"))
    assert response["Location"] == reverse("portal:account")


# Conversations --------------------------------------------------------------------------------------


def test_conversations_newest_first_paged_with_transcripts_and_whether_sent(
    account: Any, owned: Any, record: Any, adviser: Any
) -> None:
    start = timezone.now() - datetime.timedelta(days=30)
    for day in range(12):
        _contact(adviser, record, f"Conversation number {day}", occurred_at=start + datetime.timedelta(days=day))
    chat = _contact(
        adviser,
        record,
        "Web chat about CVs",
        channel=contact_codes.Channel.WEBCHAT,
        transcript="Adviser: Hello\nAmara: Hi, I need help with my CV",
        occurred_at=start + datetime.timedelta(days=20),
    )
    contact_services.interaction_summary_send(actor=adviser, interaction=chat)
    client = signed_in(account)
    first = text_of(client.get(reverse("portal:my_contacts")))
    assert first.index(SUMMARY) < first.index("Web chat about CVs") < first.index("Conversation number 11")
    assert "Conversation number 2 " not in first and "Older" in first
    assert "Summary sent to you by email" in first
    older = re.search(r'href="\?after=([^"]+)"', client.get(reverse("portal:my_contacts")).content.decode())
    assert older is not None
    second = text_of(client.get(reverse("portal:my_contacts") + f"?after={older.group(1)}"))
    assert "Conversation number 0" in second and "Newer" in second and SUMMARY not in second
    detail = text_of(client.get(reverse("portal:my_contact", kwargs={"pk": chat.pk})))
    assert "Hi, I need help with my CV" in detail and "Web chat about CVs" in detail and "By email on" in detail
    # A bad paging link shows the first page rather than failing.
    assert client.get(reverse("portal:my_contacts") + "?after=rubbish").status_code == 200


def test_no_conversations_yet(account: Any, record: Any) -> None:
    _link(account, record)
    page = text_of(signed_in(account).get(reverse("portal:my_contacts")))
    assert "There are no records of conversations yet" in page
