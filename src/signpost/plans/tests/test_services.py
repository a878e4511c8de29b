"""Plans and outcomes through their services: who may do what, what is stored, audited, put on
the timeline and sent; every claim rule applied as the claim is entered."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from signpost.accounts.roles import Role
from signpost.contacts import codes as contact_codes
from signpost.contacts.models import TimelineEvent
from signpost.core import uploads
from signpost.core.models import AuditEvent, Notification
from signpost.customers import codes as customer_codes
from signpost.customers.models import Address, ContactDetails, Customer, PriorityGroupConfirmation
from signpost.plans import codes, documents, selectors, services
from signpost.plans.models import ActionPlan, Outcome
from signpost.plans.tests.builders import book_session, link_account, plan_with_goal_and_action
from tests.factories import CustomerFactory, make_customer, make_staff

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
T = codes.OutcomeType
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def field_errors(caught: Any) -> dict[str, list[str]]:
    return caught.value.message_dict


def reachable(customer: Customer) -> Customer:
    ContactDetails.objects.update_or_create(
        customer=customer,
        defaults={
            "preferred_method": customer_codes.ContactMethod.EMAIL,
            "email": "nia@example.com",
            "may_contact_by_email": True,
            "may_contact_by_post": True,
        },
    )
    Address.objects.create(
        customer=customer,
        line_1="4 Kennington Lane",
        town="London",
        postcode="SE11 4HQ",
        effective_from=datetime.date(2020, 1, 1),
    )
    return customer


# Plans ----------------------------------------------------------------------------------------


def test_an_adviser_makes_a_plan_in_a_session_audited_and_on_the_timeline(adviser: Any, customer: Customer) -> None:
    session = book_session(customer, adviser, status=contact_codes.SessionStatus.BOOKED)
    plan = services.plan_create(
        actor=adviser,
        customer=customer,
        session=session,
        current_situation="  Unemployed since March; wants warehouse work.  ",
        charter_shown=True,
        charter_shown_on=TODAY(),
    )
    plan.refresh_from_db()
    assert plan.current_situation == "Unemployed since March; wants warehouse work."
    assert (plan.session, plan.organisation, plan.adviser, plan.charter_shown_on) == (
        session,
        adviser.organisation,
        adviser,
        TODAY(),
    )
    assert AuditEvent.objects.filter(action="plan.created", object_id=str(customer.pk)).exists()
    event = TimelineEvent.objects.get(customer=customer, kind="plan.created")
    assert event.title == "Skills action plan agreed"
    assert event.link_name == "workspace:plan_detail"
    assert event.link_kwargs == {"reference": customer.reference, "pk": plan.pk}


def test_a_plan_needs_a_situation_a_charter_date_and_a_session_the_customer_is_in(
    adviser: Any, customer: Customer
) -> None:
    cancelled = book_session(customer, adviser, status=contact_codes.SessionStatus.CANCELLED)
    someone_else_s = book_session(CustomerFactory(), adviser)
    for session, field in ((cancelled, "session"), (someone_else_s, "session")):
        with pytest.raises(ValidationError) as caught:
            services.plan_create(actor=adviser, customer=customer, session=session, current_situation="x")
        assert field in field_errors(caught)
    with pytest.raises(ValidationError) as caught:
        services.plan_create(
            actor=adviser,
            customer=customer,
            session=book_session(customer, adviser),
            current_situation=" ",
            charter_shown=True,
        )
    assert field_errors(caught) == {
        "current_situation": ["Enter the customer's current situation."],
        "charter_shown_on": ["Enter the date the customer charter was shown."],
    }
    assert not ActionPlan.objects.exists()


def test_a_customer_cannot_make_an_adviser_s_plan_and_a_terminated_record_takes_none(
    adviser: Any, customer: Customer
) -> None:
    session = book_session(customer, adviser)
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=make_customer(), customer=customer, session=session, current_situation="x")
    customer.terminated_at, customer.termination_reason = (
        timezone.now(),
        customer_codes.TerminationReason.CUSTOMER_CHOICE,
    )
    customer.save()
    with pytest.raises(ValidationError):
        services.plan_create(actor=adviser, customer=customer, session=session, current_situation="x")


def test_goals_and_actions_with_their_date_order(adviser: Any, customer: Customer) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    with pytest.raises(ValidationError) as caught:
        services.goal_add(
            actor=adviser,
            plan=plan,
            goal_type=codes.GoalType.WORK,
            summary="Get a job",
            captured_on=datetime.date(2026, 3, 2),
            due_on=datetime.date(2026, 3, 1),
        )
    assert field_errors(caught) == {
        "due_on": ["The due date must be the same as or after the date the goal was captured (2 March 2026)."]
    }
    with pytest.raises(ValidationError) as caught:
        services.action_add(
            actor=adviser,
            plan=plan,
            action_type=codes.ActionType.CREATE_OR_UPDATE_CV,
            summary="",
            agreed_on=TODAY(),
            due_on=TODAY(),
            status=codes.ActionStatus.COMPLETED,
        )
    assert set(field_errors(caught)) == {"summary", "completed_on"}
    assert plan.goals.count() == 1 and plan.actions.count() == 1
    # Advisers' changes are not timeline news: only the plan's making is.
    assert list(TimelineEvent.objects.filter(customer=customer).values_list("kind", flat=True)) == ["plan.created"]


def test_a_customer_updates_due_dates_and_statuses_and_the_adviser_sees_it(adviser: Any, customer: Customer) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    account = make_customer()
    link_account(account, customer)
    action = plan.actions.get()
    services.action_progress_update(
        actor=account, action=action, due_on=action.due_on, status=codes.ActionStatus.COMPLETED, completed_on=TODAY()
    )
    action.refresh_from_db()
    assert (action.status, action.completed_on) == (codes.ActionStatus.COMPLETED, TODAY())
    event = TimelineEvent.objects.get(customer=customer, kind="plan.action_changed")
    assert event.title == "Customer updated an action online"
    assert event.actor == account and event.organisation == adviser.organisation
    assert "Find a course: completed" in event.detail
    goal = plan.goals.get()
    with pytest.raises(ValidationError) as caught:
        services.goal_progress_update(
            actor=account, goal=goal, due_on=goal.captured_on - datetime.timedelta(days=1), status=1
        )
    assert "due_on" in field_errors(caught)
    services.goal_progress_update(actor=account, goal=goal, due_on=goal.due_on + datetime.timedelta(days=7), status=1)
    assert TimelineEvent.objects.filter(customer=customer, kind="plan.goal_changed").count() == 1


def test_only_the_customer_themselves_changes_their_plan_online(adviser: Any, customer: Customer) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    stranger = make_customer()
    link_account(stranger, CustomerFactory())
    goal = plan.goals.get()
    for actor in (stranger, make_customer(), None):
        with pytest.raises(PermissionDenied):
            services.goal_progress_update(actor=actor, goal=goal, due_on=goal.due_on, status=1)
        with pytest.raises(PermissionDenied):
            services.plan_accept(actor=actor, plan=plan)
    owner = make_customer()
    link_account(owner, customer)
    # The customer may not add to, or rewrite, an adviser's plan.
    with pytest.raises(PermissionDenied):
        services.goal_add(actor=owner, plan=plan, goal_type=1, summary="x", due_on=TODAY())
    with pytest.raises(PermissionDenied):
        services.goal_update(
            actor=owner,
            goal=goal,
            goal_type=1,
            summary="x",
            captured_on=TODAY(),
            due_on=TODAY(),
            status=1,
            achieved_on=None,
        )


def test_the_customer_accepts_an_adviser_s_plan_once(adviser: Any, customer: Customer) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    owner = make_customer()
    link_account(owner, customer)
    accepted = services.plan_accept(actor=owner, plan=plan)
    assert accepted.acknowledged_at is not None
    assert TimelineEvent.objects.get(customer=customer, kind="plan.accepted").title == (
        "Customer accepted their skills action plan online"
    )
    with pytest.raises(ValidationError) as caught:
        services.plan_accept(actor=owner, plan=plan)
    assert caught.value.message_dict == {"plan": ["You have already accepted this plan."]}


def test_the_customer_makes_and_fills_their_own_plan(customer: Customer) -> None:
    owner = make_customer()
    link_account(owner, customer)
    plan = services.own_plan_create(actor=owner, customer=customer, current_situation="")
    assert plan.made_by_customer and plan.session is None and plan.delivery_method == codes.DeliveryMethod.DIGITAL
    services.goal_add(actor=owner, plan=plan, goal_type=codes.GoalType.WORK, summary="A job in a café", due_on=TODAY())
    services.action_add(
        actor=owner,
        plan=plan,
        action_type=codes.ActionType.SEARCH_FOR_VACANCY,
        summary="Search every week",
        due_on=TODAY(),
    )
    kinds = set(TimelineEvent.objects.filter(customer=customer).values_list("kind", flat=True))
    assert kinds == {"plan.own_created", "plan.goal_added", "plan.action_added"}
    with pytest.raises(ValidationError):
        services.plan_accept(actor=owner, plan=plan)
    with pytest.raises(PermissionDenied):
        services.own_plan_create(actor=make_customer(), customer=customer)


# Sending --------------------------------------------------------------------------------------


def test_send_by_email_puts_a_link_in_the_outbox_and_records_method_and_date(adviser: Any, customer: Customer) -> None:
    plan = plan_with_goal_and_action(reachable(customer), adviser)
    sent = services.plan_send(
        actor=adviser, plan=plan, method=services.SEND_BY_EMAIL, account_url="https://signpost.example/account/plans/1/"
    )
    plan.refresh_from_db()
    assert (plan.delivery_method, plan.sent_on) == (codes.DeliveryMethod.EMAIL, TODAY())
    notification = sent.notification
    assert notification is not None and notification.channel == Notification.Channel.EMAIL
    assert notification.recipient == "nia@example.com"
    assert notification.subject == "Your skills action plan"
    assert "https://signpost.example/account/plans/1/" in notification.body
    assert (notification.about_type, notification.about_id) == ("customers.customer", str(customer.pk))
    assert TimelineEvent.objects.get(customer=customer, kind="plan.sent").title == "Skills action plan sent by email"


def test_send_by_post_queues_the_whole_plan_as_a_letter(adviser: Any, customer: Customer) -> None:
    plan = plan_with_goal_and_action(reachable(customer), adviser)
    sent = services.plan_send(actor=adviser, plan=plan, method=services.SEND_BY_POST, account_url="https://x.example/")
    letter = sent.notification
    assert letter is not None and letter.channel == Notification.Channel.LETTER
    assert letter.recipient.splitlines() == ["Nia Okoro", "4 Kennington Lane", "London", "SE11 4HQ"]
    assert "Start a level 3 childcare course" in letter.body
    assert "Who can help: Lambeth College" in letter.body
    plan.refresh_from_db()
    assert plan.delivery_method == codes.DeliveryMethod.PAPER


def test_sending_says_why_it_cannot(adviser: Any, customer: Customer) -> None:
    plan = plan_with_goal_and_action(customer, adviser)
    for method, message in (
        (services.SEND_BY_EMAIL, "The customer has no email address: add one, or send the plan by post."),
        (services.SEND_BY_POST, "The customer has no current address: add one, or send the plan by email."),
    ):
        with pytest.raises(ValidationError) as caught:
            services.plan_send(actor=adviser, plan=plan, method=method, account_url="https://x.example/")
        assert caught.value.message_dict == {"method": [message]}
    assert not Notification.objects.exists()
    plan.refresh_from_db()
    assert plan.sent_on is None


def test_the_plan_as_a_pdf(adviser: Any, customer: Customer) -> None:
    plan = selectors.customer_plan(customer, plan_with_goal_and_action(customer, adviser).pk)
    assert plan is not None
    pdf = documents.plan_pdf(plan)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 1000
    assert documents.plan_filename(plan) == f"skills-action-plan-{customer.reference}-{plan.pk}.pdf"


# Outcomes -------------------------------------------------------------------------------------


def claim(adviser: Any, customer: Customer, session: Any, kind: int, effective: datetime.date, **extra: Any) -> Outcome:
    return services.outcome_claim(
        actor=adviser,
        customer=customer,
        session=session,
        outcome_type=kind,
        effective_on=effective,
        evidence_note="Customer confirmed by phone; payslip seen.",
        **extra,
    )


def test_a_claim_is_recorded_with_priority_worked_out_audited_and_on_the_timeline(
    adviser: Any, customer: Customer
) -> None:
    session = book_session(customer, adviser, on=TODAY() - datetime.timedelta(days=60))
    PriorityGroupConfirmation.objects.create(
        customer=customer, groups=[3], confirmed_on=session.starts_at.date(), confirmed_by=adviser
    )
    outcome = claim(adviser, customer, session, T.SUSTAINABLE_EMPLOYMENT, TODAY() - datetime.timedelta(days=5))
    assert outcome.priority and outcome.priority_reason == "Priority group 3"
    assert outcome.claimed_on == TODAY() and outcome.organisation == adviser.organisation
    assert AuditEvent.objects.filter(action="outcome.claimed", details__outcome=outcome.pk).exists()
    assert (
        TimelineEvent.objects.get(customer=customer, kind="outcome.claimed").title
        == "Sustainable employment outcome claimed"
    )


def test_a_claim_outside_its_window_or_on_a_session_not_attended_is_refused(adviser: Any, customer: Customer) -> None:
    session = book_session(customer, adviser, on=TODAY() - datetime.timedelta(days=800))
    with pytest.raises(ValidationError) as caught:
        claim(adviser, customer, session, T.ACCREDITED_LEARNING, TODAY())
    assert "within 12 months of the session" in field_errors(caught)["effective_on"][0]
    booked = book_session(customer, adviser, status=contact_codes.SessionStatus.BOOKED)
    with pytest.raises(ValidationError) as caught:
        claim(adviser, customer, booked, T.ACCREDITED_LEARNING, TODAY())
    assert "session" in field_errors(caught)
    with pytest.raises(ValidationError) as caught:
        claim(adviser, customer, booked, T.ACCREDITED_LEARNING, TODAY() + datetime.timedelta(days=1))
    assert "claimed_on" in field_errors(caught)
    assert not Outcome.objects.exists()


def test_one_satisfaction_outcome_a_year_whichever_organisation_claims(
    adviser: Any, customer: Customer, north_west: Any
) -> None:
    other_adviser = make_staff(Role.ADVISER, organisation=north_west, mfa=False)
    first_session = book_session(customer, other_adviser, on=TODAY() - datetime.timedelta(days=100))
    claim(other_adviser, customer, first_session, T.CUSTOMER_SATISFACTION, TODAY() - datetime.timedelta(days=90))
    session = book_session(customer, adviser, on=TODAY() - datetime.timedelta(days=10))
    with pytest.raises(ValidationError) as caught:
        claim(adviser, customer, session, T.CUSTOMER_SATISFACTION, TODAY())
    assert f"(claimed by {north_west.name})" in field_errors(caught)["effective_on"][0]
    # Once the other claim is withdrawn it no longer counts.
    services.outcome_withdraw(actor=other_adviser, outcome=Outcome.objects.get(), reason="Claimed in error")
    assert claim(adviser, customer, session, T.CUSTOMER_SATISFACTION, TODAY()).pk


def test_sustainable_employment_directly_after_career_progression_is_refused(adviser: Any, customer: Customer) -> None:
    session = book_session(customer, adviser, on=TODAY() - datetime.timedelta(days=100))
    claim(adviser, customer, session, T.CAREER_PROGRESSION, TODAY() - datetime.timedelta(days=50))
    with pytest.raises(ValidationError) as caught:
        claim(adviser, customer, session, T.SUSTAINABLE_EMPLOYMENT, TODAY())
    assert "cannot directly follow a career progression outcome" in field_errors(caught)["effective_on"][0]


def test_no_claims_on_a_terminated_record_but_a_duplicate_s_can_be_withdrawn(adviser: Any, customer: Customer) -> None:
    session = book_session(customer, adviser, on=TODAY() - datetime.timedelta(days=20))
    outcome = claim(adviser, customer, session, T.ACCREDITED_LEARNING, TODAY())
    Customer.objects.filter(pk=customer.pk).update(
        terminated_at=timezone.now(), termination_reason=customer_codes.TerminationReason.DUPLICATE
    )
    customer.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        claim(adviser, customer, session, T.CAREER_MANAGEMENT, TODAY())
    assert "no outcome can be claimed on it" in field_errors(caught)["customer"][0]
    withdrawn = services.outcome_withdraw(
        actor=adviser, outcome=outcome, reason="Duplicate record: claimed again on the other"
    )
    assert withdrawn.is_withdrawn
    with pytest.raises(ValidationError):
        services.outcome_withdraw(actor=adviser, outcome=outcome, reason="Again")


def test_withdrawing_on_a_record_closed_for_another_reason_is_refused(adviser: Any, customer: Customer) -> None:
    session = book_session(customer, adviser, on=TODAY() - datetime.timedelta(days=20))
    outcome = claim(adviser, customer, session, T.ACCREDITED_LEARNING, TODAY())
    Customer.objects.filter(pk=customer.pk).update(
        terminated_at=timezone.now(), termination_reason=customer_codes.TerminationReason.DECEASED
    )
    with pytest.raises(ValidationError) as caught:
        services.outcome_withdraw(actor=adviser, outcome=outcome, reason="x")
    assert "only when it was terminated as a duplicate" in field_errors(caught)["reason"][0]
    with pytest.raises(ValidationError) as caught:
        services.outcome_withdraw(actor=adviser, outcome=outcome, reason="  ")
    assert field_errors(caught) == {"reason": ["Enter why the claim is being withdrawn."]}


# Evidence files -------------------------------------------------------------------------------


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def with_file(content: bytes, name: str = "payslip.pdf") -> dict[str, Any]:
    return {"evidence_file": io.BytesIO(content), "evidence_name": name, "evidence_size": len(content)}


def test_a_pdf_is_stored_and_downloadable_once_scanned_clean(adviser: Any, customer: Customer, media: Any) -> None:
    session = book_session(customer, adviser)
    outcome = claim(adviser, customer, session, T.ACCREDITED_LEARNING, TODAY(), **with_file(PDF))
    evidence = outcome.evidence_file
    assert evidence.content_type == "application/pdf" and evidence.size == len(PDF)
    assert evidence.scan_status == codes.EvidenceScan.CLEAN and evidence.downloadable
    assert evidence.original_name == "payslip.pdf" and "payslip" not in evidence.file.name
    with evidence.file.open("rb") as stored:
        assert stored.read() == PDF


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b"MZ\x90\x00 this is a program",
            "payslip.pdf",
            "The selected file must be a PDF, PNG image, JPEG image or Word document.",
        ),
        (b"", "empty.pdf", "The selected file is empty."),
        (PDF + uploads.EICAR, "payslip.pdf", "The selected file contains a virus: it has not been kept."),
    ],
)
def test_files_are_checked_by_content_and_scanned(
    adviser: Any, customer: Customer, media: Any, content: bytes, name: str, message: str
) -> None:
    session = book_session(customer, adviser)
    with pytest.raises(ValidationError) as caught:
        claim(adviser, customer, session, T.ACCREDITED_LEARNING, TODAY(), **with_file(content, name))
    assert field_errors(caught) == {"evidence_file": [message]}
    assert not Outcome.objects.exists()
    assert not list(media.rglob("*.*"))


def test_files_over_the_size_limit_are_refused(adviser: Any, customer: Customer, media: Any) -> None:
    session = book_session(customer, adviser)
    big = {"evidence_file": io.BytesIO(PDF), "evidence_name": "x.pdf", "evidence_size": services.EVIDENCE_MAX_BYTES + 1}
    with pytest.raises(ValidationError) as caught:
        claim(adviser, customer, session, T.ACCREDITED_LEARNING, TODAY(), **big)
    assert field_errors(caught) == {"evidence_file": ["The selected file must be smaller than 10MB."]}


def test_when_the_scanner_is_down_the_file_is_kept_but_not_downloadable(
    adviser: Any, customer: Customer, media: Any, monkeypatch: Any
) -> None:
    class Down:
        def is_clean(self, file: Any) -> bool:
            raise uploads.ScanFailed("no answer")

    monkeypatch.setattr(uploads, "scanner", lambda: Down())
    outcome = claim(
        adviser, customer, book_session(customer, adviser), T.ACCREDITED_LEARNING, TODAY(), **with_file(PDF)
    )
    assert outcome.evidence_file.scan_status == codes.EvidenceScan.FAILED
    with pytest.raises(PermissionDenied):
        services.evidence_downloaded(actor=adviser, evidence=outcome.evidence_file)


def test_word_documents_and_images_are_recognised_by_content() -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert uploads.detect_type(buffer) == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert uploads.detect_type(io.BytesIO(b"\x89PNG\r\n\x1a\nrest")) == "image/png"
    assert uploads.detect_type(io.BytesIO(b"\xff\xd8\xff\xe0rest")) == "image/jpeg"
    assert uploads.detect_type(io.BytesIO(b"PK\x03\x04 not really a zip")) is None
    assert uploads.detect_type(io.BytesIO(b"<html>")) is None


# Payment extract ------------------------------------------------------------------------------


def test_payment_extract_takes_claims_with_both_dates_in_the_period_once(adviser: Any, north_west: Any) -> None:
    start, end = TODAY() - datetime.timedelta(days=30), TODAY()
    first, second, third = CustomerFactory(), CustomerFactory(), CustomerFactory()
    in_period = claim(adviser, first, book_session(first, adviser, on=start), T.ACCREDITED_LEARNING, start)
    # Effective before the period though claimed in it: left out.
    early = book_session(second, adviser, on=start - datetime.timedelta(days=10))
    claim(adviser, second, early, T.ACCREDITED_LEARNING, start - datetime.timedelta(days=1))
    # Withdrawn: left out.
    withdrawn = claim(adviser, third, book_session(third, adviser, on=end), T.CAREER_MANAGEMENT, end)
    services.outcome_withdraw(actor=adviser, outcome=withdrawn, reason="Claimed in error")
    # The same outcome claimed twice: once.
    Outcome.objects.create(
        customer=first,
        session=in_period.session,
        organisation=in_period.organisation,
        outcome_type=in_period.outcome_type,
        effective_on=in_period.effective_on,
        claimed_on=end,
        evidence_note="Entered twice",
        recorded_by=adviser,
    )
    # Another organisation's claims are theirs.
    other = make_staff(Role.ADVISER, organisation=north_west, mfa=False)
    claim(other, third, book_session(third, other, on=end), T.ACCREDITED_LEARNING, end)
    rows = list(selectors.payment_extract(adviser.organisation, start, end))
    assert rows == [
        (
            str(in_period.pk),
            adviser.organisation.touchpoint_id,
            first.reference,
            first.unique_learner_number,
            str(in_period.session_id),
            start.isoformat(),
            str(T.ACCREDITED_LEARNING),
            start.isoformat(),
            TODAY().isoformat(),
            "0",
            str(codes.VerificationStatus.AWAITING),
        )
    ]
    assert len(list(selectors.payment_extract(adviser.organisation, start + datetime.timedelta(days=1), end))) == 0
