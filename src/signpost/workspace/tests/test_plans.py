"""Workspace pages of skills action plans and outcomes: who may open each one, what bad input
shows (with nothing typed lost), the refused claim's explanation, the PDF and the payment extract."""

from __future__ import annotations

import datetime
import io
import re
from html import unescape
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PEOPLE
from signpost.accounts.roles import Role
from signpost.contacts import codes as contact_codes
from signpost.core import uploads
from signpost.core.models import AuditEvent, Notification
from signpost.customers import codes as customer_codes
from signpost.customers.models import Address, ContactDetails, Customer
from signpost.organisations.models import Area
from signpost.plans import codes, services
from signpost.plans.models import ActionPlan, Goal, Outcome
from signpost.plans.tests.builders import book_session, plan_with_goal_and_action
from signpost.referrals.tests.builders import make_partner
from tests.factories import CustomerFactory, make_staff

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

WORKERS = {"adviser", "team_leader", "other_organisation_adviser"}
PLAN_READERS = WORKERS | {"quality_auditor", "manager", "safeguarding_lead"}
OUTCOME_READERS = WORKERS | {"quality_auditor", "manager"}
EXTRACTORS = {"manager"}
# Whoever claims does not verify: quality auditors and managers of the claiming organisation.
VERIFIERS = {"quality_auditor", "manager"}

PAGES = [
    ("customer_record_plans", PLAN_READERS),
    ("plan_create", WORKERS),
    ("plan_detail", PLAN_READERS),
    ("plan_edit", WORKERS),
    ("goal_add", WORKERS),
    ("goal_edit", WORKERS),
    ("action_add", WORKERS),
    ("action_edit", WORKERS),
    ("plan_print", PLAN_READERS),
    ("plan_pdf", PLAN_READERS),
    ("plan_send", WORKERS),
    ("outcome_create", WORKERS),
    ("outcome_detail", OUTCOME_READERS),
    ("outcome_evidence", OUTCOME_READERS),
    ("outcome_withdraw", WORKERS),
    ("outcome_verify", VERIFIERS),
    ("payment_extract", EXTRACTORS),
]


def text_of(response: Any) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def date_fields(
    name: str, day: datetime.date | None = None, *, raw: tuple[str, str, str] | None = None
) -> dict[str, str]:
    parts = raw or ((str(day.day), str(day.month), str(day.year)) if day else ("", "", ""))
    return {f"{name}-day": parts[0], f"{name}-month": parts[1], f"{name}-year": parts[2]}


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london, given_name="Ada", family_name="Adviser")


@pytest.fixture
def customer(db: Any) -> Customer:
    customer: Customer = CustomerFactory(given_name="Nia", family_name="Okoro")  # type: ignore[assignment]
    ContactDetails.objects.create(
        customer=customer,
        preferred_method=customer_codes.ContactMethod.EMAIL,
        email="nia@example.com",
        may_contact_by_email=True,
        may_contact_by_post=True,
    )
    Address.objects.create(
        customer=customer, line_1="4 Kennington Lane", postcode="SE11 4HQ", effective_from=datetime.date(2020, 1, 1)
    )
    return customer


