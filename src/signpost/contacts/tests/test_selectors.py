"""The customer's timeline: newest first, filters, keyset paging and a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from signpost.contacts import codes, selectors
from signpost.contacts.models import Interaction, InteractionSummarySent
from signpost.contacts.selectors import Cursor
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

START = timezone.make_aware(datetime.datetime(2024, 1, 1, 9))


def many(customer, adviser, count, **fields):
    """``count`` contacts an hour apart, oldest first; channel/type cycle unless given."""
    rows = [
        Interaction(
            customer=customer,
            channel=fields.get("channel", (codes.Channel.TELEPHONE, codes.Channel.WEBCHAT, codes.Channel.EMAIL)[i % 3]),
            interaction_type=fields.get("interaction_type", codes.InteractionType.TELEPHONE_CALL),
            occurred_at=START + datetime.timedelta(hours=i),
            adviser=adviser,
            organisation=adviser.organisation,
            reason=codes.ReasonForContact.GENERAL_INFORMATION,
            service_level=codes.ServiceLevel.INFORMATION,
            summary=f"Contact {i}",
        )
        for i in range(count)
    ]
    return Interaction.objects.bulk_create(rows)


def summaries(page) -> list[str]:
    return [entry.summary for entry in page.entries]


def test_newest_first_and_only_this_customers(adviser, customer):
    many(customer, adviser, 3)
    many(CustomerFactory(), adviser, 2)
    page = selectors.customer_timeline(customer)
    assert summaries(page) == ["Contact 2", "Contact 1", "Contact 0"]
    assert page.older is None and page.newer is None


def test_same_time_entries_are_ordered_by_id_and_none_is_lost_across_pages(adviser, customer):
    rows = many(customer, adviser, 5, channel=codes.Channel.TELEPHONE)
    Interaction.objects.filter(pk__in=[row.pk for row in rows]).update(occurred_at=START)
    seen: list[str] = []
    page = selectors.customer_timeline(customer, page_size=2)
    while True:
        seen += summaries(page)
        if page.older is None:
            break
        page = selectors.customer_timeline(customer, after=page.older, page_size=2)
    assert seen == [f"Contact {i}" for i in reversed(range(5))]


def test_filters_by_channel_and_type(adviser, customer):
    many(customer, adviser, 6)
    many(customer, adviser, 1, channel=codes.Channel.POST, interaction_type=codes.InteractionType.COMPLAINT)
    webchat = selectors.customer_timeline(customer, channels=[codes.Channel.WEBCHAT])
    assert {entry.channel for entry in webchat.entries} == {codes.Channel.WEBCHAT} and len(webchat.entries) == 2
    both = selectors.customer_timeline(customer, channels=[codes.Channel.WEBCHAT, codes.Channel.EMAIL])
    assert len(both.entries) == 4
    complaints = selectors.customer_timeline(customer, types=[codes.InteractionType.COMPLAINT])
    assert summaries(complaints) == ["Contact 0"] and complaints.entries[0].channel == codes.Channel.POST
    assert (
        selectors.customer_timeline(customer, [codes.Channel.WEBCHAT], [codes.InteractionType.COMPLAINT]).entries == []
    )


def test_paging_through_thousands_of_entries_in_two_queries_a_page(adviser, customer, django_assert_max_num_queries):
    rows = many(customer, adviser, 2500)
    # Summaries sent on some entries appear with them (the latest, and how many) without more queries.
    now = timezone.now()
    for times, row in enumerate(rows[-3:], start=1):
        for sending in range(times):
            InteractionSummarySent.objects.create(
                interaction=row,
                channel="email" if sending < times - 1 else "sms",
                sent_to=f"sent {sending}",
                sent_at=now + datetime.timedelta(minutes=sending),
                sent_by=adviser,
            )
    with django_assert_max_num_queries(2):
        first = selectors.customer_timeline(customer)
        sent = [entry.summary_sent for entry in first.entries[:4]]
        assert [(s.times, s.sent_to, s.channel) for s in sent[:3]] == [
            (3, "sent 2", "Text message"),
            (2, "sent 1", "Text message"),
            (1, "sent 0", "Text message"),
        ]
        assert sent[3] is None
        assert first.entries[0].adviser.email == adviser.email
    assert summaries(first)[0] == "Contact 2499" and len(first.entries) == 20
    with django_assert_max_num_queries(2):
        second = selectors.customer_timeline(customer, after=first.older)
    assert summaries(second)[0] == "Contact 2479" and second.newer == Cursor.of(second.entries[0])
    third = selectors.customer_timeline(customer, after=second.older)
    with django_assert_max_num_queries(2):
        back = selectors.customer_timeline(customer, before=third.newer)
    assert summaries(back) == summaries(second)
    # Back from the second page is the first page, which has nothing newer.
    home = selectors.customer_timeline(customer, before=second.newer)
    assert summaries(home) == summaries(first) and home.newer is None
    last = selectors.customer_timeline(customer, after=Cursor.of(rows[20]))
    assert summaries(last)[-1] == "Contact 0" and last.older is None


@pytest.mark.parametrize("text", ["", "x", "12-", "-3", "abc-def", "9" * 40 + "-1", None])
def test_a_bad_cursor_reads_as_none(text):
    assert Cursor.parse(text) is None


def test_a_cursor_survives_its_text_form(adviser, customer):
    [row] = many(customer, adviser, 1)
    row.occurred_at = row.occurred_at.replace(microsecond=123456)
    cursor = Cursor.of(row)
    assert Cursor.parse(str(cursor)) == cursor


def test_unattached_enquiries_are_the_anonymous_ones_without_a_customer(adviser, customer):
    many(customer, adviser, 1)
    waiting = Interaction.objects.create(
        anonymous=True,
        channel=codes.Channel.TELEPHONE,
        interaction_type=codes.InteractionType.TELEPHONE_CALL,
        occurred_at=START,
        adviser=adviser,
        organisation=adviser.organisation,
        reason=codes.ReasonForContact.OTHER,
        service_level=codes.ServiceLevel.INFORMATION,
    )
    assert list(selectors.unattached_enquiries()) == [waiting]
    waiting.customer = customer
    waiting.summary = "Now known"
    waiting.save()
    assert list(selectors.unattached_enquiries()) == []
