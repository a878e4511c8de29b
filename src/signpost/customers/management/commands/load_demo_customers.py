"""A few hundred generated demo customers with two years of contacts on every channel.

Demo mode only, seeded (the same people, histories and channels every time, dated relative to
today) and idempotent: a second run finds the first generated customer and adds nothing. Every
write goes through the customer and contact services with the demo adviser as actor, so the rules
hold and each change is audited like an adviser's. Nothing here is a real person: names come from
Faker (en_GB), email addresses are at example.com, phone numbers are from Ofcom's ranges reserved
for drama (07700 900000-900999, 020 7946 0000-0999), and the postcodes are real but public
buildings (town halls, stations, museums), not homes.
"""

from __future__ import annotations

import contextlib
import datetime
import random
import time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from signpost.accounts.demo import demo_staff_email
from signpost.accounts.models import User
from signpost.contacts import codes as contact_codes
from signpost.contacts import services as contact_services
from signpost.core import geography
from signpost.core.audit import audit_record
from signpost.customers import codes
from signpost.customers import rules as customer_rules
from signpost.customers import selectors as customer_selectors
from signpost.customers import services as customer_services
from signpost.customers.models import Address, ContactDetails

DEFAULT_COUNT = 300
DEFAULT_SEED = 2026

# Real postcodes of public buildings across the nine areas, with their OS Code-Point Open position
# (latitude, longitude) as core.geography gives it. Kept here because reading Code-Point Open for
# ~60 postcode areas costs ~10 s; the tests check each one still locates to the same point.
POSTCODES: dict[str, list[tuple[str, str, float, float]]] = {
    "London": [
        ("SW1A 1AA", "London", 51.50101, -0.141563),
        ("SW1A 2AA", "London", 51.503541, -0.12767),
        ("WC2N 5DN", "London", 51.509098, -0.127658),
        ("SE1 7PB", "London", 51.5025, -0.119384),
        ("E20 2ST", "London", 51.538636, -0.016404),
        ("NW1 2DB", "London", 51.529987, -0.126989),
        ("WC1B 3DG", "London", 51.519364, -0.126848),
        ("SW7 5BD", "London", 51.496564, -0.176868),
        ("N1C 4QP", "London", 51.53143, -0.126122),
        ("SE10 9NF", "London", 51.480285, -0.00602),
        ("W2 1HQ", "London", 51.519029, -0.177527),
    ],
    "South East": [
        ("BN1 1JA", "Brighton", 50.820829, -0.140001),
        ("OX1 1BX", "Oxford", 51.751654, -1.256895),
        ("RG1 7AE", "Reading", 51.453552, -0.976954),
        ("CT1 2EH", "Canterbury", 51.278813, 1.083487),
        ("SO14 7LY", "Southampton", 50.907674, -1.406971),
        ("PO1 2AL", "Portsmouth", 50.797272, -1.091333),
        ("GU1 4LT", "Guildford", 51.241358, -0.571931),
        ("MK9 3EJ", "Milton Keynes", 52.043275, -0.760815),
        ("ME14 1HJ", "Maidstone", 51.273853, 0.522555),
    ],
    "South West": [
        ("BS1 5TR", "Bristol", 51.452605, -2.60207),
        ("EX1 1JN", "Exeter", 50.724762, -3.524465),
        ("PL1 2AA", "Plymouth", 50.369569, -4.143034),
        ("BA1 1LZ", "Bath", 51.381125, -2.360104),
        ("GL1 2EH", "Gloucester", 51.861848, -2.252769),
        ("BH2 6DY", "Bournemouth", 50.722432, -1.882004),
        ("SN1 2JH", "Swindon", 51.560126, -1.777908),
        ("TA1 1HE", "Taunton", 51.021057, -3.10649),
    ],
    "East of England": [
        ("CB2 3QJ", "Cambridge", 52.204802, 0.119295),
        ("NR2 1NH", "Norwich", 52.628599, 1.291638),
        ("IP1 2DE", "Ipswich", 52.053607, 1.143194),
        ("CM1 1JE", "Chelmsford", 51.736812, 0.465435),
        ("LU1 2BQ", "Luton", 51.879926, -0.417804),
        ("PE1 1HF", "Peterborough", 52.571478, -0.241994),
        ("AL1 3JE", "St Albans", 51.753369, -0.336101),
        ("CO1 1PJ", "Colchester", 51.889804, 0.89886),
        ("HP20 2SE", "Aylesbury", 51.815997, -0.818398),
    ],
    "East Midlands": [
        ("NG1 2DT", "Nottingham", 52.95344, -1.148978),
        ("NG7 2RD", "Nottingham", 52.940521, -1.191193),
        ("LE1 7RH", "Leicester", 52.620665, -1.125526),
        ("DE1 2FS", "Derby", 52.92321, -1.473993),
        ("DE1 3AH", "Derby", 52.923569, -1.475803),
        ("LN1 1DD", "Lincoln", 53.231006, -0.543561),
        ("NN1 1DE", "Northampton", 52.237411, -0.894618),
        ("S40 1LP", "Chesterfield", 53.23675, -1.432346),
    ],
    "West Midlands": [
        ("B1 1BB", "Birmingham", 52.480432, -1.903449),
        ("B3 3DH", "Birmingham", 52.480594, -1.903183),
        ("CV1 5RR", "Coventry", 52.407106, -1.507605),
        ("WV1 1SH", "Wolverhampton", 52.587057, -2.129572),
        ("WR1 2EY", "Worcester", 52.191147, -2.220856),
        ("HR1 2PJ", "Hereford", 52.055511, -2.71314),
        ("DY1 1HF", "Dudley", 52.512212, -2.084338),
        ("WS1 1TP", "Walsall", 52.586012, -1.981281),
    ],
    "North West": [
        ("M2 5DB", "Manchester", 53.47929, -2.244554),
        ("PR1 2RL", "Preston", 53.759904, -2.698696),
        ("CH1 2HJ", "Chester", 53.191739, -2.892725),
        ("WA1 1UH", "Warrington", 53.389713, -2.599634),
        ("BB1 7DY", "Blackburn", 53.749881, -2.483784),
        ("BL1 1RU", "Bolton", 53.578247, -2.430772),
        ("LA1 1PJ", "Lancaster", 54.047087, -2.797754),
        ("FY1 1GB", "Blackpool", 53.818696, -3.051848),
    ],
    "North East and Cumbria": [
        ("NE1 8QH", "Newcastle upon Tyne", 54.978423, -1.610589),
        ("NE1 7RU", "Newcastle upon Tyne", 54.980327, -1.615727),
        ("SR1 3AA", "Sunderland", 54.908205, -1.38608),
        ("TS1 3BA", "Middlesbrough", 54.572089, -1.234709),
        ("CA3 8QG", "Carlisle", 54.89752, -2.934648),
        ("DL1 5QT", "Darlington", 54.523731, -1.552812),
    ],
    "Yorkshire and Humber": [
        ("LS1 1UR", "Leeds", 53.802177, -1.548522),
        ("S1 2HH", "Sheffield", 53.38041, -1.469915),
        ("BD1 1HY", "Bradford", 53.792327, -1.753296),
        ("YO1 7HH", "York", 53.961573, -1.08191),
        ("HU1 2AA", "Hull", 53.744525, -0.333086),
        ("HD1 2TA", "Huddersfield", 53.643928, -1.782643),
        ("WF1 2HQ", "Wakefield", 53.683816, -1.501562),
        ("DN1 3BU", "Doncaster", 53.519702, -1.131949),
    ],
}

