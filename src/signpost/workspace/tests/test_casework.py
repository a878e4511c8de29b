"""Work queues, transfers and follow-up calls in the workspace: who may see and do what (every
role, and staff of another organisation), the pages' contents, and bad input on every form."""

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

from conftest import PEOPLE
from signpost.accounts.roles import ROLE_PERMISSIONS, Role
from signpost.casework import codes, services
from signpost.casework.models import FollowUpCall, FollowUpOffer, Task, Team, Transfer
from signpost.contacts import codes as contact_codes
from signpost.contacts import services as contact_services
from signpost.core.working_days import LONDON
from signpost.customers.models import Address, Customer
from signpost.organisations.models import Area, Organisation
from tests.factories import CustomerFactory, make_staff

pytestmark = pytest.mark.django_db

SIGN_IN = "/workspace/sign-in/"
WORK, REASSIGN, TRANSFER, TAKE_UP = (
    "casework.work_tasks",
    "casework.reassign_tasks",
    "casework.transfer_customers",
    "casework.view_follow_up_take_up",
)
OUT_OF_HOURS = datetime.datetime(2025, 8, 22, 18, 0, tzinfo=LONDON)


def text_of(response: Any) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def holds(role: str, permission: str) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, [])


@pytest.fixture
def national_adviser(national: Organisation) -> Any:
    return make_staff(Role.ADVISER, organisation=national)


@pytest.fixture
def london_adviser(london: Organisation) -> Any:
    return make_staff(Role.ADVISER, organisation=london, given_name="Lola", family_name="London")


@pytest.fixture
def customer(db: Any) -> Customer:
    customer: Customer = CustomerFactory(given_name="Ada", family_name="Lovelace")  # type: ignore[assignment]
    Address.objects.create(
        customer=customer,
        line_1="1 Test Street",
        postcode="SW1A 1AA",
        area=Area.LONDON,
        effective_from=datetime.date(2020, 1, 1),
    )
    return customer


@pytest.fixture
def world(national_adviser: Any, london_adviser: Any, customer: Customer, london: Organisation) -> dict[str, Any]:
    """A queued transfer to London (its task), a London callback task and a follow-up call."""
    transfer = services.transfer_request(
        actor=national_adviser, customer=customer, context="Wants a face-to-face session", now=OUT_OF_HOURS
    )
    callback = services.task_create(
        actor=london_adviser,
        task_type=codes.TaskType.CALLBACK,
        customer=customer,
        organisation=london,
        summary="Call Ada back about nursing",
    )
    interaction = contact_services.interaction_record(
        actor=london_adviser,
        customer=customer,
        channel=contact_codes.Channel.TELEPHONE,
        interaction_type=contact_codes.InteractionType.TELEPHONE_CALL,
        reason=contact_codes.ReasonForContact.DEVELOP_MY_CAREER,
        service_level=contact_codes.ServiceLevel.ADVICE,
        summary="Advice on nursing degrees.",
    )
    services.follow_up_offer_record(actor=london_adviser, interaction=interaction, wanted=True)
    return {
        "transfer": transfer,
        "queued": transfer.task,
        "callback": callback,
        "follow_up": FollowUpCall.objects.get(number=1),
        "interaction": interaction,
    }


# Authorisation ---------------------------------------------------------------------------------

# page → (permissions needed, whether it is about London's own work, so other organisations get 404)
PAGES: dict[str, tuple[tuple[str, ...], bool]] = {
    "task_list_mine": ((WORK,), False),
    "task_list_team": ((WORK,), False),
    "task_list_organisation": ((WORK,), False),
    "task_detail": ((WORK,), True),
    # Completing someone else's (or nobody's) task is for team leaders; checked once the task is found.
    "task_complete": ((WORK,), True),
    "task_reassign": ((WORK, REASSIGN), True),
    "transfer_create": ((TRANSFER,), False),
    "transfer_list": ((WORK,), False),
    "transfer_detail": ((WORK,), True),
    "transfer_callback": ((WORK,), True),
    "follow_up_call": ((WORK,), True),
    "follow_up_take_up": ((TAKE_UP,), False),
}


