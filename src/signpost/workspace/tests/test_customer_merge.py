"""Merging two records in the workspace, and undoing a merge (issue 3, item 9): the pages' happy
paths, bad input keeping what was typed, and who may open each page."""

from __future__ import annotations

import datetime
import re
from html import unescape
from typing import Any

import pytest
from django.urls import reverse

from conftest import PEOPLE
from signpost.accounts.roles import Role
from signpost.customers import codes, services
from signpost.customers.merging import DUPLICATE
from signpost.customers.models import Customer, CustomerMerge
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

SIGN_IN = "/workspace/sign-in/"
BORN = datetime.date(1990, 5, 14)
MERGERS = {Role.ADVISER, Role.TEAM_LEADER, Role.SAFEGUARDING_LEAD, Role.SYSTEM_ADMINISTRATOR}


def text_of(response: Any) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london, given_name="Ada", family_name="Adviser")


@pytest.fixture
def admin(london: Any) -> Any:
    return make_staff(Role.SYSTEM_ADMINISTRATOR, organisation=london, given_name="Sam", family_name="Admin")


@pytest.fixture
def pair(adviser: Any) -> tuple[Customer, Customer]:
    kept = services.customer_create(actor=adviser, given_name="Amara", family_name="Okafor", date_of_birth=BORN)
    other = services.customer_create(actor=adviser, given_name="Amarah", family_name="Okafor", date_of_birth=BORN)
    services.contact_details_set(actor=adviser, customer=other, email="amara@example.com")
    return kept, other


def urls(kept: Customer, other: Customer) -> dict[str, str]:
    pair = {"reference": kept.reference, "other": other.reference}
    return {
        "start": reverse("workspace:customer_merge_start", kwargs={"reference": kept.reference}),
        "compare": reverse("workspace:customer_merge_compare", kwargs=pair),
        "check": reverse("workspace:customer_merge_check", kwargs=pair),
    }


def test_start_lists_likely_duplicates_and_goes_to_the_comparison(client_for, adviser, pair):
    kept, other = pair
    twin = services.customer_create(actor=adviser, given_name="amara", family_name="OKAFOR", date_of_birth=BORN)
    client = client_for(adviser)
    page = client.get(urls(kept, other)["start"])
    assert page.status_code == 200
    assert f"{twin.display_reference} {BORN:%-d %B %Y} Same name and date of birth Compare" in text_of(page)
    assert urls(kept, twin)["compare"] in page.content.decode()
    assert other.display_reference not in text_of(page)
    response = client.post(urls(kept, other)["start"], {"other": other.display_reference.lower()})
    assert response.status_code == 302 and response["Location"] == urls(kept, other)["compare"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the reference of the other record"),
        ("ZZZZ-ZZZZ", "No record has this reference. Check it, or find the record with the search"),
        ("x" * 21, "Enter a reference of 8 letters and numbers, like C4HK-7WMR"),
        ("self", "A record cannot be merged with itself: enter the reference of the other record"),
    ],
)
def test_start_bad_input_keeps_what_was_typed(client_for, adviser, pair, typed, message):
    kept, other = pair
    typed = kept.display_reference if typed == "self" else typed
    response = client_for(adviser).post(urls(kept, other)["start"], {"other": typed})
    assert response.status_code == 200
    text = text_of(response)
    assert text.startswith("Error: ") and "There is a problem" in text and text.count(message) == 2
    assert f'value="{typed}"' in response.content.decode()


def test_start_refuses_a_terminated_other_record(client_for, adviser, pair):
    kept, other = pair
    services.customer_terminate(actor=adviser, customer=other, reason=codes.TerminationReason.DECEASED)
    response = client_for(adviser).post(urls(kept, other)["start"], {"other": other.reference})
    assert "was terminated on" in text_of(response) and "cannot be merged" in text_of(response)


def test_compare_shows_both_records_and_asks_only_about_differences(client_for, adviser, pair):
    kept, other = pair
    page = client_for(adviser).get(urls(kept, other)["compare"])
    text = text_of(page)
    assert page.status_code == 200
    assert "Amara" in text and "Amarah" in text and "Different" in text
    assert "Which first name should the kept record have?" in text
    assert "Which last name should the kept record have?" not in text
    html = page.content.decode()
    # The kept record's name preselected; the email the kept record lacks, the other's.
    assert re.search(r'value="survivor" checked|checked[^>]*value="survivor"', html)
    assert f'href="{urls(other, kept)["compare"]}"' in html


