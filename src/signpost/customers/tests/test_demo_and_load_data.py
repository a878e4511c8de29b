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
from signpost.customers.models import Address, ContactDetails, Customer

# Demo customers ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_data_loads_three_hundred_customers_through_the_services_once():
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert "Demo customers ready: 300 customers" in out.getvalue()
    call_command("load_demo_data", stdout=out)
    assert "Demo customers already loaded; nothing added." in out.getvalue()

    assert Customer.objects.count() == 300
    adviser = AuditEvent.objects.filter(action="customer.created").values_list("actor__email", flat=True).distinct()
    assert set(adviser) == {demo_staff_email("adviser", "london")}
    assert AuditEvent.objects.filter(action="customer.created").count() == 300
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
    for customer in Customer.objects.prefetch_related("interactions"):
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
