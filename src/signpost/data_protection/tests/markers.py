"""A customer with a distinctive marker in every personal field, for the anonymisation tests.

Each marker is a made-up word found nowhere else, ending so no stemmer shortens it, so finding it
anywhere in the database (tables, search indexes) means personal data is left. Apps adding
personal data should fill their parts here too, with new markers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from signpost.contacts import codes as contact_codes
from signpost.contacts import services as contact_services
from signpost.customers import codes, services
from tests.factories import RecordParts, filled_customer

GIVEN_NAME = "Xandrok"
FAMILY_NAME = "Brindlewax"


@dataclass
class MarkedCustomer:
    customer: Any
    interactions: list[Any]
    markers: list[str] = field(default_factory=list)
    # Never stored as typed (hashed, or normalised), yet looked for all the same.
    unstored: list[str] = field(default_factory=list)


def marked_parts() -> RecordParts:
    today = timezone.localdate()
    return RecordParts(
        identity={
            "given_name": GIVEN_NAME,
            "family_name": FAMILY_NAME,
            "title": codes.Title.DR,
            "date_of_birth": datetime.date(today.year - 34, 5, 17),
            "gender": codes.Gender.ANOTHER_GENDER,
            "unique_learner_number": "9876543210",
            "customer_type": codes.CustomerType.ADULT,
            "introduced_by": codes.IntroducedBy.OTHER,
            "introduced_by_detail": "Heard from Qorvathik",
        },
        addresses=[
            {
                "line_1": "17 Zephlink Lane",
                "line_2": "Flat Trundak",
                "line_3": "Grumwick Estate",
                "town": "Morvick",
                "county": "Shirebank",
                "postcode": "sw1a1aa",
                "effective_from": datetime.date(2021, 2, 1),
            }
        ],
        contact_details={
            "preferred_method": codes.ContactMethod.EMAIL,
            "mobile": "07700 900461",
            "home_phone": "020 7946 0321 ext 45",
            "alternative_phone": "0113 496 0777",
            "email": "xandrok.brindlewax@example.com",
            "may_contact_by_email": True,
            "may_contact_by_sms": True,
            "preferred_language": "Gorblish",
            "interpreter_needed": True,
            "accessibility_needs": "Needs Plimtock ramps",
        },
        diversity={
            "health_consent": True,
            "ethnicity_consent": True,
            "disability_declaration": codes.DisabilityDeclaration.HAS_DIFFICULTY_OR_DISABILITY,
            "primary_disability": codes.DisabilityType.DYSLEXIA,
            "ethnicity": codes.Ethnicity.ASIAN_INDIAN,
        },
        employment=[
            {
                "status": codes.EmploymentStatusCode.EMPLOYED,
                "recorded_on": datetime.date(2024, 1, 10),
                "employer_name": "Wexcorp Brandt",
            }
        ],
        learning={
            "status": codes.LearningStatusCode.IN_LEARNING,
            "recorded_on": datetime.date(2024, 9, 1),
            "highest_qualification": codes.QualificationLevel.LEVEL_3,
        },
        priority_groups=[codes.PriorityGroup.SINGLE_PARENT],
        consent={"user_research": True, "market_research": True, "lawful_basis": codes.LawfulBasis.PUBLIC_TASK},
    )


def marked_customer(actor: Any, *, contacts: int = 3) -> MarkedCustomer:
    customer = filled_customer(actor, marked_parts())
    services.identity_secret_set(actor=actor, customer=customer, word="flarnishk")
    services.identity_check(actor=actor, customer=customer, answers={1: "f", 3: "a"})
    interactions = []
    for number in range(contacts):
        webchat = number % 2 == 0
        interaction = contact_services.interaction_record(
            actor=actor,
            customer=customer,
            channel=contact_codes.Channel.WEBCHAT if webchat else contact_codes.Channel.TELEPHONE,
            interaction_type=contact_codes.InteractionType.WEBCHAT
            if webchat
            else contact_codes.InteractionType.TELEPHONE_CALL,
            reason=contact_codes.ReasonForContact.DEVELOP_MY_CAREER,
            service_level=contact_codes.ServiceLevel.ADVICE,
            summary=f"Talked about Snorkvast apprenticeships, contact {number}",
            transcript="Adviser: hello Xandrok. Customer: I live at Zephlink Lane, call 07700 900461"
            if webchat
            else "",
            occurred_at=timezone.now() - datetime.timedelta(days=30 * (number + 1)),
        )
        contact_services.interaction_summary_send(actor=actor, interaction=interaction)
        interactions.append(interaction)
    markers = [
        GIVEN_NAME,
        FAMILY_NAME,
        "9876543210",
        "Qorvathik",
        "Zephlink",
        "Trundak",
        "Grumwick",
        "Morvick",
        "Shirebank",
        "SW1A 1AA",
        "7700900461",
        "7700 900461",
        "2079460321",
        "1134960777",
        "Gorblish",
        "Plimtock",
        "Wexcorp",
        "Snorkvast",
        str(customer.date_of_birth),
    ]
    return MarkedCustomer(
        customer=customer, interactions=interactions, markers=markers, unstored=["flarnishk", "SW1A1AA"]
    )
