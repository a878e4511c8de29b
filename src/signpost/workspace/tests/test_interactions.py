"""Recording contacts, anonymous enquiries, sending summaries and the record's contact timeline."""

from __future__ import annotations

import datetime
import re
from html import unescape
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import PEOPLE, PROVIDER_STAFF
from signpost.accounts.roles import Role
from signpost.contacts import codes, services
from signpost.contacts.models import Interaction, InteractionSummarySent, ServiceImprovementAsk
from signpost.core.models import AuditEvent, Notification
from signpost.customers import codes as customer_codes
from signpost.customers.models import Address, ContactDetails, Customer
from signpost.organisations.models import Organisation
from tests.factories import CustomerFactory, make_staff

pytestmark = pytest.mark.django_db

SIGN_IN = "/workspace/sign-in/"
CALL: dict[str, Any] = {
    "channel": codes.Channel.TELEPHONE,
    "interaction_type": codes.InteractionType.TELEPHONE_CALL,
    "reason": codes.ReasonForContact.DEVELOP_MY_CAREER,
    "service_level": codes.ServiceLevel.ADVICE,
}


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def new_customer(**fields: Any) -> Customer:
    customer: Customer = CustomerFactory(given_name="Ada", family_name="Lovelace", **fields)  # type: ignore[assignment]
    return customer


def reachable(customer: Customer, method: int = customer_codes.ContactMethod.EMAIL, **fields: Any) -> Customer:
    ContactDetails.objects.update_or_create(
        customer=customer,
        defaults={
            "preferred_method": method,
            "email": "ada@example.com",
            "mobile": "+447700900123",
            "may_contact_by_email": True,
            "may_contact_by_sms": True,
            "may_contact_by_post": True,
            **fields,
        },
    )
    Address.objects.get_or_create(
        customer=customer,
        defaults={"line_1": "12 Analytical Row", "postcode": "SW1A 1AA", "effective_from": datetime.date(2020, 1, 1)},
    )
    return customer


@pytest.fixture
def adviser(london):
    return make_staff(Role.ADVISER, organisation=london)


@pytest.fixture
def signed_in(client, adviser):
    client.force_login(adviser)
    return client


def record(adviser, customer, **fields):
    return services.interaction_record(
        actor=adviser, customer=customer, **{**CALL, "summary": "Talked about nursing.", **fields}
    )


def form_data(**fields: Any) -> dict[str, Any]:
    now = timezone.localtime()
    return {
        "channel": "2",
        "interaction_type": "5",
        "reason": "1",
        "service_level": "2",
        "occurred_on": now.strftime("%d/%m/%Y"),
        "occurred_time": now.strftime("%H:%M"),
        "organisation": str(Organisation.objects.get(touchpoint_id="0000000103").pk),
        "line_or_campaign": "Adult line",
        "language": "",
        "summary": "Talked about retraining as a nurse.",
        "transcript": "",
        **fields,
    }


def answered(customer, adviser):
    ServiceImprovementAsk.objects.create(
        customer=customer,
        outcome=codes.ServiceImprovementOutcome.ANSWERED,
        recorded_at=timezone.now(),
        recorded_by=adviser,
    )


# Authorisation ---------------------------------------------------------------------------------

PAGES = [
    "interaction_create",
    "service_improvement",
    "summary_send",
    "enquiry_list",
    "enquiry_create",
    "enquiry_attach",
]


def page_url(name: str, customer: Customer, interaction: Interaction, enquiry: Interaction) -> str:
    if name == "interaction_create":
        return reverse("workspace:interaction_create", kwargs={"reference": customer.reference})
    if name in {"service_improvement", "summary_send"}:
        return reverse(f"workspace:{name}", kwargs={"reference": customer.reference, "pk": interaction.pk})
    if name == "enquiry_attach":
        return reverse("workspace:enquiry_attach", kwargs={"pk": enquiry.pk})
    return reverse(f"workspace:{name}")


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_for_staff_of_any_organisation(who, page, person, client_for, adviser):
    customer = reachable(new_customer())
    interaction = record(adviser, customer)
    enquiry = services.anonymous_enquiry_record(actor=adviser, **CALL)
    address = page_url(page, customer, interaction, enquiry)
    response = client_for(person(who)).get(address)
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
    elif who in {"customer", "other_customer", *PROVIDER_STAFF}:
        assert response.status_code == 403
    else:
        assert response.status_code == 200, response.content[:300]
        assert "<h1" in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "customer"])