def page_url(name: str, world: dict[str, Any], customer: Customer) -> str:
    if name.startswith("task_list_") and name != "task_list_mine":
        return reverse("workspace:task_list", kwargs={"scope": name.removeprefix("task_list_")})
    if name in {"task_detail", "task_complete", "task_reassign"}:
        return reverse(f"workspace:{name}", kwargs={"pk": world["callback"].pk})
    if name in {"transfer_detail", "transfer_callback"}:
        return reverse(f"workspace:{name}", kwargs={"pk": world["transfer"].pk})
    if name == "follow_up_call":
        return reverse("workspace:follow_up_call", kwargs={"pk": world["follow_up"].pk})
    if name == "transfer_create":
        return reverse("workspace:transfer_create", kwargs={"reference": customer.reference})
    return reverse(f"workspace:{name}")


def role_of(who: str) -> str:
    return {"other_organisation_admin": Role.SYSTEM_ADMINISTRATOR, "other_organisation_adviser": Role.ADVISER}.get(
        who, who
    )


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_for_every_person(who, page, person, client_for, world, customer):
    permissions, owned = PAGES[page]
    response = client_for(person(who)).get(page_url(page, world, customer))
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
        return
    if who in {"customer", "other_customer"} or not all(holds(role_of(who), p) for p in permissions):
        assert response.status_code == 403
        return
    if who.startswith("other_organisation") and owned:
        # Another organisation's task or transfer does not exist for them.
        assert response.status_code == 404
        return
    if page == "task_complete" and not holds(role_of(who), REASSIGN):
        assert response.status_code == 403
        return
    assert response.status_code == 200, response.content[:300]
    assert "<h1" in response.content.decode()


def test_another_organisations_queue_shows_none_of_londons_work(client_for, world, north_west):
    outsider = make_staff(Role.TEAM_LEADER, organisation=north_west)
    client = client_for(outsider)
    for scope in ("mine", "team", "organisation"):
        page = text_of(client.get(reverse("workspace:task_list", kwargs={"scope": scope})))
        assert "Call Ada back" not in page and "Lovelace" not in page
        assert "There are no tasks to do here" in page
    assert "Lovelace" not in text_of(client.get(reverse("workspace:transfer_list")))
    taken = client.post(reverse("workspace:task_claim", kwargs={"pk": world["callback"].pk}))
    assert taken.status_code == 404
    assert client.post(reverse("workspace:transfer_accept", kwargs={"pk": world["transfer"].pk})).status_code == 404
    assert Task.objects.get(pk=world["callback"].pk).status == codes.TaskStatus.OPEN


@pytest.mark.parametrize("who", ["anonymous", "customer", Role.QUALITY_AUDITOR])
def test_nothing_is_written_by_people_who_may_not(who, person, client_for, world, customer):
    client = client_for(person(who))
    client.post(reverse("workspace:task_claim", kwargs={"pk": world["callback"].pk}))
    client.post(reverse("workspace:task_complete", kwargs={"pk": world["callback"].pk}), {"note": "Done"})
    client.post(reverse("workspace:transfer_accept", kwargs={"pk": world["transfer"].pk}))
    client.post(reverse("workspace:transfer_create", kwargs={"reference": customer.reference}), {"context": "x"})
    assert set(Task.objects.values_list("status", flat=True)) == {codes.TaskStatus.OPEN}
    assert Transfer.objects.get().status == codes.TransferStatus.REQUESTED


def test_claim_is_post_only(client_for, london_adviser, world):
    response = client_for(london_adviser).get(reverse("workspace:task_claim", kwargs={"pk": world["callback"].pk}))
    assert response.status_code == 405


# Work queues -----------------------------------------------------------------------------------