@pytest.fixture
def signed_in(adviser: Any) -> Client:
    client = Client()
    client.force_login(adviser)
    return client


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def page_url(name: str, customer: Customer, plan: ActionPlan, outcome: Outcome) -> str:
    if name == "payment_extract":
        return reverse("workspace:payment_extract")
    kwargs: dict[str, Any] = {"reference": customer.reference}
    if name.startswith(("plan_", "goal_", "action_")) and name != "plan_create":
        kwargs["pk"] = plan.pk
    if name.startswith("outcome_") and name != "outcome_create":
        kwargs["pk"] = outcome.pk
    if name == "goal_edit":
        kwargs["goal_pk"] = plan.goals.get().pk
    if name == "action_edit":
        kwargs["action_pk"] = plan.actions.get().pk
    return reverse(f"workspace:{name}", kwargs=kwargs)


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize(("page", "allowed"), PAGES)
def test_every_page_for_every_role(
    who: str, page: str, allowed: set[str], person: Any, client_for: Any, adviser: Any, customer: Customer, media: Any
) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    outcome = services.outcome_claim(
        actor=adviser,
        customer=customer,
        session=plan.session,
        outcome_type=codes.OutcomeType.ACCREDITED_LEARNING,
        effective_on=TODAY(),
        evidence_note="Certificate seen",
        evidence_file=io.BytesIO(PDF),
        evidence_name="certificate.pdf",
        evidence_size=len(PDF),
    )
    response = client_for(person(who)).get(page_url(page, customer, plan, outcome))
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/workspace/sign-in/")
    elif who in allowed:
        assert response.status_code == 200, (who, page, response.content[:300])
        if page == "plan_pdf":
            assert response["Content-Type"] == "application/pdf"
        elif page == "outcome_evidence":
            assert b"".join(response.streaming_content) == PDF
        else:
            assert "<h1" in response.content.decode()
    else:
        assert response.status_code == 403, (who, page)


@pytest.mark.parametrize("who", ["anonymous", "customer", "quality_auditor", "manager", "other_organisation_admin"])
def test_nothing_is_written_by_people_who_may_not(
    who: str, person: Any, client_for: Any, adviser: Any, customer: Customer
) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    client = client_for(person(who))
    kwargs = {"reference": customer.reference, "pk": plan.pk}
    client.post(reverse("workspace:goal_add", kwargs=kwargs), {"goal_type": "1", "summary": "x"})
    client.post(reverse("workspace:plan_send", kwargs=kwargs), {"method": "email"})
    client.post(reverse("workspace:outcome_create", kwargs={"reference": customer.reference}), {"outcome_type": "4"})
    assert Goal.objects.count() == 1 and not Notification.objects.exists() and not Outcome.objects.exists()


def test_the_record_tab_lists_plans_and_outcomes_and_is_audited(
    signed_in: Client, adviser: Any, customer: Customer
) -> None:
    empty = signed_in.get(reverse("workspace:customer_record_plans", kwargs={"reference": customer.reference}))
    assert "No skills action plans yet." in text_of(empty)
    assert "No outcomes claimed for this customer by any organisation." in text_of(empty)
    plan_with_goal_and_action(customer, adviser)
    page = text_of(signed_in.get(reverse("workspace:customer_record_plans", kwargs={"reference": customer.reference})))
    assert "1 goals, 1 actions (0 completed)" in page and "Not sent" in page
    assert AuditEvent.objects.filter(action="customer.viewed", details__part="plans").count() == 2


def test_make_a_plan_then_goals_and_actions_with_add_another(
    signed_in: Client, adviser: Any, customer: Customer
) -> None:
    session = book_session(customer, adviser, status=contact_codes.SessionStatus.BOOKED)
    response = signed_in.post(
        reverse("workspace:plan_create", kwargs={"reference": customer.reference}),
        {
            "session": str(session.pk),
            "current_situation": "Looking for work after caring for a parent.",
            "charter_shown": "on",
            **date_fields("charter_shown_on", TODAY()),
        },
    )
    plan = ActionPlan.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/plans/{plan.pk}/goals/new/")
    goal_url = reverse("workspace:goal_add", kwargs={"reference": customer.reference, "pk": plan.pk})
    goal = {
        "goal_type": "2",
        "summary": "Find a job in care",
        **date_fields("captured_on", TODAY()),
        **date_fields("due_on", TODAY() + datetime.timedelta(days=60)),
        "status": "1",
    }
    assert signed_in.post(goal_url, {**goal, "next": "another"})["Location"] == goal_url
    response = signed_in.post(goal_url, {**goal, "summary": "Get a first-aid certificate", "next": "done"})
    assert response["Location"].endswith(f"/plans/{plan.pk}/actions/new/")
    assert plan.goals.count() == 2


