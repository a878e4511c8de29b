"""The generated demo customers (load_demo_customers) and the benchmark data (generate_load_data)."""

from __future__ import annotations

import datetime
import io
import random
import re

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone
from faker import Faker

from signpost.accounts.demo import demo_staff_email
from signpost.contacts import codes as contact_codes
from signpost.contacts.models import Interaction, InteractionSummarySent
from signpost.core import geography
from signpost.core.models import AuditEvent
from signpost.customers import codes, rules
from signpost.customers.management.commands import load_demo_customers
from signpost.customers.models import REFERENCE_ALPHABET, Address, ContactDetails, Customer

# Demo customers ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_data_loads_three_hundred_customers_through_the_services_once():
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert "Demo customers ready: 300 customers" in out.getvalue()
    call_command("load_demo_data", stdout=out)
    assert "Demo customers already loaded; nothing added." in out.getvalue()

    # The 300, and the record the plans demo links to Jordan Hughes's online account.
    assert Customer.objects.count() == 301
    adviser = AuditEvent.objects.filter(action="customer.created").values_list("actor__email", flat=True).distinct()
    assert set(adviser) == {demo_staff_email("adviser", "london")}
    assert AuditEvent.objects.filter(action="customer.created").count() == 301
    assert AuditEvent.objects.filter(action="customer.address_added").count() == Address.objects.count() == 300
    assert AuditEvent.objects.filter(action="interaction.recorded").count() == Interaction.objects.count()

    channels = set(Interaction.objects.values_list("channel", flat=True))
    assert {
        contact_codes.Channel.TELEPHONE,
        contact_codes.Channel.WEBCHAT,
        contact_codes.Channel.EMAIL,
        contact_codes.Channel.FACE_TO_FACE,
        contact_codes.Channel.SMS,
    } <= channels
    assert Interaction.objects.filter(channel=contact_codes.Channel.WEBCHAT).exclude(transcript="").exists()
    assert InteractionSummarySent.objects.count() > 10
    assert 0 < Customer.objects.filter(terminated_at__isnull=False).count() < 30
    types = dict(Customer.objects.values_list("customer_type").annotate(n=Count("id")))
    assert types.keys() >= {
        codes.CustomerType.ADULT,
        codes.CustomerType.YOUNG_PERSON,
        codes.CustomerType.PARENT_OR_GUARDIAN,
        codes.CustomerType.TEACHER_OR_PROFESSIONAL,
    }

    today = timezone.localdate()
    two_years_ago = timezone.now() - datetime.timedelta(days=740)
    # The generated customers (Jordan's record comes from the plans demo, with plans but no contacts).
    generated = Customer.objects.exclude(online_account_link__user__email="jordan.hughes@example.com")
    assert generated.count() == 300
    for customer in generated.prefetch_related("interactions"):
        assert customer.date_of_birth is not None
        age = rules.age_on(customer.date_of_birth, today)
        assert 13 <= age <= 70
        assert (customer.customer_type == codes.CustomerType.YOUNG_PERSON) == (age <= 18)
        occurred = [interaction.occurred_at for interaction in customer.interactions.all()]
        assert occurred, customer
        assert all(two_years_ago <= moment <= timezone.now() for moment in occurred)
        assert min(timezone.localtime(moment).date() for moment in occurred) == customer.date_registered
    for details in ContactDetails.objects.all():
        assert details.email == "" or details.email.endswith("@example.com")
        assert details.mobile == "" or re.fullmatch(r"\+447700900\d{3}", details.mobile)
        assert details.home_phone == "" or re.fullmatch(r"\+442079460\d{3}", details.home_phone)


def test_demo_people_are_the_same_for_the_same_seed():
    def people(seed: int) -> list[tuple[str, str, datetime.date, str]]:
        faker = Faker("en_GB")
        faker.seed_instance(seed)
        generator = random.Random(seed)  # noqa: S311 - test data
        command = load_demo_customers.Command()
        return [
            (p["given"], p["family"], p["born"], p["postcode"])
            for p in (command._person(faker, generator, n) for n in range(50))
        ]

    assert people(7) == people(7)
    assert people(7) != people(8)