def test_the_organisation_queue_counts_due_and_overdue_and_filters(client_for, london_adviser, world, london):
    late = world["callback"]
    Task.objects.filter(pk=late.pk).update(
        available_from=timezone.now() - datetime.timedelta(hours=2), due_at=timezone.now() - datetime.timedelta(hours=1)
    )
    client = client_for(london_adviser)
    page = text_of(client.get(reverse("workspace:task_list", kwargs={"scope": "organisation"})))
    # The queued transfer (made in 2025: long overdue), the callback and the three adult follow-up calls.
    assert "5 to do 2 overdue" in page
    assert "My organisation’s tasks (5)" in page and "My tasks (0)" in page
    assert "Call Ada back about nursing" in page and "Overdue" in page
    filtered = text_of(client.get(reverse("workspace:task_list", kwargs={"scope": "organisation"}), {"due": "overdue"}))
    assert "Call Ada back" in filtered and "Follow-up call 1 of 3" not in filtered
    by_type = text_of(client.get(reverse("workspace:task_list", kwargs={"scope": "organisation"}), {"task_type": "3"}))
    assert "transferred by" in by_type and "Call Ada back" not in by_type
    nothing = text_of(client.get(reverse("workspace:task_list", kwargs={"scope": "organisation"}), {"status": "3"}))
    assert "No tasks match these filters" in nothing


def test_a_bad_filter_is_shown_as_an_error_not_a_failure(client_for, london_adviser, world):
    response = client_for(london_adviser).get(
        reverse("workspace:task_list", kwargs={"scope": "organisation"}), {"task_type": "77", "due": "soon"}
    )
    assert response.status_code == 200
    page = text_of(response)
    assert "There is a problem" in page and "Choose a type in the list" in page
    assert "Select when the tasks are due from the list" in page


def test_an_unknown_queue_is_not_found(client_for, london_adviser):
    assert client_for(london_adviser).get("/workspace/tasks/everyone/").status_code == 404


def test_the_team_queue_lists_the_teams_tasks(client_for, london_adviser, world, london):
    team = Team.objects.create(organisation=london, name="Callbacks")
    team.members.add(london_adviser)
    Task.objects.filter(pk=world["callback"].pk).update(team=team)
    page = text_of(client_for(london_adviser).get(reverse("workspace:task_list", kwargs={"scope": "team"})))
    assert "Call Ada back about nursing" in page and "Callbacks" in page
    assert "Follow-up call 1 of 3" not in page


def test_paging_keeps_the_filters(client_for, london_adviser, customer, london):
    for number in range(30):
        services.task_create(
            actor=london_adviser,
            task_type=codes.TaskType.CALLBACK,
            customer=customer,
            organisation=london,
            summary=f"Callback {number}",
        )
    page = client_for(london_adviser).get(
        reverse("workspace:task_list", kwargs={"scope": "organisation"}), {"task_type": "1"}
    )
    html = page.content.decode()
    assert "Showing 1 to 25 of 30 results" in text_of(page)
    assert "task_type=1&amp;page=2" in html


def test_the_filter_fields_show_each_requests_own_choices_although_their_html_is_reused(
    client_for, london_adviser, world
):
    """The filter fields are rendered once per choice of filters and reused: each request must
    still see its own choices ticked, and an error state must never be reused for a clean one."""
    client = client_for(london_adviser)
    url = reverse("workspace:task_list", kwargs={"scope": "organisation"})

    def ticked(response: Any) -> set[str]:
        return set(re.findall(r'value="([^"]*)"[^>]*checked', response.content.decode()))

    # "" is the "Any time" choice of when tasks are due.
    assert ticked(client.get(url, {"task_type": "3"})) == {"3", ""}
    assert ticked(client.get(url, {"task_type": "1", "due": "overdue"})) == {"1", "overdue"}
    assert ticked(client.get(url, {"task_type": "3"})) == {"3", ""}
    assert "There is a problem" in text_of(client.get(url, {"due": "soon"}))
    clean = client.get(url)
    assert ticked(clean) == {""} and "Select when the tasks are due" not in text_of(clean)