CHANNEL_TYPES = {
    contact_codes.Channel.TELEPHONE: [
        contact_codes.InteractionType.TELEPHONE_CALL,
        contact_codes.InteractionType.CALL_BACK_SUCCESSFUL,
        contact_codes.InteractionType.BOOK_AN_APPOINTMENT,
    ],
    contact_codes.Channel.WEBCHAT: [contact_codes.InteractionType.WEBCHAT],
    contact_codes.Channel.EMAIL: [
        contact_codes.InteractionType.REQUEST_TO_BE_CONTACTED,
        contact_codes.InteractionType.OTHER,
    ],
    contact_codes.Channel.FACE_TO_FACE: [
        contact_codes.InteractionType.CREATION_OF_ACTION_PLAN,
        contact_codes.InteractionType.BOOK_AN_APPOINTMENT,
    ],
    contact_codes.Channel.SMS: [
        contact_codes.InteractionType.REQUEST_TO_BE_CONTACTED,
        contact_codes.InteractionType.CALL_BACK_UNSUCCESSFUL,
    ],
}
CHANNEL_WEIGHTS = {
    contact_codes.Channel.TELEPHONE: 40,
    contact_codes.Channel.WEBCHAT: 20,
    contact_codes.Channel.EMAIL: 15,
    contact_codes.Channel.FACE_TO_FACE: 15,
    contact_codes.Channel.SMS: 10,
}