def test_bad_plan_input_keeps_what_was_typed(signed_in: Client, adviser: Any, customer: Customer) -> None:
    session = book_session(customer, adviser)
    response = signed_in.post(
        reverse("workspace:plan_create", kwargs={"reference": customer.reference}),
        {
            "session": str(session.pk),
            "current_situation": "",
            "charter_shown": "on",
            **date_fields("charter_shown_on", raw=("31", "2", "2026")),
        },
    )
    page = text_of(response)
    assert response.status_code == 200
    assert "<title>Error: Make a skills action plan" in response.content.decode()
    assert "Enter the customer's current situation" in page
    assert "Date the customer charter was shown must be a real date" in page
    assert 'value="31"' in response.content.decode()
    assert not ActionPlan.objects.exists()


def test_bad_goal_and_action_input_shows_the_date_rule_and_keeps_the_words(
    signed_in: Client, adviser: Any, customer: Customer
) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    kwargs = {"reference": customer.reference, "pk": plan.pk}
    response = signed_in.post(
        reverse("workspace:goal_add", kwargs=kwargs),
        {
            "goal_type": "1",
            "summary": "Learn spreadsheets",
            **date_fields("captured_on", datetime.date(2026, 3, 2)),
            **date_fields("due_on", datetime.date(2026, 3, 1)),
            "status": "2",
        },
    )
    page = text_of(response)
    assert "The due date must be the same as or after the date the goal was captured (2 March 2026)." in page
    assert "Enter the date the goal was achieved." in page
    assert "Learn spreadsheets" in page
    response = signed_in.post(
        reverse("workspace:action_add", kwargs=kwargs),
        {
            "action_type": "",
            "summary": "x" * 2001,
            "responsible": "3",
            **date_fields("agreed_on", TODAY()),
            "status": "1",
        },
    )
    page = text_of(response)
    assert "Select the type of action" in page
    assert "The summary must be 2000 characters or fewer" in page
    assert "Enter the due date" in page
    assert "Select who is responsible for the action" in page
    assert plan.goals.count() == 1 and plan.actions.count() == 1


def test_send_by_email_from_the_page_and_an_unchosen_method(
    signed_in: Client, adviser: Any, customer: Customer
) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    url = reverse("workspace:plan_send", kwargs={"reference": customer.reference, "pk": plan.pk})
    page = text_of(signed_in.get(url))
    assert "To nia@example.com" in page and "To Nia Okoro, 4 Kennington Lane, SE11 4HQ" in page
    assert "Select how to send the plan" in text_of(signed_in.post(url, {}))
    response = signed_in.post(url, {"method": "email"}, follow=True)
    assert "The plan has been sent by email to nia@example.com" in text_of(response)
    notification = Notification.objects.get()
    assert f"http://testserver/account/plans/{plan.pk}/" in notification.body


def test_print_page_and_pdf(signed_in: Client, adviser: Any, customer: Customer) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    kwargs = {"reference": customer.reference, "pk": plan.pk}
    printed = signed_in.get(reverse("workspace:plan_print", kwargs=kwargs))
    assert "plans/plan-print.css" in printed.content.decode()
    assert "Start a level 3 childcare course" in text_of(printed)
    pdf = signed_in.get(reverse("workspace:plan_pdf", kwargs=kwargs))
    assert pdf.content.startswith(b"%PDF-")
    assert pdf["Content-Disposition"] == f'attachment; filename="skills-action-plan-{customer.reference}-{plan.pk}.pdf"'


def _claim_form(session_id: int, **extra: Any) -> dict[str, Any]:
    return {
        "session": str(session_id),
        "outcome_type": str(codes.OutcomeType.CUSTOMER_SATISFACTION),
        **date_fields("effective_on", TODAY()),
        **date_fields("claimed_on", TODAY()),
        "evidence_note": "Customer said the advice met their needs very well.",
        **extra,
    }


