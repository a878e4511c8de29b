"""Large synthetic data for the benchmarks in bench/: N customers and M contacts, quickly.

Benchmark data, not records: rows go straight into the tables in batches (PostgreSQL COPY through
psycopg 3 where the database is PostgreSQL, batched INSERTs otherwise) without the services, so
no audit events are written per row and no messages are sent. The data is still valid: references
are unique and drawn from the reference alphabet, every contact falls between the customer's
registration and now, every contact with a customer has a summary, transcripts only on written
channels, emails unique and lower case, phone numbers in E.164, postcodes in real districts.
Seeded, so the same arguments give the same people (dated relative to today).
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max, Model
from django.utils import timezone
from faker.providers.address.en_GB import Provider as AddressProvider
from faker.providers.person.en_GB import Provider as PersonProvider

from signpost.accounts.models import User
from signpost.contacts import codes as contact_codes
from signpost.contacts.models import Interaction
from signpost.customers import codes
from signpost.customers.management.commands.load_demo_customers import POSTCODES
from signpost.customers.models import REFERENCE_ALPHABET, REFERENCE_LENGTH, Address, ContactDetails, Customer
from signpost.organisations.models import Area, Organisation

BATCH = 20_000
BENCH_ADVISER_EMAIL = "load.adviser@bench.signpost.example"
AREA_BY_NAME = {
    "London": Area.LONDON,
    "South East": Area.SOUTH_EAST,
    "South West": Area.SOUTH_WEST,
    "East of England": Area.EAST_OF_ENGLAND,
    "East Midlands": Area.EAST_MIDLANDS,
    "West Midlands": Area.WEST_MIDLANDS,
    "North West": Area.NORTH_WEST,
    "North East and Cumbria": Area.NORTH_EAST,
    "Yorkshire and Humber": Area.YORKSHIRE_AND_HUMBER,
}
# Inward codes use these letters only (never C, I, K, M, O, V).
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
WRITTEN = sorted(contact_codes.TRANSCRIPT_CHANNELS)
CHANNELS = [
    contact_codes.Channel.TELEPHONE,
    contact_codes.Channel.WEBCHAT,
    contact_codes.Channel.EMAIL,
    contact_codes.Channel.FACE_TO_FACE,
    contact_codes.Channel.SMS,
    contact_codes.Channel.VIDEOCHAT,
]
CHANNEL_WEIGHTS = [40, 20, 15, 15, 8, 2]
SUMMARIES = [
    "Discussed retraining options after redundancy and funding through an Advanced Learner Loan.",
    "Talked through apprenticeship routes into construction; sent links to vacancies nearby.",
    "Helped update a CV after a career break and agreed a follow-up call in two weeks.",
    "Explored A level and T level choices; looked at job profiles for engineering.",
    "Checked eligibility for a skills bootcamp in digital marketing.",
]
TRANSCRIPT = (
    "Adviser: Hello, you're through to the careers service. How can I help?\n"
    "Customer: I'd like some advice about changing career.\n"
    "Adviser: Of course. A good first step is the skills health check; I'll send you the link."
)


class Command(BaseCommand):
    help = (
        "Generate N customers and M contacts for benchmarks, quickly (COPY on PostgreSQL). "
        "Benchmark data, not records: written straight to the tables, so no audit events per row "
        "and no messages; use it only in a throwaway database. Demo mode only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--customers", type=int, required=True)
        parser.add_argument("--interactions", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=BATCH)

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Load data can only be generated with SIGNPOST_DEMO on (never in production).")
        customers, interactions = options["customers"], options["interactions"]
        if customers < 1 or interactions < 0:
            raise CommandError("Give at least one customer and zero or more contacts.")
        self.batch = options["batch"]
        self.random = random.Random(options["seed"])  # noqa: S311 - benchmark data, not secrets
        # References draw from their own stream, so skipping taken ones leaves the people unchanged.
        self.reference_random = random.Random(f"{options['seed']}-references")  # noqa: S311
        self.started = time.monotonic()
        self.copy = connection.vendor == "postgresql"
        organisation = Organisation.objects.get(touchpoint_id="0000000103")
        adviser, _ = User.objects.get_or_create(
            email=BENCH_ADVISER_EMAIL,
            defaults={"given_name": "Load", "family_name": "Adviser", "organisation": organisation, "is_demo": True},
        )
        first_id = (Customer.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        registered = self._customers(first_id, customers)
        self._interactions(first_id, customers, interactions, registered, adviser.pk, organisation.pk)
        if self.copy:
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(
                    no_style(), [Customer, ContactDetails, Address, Interaction]
                ):
                    cursor.execute(statement)
                cursor.execute("ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            f"Generated {customers:,} customers and {interactions:,} contacts "
            f"in {time.monotonic() - self.started:.1f} s ({connection.vendor})."
        )

    # Writing -------------------------------------------------------------------------------

    def _write(self, model: type[Model], columns: Sequence[str], rows: Iterator[tuple[Any, ...]], total: int) -> None:
        # Names from the models, never from input.
        table = connection.ops.quote_name(model._meta.db_table)
        quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
        done = 0
        while True:
            chunk = [row for _, row in zip(range(self.batch), rows, strict=False)]
            if not chunk:
                break
            with transaction.atomic(), connection.cursor() as cursor:
                if self.copy:
                    with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                        for row in chunk:
                            copy.write_row(row)
                else:
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", chunk)  # noqa: S608  # nosec B608
            done += len(chunk)
            self.stdout.write(
                f"  {model._meta.db_table}: {done:,}/{total:,} ({time.monotonic() - self.started:.1f} s)", ending="\n"
            )

    def _references(self, count: int) -> list[str]:
        taken = set(Customer.objects.values_list("reference", flat=True))
        references: list[str] = []
        choices: Callable[..., list[str]] = self.reference_random.choices
        while len(references) < count:
            reference = "".join(choices(REFERENCE_ALPHABET, k=REFERENCE_LENGTH))
            if reference not in taken:
                taken.add(reference)
                references.append(reference)
        return references

    def _customers(self, first_id: int, count: int) -> list[datetime.date]:
        rng = self.random
        today = timezone.localdate()
        now = timezone.now()
        female = list(PersonProvider.first_names_female)
        male = list(PersonProvider.first_names_male)
        family_names = list(PersonProvider.last_names)
        streets = [
            f"{name} {suffix}"
            for name in ("High", "Station", "Church", "Mill", "Park", "Victoria", "Green")
            for suffix in AddressProvider.street_suffixes[:12]
        ]
        places = [(area, place) for area, listed in POSTCODES.items() for place in listed]
        references = self._references(count)
        registered = [today - datetime.timedelta(days=rng.randint(0, 1460)) for _ in range(count)]
        people: list[dict[str, Any]] = []
        for number in range(count):
            kind = rng.choices(
                [
                    codes.CustomerType.ADULT,
                    codes.CustomerType.YOUNG_PERSON,
                    codes.CustomerType.PARENT_OR_GUARDIAN,
                    codes.CustomerType.TEACHER_OR_PROFESSIONAL,
                ],
                weights=[65, 25, 7, 3],
            )[0]
            low, high = (13, 18) if kind == codes.CustomerType.YOUNG_PERSON else (19, 70)
            born = today - datetime.timedelta(days=rng.randint(low, high) * 365 + rng.randint(10, 350))
            is_female = rng.random() < 0.5
            area, (postcode, town, latitude, longitude) = rng.choice(places)
            outward = postcode.split(" ")[0]
            people.append(
                {
                    "id": first_id + number,
                    "kind": kind,
                    "born": born,
                    "female": is_female,
                    "given": rng.choice(female if is_female else male),
                    "family": rng.choice(family_names),
                    "postcode": f"{outward} {rng.randint(0, 9)}{''.join(rng.choices(INWARD_LETTERS, k=2))}",
                    "town": town,
                    "area": AREA_BY_NAME[area],
                    "latitude": round(latitude + rng.uniform(-0.01, 0.01), 6),
                    "longitude": round(longitude + rng.uniform(-0.01, 0.01), 6),
                    "street": f"{rng.randint(1, 250)} {rng.choice(streets)}",
                }
            )

        def customer_rows() -> Iterator[tuple[Any, ...]]:
            for person, reference, day in zip(people, references, registered, strict=True):
                yield (
                    person["id"],
                    reference,
                    (codes.Title.MS if person["female"] else codes.Title.MR) if person["kind"] != 2 else 99,
                    person["given"],
                    person["family"],
                    person["born"],
                    codes.Gender.FEMALE if person["female"] else codes.Gender.MALE,
                    "",
                    person["kind"],
                    codes.IntroducedBy.NOT_PROVIDED,
                    "",
                    day,
                    None,
                    None,
                    now,
                    now,
                )

        self._write(
            Customer,
            [
                "id",
                "reference",
                "title",
                "given_name",
                "family_name",
                "date_of_birth",
                "gender",
                "unique_learner_number",
                "customer_type",
                "introduced_by",
                "introduced_by_detail",
                "date_registered",
                "terminated_at",
                "termination_reason",
                "created_at",
                "updated_at",
            ],
            customer_rows(),
            count,
        )

        def detail_rows() -> Iterator[tuple[Any, ...]]:
            for person in people:
                identifier = person["id"]
                email = ""
                if rng.random() < 0.85:
                    email = f"{person['given']}.{person['family']}.{identifier}@example.com".lower().replace("'", "")
                # Unique per customer, so a phone search finds one person as it would in life.
                mobile = f"+447{identifier % 1_000_000_000:09d}" if rng.random() < 0.9 else ""
                method = codes.ContactMethod.EMAIL if email else codes.ContactMethod.POST
                yield (
                    identifier,
                    identifier,
                    method,
                    mobile,
                    "",
                    "",
                    "",
                    "",
                    email,
                    bool(mobile),
                    bool(mobile),
                    bool(email),
                    True,
                    "",
                    False,
                    "",
                    now,
                    True,  # live: every generated customer is
                )

        self._write(
            ContactDetails,
            [
                "id",
                "customer_id",
                "preferred_method",
                "mobile",
                "home_phone",
                "home_phone_extension",
                "alternative_phone",
                "alternative_phone_extension",
                "email",
                "may_contact_by_phone",
                "may_contact_by_sms",
                "may_contact_by_email",
                "may_contact_by_post",
                "preferred_language",
                "interpreter_needed",
                "accessibility_needs",
                "updated_at",
                "live",
            ],
            detail_rows(),
            count,
        )

        def address_rows() -> Iterator[tuple[Any, ...]]:
            for person, day in zip(people, registered, strict=True):
                yield (
                    person["id"],
                    person["id"],
                    person["street"],
                    "",
                    "",
                    person["town"],
                    "",
                    person["postcode"],
                    person["latitude"],
                    person["longitude"],
                    "",
                    person["area"],
                    day,
                    None,
                    now,
                )

        first_address = (Address.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        if first_address > first_id:
            raise CommandError("Generate load data into an empty database (addresses already exist).")
        self._write(
            Address,
            [
                "id",
                "customer_id",
                "line_1",
                "line_2",
                "line_3",
                "town",
                "county",
                "postcode",
                "latitude",
                "longitude",
                "local_authority",
                "area",
                "effective_from",
                "effective_to",
                "created_at",
            ],
            address_rows(),
            count,
        )
        return registered

    def _interactions(
        self,
        first_id: int,
        customers: int,
        count: int,
        registered: list[datetime.date],
        adviser: int,
        organisation: int,
    ) -> None:
        rng = self.random
        now = timezone.now()
        types = {
            contact_codes.Channel.TELEPHONE: contact_codes.InteractionType.TELEPHONE_CALL,
            contact_codes.Channel.WEBCHAT: contact_codes.InteractionType.WEBCHAT,
            contact_codes.Channel.EMAIL: contact_codes.InteractionType.REQUEST_TO_BE_CONTACTED,
            contact_codes.Channel.FACE_TO_FACE: contact_codes.InteractionType.CREATION_OF_ACTION_PLAN,
            contact_codes.Channel.SMS: contact_codes.InteractionType.REQUEST_TO_BE_CONTACTED,
            contact_codes.Channel.VIDEOCHAT: contact_codes.InteractionType.BOOK_AN_APPOINTMENT,
        }
        reasons = list(contact_codes.ReasonForContact.values)
        tz = datetime.UTC

        def rows() -> Iterator[tuple[Any, ...]]:
            for _ in range(count):
                index = rng.randrange(customers)
                start = datetime.datetime.combine(registered[index], datetime.time(9), tzinfo=tz)
                seconds = max(0, int((now - start).total_seconds()))
                occurred = start + datetime.timedelta(seconds=rng.randint(0, seconds)) if seconds else now
                channel = rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS)[0]
                transcript = TRANSCRIPT if channel in WRITTEN and rng.random() < 0.2 else ""
                yield (
                    first_id + index,
                    channel,
                    types[channel],
                    occurred,
                    adviser,
                    organisation,
                    "",
                    "",
                    False,
                    rng.choice(reasons),
                    rng.choice((1, 2)),
                    rng.choice(SUMMARIES),
                    transcript,
                    False,
                    None,
                    None,
                    None,
                    None,
                    None,
                    occurred,
                )

        self._write(
            Interaction,
            [
                "customer_id",
                "channel",
                "interaction_type",
                "occurred_at",
                "adviser_id",
                "organisation_id",
                "line_or_campaign",
                "language",
                "interpreter_used",
                "reason",
                "service_level",
                "summary",
                "transcript",
                "anonymous",
                "customer_type",
                "age_band",
                "area",
                "attached_at",
                "attached_by_id",
                "created_at",
            ],
            rows(),
            count,
        )