def test_nothing_is_written_by_people_who_may_not(who, person, client_for, adviser):
    customer = reachable(new_customer())
    interaction = record(adviser, customer)
    client = client_for(person(who))
    client.post(reverse("workspace:interaction_create", kwargs={"reference": customer.reference}), form_data())
    client.post(reverse("workspace:summary_send", kwargs={"reference": customer.reference, "pk": interaction.pk}))
    client.post(reverse("workspace:enquiry_create"), form_data(age_band="99"))
    assert Interaction.objects.count() == 1 and not Notification.objects.exists()


def test_unknown_reference_or_another_customers_contact_is_not_found(signed_in, adviser):
    customer, other = new_customer(), new_customer()
    interaction = record(adviser, other)
    assert signed_in.get("/workspace/customers/CCCCCCCC/contacts/new/").status_code == 404
    summary = reverse("workspace:summary_send", kwargs={"reference": customer.reference, "pk": interaction.pk})
    assert signed_in.get(summary).status_code == 404


# Record a contact ------------------------------------------------------------------------------


def test_the_form_is_filled_with_sensible_defaults(signed_in, adviser):
    customer = new_customer()
    response = signed_in.get(reverse("workspace:interaction_create", kwargs={"reference": customer.reference}))
    html = response.content.decode()
    assert re.search(r'<option value="2" selected>Telephone</option>', html)
    assert re.search(rf'<option value="{adviser.organisation_id}" selected>', html)
    assert f'value="{timezone.localdate():%d/%m/%Y}"' in html
    # The transcript box is always there (no JavaScript needed), optional, with a hint.
    assert 'name="transcript"' in html and "Only for a contact by web chat" in html
    # The reason for contact is the adviser's to choose: nothing is chosen for them.
    assert re.search(r'<option value="" selected>Select the reason</option>', html)


def test_a_contact_without_a_reason_is_refused_with_what_was_typed_kept(signed_in):
    customer = new_customer()
    address = reverse("workspace:interaction_create", kwargs={"reference": customer.reference})
    response = signed_in.post(address, form_data(reason=""))
    assert response.status_code == 200
    assert "Select the reason for contact" in text_of(response)
    assert "Talked about retraining as a nurse." in response.content.decode()
    assert not Interaction.objects.exists()


def test_saving_a_contact_offers_the_questions_when_due(signed_in, adviser):
    customer = new_customer()
    address = reverse("workspace:interaction_create", kwargs={"reference": customer.reference})
    response = signed_in.post(address, form_data(language="Polish", interpreter_used="on"))
    interaction = Interaction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "workspace:service_improvement", kwargs={"reference": customer.reference, "pk": interaction.pk}
    )
    assert (interaction.customer, interaction.adviser, interaction.organisation) == (
        customer,
        adviser,
        adviser.organisation,
    )
    assert interaction.summary == "Talked about retraining as a nurse."
    assert (interaction.language, interaction.interpreter_used, interaction.line_or_campaign) == (
        "Polish",
        True,
        "Adult line",
    )
    assert AuditEvent.objects.filter(action="interaction.recorded", actor=adviser).count() == 1