def test_a_refused_claim_explains_why_and_keeps_what_was_typed(
    signed_in: Client, adviser: Any, customer: Customer, north_west: Any
) -> None:
    other = make_staff(Role.ADVISER, organisation=north_west, mfa=False)
    earlier = book_session(customer, other, on=TODAY() - datetime.timedelta(days=40))
    services.outcome_claim(
        actor=other,
        customer=customer,
        session=earlier,
        outcome_type=codes.OutcomeType.CUSTOMER_SATISFACTION,
        effective_on=TODAY() - datetime.timedelta(days=30),
        evidence_note="Survey",
    )
    session = book_session(customer, adviser)
    response = signed_in.post(
        reverse("workspace:outcome_create", kwargs={"reference": customer.reference}), _claim_form(session.pk)
    )
    page = text_of(response)
    assert "<title>Error: Claim an outcome" in response.content.decode()
    assert "This customer already has a customer satisfaction outcome effective on" in page
    assert f"(claimed by {north_west.name})" in page
    assert "Customer said the advice met their needs very well." in page
    assert Outcome.objects.count() == 1


def test_an_accepted_claim_with_a_file_and_a_file_refused_by_its_content(
    signed_in: Client, adviser: Any, customer: Customer, media: Any
) -> None:
    session = book_session(customer, adviser)
    url = reverse("workspace:outcome_create", kwargs={"reference": customer.reference})
    fake = SimpleUploadedFile("letter.pdf", b"just words pretending", content_type="application/pdf")
    page = text_of(signed_in.post(url, _claim_form(session.pk, evidence_file=fake)))
    assert "The selected file must be a PDF, PNG image, JPEG image or Word document." in page
    assert "choose the evidence file again" in page
    infected = SimpleUploadedFile("letter.pdf", PDF + uploads.EICAR, content_type="application/pdf")
    assert "contains a virus" in text_of(signed_in.post(url, _claim_form(session.pk, evidence_file=infected)))
    good = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    response = signed_in.post(url, _claim_form(session.pk, evidence_file=good), follow=True)
    assert "The customer satisfaction outcome has been claimed." in text_of(response)
    assert "Download letter.pdf" in text_of(response)


def test_claiming_needs_an_attended_session(signed_in: Client, adviser: Any, customer: Customer) -> None:
    book_session(customer, adviser, status=contact_codes.SessionStatus.BOOKED)
    page = text_of(signed_in.get(reverse("workspace:outcome_create", kwargs={"reference": customer.reference})))
    assert "this customer has no attended session" in page


def test_withdraw_needs_a_reason(signed_in: Client, adviser: Any, customer: Customer) -> None:
    session = book_session(customer, adviser)
    outcome = services.outcome_claim(
        actor=adviser, customer=customer, session=session, outcome_type=4, effective_on=TODAY(), evidence_note="x"
    )
    url = reverse("workspace:outcome_withdraw", kwargs={"reference": customer.reference, "pk": outcome.pk})
    assert "Enter why the claim is being withdrawn" in text_of(signed_in.post(url, {"reason": ""}))
    signed_in.post(url, {"reason": "Entered on the wrong record"})
    outcome.refresh_from_db()
    assert outcome.is_withdrawn and outcome.withdrawal_reason == "Entered on the wrong record"


def test_terminated_records_are_read_only_for_plans(signed_in: Client, adviser: Any, customer: Customer) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    Customer.objects.filter(pk=customer.pk).update(
        terminated_at=timezone.now(), termination_reason=customer_codes.TerminationReason.CUSTOMER_CHOICE
    )
    kwargs = {"reference": customer.reference, "pk": plan.pk}
    for name in ("plan_edit", "goal_add", "action_add", "plan_send"):
        assert signed_in.get(reverse(f"workspace:{name}", kwargs=kwargs)).status_code == 409
    assert signed_in.get(reverse("workspace:plan_create", kwargs={"reference": customer.reference})).status_code == 409
    assert signed_in.get(reverse("workspace:plan_detail", kwargs=kwargs)).status_code == 200


# Payment extract ------------------------------------------------------------------------------


