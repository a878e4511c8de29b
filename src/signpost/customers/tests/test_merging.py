"""Merging two records of one person and undoing it (issue 3, item 9), and the email address held
unique among live customers by the database (domain.md §3)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from signpost.accounts.roles import Role
from signpost.contacts import codes as contact_codes
from signpost.contacts import services as contact_services
from signpost.contacts.models import Interaction
from signpost.core.models import AuditEvent
from signpost.customers import codes, merging, selectors, services
from signpost.customers.merging import DUPLICATE, SURVIVOR
from signpost.customers.models import (
    Address,
    ConsentRecord,
    ContactDetails,
    Customer,
    CustomerMerge,
    Diversity,
    EmploymentStatus,
    IdentityCheck,
    IdentitySecret,
    LearningStatus,
    PriorityGroupConfirmation,
)
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
BORN = datetime.date(1990, 5, 14)


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london, mfa=False)


@pytest.fixture
def admin(london: Any) -> Any:
    return make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=london, mfa=False)


def new(actor: Any, given: str = "Amara", family: str = "Okafor", **fields: Any) -> Customer:
    return services.customer_create(actor=actor, given_name=given, family_name=family, date_of_birth=BORN, **fields)


def call(actor: Any, customer: Customer, summary: str = "Talked about nursing.") -> Interaction:
    return contact_services.interaction_record(
        actor=actor,
        customer=customer,
        channel=contact_codes.Channel.TELEPHONE,
        interaction_type=contact_codes.InteractionType.TELEPHONE_CALL,
        reason=contact_codes.ReasonForContact.DEVELOP_MY_CAREER,
        service_level=contact_codes.ServiceLevel.ADVICE,
        summary=summary,
    )


def contact(actor: Any, customer: Customer, **fields: Any) -> ContactDetails:
    return services.contact_details_set(actor=actor, customer=customer, **fields)


def fresh(customer: Customer) -> Customer:
    return Customer.objects.get(pk=customer.pk)


@pytest.fixture
def pair(adviser: Any) -> tuple[Customer, Customer]:
    """Two records of one person: the older one full, the newer one made on a later call."""
    kept = new(adviser, introduced_by=codes.IntroducedBy.SCHOOL)
    contact(adviser, kept, mobile="07700 900123")
    services.address_add(
        actor=adviser, customer=kept, line_1="1 Old Road", postcode="M1 1AE", effective_from=datetime.date(2020, 1, 1)
    )
    services.employment_status_record(
        actor=adviser,
        customer=kept,
        status=codes.EmploymentStatusCode.UNEMPLOYED,
        recorded_on=datetime.date(2024, 1, 1),
    )
    call(adviser, kept, "First call.")

    other = new(adviser, given="Amarah", unique_learner_number="1234567890")
    contact(
        adviser,
        other,
        preferred_method=codes.ContactMethod.EMAIL,
        email="amara@example.com",
        home_phone="020 7946 0000 ext 12",
        may_contact_by_email=True,
    )
    services.address_add(
        actor=adviser,
        customer=other,
        line_1="Buckingham Palace",
        postcode="SW1A 1AA",
        effective_from=datetime.date(2023, 6, 1),
    )
    services.employment_status_record(
        actor=adviser, customer=other, status=codes.EmploymentStatusCode.EMPLOYED, recorded_on=datetime.date(2025, 1, 1)
    )
    services.learning_status_record(
        actor=adviser,
        customer=other,
        status=codes.LearningStatusCode.IN_LEARNING,
        recorded_on=datetime.date(2025, 1, 1),
    )
    services.priority_groups_confirm(actor=adviser, customer=other, groups=[codes.PriorityGroup.SINGLE_PARENT])
    services.consent_record(
        actor=adviser, customer=other, user_research=True, market_research=True, lawful_basis=codes.LawfulBasis.CONSENT
    )
    services.identity_secret_set(actor=adviser, customer=other, word="Kingfisher")
    services.identity_check(actor=adviser, customer=other, answers={1: "k", 2: "i"})
    call(adviser, other, "Second call.")
    call(adviser, other, "Third call.")
    return kept, other


# Comparing -------------------------------------------------------------------------------------


def test_comparison_lists_each_differing_value_with_a_sensible_default(pair):
    kept, other = pair
    comparison = merging.compare(kept, other)
    differing = {item.field.key: item for item in comparison.differing}
    assert set(differing) >= {"given_name", "unique_learner_number", "introduced_by", "email", "home_phone"}
    assert "family_name" not in differing and "date_of_birth" not in differing
    # The kept record's value, unless it has none and the other record has one.
    assert differing["given_name"].default == SURVIVOR
    assert differing["introduced_by"].default == SURVIVOR
    assert differing["unique_learner_number"].default == DUPLICATE
    assert differing["email"].default == DUPLICATE
    assert differing["mobile"].default == SURVIVOR
    assert [part.key for part in comparison.parts] == [merging.CURRENT_ADDRESS]
    moves = {move.label: move.moving for move in comparison.moves}
    assert moves["interactions"] == 2 and moves["addresses"] == 1 and moves["identity checks"] == 1
    assert comparison.memorable_word_stays and not comparison.problems


def test_records_that_cannot_be_merged_say_why(adviser, pair):
    kept, other = pair
    assert merging.merge_problems(kept, kept) == [
        "A record cannot be merged with itself: enter the reference of the other record."
    ]
    services.customer_terminate(actor=adviser, customer=other, reason=codes.TerminationReason.DECEASED)
    (problem,) = merging.merge_problems(kept, fresh(other))
    assert problem.startswith(f"{other.display_reference} was terminated on ") and problem.endswith("cannot be merged.")


# Merging ---------------------------------------------------------------------------------------


def test_merge_moves_everything_and_terminates_the_duplicate_as_a_duplicate(adviser, pair):
    kept, other = pair
    moving = {
        Interaction: set(Interaction.objects.filter(customer=other).values_list("pk", flat=True)),
        Address: set(Address.objects.filter(customer=other).values_list("pk", flat=True)),
        EmploymentStatus: set(EmploymentStatus.objects.filter(customer=other).values_list("pk", flat=True)),
        LearningStatus: set(LearningStatus.objects.filter(customer=other).values_list("pk", flat=True)),
        PriorityGroupConfirmation: set(
            PriorityGroupConfirmation.objects.filter(customer=other).values_list("pk", flat=True)
        ),
        ConsentRecord: set(ConsentRecord.objects.filter(customer=other).values_list("pk", flat=True)),
        IdentityCheck: set(IdentityCheck.objects.filter(customer=other).values_list("pk", flat=True)),
    }
    merge = services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={})

    for model, pks in moving.items():
        assert pks and set(model.objects.filter(customer=kept, pk__in=pks).values_list("pk", flat=True)) == pks, model
        assert not model.objects.filter(customer=other).exists(), model
    assert Interaction.objects.filter(customer=kept).count() == 3
    duplicate = fresh(other)
    assert duplicate.is_terminated and duplicate.termination_reason == codes.TerminationReason.DUPLICATE
    assert duplicate.terminated_at == merge.merged_at
    # The memorable word cannot be re-keyed: it stays with the merged record.
    assert IdentitySecret.objects.filter(customer=other).exists()
    assert not IdentitySecret.objects.filter(customer=kept).exists()
    assert selectors.merge_of_duplicate(duplicate) == merge


def test_merge_keeps_the_chosen_values_and_defaults_the_rest(adviser, pair):
    kept, other = pair
    services.customer_merge(
        actor=adviser, survivor=kept, duplicate=other, choices={"given_name": DUPLICATE, "mobile": DUPLICATE}
    )
    survivor = fresh(kept)
    assert survivor.given_name == "Amarah"  # chosen
    assert survivor.unique_learner_number == "1234567890"  # the kept record had none
    assert survivor.introduced_by == codes.IntroducedBy.SCHOOL  # the kept record's
    details = ContactDetails.objects.get(customer=kept)
    assert details.email == "amara@example.com" and details.live
    assert details.mobile == ""  # chosen: the other record had no mobile
    assert (details.home_phone, details.home_phone_extension) == ("+442079460000", "12")
    assert details.preferred_method == codes.ContactMethod.EMAIL
    # The other record's contact details stay with it, no longer counted among live customers.
    assert ContactDetails.objects.get(customer=other).live is False


def test_which_address_is_current_is_chosen_and_the_other_ends_yesterday(adviser, pair):
    kept, other = pair
    services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={merging.CURRENT_ADDRESS: DUPLICATE})
    yesterday = TODAY() - datetime.timedelta(days=1)
    assert selectors.current_address(kept).line_1 == "Buckingham Palace"
    old = Address.objects.get(customer=kept, line_1="1 Old Road")
    assert old.effective_to == yesterday and old.effective_from == datetime.date(2020, 1, 1)


def test_the_same_address_on_both_records_ends_the_duplicate_copy_even_if_it_started_today(adviser):
    kept, other = new(adviser), new(adviser)
    services.address_add(
        actor=adviser,
        customer=kept,
        line_1="1 Road",
        postcode="M1 1AE",
        effective_from=TODAY() - datetime.timedelta(days=400),
    )
    copy = services.address_add(actor=adviser, customer=other, line_1="1 road", postcode="m11ae")
    assert merging.compare(kept, other).parts == []
    services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={})
    copy.refresh_from_db()
    yesterday = TODAY() - datetime.timedelta(days=1)
    assert (copy.customer_id, copy.effective_from, copy.effective_to) == (kept.pk, yesterday, yesterday)
    assert selectors.current_address(kept).effective_from < yesterday


def test_merge_is_audited_with_references_and_field_names_only(adviser, pair):
    kept, other = pair
    merge = services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={"given_name": DUPLICATE})
    kept_event = AuditEvent.objects.get(action="customer.merged", object_id=str(kept.pk))
    assert kept_event.details["survivor"] == kept.reference and kept_event.details["duplicate"] == other.reference
    assert kept_event.details["merge"] == merge.pk
    assert "given_name" in kept_event.details["fields"] and kept_event.details["moved"]["contacts.interaction"] == 2
    other_event = AuditEvent.objects.get(action="customer.terminated", object_id=str(other.pk))
    assert other_event.details == {
        "reason": 3,
        "survivor": kept.reference,
        "duplicate": other.reference,
        "merge": merge.pk,
    }
    for event in (kept_event, other_event):
        text = str(event.details)
        assert "Amarah" not in text and "amara@example.com" not in text and "7946" not in text


def test_merge_refuses_itself_terminated_records_and_bad_choices(adviser, pair):
    kept, other = pair
    with pytest.raises(ValidationError, match="cannot be merged with itself"):
        services.customer_merge(actor=adviser, survivor=kept, duplicate=kept, choices={})
    with pytest.raises(ValidationError) as error:
        services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={"given_name": "both"})
    assert error.value.message_dict == {"given_name": ["Choose the value of one of the two records."]}
    with pytest.raises(ValidationError, match="nothing to choose"):
        services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={"favourite_colour": SURVIVOR})
    third = new(adviser, given="Zed")
    services.customer_terminate(actor=adviser, customer=third, reason=codes.TerminationReason.OTHER)
    for survivor, duplicate in ((kept, third), (third, kept)):
        with pytest.raises(ValidationError, match=r"was terminated on .* and cannot be merged"):
            services.customer_merge(actor=adviser, survivor=survivor, duplicate=duplicate, choices={})
    assert not CustomerMerge.objects.exists()
    assert not fresh(other).is_terminated
    assert Interaction.objects.filter(customer=other).count() == 2


@pytest.mark.parametrize("role", [Role.QUALITY_AUDITOR, Role.MANAGER, Role.CONTENT_EDITOR, Role.MODERATOR])
def test_only_roles_with_the_permission_merge(london, pair, role):
    kept, other = pair
    with pytest.raises(PermissionDenied):
        services.customer_merge(actor=make_staff(role, organisation=london), survivor=kept, duplicate=other, choices={})
    with pytest.raises(PermissionDenied):
        services.customer_merge(actor=None, survivor=kept, duplicate=other, choices={})
    assert not fresh(other).is_terminated


def test_the_merged_record_must_have_what_its_preferred_method_needs(adviser, pair):
    kept, other = pair
    with pytest.raises(ValidationError) as error:
        services.customer_merge(
            actor=adviser, survivor=kept, duplicate=other, choices={"preferred_method": DUPLICATE, "email": SURVIVOR}
        )
    (message,) = error.value.message_dict["preferred_method"]
    assert message.startswith("Contacting them by email needs an email address")
    assert not fresh(other).is_terminated


def test_the_kept_email_must_not_belong_to_a_third_live_customer(adviser, pair):
    kept, other = pair
    # Only a stale liveness flag lets a third live record share the other record's email.
    ContactDetails.objects.filter(customer=other).update(live=False)
    contact(adviser, new(adviser, given="Zed"), email="amara@example.com")
    with pytest.raises(ValidationError) as error:
        merging.validate_choices(merging.compare(kept, other), {"email": DUPLICATE})
    assert error.value.message_dict["email"] == ["Another customer already has this email address."]


def test_one_to_one_parts_move_or_are_chosen_and_the_other_stays(adviser, pair):
    kept, other = pair
    services.diversity_set(actor=adviser, customer=other, health_consent=False, ethnicity_consent=True, ethnicity=31)
    # Only the other record has one: it moves.
    services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={})
    assert Diversity.objects.get(customer=kept).ethnicity == 31


def test_when_both_have_a_one_to_one_part_the_chosen_one_is_kept_and_undo_swaps_back(adviser, admin, pair):
    kept, other = pair
    mine = services.diversity_set(actor=adviser, customer=kept, health_consent=False, ethnicity_consent=False)
    theirs = services.diversity_set(
        actor=adviser, customer=other, health_consent=False, ethnicity_consent=True, ethnicity=31
    )
    key = "customers-diversity-customer"
    comparison = merging.compare(kept, other)
    assert key in comparison.choice_keys() and comparison.defaults()[key] == SURVIVOR
    merge = services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={key: DUPLICATE})
    assert Diversity.objects.get(customer=kept).pk == theirs.pk
    assert Diversity.objects.get(customer=other).pk == mine.pk
    assert not Customer.objects.filter(given_name="-").exists()  # the placeholder is gone
    services.customer_merge_undo(actor=admin, merge=merge, reason="Two different people")
    assert Diversity.objects.get(customer=kept).pk == mine.pk
    assert Diversity.objects.get(customer=other).pk == theirs.pk


def test_keeping_the_survivors_one_to_one_part_leaves_the_other_on_the_duplicate(adviser, pair):
    kept, other = pair
    mine = services.diversity_set(actor=adviser, customer=kept, health_consent=False, ethnicity_consent=False)
    theirs = services.diversity_set(actor=adviser, customer=other, health_consent=False, ethnicity_consent=False)
    services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={})
    assert Diversity.objects.get(customer=kept).pk == mine.pk
    assert Diversity.objects.get(customer=other).pk == theirs.pk


def test_every_relation_to_a_customer_is_found_including_other_apps(pair):
    labels = {relation.label for relation in merging.relations()}
    assert {
        "customers.address",
        "customers.diversity",
        "customers.employmentstatus",
        "customers.learningstatus",
        "customers.prioritygroupconfirmation",
        "customers.identitycheck",
        "customers.consentrecord",
        "contacts.interaction",
        "contacts.serviceimprovementask",
    } <= labels
    assert not labels & {"customers.customermerge", "customers.identitysecret", "customers.contactdetails"}


# Undo -------------------------------------------------------------------------------------------


def test_undo_puts_everything_back(adviser, admin, pair):
    kept, other = pair
    before = {
        "kept": set(Interaction.objects.filter(customer=kept).values_list("pk", flat=True)),
        "other": set(Interaction.objects.filter(customer=other).values_list("pk", flat=True)),
    }
    merge = services.customer_merge(
        actor=adviser,
        survivor=kept,
        duplicate=other,
        choices={"given_name": DUPLICATE, merging.CURRENT_ADDRESS: DUPLICATE},
    )
    later = call(adviser, kept, "A call after the merge.")

    result = services.customer_merge_undo(actor=admin, merge=merge, reason="Two different people with one name")

    assert result.kept_changes == []
    assert set(Interaction.objects.filter(customer=other).values_list("pk", flat=True)) == before["other"]
    assert set(Interaction.objects.filter(customer=kept).values_list("pk", flat=True)) == before["kept"] | {later.pk}
    survivor, duplicate = fresh(kept), fresh(other)
    assert survivor.given_name == "Amara" and survivor.unique_learner_number == ""
    assert not duplicate.is_terminated and duplicate.termination_reason is None
    assert ContactDetails.objects.get(customer=kept).email == ""
    assert ContactDetails.objects.get(customer=other).live is True
    assert selectors.current_address(kept).line_1 == "1 Old Road"
    assert Address.objects.get(line_1="1 Old Road").effective_to is None
    assert selectors.current_address(other).line_1 == "Buckingham Palace"
    merge.refresh_from_db()
    assert merge.is_undone and merge.undone_by == admin and merge.undo_reason == "Two different people with one name"
    assert selectors.merge_of_duplicate(duplicate) is None
    undone = AuditEvent.objects.get(action="customer.merge_undone")
    assert undone.details["survivor"] == kept.reference and "people" not in str(undone.details) + undone.reason
    assert AuditEvent.objects.filter(action="customer.unterminated", object_id=str(other.pk)).exists()
    # The two can be merged again.
    services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={})


def test_undo_keeps_values_changed_since_the_merge_and_says_which(adviser, admin, pair):
    kept, other = pair
    merge = services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={"given_name": DUPLICATE})
    services.customer_update_identity(actor=adviser, customer=kept, given_name="Ama")
    result = services.customer_merge_undo(actor=admin, merge=merge, reason="Wrong person")
    assert result.kept_changes == ["First name"]
    survivor = fresh(kept)
    assert survivor.given_name == "Ama" and survivor.unique_learner_number == ""


def test_undo_is_for_system_administrators_with_a_reason(adviser, admin, pair):
    kept, other = pair
    merge = services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={})
    with pytest.raises(PermissionDenied):
        services.customer_merge_undo(actor=adviser, merge=merge, reason="Oops")
    with pytest.raises(ValidationError) as error:
        services.customer_merge_undo(actor=admin, merge=merge, reason="   ")
    assert error.value.message_dict == {"reason": ["Enter why the merge is being undone."]}
    with pytest.raises(ValidationError, match="500 characters"):
        services.customer_merge_undo(actor=admin, merge=merge, reason="x" * 501)
    assert fresh(other).is_terminated
    services.customer_merge_undo(actor=admin, merge=merge, reason="Two people")
    with pytest.raises(ValidationError, match="already undone"):
        services.customer_merge_undo(actor=admin, merge=merge, reason="Again")


def test_undo_refused_when_the_kept_record_was_merged_again_or_terminated(adviser, admin, pair):
    kept, other = pair
    first = services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={})
    third = new(adviser, given="Amy")
    second = services.customer_merge(actor=adviser, survivor=third, duplicate=kept, choices={})
    assert selectors.merge_undo_problems(first) == [
        f"The kept record {kept.display_reference} has since been merged into {third.display_reference}. "
        "Undo that merge first."
    ]
    with pytest.raises(ValidationError, match="Undo that merge first"):
        services.customer_merge_undo(actor=admin, merge=first, reason="Two people")
    services.customer_merge_undo(actor=admin, merge=second, reason="Two people")
    services.customer_terminate(actor=adviser, customer=kept, reason=codes.TerminationReason.DECEASED)
    (problem,) = selectors.merge_undo_problems(CustomerMerge.objects.get(pk=first.pk))
    assert (
        problem
        == f"The kept record {kept.display_reference} has since been terminated (deceased), so it cannot be changed."
    )
    assert fresh(other).is_terminated


def test_undo_refused_when_a_moved_row_was_deleted_or_moved_on(adviser, admin, pair):
    kept, other = pair
    merge = services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={})
    moved = next(entry for entry in merge.moved if entry["model"] == "customers.identitycheck")
    IdentityCheck.objects.filter(pk__in=moved["pks"]).delete()
    (problem,) = selectors.merge_undo_problems(merge)
    assert problem == "1 identity check moved by the merge was deleted or moved to another record since."
    with pytest.raises(ValidationError):
        services.customer_merge_undo(actor=admin, merge=merge, reason="Two people")
    assert fresh(other).is_terminated
    assert Interaction.objects.filter(customer=other).count() == 0


def test_undo_refused_when_the_email_would_clash_with_a_live_record(adviser, admin, pair):
    kept, other = pair
    merge = services.customer_merge(
        actor=adviser, survivor=kept, duplicate=other, choices={"email": SURVIVOR, "preferred_method": SURVIVOR}
    )
    # The merged record's email is free now; someone new registers with it.
    newcomer = new(adviser, given="Nia", family="Newcomer")
    contact(adviser, newcomer, email="Amara@example.com")
    (problem,) = selectors.merge_undo_problems(merge)
    assert problem.startswith(
        f"Record {newcomer.display_reference} now has the email address {other.display_reference}"
    )
    with pytest.raises(ValidationError):
        services.customer_merge_undo(actor=admin, merge=merge, reason="Two people")
    assert fresh(other).is_terminated


def test_undo_refused_when_the_kept_record_took_the_merged_records_email_since(adviser, admin, pair):
    kept, other = pair
    merge = services.customer_merge(
        actor=adviser, survivor=kept, duplicate=other, choices={"email": SURVIVOR, "preferred_method": SURVIVOR}
    )
    contact(adviser, kept, email="amara@example.com")
    (problem,) = selectors.merge_undo_problems(merge)
    assert problem.startswith(f"The kept record {kept.display_reference} now has the merged record’s email address")


# Email unique among live customers, in the database ----------------------------------------------


def test_the_database_refuses_two_live_records_with_one_email_in_any_case(adviser):
    first, second = new(adviser), new(adviser, given="Bo")
    ContactDetails.objects.create(customer=first, email="sam@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactDetails.objects.create(customer=second, email="SAM@example.com")
    # Empty emails never clash.
    ContactDetails.objects.filter(customer=first).update(email="")
    ContactDetails.objects.create(customer=second, email="")


def test_a_terminated_records_email_can_be_given_to_a_live_record(adviser):
    old, current = new(adviser), new(adviser, given="Bo")
    contact(adviser, old, email="sam@example.com")
    services.customer_terminate(actor=adviser, customer=old, reason=codes.TerminationReason.CUSTOMER_CHOICE)
    assert ContactDetails.objects.get(customer=old).live is False
    details = contact(adviser, current, email="Sam@Example.com")
    assert details.email == "sam@example.com" and details.live


def test_a_taken_email_gets_the_friendly_message_not_a_database_error(adviser, monkeypatch):
    first, second = new(adviser), new(adviser, given="Bo")
    contact(adviser, first, email="sam@example.com")
    with pytest.raises(ValidationError) as error:
        contact(adviser, second, email="sam@example.com", mobile="07700 900123")
    assert error.value.message_dict == {"email": ["Another customer already has this email address."]}
    # Two advisers at the same moment: the check passes for both, the database decides the second.
    monkeypatch.setattr("signpost.customers.rules.validate_email_available", lambda *args, **kwargs: None)
    with pytest.raises(ValidationError) as error:
        contact(adviser, second, email="sam@example.com")
    assert error.value.message_dict == {"email": ["Another customer already has this email address."]}
    assert ContactDetails.objects.filter(customer=second, email="sam@example.com").count() == 0


def test_the_data_migration_copies_whether_each_record_is_live(adviser):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("signpost.customers.migrations.0004_email_unique_among_live")
    old, current = new(adviser), new(adviser, given="Bo")
    contact(adviser, old, email="sam@example.com")
    contact(adviser, current, email="bo@example.com")
    Customer.objects.filter(pk=old.pk).update(terminated_at=timezone.now(), termination_reason=1)
    migration.copy_liveness(apps, None)
    assert ContactDetails.objects.get(customer=old).live is False
    assert ContactDetails.objects.get(customer=current).live is True


def test_merges_are_in_the_personal_data_register_and_erasing_them_stops_undo(adviser, admin, pair):
    from signpost.core import privacy

    kept, other = pair
    merge = services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={"given_name": DUPLICATE})
    (entry,) = [item for item in privacy.registered() if item.key == "customers.customermerge"]
    for customer in (kept, other):
        (row,) = entry.export_rows(customer)
        assert (
            row["survivor__reference"] == kept.reference and row["survivor_before"]["customer"]["given_name"] == "Amara"
        )
    entry.erase(entry.queryset(kept))
    merge.refresh_from_db()
    assert "Amara" not in str(merge.survivor_before) + str(merge.survivor_after)
    assert selectors.merge_undo_problems(merge) == [
        "The customer’s personal data has been erased since the merge, so there is nothing to restore."
    ]