def test_saving_a_contact_returns_to_the_record_when_the_questions_are_not_due(signed_in, adviser):
    customer = new_customer()
    answered(customer, adviser)
    # Information only: an adult is not offered a follow-up call either (casework.rules).
    response = signed_in.post(
        reverse("workspace:interaction_create", kwargs={"reference": customer.reference}),
        form_data(service_level="1"),
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(
        reverse("workspace:customer_record", kwargs={"reference": customer.reference})
    )
    page = text_of(response)
    assert "The contact has been recorded" in page and "Talked about retraining as a nurse." in page


def test_bad_input_shows_every_error_and_keeps_what_was_typed(signed_in):
    customer = new_customer()
    address = reverse("workspace:interaction_create", kwargs={"reference": customer.reference})
    response = signed_in.post(
        address,
        form_data(
            summary="",
            transcript="Customer: hello there",
            occurred_on="31/02/2025",
            line_or_campaign="Campaign 42",
            language="Welsh",
        ),
    )
    assert response.status_code == 200
    page, html = text_of(response), response.content.decode()
    assert "There is a problem" in page
    assert "Enter a summary of the discussion" in page
    assert "Enter a real date, like 27/3/2025" in page
    assert 'value="Campaign 42"' in html and 'value="Welsh"' in html and "Customer: hello there" in html
    assert not Interaction.objects.exists()


def test_a_transcript_on_a_phone_call_is_refused_with_what_was_typed_kept(signed_in):
    customer = new_customer()
    address = reverse("workspace:interaction_create", kwargs={"reference": customer.reference})
    response = signed_in.post(address, form_data(transcript="Adviser: hi"))
    page = text_of(response)
    assert "Only add a transcript for a contact by web chat, email" in page
    assert "Talked about retraining as a nurse." in response.content.decode()
    assert not Interaction.objects.exists()
    # On a web chat the same transcript is kept.
    signed_in.post(address, form_data(channel="3", interaction_type="2", transcript="Adviser: hi"))
    assert Interaction.objects.get().transcript == "Adviser: hi"


def test_a_contact_in_the_future_is_refused(signed_in):
    customer = new_customer()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = signed_in.post(
        reverse("workspace:interaction_create", kwargs={"reference": customer.reference}),
        form_data(occurred_on=tomorrow.strftime("%d/%m/%Y")),
    )
    assert "The time of the contact must be now or in the past" in text_of(response)
    assert not Interaction.objects.exists()


def test_a_terminated_record_takes_no_contact(signed_in):
    customer = new_customer(terminated_at=timezone.now(), termination_reason=customer_codes.TerminationReason.OTHER)
    response = signed_in.post(
        reverse("workspace:interaction_create", kwargs={"reference": customer.reference}), form_data()
    )
    assert response.status_code == 200 and "There is a problem" in text_of(response)
    assert not Interaction.objects.exists()


# Service-improvement questions ----------------------------------------------------------------


def si_url(customer, interaction):
    return reverse("workspace:service_improvement", kwargs={"reference": customer.reference, "pk": interaction.pk})


def test_the_questions_are_prefilled_with_what_is_known(signed_in, adviser):
    customer = new_customer(introduced_by=customer_codes.IntroducedBy.SCHOOL, introduced_by_detail="Careers fair")
    customer.employment_statuses.create(
        recorded_on=datetime.date(2024, 1, 1), status=customer_codes.EmploymentStatusCode.EMPLOYED
    )
    html = signed_in.get(si_url(customer, record(adviser, customer))).content.decode()
    assert '<option value="17" selected>School</option>' in html
    assert 'value="Careers fair"' in html
    assert '<option value="4" selected>Employed</option>' in html
    assert '<option value="99" selected>Not known</option>' in html  # learning status not captured
    assert "Ask later" in html


def test_answers_are_saved_to_the_record(signed_in, adviser):
    customer = new_customer()
    interaction = record(adviser, customer)
    response = signed_in.post(
        si_url(customer, interaction),
        {
            "action": "save",
            "introduced_by": "10",
            "introduced_by_detail": "",
            "employment_status": "11",
            "learning_status": "2",
            "follow_up_wanted": "no",
        },
    )
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.introduced_by == 10
    assert customer.employment_statuses.get().status == 11 and customer.learning_statuses.get().status == 2
    assert ServiceImprovementAsk.objects.get().outcome == codes.ServiceImprovementOutcome.ANSWERED


def test_ask_later_saves_nothing_on_the_record_and_leaves_them_due(signed_in, adviser):
    customer = new_customer()
    interaction = record(adviser, customer)
    response = signed_in.post(si_url(customer, interaction), {"action": "later", "introduced_by": "bad"})
    assert response.status_code == 302
    assert ServiceImprovementAsk.objects.get().outcome == codes.ServiceImprovementOutcome.ASK_LATER
    assert customer.employment_statuses.count() == 0
    assert signed_in.get(si_url(customer, interaction)).status_code == 200  # still offered


def test_the_questions_are_skipped_when_not_due(signed_in, adviser):
    customer = new_customer()
    # Information only: no follow-up call to offer either.
    interaction = record(adviser, customer, service_level=codes.ServiceLevel.INFORMATION)
    answered(customer, adviser)
    response = signed_in.get(si_url(customer, interaction))
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("workspace:customer_record", kwargs={"reference": customer.reference})
    )