def test_the_payment_extract_streams_csv_and_is_audited(
    client_for: Any, adviser: Any, customer: Customer, london: Any
) -> None:
    session = book_session(customer, adviser)
    outcome = services.outcome_claim(
        actor=adviser, customer=customer, session=session, outcome_type=4, effective_on=TODAY(), evidence_note="x"
    )
    manager = make_staff(Role.MANAGER, organisation=london)
    query = {**date_fields("start", TODAY()), **date_fields("end", TODAY()), "organisation": str(london.pk)}
    response = client_for(manager).get(reverse("workspace:payment_extract"), query)
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("Outcome ID,Touchpoint ID,Customer reference")
    assert lines[1].startswith(f"{outcome.pk},{london.touchpoint_id},{customer.reference}")
    assert AuditEvent.objects.filter(action="outcome.payment_extract_downloaded", object_id=str(london.pk)).exists()


def test_payment_extract_bad_input_and_another_organisation(client_for: Any, london: Any, north_west: Any) -> None:
    manager = make_staff(Role.MANAGER, organisation=london)
    client = client_for(manager)
    response = client.get(
        reverse("workspace:payment_extract"),
        {
            **date_fields("start", TODAY()),
            **date_fields("end", TODAY() - datetime.timedelta(days=1)),
            "organisation": str(london.pk),
        },
    )
    page = text_of(response)
    assert "The end of the period must be the same as or after its start" in page
    assert f'value="{TODAY().day}"' in response.content.decode()
    response = client.get(
        reverse("workspace:payment_extract"),
        {**date_fields("start", TODAY()), **date_fields("end", TODAY()), "organisation": str(north_west.pk)},
    )
    assert "Select an organisation from the list" in text_of(response)
    assert not AuditEvent.objects.filter(action="outcome.payment_extract_downloaded").exists()


def test_changing_a_plan_with_bad_input_keeps_what_was_typed(
    signed_in: Client, adviser: Any, customer: Customer
) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    url = reverse("workspace:plan_edit", kwargs={"reference": customer.reference, "pk": plan.pk})
    tomorrow = TODAY() + datetime.timedelta(days=1)
    response = signed_in.post(
        url,
        {
            "current_situation": "Now volunteering two days a week",
            "charter_shown": "on",
            **date_fields("charter_shown_on", tomorrow),
        },
    )
    page = text_of(response)
    assert "The date the customer charter was shown must be today or in the past." in page
    assert "Now volunteering two days a week" in page
    plan.refresh_from_db()
    assert plan.current_situation.startswith("Working part time")
    signed_in.post(url, {"current_situation": "Now volunteering two days a week", **date_fields("charter_shown_on")})
    plan.refresh_from_db()
    assert plan.current_situation == "Now volunteering two days a week" and not plan.charter_shown
    assert plan.charter_shown_on is None


# Verifying a claim ----------------------------------------------------------------------------


def test_verifying_a_claim_with_bad_input_then_with_a_reason(
    client_for: Any, adviser: Any, customer: Customer, london: Any
) -> None:
    session = book_session(customer, adviser)
    outcome = services.outcome_claim(
        actor=adviser, customer=customer, session=session, outcome_type=4, effective_on=TODAY(), evidence_note="x"
    )
    auditor = make_staff(Role.QUALITY_AUDITOR, organisation=london, given_name="Quinn", family_name="Auditor")
    client = client_for(auditor)
    kwargs = {"reference": customer.reference, "pk": outcome.pk}
    detail = text_of(client.get(reverse("workspace:outcome_detail", kwargs=kwargs)))
    assert "Awaiting verification" in detail and "Change verification status" in detail
    url = reverse("workspace:outcome_verify", kwargs=kwargs)
    response = client.post(url, {"status": "", "reason": "Rang the college: enrolment confirmed"})
    page = text_of(response)
    assert "<title>Error: Verify the accredited learning claim" in response.content.decode()
    assert "There is a problem" in page and "Select the verification status" in page
    assert "Rang the college: enrolment confirmed" in page
    response = client.post(url, {"status": "1", "reason": ""})
    assert "Enter why the verification status is changing" in text_of(response)
    assert "The claim is already awaiting verification" in text_of(client.post(url, {"status": "1", "reason": "x"}))
    assert Outcome.objects.get().verification_status == codes.VerificationStatus.AWAITING
    response = client.post(url, {"status": "2", "reason": "Rang the college: enrolment confirmed"}, follow=True)
    page = text_of(response)
    assert "The accredited learning claim is now verified" in page
    assert "Verified Rang the college: enrolment confirmed" in page and "by Quinn Auditor, was awaiting" in page
    timeline = text_of(
        client_for(adviser).get(reverse("workspace:customer_record", kwargs={"reference": customer.reference}))
    )
    assert "Accredited learning claim: verified" in timeline