def test_the_unfiltered_queue_pages_by_its_to_do_count_without_counting_again(
    client_for, london_adviser, customer, london
):
    for number in range(30):
        services.task_create(
            actor=london_adviser,
            task_type=codes.TaskType.CALLBACK,
            customer=customer,
            organisation=london,
            summary=f"Callback {number}",
        )
    client = client_for(london_adviser)
    url = reverse("workspace:task_list", kwargs={"scope": "organisation"})
    client.get(url)  # warm the session and permission caches like a real visit
    with CaptureQueriesContext(connection) as unfiltered:
        first = text_of(client.get(url))
    # Read the captured queries now: the next request outside a capture empties Django's log.
    counting = [query["sql"] for query in unfiltered.captured_queries if "COUNT(" in query["sql"].upper()]
    with CaptureQueriesContext(connection) as filtered:
        text_of(client.get(url, {"task_type": "1"}))
    assert len(filtered) == len(unfiltered) + 1
    assert len(counting) == 1, counting
    assert "30 to do" in first and "Showing 1 to 25 of 30 results" in first
    assert "Showing 26 to 30 of 30 results" in text_of(client.get(url, {"page": "2"}))


def test_claim_then_complete_through_the_pages(client_for, london_adviser, world):
    task = world["callback"]
    client = client_for(london_adviser)
    claimed = client.post(reverse("workspace:task_claim", kwargs={"pk": task.pk}), follow=True)
    assert "You have claimed this task" in text_of(claimed)
    assert "My tasks (1)" in text_of(client.get(reverse("workspace:task_list_mine")))
    # Claimed by someone else already: a clear message, not an error page.
    other = make_staff(Role.ADVISER, organisation=task.organisation)
    again = client_for(other).post(reverse("workspace:task_claim", kwargs={"pk": task.pk}), follow=True)
    assert "already claimed by Lola London" in text_of(again)
    address = reverse("workspace:task_complete", kwargs={"pk": task.pk})
    empty = client.post(address, {"note": "   "})
    assert "Enter a note of what was done" in text_of(empty)
    too_long = client.post(address, {"note": "n" * 2001})
    assert "The note must be 2,000 characters or fewer" in text_of(too_long)
    assert "n" * 2001 in too_long.content.decode()
    done = client.post(address, {"note": "Called; booked a session"})
    assert done.status_code == 302
    assert Task.objects.get(pk=task.pk).status == codes.TaskStatus.DONE


def test_reassign_within_the_organisation_only(client_for, london, world, london_adviser, north_west):
    leader = make_staff(Role.TEAM_LEADER, organisation=london)
    outsider = make_staff(Role.ADVISER, organisation=north_west)
    address = reverse("workspace:task_reassign", kwargs={"pk": world["callback"].pk})
    client = client_for(leader)
    form = client.get(address).content.decode()
    assert f'value="{london_adviser.pk}"' in form and f'value="{outsider.pk}"' not in form
    refused = client.post(address, {"assignee": str(outsider.pk), "reason": "Speaks Welsh"})
    assert "Select a person from the list" in text_of(refused)
    assert 'value="Speaks Welsh"' in refused.content.decode()
    missing = client.post(address, {"assignee": ""})
    assert "Select who to give the task to" in text_of(missing)
    done = client.post(address, {"assignee": str(london_adviser.pk), "reason": "Her patch"})
    assert done.status_code == 302
    assert Task.objects.get(pk=world["callback"].pk).assignee == london_adviser


# Transfers -------------------------------------------------------------------------------------