def test_bad_answers_keep_what_was_typed(signed_in, adviser):
    customer = new_customer()
    interaction = record(adviser, customer)
    response = signed_in.post(
        si_url(customer, interaction),
        {
            "action": "save",
            "introduced_by": "",
            "introduced_by_detail": "x" * 101,
            "employment_status": "4",
            "learning_status": "1",
        },
    )
    page, html = text_of(response), response.content.decode()
    assert "Select how they heard about us" in page
    assert "How they heard of us must be 100 characters or fewer" in page
    assert f'value="{"x" * 101}"' in html
    assert '<option value="4" selected>Employed</option>' in html
    assert not ServiceImprovementAsk.objects.exists()


# Send a summary --------------------------------------------------------------------------------


def send_url(customer, interaction):
    return reverse("workspace:summary_send", kwargs={"reference": customer.reference, "pk": interaction.pk})


def test_the_confirmation_names_the_channel_and_the_address(signed_in, adviser):
    customer = reachable(new_customer(), customer_codes.ContactMethod.POST)
    page = text_of(signed_in.get(send_url(customer, record(adviser, customer))))
    assert "Send the customer a summary by post?" in page
    assert "Ada Lovelace, 12 Analytical Row, SW1A 1AA" in page
    assert not Notification.objects.exists()


def test_a_refusal_says_why_and_offers_no_button(signed_in, adviser):
    customer = reachable(new_customer(), customer_codes.ContactMethod.EMAIL, may_contact_by_email=False)
    interaction = record(adviser, customer)
    response = signed_in.get(send_url(customer, interaction))
    page = text_of(response)
    assert "The summary cannot be sent" in page and "has not agreed to be contacted by email" in page
    assert "Send summary" not in page
    response = signed_in.post(send_url(customer, interaction))
    assert response.status_code == 200 and "There is a problem" in text_of(response)
    assert not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_sending_puts_the_summary_in_the_outbox_and_on_the_timeline(client, london, run_tasks):
    adviser = make_staff(Role.ADVISER, organisation=london)
    client.force_login(adviser)
    customer = reachable(new_customer())
    interaction = record(adviser, customer, channel=codes.Channel.EMAIL, transcript="Customer: thanks")
    response = client.post(send_url(customer, interaction), follow=True)
    page = text_of(response)
    assert "The summary has been sent by email to ada@example.com" in page
    assert re.search(r"Summary and transcript sent by email to ada@example.com on \d+ \w+ \d{4} at \d\d:\d\d", page)
    run_tasks()
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.DELIVERED
    assert "Talked about nursing." in notification.body and "Customer: thanks" in notification.body
    assert InteractionSummarySent.objects.get().notification == notification


# Anonymous enquiries ---------------------------------------------------------------------------


def test_an_anonymous_enquiry_is_recorded_with_demographics_only_and_listed(signed_in, adviser):
    response = signed_in.post(
        reverse("workspace:enquiry_create"),
        form_data(summary="", customer_type="3", age_band="2", area="103"),
        follow=True,
    )
    enquiry = Interaction.objects.get()
    assert (enquiry.customer, enquiry.anonymous, enquiry.customer_type, enquiry.age_band, enquiry.area) == (
        None,
        True,
        3,
        2,
        103,
    )
    page = text_of(response)
    assert "The anonymous enquiry has been recorded" in page
    assert "Parent or guardian, age 16 to 17, London" in page and "Attach to a record" in page


def test_an_anonymous_enquiry_with_bad_input_keeps_what_was_typed(signed_in):
    response = signed_in.post(
        reverse("workspace:enquiry_create"), form_data(age_band="", channel="7", transcript="hello", area="103")
    )
    page, html = text_of(response), response.content.decode()
    assert "Select the age" in page
    assert '<option value="103" selected>London</option>' in html and "hello" in html
    assert not Interaction.objects.exists()


def test_the_list_is_empty_when_every_enquiry_is_attached(signed_in):
    assert "There are no anonymous enquiries waiting to be attached." in text_of(
        signed_in.get(reverse("workspace:enquiry_list"))
    )


def test_attaching_an_enquiry_to_a_record(signed_in, adviser):
    customer = new_customer()
    enquiry = services.anonymous_enquiry_record(actor=adviser, **CALL, summary="Asked about apprenticeships")
    address = reverse("workspace:enquiry_attach", kwargs={"pk": enquiry.pk})
    response = signed_in.post(address, {"reference": customer.display_reference.lower()}, follow=True)
    enquiry.refresh_from_db()
    assert enquiry.customer == customer and enquiry.attached_by == adviser
    page = text_of(response)
    assert "The enquiry has been attached to Ada Lovelace's record" in page
    assert "Asked about apprenticeships" in page and "anonymous enquiry, attached" in page
    assert "There are no anonymous enquiries" in text_of(signed_in.get(reverse("workspace:enquiry_list")))