def test_another_organisation_s_manager_cannot_verify_and_an_adviser_sees_no_button(
    client_for: Any, adviser: Any, customer: Customer, north_west: Any
) -> None:
    session = book_session(customer, adviser)
    outcome = services.outcome_claim(
        actor=adviser, customer=customer, session=session, outcome_type=4, effective_on=TODAY(), evidence_note="x"
    )
    kwargs = {"reference": customer.reference, "pk": outcome.pk}
    elsewhere = client_for(make_staff(Role.MANAGER, organisation=north_west))
    assert (
        elsewhere.post(
            reverse("workspace:outcome_verify", kwargs=kwargs), {"status": "2", "reason": "Seen"}
        ).status_code
        == 403
    )
    assert "Change verification status" not in text_of(
        elsewhere.get(reverse("workspace:outcome_detail", kwargs=kwargs))
    )
    assert "Change verification status" not in text_of(
        client_for(adviser).get(reverse("workspace:outcome_detail", kwargs=kwargs))
    )
    assert Outcome.objects.get().verification_status == codes.VerificationStatus.AWAITING


# Signposting an action to a partner ------------------------------------------------------------


def test_the_action_form_offers_the_partners_serving_the_customer_s_area_and_keeps_the_choice(
    signed_in: Client, adviser: Any, customer: Customer
) -> None:
    Address.objects.filter(customer=customer).update(area=Area.LONDON)
    nearby = make_partner("Southwark Adult Learning")
    make_partner("Everywhere Apprenticeships", serves_all_england=True)
    make_partner("Mersey Money Help", areas=[Area.NORTH_WEST])
    make_partner("Closed Down Trust", is_active=False)
    plan = plan_with_goal_and_action(customer, adviser)
    url = reverse("workspace:action_add", kwargs={"reference": customer.reference, "pk": plan.pk})
    page = text_of(signed_in.get(url))
    assert "Southwark Adult Learning" in page and "Everywhere Apprenticeships" in page
    assert "Mersey Money Help" not in page and "Closed Down Trust" not in page
    form = {
        "action_type": "5",
        "summary": "Enrol on the autumn maths course",
        **date_fields("agreed_on", TODAY()),
        **date_fields("due_on", TODAY() + datetime.timedelta(days=14)),
        "responsible": "1",
        "status": "1",
        "signposted_partner": str(nearby.pk),
        "signposted_to": "Lambeth College",
    }
    response = signed_in.post(url, form)
    assert "Choose a partner from the directory or type who else can help, not both." in text_of(response)
    assert f'<option value="{nearby.pk}" selected>' in response.content.decode()
    assert plan.actions.count() == 1
    signed_in.post(url, {**form, "signposted_to": ""})
    action = plan.actions.get(action_type=5)
    assert action.signposted_partner == nearby and action.signposted_to == ""
    kwargs = {"reference": customer.reference, "pk": plan.pk}
    assert "Signposted to Southwark Adult Learning" in text_of(
        signed_in.get(reverse("workspace:plan_detail", kwargs=kwargs))
    )
    assert "signposted to Southwark Adult Learning" in text_of(
        signed_in.get(reverse("workspace:plan_print", kwargs=kwargs))
    )
    edit = reverse("workspace:action_edit", kwargs={**kwargs, "action_pk": action.pk})
    assert f'<option value="{nearby.pk}" selected>' in signed_in.get(edit).content.decode()