def test_transfer_form_then_check_answers_then_send(client_for, national_adviser, customer, london):
    client = client_for(national_adviser)
    address = reverse("workspace:transfer_create", kwargs={"reference": customer.reference})
    form = client.get(address)
    assert f'<option value="{london.pk}" selected>' in form.content.decode()
    assert "served by " + london.name in text_of(form)
    bad = client.post(
        address,
        {"to_organisation": str(london.pk), "context": "c" * 2001, "callback_on": "31/2/2025", "callback_time": ""},
    )
    page = text_of(bad)
    assert "The reason for the transfer must be 2,000 characters or fewer" in page
    assert "Enter a real date, like 27/3/2025" in page
    assert "c" * 2001 in bad.content.decode()
    past = client.post(
        address,
        {
            "to_organisation": str(london.pk),
            "context": "Wants a session",
            "callback_on": "1/1/2020",
            "callback_time": "10:00",
        },
    )
    assert "The callback time must be in the future" in text_of(past)
    half = client.post(
        address, {"to_organisation": str(london.pk), "context": "Wants a session", "callback_on": "1/1/2030"}
    )
    assert "Enter the time the customer would like to be called back" in text_of(half)
    assert not Transfer.objects.exists()
    good = client.post(address, {"to_organisation": str(london.pk), "context": "Wants a face-to-face session"})
    check = reverse("workspace:transfer_check", kwargs={"reference": customer.reference})
    assert good["Location"] == check
    summary = text_of(client.get(check))
    assert "Wants a face-to-face session" in summary and london.name in summary
    sent = client.post(check)
    assert sent.status_code == 302
    transfer = Transfer.objects.get()
    assert transfer.to_organisation == london and transfer.requested_by == national_adviser
    # The answers are gone from the session: the check page sends back to the form.
    assert client.get(check)["Location"] == address


def test_transfer_without_an_area_needs_a_choice(client_for, national_adviser):
    nowhere: Customer = CustomerFactory()  # type: ignore[assignment]
    client = client_for(national_adviser)
    address = reverse("workspace:transfer_create", kwargs={"reference": nowhere.reference})
    assert "We do not know" in text_of(client.get(address))
    response = client.post(address, {"to_organisation": "", "context": "Wants help"})
    assert "Select the prime contractor to transfer to" in text_of(response)
    assert "Wants help" in response.content.decode()


def test_transfer_of_a_terminated_record_is_refused(client_for, national_adviser, customer):
    customer.terminated_at, customer.termination_reason = timezone.now(), 1
    customer.save()
    response = client_for(national_adviser).get(
        reverse("workspace:transfer_create", kwargs={"reference": customer.reference})
    )
    assert response.status_code == 409


def test_accept_and_record_the_callback_through_the_pages(client_for, london_adviser, world):
    transfer = world["transfer"]
    client = client_for(london_adviser)
    listing = text_of(client.get(reverse("workspace:transfer_list")))
    assert "Ada Lovelace" in listing and "Waiting to be accepted" in listing
    client.post(reverse("workspace:transfer_accept", kwargs={"pk": transfer.pk}))
    transfer.refresh_from_db()
    assert transfer.status == codes.TransferStatus.ACCEPTED and transfer.task.assignee == london_adviser
    address = reverse("workspace:transfer_callback", kwargs={"pk": transfer.pk})
    bad = client.post(address, {"called_back_on": "", "called_back_time": "25:00", "note": "Booked"})
    page = text_of(bad)
    assert "Enter the date of the callback" in page and "Enter a real time, like 14:30" in page
    assert "Booked" in bad.content.decode()
    now = timezone.localtime()
    future = now + datetime.timedelta(hours=2)
    later = client.post(
        address,
        {"called_back_on": future.strftime("%d/%m/%Y"), "called_back_time": future.strftime("%H:%M"), "note": "x"},
    )
    assert "The time of the callback must be now or in the past" in text_of(later)
    done = client.post(
        address,
        {"called_back_on": now.strftime("%d/%m/%Y"), "called_back_time": now.strftime("%H:%M"), "note": "Booked"},
    )
    assert done.status_code == 302
    transfer.refresh_from_db()
    assert transfer.status == codes.TransferStatus.CALLED_BACK and transfer.task.status == codes.TaskStatus.DONE


