"""The published demo accounts (README lists them). Created only in demo mode."""

from __future__ import annotations

from dataclasses import dataclass

DEMO_PASSWORD = "Signpost-demo-2026"  # noqa: S105 - published on purpose; demo mode only
# Shared by every demo staff account so automated journeys can compute codes (README prints it).
DEMO_TOTP_SECRET = "SIGNPOSTDEMOSECRETKEY234"  # noqa: S105

DEMO_ORGANISATIONS = {"national": "0000000999", "london": "0000000103"}

STAFF_NAMES = {
    "adviser": ("Amira", "Okafor"),
    "team_leader": ("Tom", "Bradley"),
    "quality_auditor": ("Grace", "Lindqvist"),
    "manager": ("Priya", "Raman"),
    "campaign_officer": ("Owen", "Price"),
    "content_editor": ("Hannah", "Kowalski"),
    "moderator": ("Dev", "Mistry"),
    "safeguarding_lead": ("Ruth", "Adeyemi"),
    "system_administrator": ("Sam", "Whitfield"),
    "course_editor": ("Callum", "Reid"),
}


@dataclass(frozen=True)
class DemoCustomer:
    email: str
    given_name: str
    family_name: str


DEMO_CUSTOMERS = [
    DemoCustomer("jordan.hughes@example.com", "Jordan", "Hughes"),
    DemoCustomer("aisha.rahman@example.com", "Aisha", "Rahman"),
    DemoCustomer("michael.oconnor@example.com", "Michael", "O'Connor"),
]


def demo_staff_email(role: str, organisation_key: str) -> str:
    return f"{role.replace('_', '.')}@{organisation_key}.signpost.example"
