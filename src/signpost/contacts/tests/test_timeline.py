"""Events on the customer's timeline: recording them, and the timeline merging them with contacts
in one total order (occurred_at, table, id) across pages and filters."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from signpost.contacts import codes, selectors, services, timeline
from signpost.contacts.models import Interaction, TimelineEvent
from signpost.contacts.selectors import Cursor
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

START = timezone.make_aware(datetime.datetime(2024, 3, 1, 9))


def contact(customer, adviser, at, summary, channel=codes.Channel.TELEPHONE):
    return Interaction.objects.create(
        customer=customer,
        channel=channel,
        interaction_type=codes.InteractionType.TELEPHONE_CALL,
        occurred_at=at,
        adviser=adviser,
        organisation=adviser.organisation,
        reason=codes.ReasonForContact.GENERAL_INFORMATION,
        service_level=codes.ServiceLevel.INFORMATION,
        summary=summary,
    )


def event(customer, adviser, at, title, kind="session.booked"):
    return services.timeline_event_record(actor=adviser, customer=customer, kind=kind, title=title, occurred_at=at)


def labels(page) -> list[str]:
    return [entry.summary if entry.timeline_source == "interaction" else entry.title for entry in page.entries]


def walk(customer, page_size, **filters) -> list[str]:
    """Every entry, following the 'older' cursors from the first page."""
    seen: list[str] = []
    page = selectors.customer_timeline(customer, page_size=page_size, **filters)
    while True:
        seen += labels(page)
        if page.older is None:
            return seen
        page = selectors.customer_timeline(customer, after=page.older, page_size=page_size, **filters)


def test_an_event_is_recorded_with_its_subject_link_and_the_actors_organisation(adviser, customer):
    recorded = services.timeline_event_record(
        actor=adviser,
        customer=customer,
        kind="session.booked",
        title="  Face-to-face session booked  ",
        detail="At the library",
        subject=customer,
        link_name="workspace:customer_record",
        link_kwargs={"reference": customer.reference},
    )
    stored = TimelineEvent.objects.get(pk=recorded.pk)
    assert stored.title == "Face-to-face session booked"
    assert (stored.subject_type, stored.subject_id) == ("customers.customer", str(customer.pk))
    assert stored.organisation == adviser.organisation and stored.actor == adviser
    assert stored.link_kwargs == {"reference": customer.reference}
    assert stored.occurred_at <= timezone.now()


def test_an_event_done_by_the_customer_online_has_no_staff_actor(customer):
    recorded = services.timeline_event_record(actor=None, customer=customer, kind="session.booked", title="Booked")
    assert recorded.actor is None and recorded.organisation is None


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("session.unheard_of", "Booked"),
        ("nobody.booked", "Booked"),
        ("session.booked", "  "),
        ("session.booked", "x" * 201),
    ],
)
def test_an_unregistered_kind_or_a_bad_title_is_refused(adviser, customer, kind, title):
    with pytest.raises(ValueError):
        services.timeline_event_record(actor=adviser, customer=customer, kind=kind, title=title)
    assert not TimelineEvent.objects.exists()


def test_registering_kinds_outside_their_group_is_refused():
    with pytest.raises(ValueError):
        timeline.register_event_kinds("session", "Advice sessions", {"plan.created": "Plan created"})
    assert timeline.kind_label("session.booked") == "Session booked"
    assert "session.attended" in timeline.kinds_of_groups(["session"])


def test_contacts_and_events_merge_newest_first(adviser, customer):
    contact(customer, adviser, START, "Call 1")
    event(customer, adviser, START + datetime.timedelta(hours=1), "Booked")
    contact(customer, adviser, START + datetime.timedelta(hours=2), "Call 2")
    event(CustomerFactory(), adviser, START, "Someone else's")
    page = selectors.customer_timeline(customer)
    assert labels(page) == ["Call 2", "Booked", "Call 1"]
    assert page.older is None and page.newer is None


def test_paging_across_both_tables_with_equal_timestamps_loses_and_repeats_nothing(adviser, customer):
    # Three contacts and three events at the same instant, and more either side of it.
    contact(customer, adviser, START - datetime.timedelta(minutes=1), "Before")
    for i in range(3):
        contact(customer, adviser, START, f"Call {i}")
        event(customer, adviser, START, f"Event {i}")
    event(customer, adviser, START + datetime.timedelta(minutes=1), "After")
    expected = ["After", "Event 2", "Event 1", "Event 0", "Call 2", "Call 1", "Call 0", "Before"]
    for size in (1, 2, 3, 4, 7):
        assert walk(customer, size) == expected, size


def test_paging_back_to_newer_entries_across_both_tables(adviser, customer):
    for i in range(5):
        contact(customer, adviser, START, f"Call {i}")
        event(customer, adviser, START, f"Event {i}")
    first = selectors.customer_timeline(customer, page_size=3)
    second = selectors.customer_timeline(customer, after=first.older, page_size=3)
    third = selectors.customer_timeline(customer, after=second.older, page_size=3)
    assert labels(second) == ["Event 1", "Event 0", "Call 4"]
    back = selectors.customer_timeline(customer, before=third.newer, page_size=3)
    assert labels(back) == labels(second) and back.newer == Cursor.of(second.entries[0])
    home = selectors.customer_timeline(customer, before=second.newer, page_size=3)
    assert labels(home) == labels(first) and home.newer is None


def test_filters_choose_contacts_events_or_both(adviser, customer):
    contact(customer, adviser, START, "Phone", channel=codes.Channel.TELEPHONE)
    contact(customer, adviser, START + datetime.timedelta(minutes=1), "Email", channel=codes.Channel.EMAIL)
    event(customer, adviser, START + datetime.timedelta(minutes=2), "Booked", kind="session.booked")
    event(customer, adviser, START + datetime.timedelta(minutes=3), "Attended", kind="session.attended")
    by_channel = selectors.customer_timeline(customer, channels=[codes.Channel.EMAIL])
    assert labels(by_channel) == ["Email"]
    by_kind = selectors.customer_timeline(customer, kinds=["session.attended"])
    assert labels(by_kind) == ["Attended"]
    both = selectors.customer_timeline(customer, channels=[codes.Channel.TELEPHONE], kinds=["session.booked"])
    assert labels(both) == ["Booked", "Phone"]
    assert walk(customer, 1, kinds=timeline.kinds_of_groups(["session"])) == ["Attended", "Booked"]


def test_thousands_of_entries_page_in_three_queries(adviser, customer, django_assert_max_num_queries):
    Interaction.objects.bulk_create(
        Interaction(
            customer=customer,
            channel=codes.Channel.TELEPHONE,
            interaction_type=codes.InteractionType.TELEPHONE_CALL,
            occurred_at=START + datetime.timedelta(minutes=2 * i),
            adviser=adviser,
            organisation=adviser.organisation,
            reason=codes.ReasonForContact.OTHER,
            service_level=codes.ServiceLevel.ADVICE,
            summary=f"Call {i}",
        )
        for i in range(1500)
    )
    TimelineEvent.objects.bulk_create(
        TimelineEvent(
            customer=customer,
            occurred_at=START + datetime.timedelta(minutes=2 * i + 1),
            kind="session.booked",
            title=f"Event {i}",
            actor=adviser,
            organisation=adviser.organisation,
        )
        for i in range(1500)
    )
    with django_assert_max_num_queries(3):
        first = selectors.customer_timeline(customer)
        assert [entry.organisation.name for entry in first.entries]
    assert labels(first)[:3] == ["Event 1499", "Call 1499", "Event 1498"]
    with django_assert_max_num_queries(3):
        second = selectors.customer_timeline(customer, after=first.older)
    assert labels(second)[0] == "Event 1489"


@pytest.mark.parametrize(
    ("text", "expected_source"), [("1700000000000000-e12", "event"), ("1700000000000000-12", "interaction")]
)
def test_a_cursor_names_its_table(text, expected_source):
    cursor = Cursor.parse(text)
    assert cursor is not None and cursor.source == expected_source and cursor.pk == 12
    assert Cursor.parse(str(cursor)) == cursor


@pytest.mark.parametrize("text", ["1700-x12", "1700-e", "1700-ee12", "1700-e-12", "1700-i12"])
def test_a_cursor_with_a_bad_table_reads_as_none(text):
    assert Cursor.parse(text) is None