def test_the_sender_can_read_but_not_accept(client_for, national_adviser, world):
    client = client_for(national_adviser)
    address = reverse("workspace:transfer_detail", kwargs={"pk": world["transfer"].pk})
    page = text_of(client.get(address))
    assert "Accept transfer" not in page
    client.post(reverse("workspace:transfer_accept", kwargs={"pk": world["transfer"].pk}))
    assert Transfer.objects.get().status == codes.TransferStatus.REQUESTED


# Follow-up calls -------------------------------------------------------------------------------


def test_the_follow_up_question_is_asked_after_an_eligible_contact(client_for, london_adviser, customer):
    client = client_for(london_adviser)
    now = timezone.localtime()
    created = client.post(
        reverse("workspace:interaction_create", kwargs={"reference": customer.reference}),
        {
            "channel": "2",
            "interaction_type": "5",
            "reason": "1",
            "service_level": str(contact_codes.ServiceLevel.ADVICE),
            "occurred_on": now.strftime("%d/%m/%Y"),
            "occurred_time": now.strftime("%H:%M"),
            "organisation": str(london_adviser.organisation_id),
            "summary": "Advice on retraining.",
        },
    )
    questions = created["Location"]
    page = text_of(client.get(questions))
    assert "Would the customer like a follow-up call?" in page
    missing = client.post(questions, {"introduced_by": "23", "employment_status": "11", "learning_status": "2"})
    assert "Select yes if the customer would like a follow-up call" in text_of(missing)
    assert not FollowUpOffer.objects.exists()
    client.post(
        questions,
        {"introduced_by": "23", "employment_status": "11", "learning_status": "2", "follow_up_wanted": "yes"},
    )
    offer = FollowUpOffer.objects.get()
    assert offer.wanted and offer.calls.count() == 3
    assert customer.service_improvement_asks.count() == 1
    # Asked already at this contact: the page is not offered again.
    assert client.get(questions).status_code == 302


def test_recording_a_follow_up_call_through_the_page(client_for, london_adviser, world, customer):
    call = world["follow_up"]
    client = client_for(london_adviser)
    address = reverse("workspace:follow_up_call", kwargs={"pk": call.pk})
    missing = client.post(
        address, {"reached": "yes", "employment_status": "4", "learning_status": "2", "note": "Got a job"}
    )
    assert "Select whether the customer’s situation has changed" in text_of(missing).replace("'", "’")
    assert "Got a job" in missing.content.decode()
    nothing = client.post(address, {})
    assert "Select yes if you spoke to the customer" in text_of(nothing)
    done = client.post(
        address,
        {
            "reached": "yes",
            "situation_change": "1",
            "employment_status": "4",
            "learning_status": "2",
            "note": "Got a job",
        },
    )
    assert done.status_code == 302
    call.refresh_from_db()
    assert call.status == codes.FollowUpCallStatus.MADE and call.situation_change == codes.SituationChange.POSITIVE
    assert customer.employment_statuses.get().status == 4


def test_take_up_for_a_period_and_bad_dates(client_for, london, world):
    manager = make_staff(Role.MANAGER, organisation=london)
    client = client_for(manager)
    page = text_of(client.get(reverse("workspace:follow_up_take_up")))
    assert "Adult advice service 1 1 100%" in page
    bad = client.get(reverse("workspace:follow_up_take_up"), {"date_from": "1/5/2025", "date_to": "1/4/2025"})
    assert "The ‘to’ date must be the same as or after the ‘from’ date" in text_of(bad)
    assert 'value="1/5/2025"' in bad.content.decode()
    empty = text_of(
        client.get(reverse("workspace:follow_up_take_up"), {"date_from": "1/1/2020", "date_to": "31/1/2020"})
    )
    assert "None offered" in empty