def test_attaching_with_a_wrong_reference_or_no_summary_keeps_what_was_typed(signed_in, adviser):
    customer = new_customer()
    enquiry = services.anonymous_enquiry_record(actor=adviser, **CALL)
    address = reverse("workspace:enquiry_attach", kwargs={"pk": enquiry.pk})
    response = signed_in.post(address, {"reference": "CCCC-CCCC", "summary": "Wanted courses"})
    assert "No customer has this reference" in text_of(response)
    assert 'value="CCCC-CCCC"' in response.content.decode() and "Wanted courses" in response.content.decode()
    response = signed_in.post(address, {"reference": customer.reference, "summary": ""})
    assert "Enter a summary of the discussion" in text_of(response)
    assert f'value="{customer.reference}"' in response.content.decode()
    assert Interaction.objects.get().customer is None


# The timeline on the record --------------------------------------------------------------------


def many(customer, adviser, count):
    start = timezone.now() - datetime.timedelta(days=count)
    channels = (codes.Channel.TELEPHONE, codes.Channel.WEBCHAT, codes.Channel.EMAIL)
    Interaction.objects.bulk_create(
        Interaction(
            customer=customer,
            channel=channels[i % 3],
            interaction_type=codes.InteractionType.COMPLAINT if i % 3 == 2 else codes.InteractionType.TELEPHONE_CALL,
            occurred_at=start + datetime.timedelta(days=i),
            adviser=adviser,
            organisation=adviser.organisation,
            reason=codes.ReasonForContact.GENERAL_INFORMATION,
            service_level=codes.ServiceLevel.INFORMATION,
            summary=f"Contact number {i}.",
        )
        for i in range(count)
    )


def record_url(customer, **query):
    from urllib.parse import urlencode

    base = reverse("workspace:customer_record", kwargs={"reference": customer.reference})
    return base + ("?" + urlencode(query, doseq=True) if query else "")


def test_the_record_shows_contacts_newest_first_with_an_empty_state_before(signed_in, adviser):
    customer = new_customer()
    assert "No contacts to show yet." in text_of(signed_in.get(record_url(customer)))
    many(customer, adviser, 3)
    page = text_of(signed_in.get(record_url(customer)))
    assert page.index("Contact number 2.") < page.index("Contact number 1.") < page.index("Contact number 0.")
    assert "Email: Complaint" in page and "Record a contact" in page


def test_the_timeline_filters_by_channel_and_type(signed_in, adviser):
    customer = new_customer()
    many(customer, adviser, 6)
    page = text_of(signed_in.get(record_url(customer, channel=["3"])))
    assert "Contact number 4." in page and "Contact number 1." in page and "Contact number 5." not in page
    page = text_of(signed_in.get(record_url(customer, type=["9"])))
    assert "Contact number 5." in page and "Contact number 2." in page and "Contact number 4." not in page
    assert "No contacts match these filters." in text_of(signed_in.get(record_url(customer, channel=["3"], type=["9"])))
    # Rubbish in a filter is ignored rather than an error.
    assert "Contact number 5." in text_of(signed_in.get(record_url(customer, channel=["x", "500"])))


def test_the_timeline_pages_with_a_fixed_number_of_queries(signed_in, adviser):
    customer = new_customer()
    many(customer, adviser, 3)
    signed_in.get(record_url(customer))  # the first page of a visit also saves the session
    with CaptureQueriesContext(connection) as few:
        signed_in.get(record_url(customer))
    many(customer, adviser, 1500)
    with CaptureQueriesContext(connection) as lots:
        response = signed_in.get(record_url(customer))
    assert len(lots) == len(few)
    html = response.content.decode()
    older = re.search(r'href="\?after=([0-9-]+)#contact-history"', html)
    assert older, "an Older contacts link"
    page_two = signed_in.get(record_url(customer, after=older.group(1)))
    text = text_of(page_two)
    assert "Newer contacts" in text and "Older contacts" in text
    first_page_entries = re.findall(r"Contact number (\d+)\.", text_of(response))
    second_page_entries = re.findall(r"Contact number (\d+)\.", text)
    assert len(first_page_entries) == len(second_page_entries) == 20
    assert not set(first_page_entries) & set(second_page_entries)
    assert int(second_page_entries[0]) < int(first_page_entries[-1])