def test_full_merge_through_the_pages(client_for, adviser, pair):
    kept, other = pair
    client = client_for(adviser)
    data = {"given_name": DUPLICATE, "email": DUPLICATE, "preferred_method": "survivor"}
    response = client.post(urls(kept, other)["compare"], data)
    assert response.status_code == 302 and response["Location"] == urls(kept, other)["check"]
    check = client.get(urls(kept, other)["check"])
    assert "Amarah (from " + other.display_reference + ")" in text_of(check)
    assert "will be terminated as a duplicate" in text_of(check)
    done = client.post(urls(kept, other)["check"], follow=True)
    assert "Records merged" in text_of(done)
    assert Customer.objects.get(pk=kept.pk).given_name == "Amarah"
    assert Customer.objects.get(pk=other.pk).termination_reason == codes.TerminationReason.DUPLICATE
    # The merged record says where it went.
    page = client.get(reverse("workspace:customer_record", kwargs={"reference": other.reference}))
    assert f"This record was merged into {kept.display_reference}" in text_of(page)
    assert reverse("workspace:customer_record", kwargs={"reference": kept.reference}) in page.content.decode()


def test_compare_bad_input_shows_each_question_again(client_for, adviser, pair):
    kept, other = pair
    response = client_for(adviser).post(urls(kept, other)["compare"], {"given_name": "both"})
    text = text_of(response)
    assert text.startswith("Error: ") and "Select which first name the kept record should have" in text
    assert "Select which email address the kept record should have" in text
    assert not CustomerMerge.objects.exists()


def test_compare_shows_the_merged_records_rule_errors_and_keeps_the_choices(client_for, adviser, pair):
    kept, other = pair
    services.contact_details_set(
        actor=adviser, customer=other, email="amara@example.com", preferred_method=codes.ContactMethod.EMAIL
    )
    data = {"given_name": DUPLICATE, "email": "survivor", "preferred_method": DUPLICATE}
    response = client_for(adviser).post(urls(kept, other)["compare"], data)
    text = text_of(response)
    assert text.startswith("Error: ") and "Contacting them by email needs an email address" in text
    html = response.content.decode()
    assert re.search(r'name="given_name"[^>]*value="duplicate" checked|value="duplicate" checked', html)
    assert not CustomerMerge.objects.exists()


def test_check_without_choices_goes_back_to_compare(client_for, adviser, pair):
    kept, other = pair
    response = client_for(adviser).get(urls(kept, other)["check"])
    assert response.status_code == 302 and response["Location"] == urls(kept, other)["compare"]


def test_a_terminated_record_cannot_be_compared(client_for, adviser, pair):
    kept, other = pair
    services.customer_terminate(actor=adviser, customer=other, reason=codes.TerminationReason.OTHER)
    for url in (urls(kept, other)["compare"], urls(kept, other)["check"]):
        response = client_for(adviser).get(url)
        assert response.status_code == 409 and "These records cannot be merged" in text_of(response)
    assert client_for(adviser).get(urls(other, kept)["start"]).status_code == 409


def test_a_record_and_itself_is_not_a_pair(client_for, adviser, pair):
    kept, _ = pair
    assert client_for(adviser).get(urls(kept, kept)["compare"]).status_code == 404


# Undo ------------------------------------------------------------------------------------------


def undo_url(merge: CustomerMerge) -> str:
    return reverse("workspace:customer_merge_undo", kwargs={"pk": merge.pk})


@pytest.fixture
def merge(adviser, pair) -> CustomerMerge:
    kept, other = pair
    return services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={})


def test_merge_list_newest_first_and_empty(client_for, admin, adviser, pair):
    client = client_for(admin)
    assert "No records have been merged yet" in text_of(client.get(reverse("workspace:customer_merge_list")))
    kept, other = pair
    services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={})
    text = text_of(client.get(reverse("workspace:customer_merge_list")))
    assert kept.display_reference in text and other.display_reference in text and "Ada Adviser" in text