@pytest.mark.django_db
def test_demo_postcodes_are_real_and_placed_where_code_point_open_puts_them():
    places = [place for area in load_demo_customers.POSTCODES.values() for place in area]
    assert len(load_demo_customers.POSTCODES) == 9
    assert len(places) >= 60
    for postcode, _town, latitude, longitude in sorted(places, key=lambda p: re.match(r"[A-Z]+", p[0])[0]):  # type: ignore[index]
        location = geography.locate_postcode(postcode)
        assert location is not None and location.precision == "postcode", postcode
        assert location.latitude is not None and location.longitude is not None
        assert (round(location.latitude, 6), round(location.longitude, 6)) == (latitude, longitude), postcode


@pytest.mark.django_db
@override_settings(DEMO_MODE=False)
def test_demo_customers_refused_outside_demo_mode():
    with pytest.raises(CommandError, match="SIGNPOST_DEMO"):
        call_command("load_demo_customers")
    assert not Customer.objects.exists()


@pytest.mark.django_db
def test_demo_customers_need_the_demo_adviser():
    with pytest.raises(CommandError, match="load_demo_data"):
        call_command("load_demo_customers", count=5)
    assert not Customer.objects.exists()


# Load data ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_load_data_is_valid_counted_and_writes_no_audit_events():
    out = io.StringIO()
    call_command("generate_load_data", customers=2000, interactions=20000, batch=700, stdout=out)
    assert "Generated 2,000 customers and 20,000 contacts" in out.getvalue()
    assert "contacts_interaction: 700/20,000" in out.getvalue()  # progress, batch by batch
    assert Customer.objects.count() == ContactDetails.objects.count() == Address.objects.count() == 2000
    assert Interaction.objects.count() == 20000
    assert not AuditEvent.objects.filter(action__startswith="customer").exists()
    assert not AuditEvent.objects.filter(action__startswith="interaction").exists()

    references = list(Customer.objects.values_list("reference", flat=True))
    assert len(set(references)) == 2000
    assert all(re.fullmatch(f"[{REFERENCE_ALPHABET}]{{8}}", reference) for reference in references)
    emails = [email for email in ContactDetails.objects.values_list("email", flat=True) if email]
    assert len(emails) == len(set(emails)) > 1500
    assert all(email == email.lower() and email.endswith("@example.com") for email in emails)

    registered = dict(Customer.objects.values_list("id", "date_registered"))
    now = timezone.now()
    for customer_id, occurred_at, channel, summary, transcript in Interaction.objects.values_list(
        "customer_id", "occurred_at", "channel", "summary", "transcript"
    ):
        assert registered[customer_id] <= occurred_at.date() and occurred_at <= now
        assert summary
        assert not transcript or channel in contact_codes.TRANSCRIPT_CHANNELS
    # Every row passes the model's own validation (a sample: full_clean queries per row).
    for customer in Customer.objects.order_by("?")[:40]:
        customer.full_clean()
        customer.contact_details.full_clean()
        for address in customer.addresses.all():
            address.full_clean()
            assert geography.locate_postcode(address.postcode) is not None
        for interaction in customer.interactions.all()[:3]:
            interaction.full_clean()
        assert customer.date_of_birth is not None
        assert rules.age_on(customer.date_of_birth, timezone.localdate()) >= 13
    # The tables carry on from the generated ids.
    created = Customer.objects.create(given_name="Next", family_name="One")
    assert created.pk == max(registered) + 1


@pytest.mark.django_db
def test_load_data_is_seeded_and_adds_to_what_is_there():
    call_command("generate_load_data", customers=50, interactions=100, seed=5, stdout=io.StringIO())
    call_command("generate_load_data", customers=50, interactions=100, seed=5, stdout=io.StringIO())
    rows = list(Customer.objects.order_by("id").values_list("given_name", "family_name", "date_of_birth"))
    assert len(rows) == 100 and rows[:50] == rows[50:]
    assert Customer.objects.values("reference").distinct().count() == 100
    assert Interaction.objects.count() == 200


@pytest.mark.django_db
@override_settings(DEMO_MODE=False)
def test_load_data_refused_outside_demo_mode():
    with pytest.raises(CommandError, match="SIGNPOST_DEMO"):
        call_command("generate_load_data", customers=10, interactions=10)
    assert not Customer.objects.exists()
