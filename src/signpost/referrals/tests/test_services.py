"""Writes to the partner directory and to referrals: validation, audit, timeline and follow-up tasks."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from signpost.accounts.roles import Role
from signpost.casework import codes as casework_codes
from signpost.casework import services as casework_services
from signpost.casework.models import Task
from signpost.contacts.models import TimelineEvent
from signpost.core import working_days
from signpost.core.models import AuditEvent
from signpost.customers import services as customer_services
from signpost.customers.rules import CustomerTerminated
from signpost.organisations.models import Area
from signpost.referrals import codes, services
from signpost.referrals.models import Partner, Referral, ReferralStatusChange
from signpost.referrals.tests.builders import make_partner, make_referral
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

Status = codes.ReferralStatus
Done, Cancelled = casework_codes.TaskStatus.DONE, casework_codes.TaskStatus.CANCELLED
PARTNER: dict[str, Any] = {
    "name": "Northgate Housing Advice",
    "help_with": "Help with rent arrears, homelessness and finding somewhere to live",
    "categories": [codes.PartnerCategory.HOUSING, codes.PartnerCategory.CHARITY],
    "areas": [Area.LONDON],
    "phone": "020 7946 0123 ext 4",
    "email": "Referrals@Northgate-Housing.example",
    "website": "northgate-housing.example",
    "postcode": "sw1a1aa",
}


def errors_of(raised: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return raised.value.message_dict


# The directory ---------------------------------------------------------------------------------


def test_a_partner_is_added_with_tidy_contact_details_and_an_audit_event(national_leader):
    partner = services.partner_create(actor=national_leader, **PARTNER)
    assert (partner.phone, partner.phone_extension) == ("+442079460123", "4")
    assert partner.email == "referrals@northgate-housing.example"
    assert partner.website == "https://northgate-housing.example"
    assert partner.postcode == "SW1A 1AA"
    assert sorted(partner.category_links.values_list("category", flat=True)) == [1, 12]
    assert list(partner.area_links.values_list("area", flat=True)) == [Area.LONDON]
    assert partner.is_active and partner.deactivated_at is None
    assert AuditEvent.objects.filter(
        action="partner.created", object_id=str(partner.pk), actor=national_leader
    ).exists()


def test_every_problem_with_a_partner_is_reported_at_once(national_leader):
    with pytest.raises(ValidationError) as raised:
        services.partner_create(
            actor=national_leader,
            name=" ",
            help_with="",
            categories=[],
            areas=[],
            phone="12345",
            email="not an email",
            website="not a website",
            postcode="ZZ99 9ZZ",
        )
    errors = errors_of(raised)
    assert errors["name"] == ["Enter the partner's name."]
    assert errors["help_with"] == ["Enter what they help with."]
    assert errors["categories"] == ["Select at least one category."]
    assert errors["areas"] == ["Select the areas they serve, or all of England."]
    assert errors["phone"][0].startswith("Enter a UK phone number")
    assert errors["email"] == ["Enter an email address in the right format, like name@example.com."]
    assert errors["website"][0].startswith("Enter a website address in the right format")
    assert errors["postcode"][0].startswith("Enter a real postcode")
    assert not Partner.objects.exists()


def test_a_partner_needs_a_way_to_be_contacted(national_leader):
    with pytest.raises(ValidationError) as raised:
        services.partner_create(actor=national_leader, **{**PARTNER, "phone": "", "email": "", "website": ""})
    assert errors_of(raised)["phone"] == [
        "Enter at least one way to contact them: a phone number, an email address or a website."
    ]


def test_names_are_unique_whatever_the_case(national_leader):
    services.partner_create(actor=national_leader, **PARTNER)
    with pytest.raises(ValidationError) as raised:
        services.partner_create(actor=national_leader, **{**PARTNER, "name": "NORTHGATE housing advice"})
    assert errors_of(raised)["name"] == ["NORTHGATE housing advice is already in the directory."]


def test_an_area_manager_adds_partners_for_their_own_area_only(london_manager):
    with pytest.raises(ValidationError) as raised:
        services.partner_create(actor=london_manager, **{**PARTNER, "areas": [Area.SOUTH_WEST]})
    assert errors_of(raised)["areas"] == ["Include your own area among the areas they serve."]
    with pytest.raises(ValidationError) as raised:
        services.partner_create(actor=london_manager, **{**PARTNER, "areas": [], "serves_all_england": True})
    assert errors_of(raised)["areas"] == ["Only national staff can add or change a partner that serves all of England."]
    partner = services.partner_create(actor=london_manager, **{**PARTNER, "areas": [Area.LONDON, Area.SOUTH_EAST]})
    assert sorted(partner.area_links.values_list("area", flat=True)) == [Area.LONDON, Area.SOUTH_EAST]


def test_people_without_the_permission_cannot_change_the_directory(adviser, london_manager):
    with pytest.raises(PermissionDenied):
        services.partner_create(actor=adviser, **PARTNER)
    elsewhere = make_partner("Tyne Debt Line", areas=[Area.NORTH_EAST])
    with pytest.raises(PermissionDenied):
        services.partner_deactivate(actor=london_manager, partner=elsewhere)
    with pytest.raises(PermissionDenied):
        services.partner_update(actor=london_manager, partner=elsewhere, **PARTNER)
    assert Partner.objects.get(pk=elsewhere.pk).is_active


def test_changing_a_partner_records_which_fields_changed(national_leader):
    partner = services.partner_create(actor=national_leader, **PARTNER)
    services.partner_update(
        actor=national_leader,
        partner=partner,
        **{**PARTNER, "categories": [codes.PartnerCategory.HOUSING], "accepts_warm_transfers": True},
    )
    partner.refresh_from_db()
    assert partner.accepts_warm_transfers
    assert list(partner.category_links.values_list("category", flat=True)) == [codes.PartnerCategory.HOUSING]
    event = AuditEvent.objects.get(action="partner.updated")
    assert event.details == {"fields": ["accepts_warm_transfers", "categories"]}


def test_deactivating_and_reactivating(national_leader):
    partner = make_partner()
    services.partner_deactivate(actor=national_leader, partner=partner)
    partner.refresh_from_db()
    assert not partner.is_active and partner.deactivated_at is not None
    with pytest.raises(ValidationError):
        services.partner_deactivate(actor=national_leader, partner=partner)
    services.partner_reactivate(actor=national_leader, partner=partner)
    partner.refresh_from_db()
    assert partner.is_active and partner.deactivated_at is None
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="partner.").order_by("id")] == [
        "partner.deactivated",
        "partner.reactivated",
    ]


# Referrals -------------------------------------------------------------------------------------


def test_a_warm_transfer_is_recorded_with_consent_on_the_timeline_with_a_follow_up_task(adviser, customer):
    partner = make_partner(accepts_warm_transfers=True)
    referral = services.referral_make(
        actor=adviser,
        customer=customer,
        kind=codes.ReferralKind.REFERRAL,
        partner=partner,
        reason="Rent arrears",
        warm_transfer=True,
        consent_to_share=True,
    )
    assert referral.status == Status.MADE and referral.area == Area.LONDON
    assert referral.consent_recorded_at is not None and referral.organisation == adviser.organisation
    assert list(referral.status_changes.values_list("to_status", flat=True)) == [Status.MADE]
    audit = AuditEvent.objects.get(action="referral.made")
    assert audit.object_id == str(customer.pk) and audit.details["referral"] == referral.pk
    assert "Rent arrears" not in str(audit.details)
    event = TimelineEvent.objects.get(customer=customer)
    assert (event.kind, event.title) == ("referral.referral_made", "Referred to Riverside Money Advice (warm transfer)")
    assert event.link_kwargs == {"reference": customer.reference, "pk": referral.pk}
    task = Task.objects.get()
    assert referral.follow_up_task == task
    assert task.task_type == casework_codes.TaskType.REFERRAL_FOLLOW_UP
    assert task.customer == customer and task.assignee == adviser and task.organisation == adviser.organisation
    due_on = working_days.next_working_day(timezone.localdate())
    assert timezone.localtime(task.due_at).date() == due_on


def test_a_chosen_follow_up_date_makes_a_task_due_that_day(adviser, customer):
    on = timezone.localdate() + datetime.timedelta(days=30)
    referral = services.referral_make(
        actor=adviser,
        customer=customer,
        kind=codes.ReferralKind.SIGNPOST,
        channel=codes.OtherChannel.WEB,
        reason="Wants to look at courses",
        follow_up_on=on,
    )
    assert referral.follow_up_task is not None
    assert timezone.localtime(referral.follow_up_task.due_at).date() == on
    assert TimelineEvent.objects.get().title == "Signposted to Web: the service's website"


def test_a_plain_signpost_needs_no_follow_up(adviser, customer):
    services.referral_make(
        actor=adviser, customer=customer, kind=codes.ReferralKind.SIGNPOST, partner=make_partner(), reason="Debts"
    )
    assert not Task.objects.exists()


def test_a_referral_with_every_mistake_is_refused_whole(adviser, customer):
    partner = make_partner(accepts_warm_transfers=False)
    with pytest.raises(ValidationError) as raised:
        services.referral_make(
            actor=adviser,
            customer=customer,
            kind=codes.ReferralKind.REFERRAL,
            partner=partner,
            reason="",
            warm_transfer=True,
            consent_to_share=False,
            follow_up_on=timezone.localdate() - datetime.timedelta(days=1),
        )
    errors = errors_of(raised)
    assert errors["reason"] == ["Enter what the customer needs help with."]
    assert errors["warm_transfer"] == ["Riverside Money Advice does not take warm transfers: refer them without one."]
    assert errors["consent_to_share"][0].startswith("The customer must agree to us sharing their details")
    assert errors["follow_up_on"] == ["The follow-up date must be today or in the future."]
    assert not Referral.objects.exists() and not AuditEvent.objects.filter(action="referral.made").exists()


def test_an_inactive_partner_cannot_be_chosen(adviser, customer):
    partner = make_partner(is_active=False)
    with pytest.raises(ValidationError) as raised:
        services.referral_make(
            actor=adviser, customer=customer, kind=codes.ReferralKind.SIGNPOST, partner=partner, reason="Debts"
        )
    assert errors_of(raised)["partner"] == [
        "Riverside Money Advice is no longer an active partner: choose another partner."
    ]


def test_nothing_is_referred_from_a_terminated_record(adviser, customer):
    customer_services.customer_terminate(actor=adviser, customer=customer, reason=1)
    with pytest.raises(CustomerTerminated):
        services.referral_make(
            actor=adviser, customer=customer, kind=codes.ReferralKind.SIGNPOST, channel=1, reason="Courses"
        )
    assert not Referral.objects.exists()


@pytest.mark.parametrize("role", ["quality_auditor", "manager", "moderator"])
def test_only_roles_with_the_permission_refer(role, person, customer):
    with pytest.raises(PermissionDenied):
        services.referral_make(
            actor=person(role), customer=customer, kind=codes.ReferralKind.SIGNPOST, channel=1, reason="Courses"
        )


def test_made_accepted_completed_each_on_the_timeline_and_audited(adviser, customer):
    referral = make_referral(customer, adviser, make_partner())
    services.referral_status_change(actor=adviser, referral=referral, status=Status.ACCEPTED)
    services.referral_status_change(actor=adviser, referral=referral, status=Status.COMPLETED, reason="Plan agreed")
    referral.refresh_from_db()
    assert referral.status == Status.COMPLETED
    history = list(referral.status_changes.values_list("from_status", "to_status", "reason"))
    assert history == [
        (None, Status.MADE, ""),
        (Status.MADE, Status.ACCEPTED, ""),
        (Status.ACCEPTED, Status.COMPLETED, "Plan agreed"),
    ]
    titles = list(TimelineEvent.objects.order_by("id").values_list("kind", "title"))
    assert titles == [
        ("referral.accepted", "Referral to Riverside Money Advice accepted"),
        ("referral.completed", "Referral to Riverside Money Advice completed"),
    ]
    audits = AuditEvent.objects.filter(action="referral.status_changed").order_by("id")
    assert [(a.details["from"], a.details["to"]) for a in audits] == [(1, 2), (2, 3)]


def test_a_wrong_step_or_a_missing_reason_names_the_field(adviser, customer):
    referral = make_referral(customer, adviser, make_partner())
    with pytest.raises(ValidationError) as raised:
        services.referral_status_change(actor=adviser, referral=referral, status=Status.COMPLETED)
    assert errors_of(raised) == {"status": ["A referral that is made cannot be marked completed."]}
    with pytest.raises(ValidationError) as raised:
        services.referral_status_change(actor=adviser, referral=referral, status=Status.WITHDRAWN, reason=" ")
    assert errors_of(raised) == {"reason": ["Enter why the referral was withdrawn."]}
    assert ReferralStatusChange.objects.count() == 1 and not TimelineEvent.objects.exists()


def test_no_status_change_on_a_terminated_record(adviser, customer):
    referral = make_referral(customer, adviser, make_partner())
    customer_services.customer_terminate(actor=adviser, customer=customer, reason=1)
    with pytest.raises(CustomerTerminated):
        services.referral_status_change(actor=adviser, referral=referral, status=Status.ACCEPTED)
    referral.refresh_from_db()
    assert referral.status == Status.MADE


# A closed referral's follow-up task ------------------------------------------------------------


def _warm_referral(adviser: Any, customer: Any) -> Referral:
    return services.referral_make(
        actor=adviser,
        customer=customer,
        kind=codes.ReferralKind.REFERRAL,
        partner=make_partner(accepts_warm_transfers=True),
        reason="Rent arrears",
        warm_transfer=True,
        consent_to_share=True,
    )


@pytest.mark.parametrize(
    ("steps", "task_status", "note_ends"),
    [
        ([(Status.ACCEPTED, ""), (Status.COMPLETED, "")], Done, "nothing left to follow up."),
        ([(Status.DECLINED, "Their waiting list is closed")], Done, ": Their waiting list is closed"),
        ([(Status.WITHDRAWN, "Customer found help elsewhere")], Cancelled, ": Customer found help elsewhere"),
    ],
)
def test_closing_a_referral_closes_its_follow_up_task_with_a_note(adviser, customer, steps, task_status, note_ends):
    referral = _warm_referral(adviser, customer)
    for status, reason in steps:
        services.referral_status_change(actor=adviser, referral=referral, status=status, reason=reason)
    task = Task.objects.get()
    assert task.status == task_status and task.completed_by == adviser and task.completed_at is not None
    label = str(Status(steps[-1][0]).label).lower()
    assert task.completion_note.startswith(f"The referral was marked {label} by Ade Adviser on ")
    assert task.completion_note.endswith(note_ends)
    action = "task.completed" if task_status == casework_codes.TaskStatus.DONE else "task.cancelled"
    audit = AuditEvent.objects.get(action=action, object_id=str(task.pk))
    assert audit.details == {"settled": True, "claimed_by": adviser.pk}


def test_a_task_claimed_by_someone_else_is_closed_and_stays_theirs(adviser, customer, london):
    colleague = make_staff(Role.ADVISER, organisation=london, mfa=False)
    referral = _warm_referral(adviser, customer)
    task = Task.objects.get()
    casework_services.task_reassign(
        actor=make_staff(Role.TEAM_LEADER, organisation=london, mfa=False), task=task, assignee=colleague
    )
    services.referral_status_change(actor=adviser, referral=referral, status=Status.WITHDRAWN, reason="Moved away")
    task.refresh_from_db()
    assert task.status == casework_codes.TaskStatus.CANCELLED
    assert task.assignee == colleague and task.completed_by == adviser
    assert "withdrawn by Ade Adviser" in task.completion_note
    assert AuditEvent.objects.get(action="task.cancelled").details["claimed_by"] == colleague.pk


def test_a_follow_up_already_done_is_left_as_it_was_and_an_open_referral_keeps_its_task(adviser, customer):
    referral = _warm_referral(adviser, customer)
    services.referral_status_change(actor=adviser, referral=referral, status=Status.ACCEPTED)
    task = Task.objects.get()
    assert task.is_active
    casework_services.task_complete(actor=adviser, task=task, note="Rang them: seen on Monday")
    services.referral_status_change(actor=adviser, referral=referral, status=Status.COMPLETED)
    task.refresh_from_db()
    assert task.status == casework_codes.TaskStatus.DONE and task.completion_note == "Rang them: seen on Monday"
    assert AuditEvent.objects.filter(action="task.completed").count() == 1