def test_undo_with_a_reason(client_for, admin, merge):
    response = client_for(admin).post(undo_url(merge), {"reason": "Two different people"}, follow=True)
    assert "Merge undone" in text_of(response)
    merge.refresh_from_db()
    assert merge.is_undone and merge.undo_reason == "Two different people"
    assert not Customer.objects.get(pk=merge.duplicate_id).is_terminated
    assert "Undone" in text_of(client_for(admin).get(reverse("workspace:customer_merge_list")))


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Enter why you are undoing this merge"),
        ("   ", "Enter why you are undoing this merge"),
        ("x" * 501, "The reason must be 500 characters or fewer"),
    ],
)
def test_undo_bad_input_keeps_what_was_typed(client_for, admin, merge, reason, message):
    response = client_for(admin).post(undo_url(merge), {"reason": reason})
    text = text_of(response)
    assert text.startswith("Error: ") and text.count(message) == 2
    if reason.strip():
        assert reason in response.content.decode()
    assert not CustomerMerge.objects.get(pk=merge.pk).is_undone


def test_undo_that_is_no_longer_safe_says_why_and_offers_no_button(client_for, admin, adviser, merge):
    services.customer_terminate(actor=adviser, customer=merge.survivor, reason=codes.TerminationReason.DECEASED)
    page = client_for(admin).get(undo_url(merge))
    text = text_of(page)
    assert "This merge cannot be undone now" in text and "has since been terminated (deceased)" in text
    assert "Undo merge" not in text
    response = client_for(admin).post(undo_url(merge), {"reason": "Two different people"})
    assert "has since been terminated (deceased)" in text_of(response)
    assert not CustomerMerge.objects.get(pk=merge.pk).is_undone


def test_undo_of_an_unknown_merge_is_not_found(client_for, admin):
    assert client_for(admin).get(reverse("workspace:customer_merge_undo", kwargs={"pk": 999999})).status_code == 404


# Who may open each page ------------------------------------------------------------------------


def _role(name: str) -> str:
    return {"other_organisation_admin": Role.SYSTEM_ADMINISTRATOR, "other_organisation_adviser": Role.ADVISER}.get(
        name, name
    )


@pytest.mark.parametrize("page", ["start", "compare", "check", "list", "undo"])
@pytest.mark.parametrize("name", PEOPLE)
def test_authorisation(person, client_for, adviser, pair, name, page):
    kept, other = pair
    merge = None
    if page in {"list", "undo"}:
        merge = services.customer_merge(actor=adviser, survivor=kept, duplicate=other, choices={})
    url = {
        **urls(kept, other),
        "list": reverse("workspace:customer_merge_list"),
        "undo": undo_url(merge) if merge else "",
    }[page]
    client = client_for(person(name))
    response = client.get(url)
    if name == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
        return
    allowed = _role(name) in ({Role.SYSTEM_ADMINISTRATOR} if page in {"list", "undo"} else MERGERS) and name not in {
        "customer",
        "other_customer",
    }
    if not allowed:
        assert response.status_code == 403
        client.post(url, {"reason": "x", "other": other.reference})
        assert CustomerMerge.objects.filter(undone_at__isnull=True).count() == (1 if merge else 0)
        return
    # The check page sends anyone without choices back to choose.
    assert response.status_code == (302 if page == "check" else 200)


def test_record_page_offers_merge_only_to_roles_that_may(client_for, person, pair):
    kept, _ = pair
    record = reverse("workspace:customer_record", kwargs={"reference": kept.reference})
    start = reverse("workspace:customer_merge_start", kwargs={"reference": kept.reference})
    assert start in client_for(person(Role.TEAM_LEADER)).get(record).content.decode()
    assert start not in client_for(person(Role.QUALITY_AUDITOR)).get(record).content.decode()


def test_merged_records_in_the_navigation_for_administrators_only(client_for, admin, adviser):
    home = reverse("workspace:home")
    target = reverse("workspace:customer_merge_list")
    assert target in client_for(admin).get(home).content.decode()
    assert target not in client_for(adviser).get(home).content.decode()