TOPICS = [
    ("retraining after redundancy", "a level 3 course funded by the Advanced Learner Loan"),
    ("getting into an apprenticeship", "apprenticeship vacancies in construction"),
    ("moving into nursing", "the access to higher education diploma"),
    ("writing a CV after a career break", "the CV builder and a follow-up call"),
    ("choosing A levels or a T level", "the job profiles for software developer and engineer"),
    ("starting out in digital marketing", "free skills bootcamps nearby"),
    ("returning to work after illness", "support from Access to Work"),
    ("changing career to teaching", "routes into teacher training"),
    ("finding part-time work around childcare", "local employers offering flexible hours"),
    ("funding for an HGV licence", "skills bootcamps for HGV drivers"),
]


class Command(BaseCommand):
    help = "Load a few hundred generated demo customers with their contact histories (demo mode only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Demo customers can only be loaded with SIGNPOST_DEMO on (never in production).")
        try:
            from faker import Faker
        except ImportError:  # Faker comes with the development requirements
            self.stderr.write("Demo customers skipped: install Faker (pip install -r requirements-dev.lock).")
            return
        actor = User.objects.filter(email=demo_staff_email("adviser", "london")).first()
        if actor is None:
            raise CommandError("Run load_demo_data first: the demo adviser records the demo customers.")
        count, seed = options["count"], options["seed"]
        faker = Faker("en_GB")
        faker.seed_instance(seed)
        generator = random.Random(seed)  # noqa: S311 - demo data, not secrets
        people = [self._person(faker, generator, number) for number in range(count)]
        if ContactDetails.objects.filter(email=people[0]["email"]).exists():
            self.stdout.write("Demo customers already loaded; nothing added.")
            return
        started = time.monotonic()
        interactions = 0
        # One transaction: all or nothing, so the idempotency check above is sound.
        with transaction.atomic():
            for person in people:
                interactions += self._load(actor, generator, person)
        self.stdout.write(
            f"Demo customers ready: {count} customers, {interactions} contacts in {time.monotonic() - started:.1f} s."
        )

    # Generation ---------------------------------------------------------------------------

    def _person(self, faker: Any, generator: random.Random, number: int) -> dict[str, Any]:
        today = timezone.localdate()
        kind = generator.choices(
            [
                codes.CustomerType.YOUNG_PERSON,
                codes.CustomerType.ADULT,
                codes.CustomerType.PARENT_OR_GUARDIAN,
                codes.CustomerType.TEACHER_OR_PROFESSIONAL,
            ],
            weights=[25, 60, 10, 5],
        )[0]
        ages = {
            codes.CustomerType.YOUNG_PERSON: (13, 18),
            codes.CustomerType.ADULT: (19, 70),
            codes.CustomerType.PARENT_OR_GUARDIAN: (30, 58),
            codes.CustomerType.TEACHER_OR_PROFESSIONAL: (24, 64),
        }[kind]
        age = generator.randint(*ages)
        born = today - datetime.timedelta(days=age * 365 + generator.randint(40, 320))
        gender = generator.choices(
            [codes.Gender.FEMALE, codes.Gender.MALE, codes.Gender.ANOTHER_GENDER, codes.Gender.PREFER_NOT_TO_SAY],
            weights=[50, 46, 2, 2],
        )[0]
        if gender == codes.Gender.FEMALE:
            given = faker.first_name_female()
            title = generator.choice([codes.Title.MS, codes.Title.MRS, codes.Title.MISS])
        elif gender == codes.Gender.MALE:
            given = faker.first_name_male()
            title = codes.Title.MR
        else:
            given = faker.first_name_nonbinary()
            title = codes.Title.NOT_PROVIDED
        if age < 18:
            title = codes.Title.NOT_PROVIDED
        family = faker.last_name()
        area = generator.choice(sorted(POSTCODES))
        postcode, town, latitude, longitude = generator.choice(POSTCODES[area])
        slug = "".join(ch for ch in f"{given}.{family}".lower() if ch.isalnum() or ch == ".")
        has_email = number == 0 or generator.random() < 0.85
        has_mobile = generator.random() < 0.9
        return {
            "number": number,
            "kind": kind,
            "age": age,
            "born": born,
            "gender": gender,
            "title": title,
            "given": given,
            "family": family,
            "postcode": postcode,
            "town": town,
            "latitude": latitude,
            "longitude": longitude,
            "street": faker.street_name(),
            "house": generator.randint(1, 180),
            "email": f"{slug}.{number:03d}@example.com" if has_email else "",
            "mobile": f"07700 900{generator.randint(0, 999):03d}" if has_mobile else "",
            "home": f"020 7946 0{generator.randint(0, 999):03d}" if generator.random() < 0.3 else "",
        }

    # Writing ------------------------------------------------------------------------------

    def _load(self, actor: Any, generator: random.Random, person: dict[str, Any]) -> int:
        today = timezone.localdate()
        now = timezone.now()
        contacts = generator.randint(1, 7)
        span = 730
        moments = sorted(
            now - datetime.timedelta(days=generator.randint(0, span), minutes=generator.randint(0, 600))
            for _ in range(contacts)
        )
        # Working hours, Europe/London.
        moments = [
            timezone.localtime(moment).replace(hour=generator.randint(9, 17), minute=generator.randint(0, 59))
            for moment in moments
        ]
        moments = [min(moment, now) for moment in moments]
        registered = timezone.localtime(moments[0]).date()
        customer = customer_services.customer_create(
            actor=actor,
            given_name=person["given"],
            family_name=person["family"],
            title=person["title"],
            gender=person["gender"],
            date_of_birth=person["born"],
            customer_type=person["kind"],
            introduced_by=generator.choice(list(codes.IntroducedBy.values)),
            date_registered=registered,
        )
        self._address(actor, customer, person, registered)
        methods = [codes.ContactMethod.POST]
        if person["email"]:
            methods += [codes.ContactMethod.EMAIL] * 3
        if person["mobile"]:
            methods += [codes.ContactMethod.MOBILE, codes.ContactMethod.SMS, codes.ContactMethod.SMS]
        if person["home"]:
            methods.append(codes.ContactMethod.TELEPHONE)
        customer_services.contact_details_set(
            actor=actor,
            customer=customer,
            preferred_method=generator.choice(methods),
            mobile=person["mobile"],
            home_phone=person["home"],
            email=person["email"],
            may_contact_by_phone=generator.random() < 0.8,
            may_contact_by_sms=bool(person["mobile"]),
            may_contact_by_email=bool(person["email"]),
            may_contact_by_post=generator.random() < 0.5,
            preferred_language=generator.choice(["English"] * 8 + ["Polish", "Urdu"]),
        )
        self._histories(actor, generator, customer, person, registered)
        health, ethnicity = generator.random() < 0.6, generator.random() < 0.7
        declaration = codes.DisabilityDeclaration.NOT_PROVIDED
        primary = codes.DisabilityType.NOT_PROVIDED
        if health:
            declaration = generator.choice(
                [codes.DisabilityDeclaration.NO_DIFFICULTY_OR_DISABILITY] * 4
                + [codes.DisabilityDeclaration.HAS_DIFFICULTY_OR_DISABILITY]
            )
            if declaration == codes.DisabilityDeclaration.HAS_DIFFICULTY_OR_DISABILITY:
                primary = generator.choice(
                    [codes.DisabilityType.DYSLEXIA, codes.DisabilityType.MENTAL_HEALTH, codes.DisabilityType.MOBILITY]
                )
        customer_services.diversity_set(
            actor=actor,
            customer=customer,
            health_consent=health,
            ethnicity_consent=ethnicity,
            disability_declaration=declaration,
            primary_disability=primary,
            ethnicity=generator.choice(
                [codes.Ethnicity.WHITE_BRITISH] * 6
                + [codes.Ethnicity.ASIAN_INDIAN, codes.Ethnicity.BLACK_AFRICAN, codes.Ethnicity.MIXED_WHITE_ASIAN]
            )
            if ethnicity
            else codes.Ethnicity.NOT_PROVIDED,
        )
        customer_services.consent_record(
            actor=actor,
            customer=customer,
            user_research=generator.random() < 0.3,
            market_research=generator.random() < 0.6,
            lawful_basis=codes.LawfulBasis.PUBLIC_TASK,
        )
        if person["kind"] in {codes.CustomerType.ADULT, codes.CustomerType.YOUNG_PERSON}:
            suggested = customer_rules.suggest_priority_groups(customer, today)
            # The adviser usually confirms what the record supports; sometimes adds a single parent.
            groups = list(suggested)
            if person["age"] >= 21 and generator.random() < 0.08 and not set(groups) & {98, 99}:
                groups.append(codes.PriorityGroup.SINGLE_PARENT)
            customer_services.priority_groups_confirm(actor=actor, customer=customer, groups=groups, on_date=today)
        for moment in moments:
            self._contact(actor, generator, customer, person, moment)
        if generator.random() < 0.03:
            customer_services.customer_terminate(
                actor=actor,
                customer=customer,
                reason=generator.choice([codes.TerminationReason.CUSTOMER_CHOICE, codes.TerminationReason.DUPLICATE]),
            )
        return len(moments)

    def _address(self, actor: Any, customer: Any, person: dict[str, Any], registered: datetime.date) -> None:
        """What customer_services.address_add writes, with the postcode placed from the data above
        instead of Code-Point Open (the same point; the area routing is the service's own)."""
        local_authority = geography.local_authority_for_district(geography.outward_code(person["postcode"]))
        address = Address(
            customer=customer,
            line_1=f"{person['house']} {person['street']}",
            town=person["town"],
            postcode=geography.normalise_postcode(person["postcode"]),
            latitude=Decimal(str(person["latitude"])),
            longitude=Decimal(str(person["longitude"])),
            local_authority=local_authority,
            area=customer_selectors.area_for_local_authority(local_authority),
            effective_from=registered,
        )
        address.full_clean()
        address.save()
        audit_record(actor=actor, action="customer.address_added", target=customer, details={"address": address.pk})

    def _histories(
        self, actor: Any, generator: random.Random, customer: Any, person: dict[str, Any], registered: datetime.date
    ) -> None:
        age = person["age"]
        if age < 18:
            customer_services.learning_status_record(
                actor=actor,
                customer=customer,
                status=codes.LearningStatusCode.IN_LEARNING,
                recorded_on=registered,
                hours=codes.HoursBand.AT_LEAST_16,
                highest_qualification=codes.QualificationLevel.ENTRY if age < 16 else codes.QualificationLevel.LEVEL_2,
            )
            return
        first = generator.choice(
            [
                codes.EmploymentStatusCode.EMPLOYED,
                codes.EmploymentStatusCode.UNEMPLOYED,
                codes.EmploymentStatusCode.EMPLOYED_AT_RISK_OF_REDUNDANCY,
                codes.EmploymentStatusCode.SELF_EMPLOYED,
                codes.EmploymentStatusCode.ECONOMICALLY_INACTIVE,
                codes.EmploymentStatusCode.UNEMPLOYED_DUE_TO_REDUNDANCY,
            ]
        )
        if age >= 66 and generator.random() < 0.5:
            first = codes.EmploymentStatusCode.RETIRED
        details: dict[str, Any] = {}
        if first in codes.UNEMPLOYED:
            details["unemployment_length"] = generator.choice(list(codes.UnemploymentLength.values)[:6])
        else:
            details["hours"] = generator.choice([codes.HoursBand.UNDER_16, codes.HoursBand.AT_LEAST_16])
        customer_services.employment_status_record(
            actor=actor, customer=customer, status=first, recorded_on=registered, **details
        )
        later = registered + datetime.timedelta(days=generator.randint(60, 400))
        if first in codes.UNEMPLOYED and later <= timezone.localdate() and generator.random() < 0.5:
            customer_services.employment_status_record(
                actor=actor,
                customer=customer,
                status=codes.EmploymentStatusCode.EMPLOYED,
                recorded_on=later,
                hours=codes.HoursBand.AT_LEAST_16,
                employer_name=generator.choice(["NHS trust", "Local council", "Supermarket", "Logistics firm"]),
            )
        level = generator.choice(
            [
                codes.QualificationLevel.NONE,
                codes.QualificationLevel.ENTRY,
                codes.QualificationLevel.LEVEL_1,
                codes.QualificationLevel.LEVEL_2,
                codes.QualificationLevel.LEVEL_3,
                codes.QualificationLevel.LEVEL_4,
                codes.QualificationLevel.LEVEL_6,
            ]
        )
        customer_services.learning_status_record(
            actor=actor,
            customer=customer,
            status=generator.choice(
                [codes.LearningStatusCode.NOT_IN_LEARNING] * 3 + [codes.LearningStatusCode.IN_LEARNING]
            ),
            recorded_on=registered,
            highest_qualification=level,
        )

    def _contact(
        self, actor: Any, generator: random.Random, customer: Any, person: dict[str, Any], moment: datetime.datetime
    ) -> None:
        channels = list(CHANNEL_WEIGHTS)
        channel = generator.choices(channels, weights=[CHANNEL_WEIGHTS[c] for c in channels])[0]
        topic, offer = generator.choice(TOPICS)
        summary = (
            f"{person['given']} got in touch about {topic}. We talked through their options and "
            f"agreed next steps; I pointed them to {offer}."
        )
        transcript = ""
        if channel == contact_codes.Channel.WEBCHAT:
            transcript = "\n".join(
                [
                    "Adviser: Hello, you're through to the careers service. How can I help?",
                    f"Customer: Hi, I'd like some advice about {topic}.",
                    "Adviser: Of course. Can you tell me a little about what you do now?",
                    "Customer: I've been thinking about it for a while but don't know where to start.",
                    f"Adviser: A good first step is {offer}. I'll send you the links.",
                    "Customer: Thank you, that's really helpful.",
                ]
            )
        elif channel == contact_codes.Channel.EMAIL and generator.random() < 0.6:
            transcript = f"From the customer: I'd like some advice about {topic}.\n\nOur reply: have a look at {offer}."
        elif channel == contact_codes.Channel.SMS and generator.random() < 0.5:
            transcript = "Customer: Can someone call me back about courses?\nAdviser: Yes, we'll call you tomorrow."
        interaction = contact_services.interaction_record(
            actor=actor,
            customer=customer,
            channel=channel,
            interaction_type=generator.choice(CHANNEL_TYPES[channel]),
            reason=generator.choice(list(contact_codes.ReasonForContact.values)),
            service_level=generator.choice(list(contact_codes.ServiceLevel.values)),
            summary=summary,
            transcript=transcript,
            occurred_at=moment,
            line_or_campaign=generator.choice(["", "", "National helpline", "Skills bootcamps campaign"]),
        )
        if generator.random() < 0.15:
            # Refused when the preferred method cannot carry it (an adviser would be told why).
            with contextlib.suppress(ValidationError):
                contact_services.interaction_summary_send(actor=actor, interaction=interaction)
