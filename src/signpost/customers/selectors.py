"""Reads of the customer record. Staff views must also call services.customer_record_viewed."""

from __future__ import annotations

import datetime
import difflib
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.utils import timezone

from signpost.core import geography
from signpost.customers import codes
from signpost.customers.models import (
    Address,
    AreaRouting,
    ConsentRecord,
    ContactDetails,
    Customer,
    EmploymentStatus,
    LearningStatus,
)

# Names are similar when the family names and the given names are each at least 75% alike by
# difflib's ratio (twice the characters in common over all the characters), or one given name
# starts the other ("Sam", "Samantha"). Comparing the parts apart keeps relatives at one address
# ("Jane Smith", "John Smith": given names 50% alike) from matching, while "Jon Smith" meets
# "John Smith", "Sara Jones" meets "Sarah Jones" and "Mohammed" meets "Muhammad".
SIMILAR_NAME_RATIO = 0.75


def live_customers() -> QuerySet[Customer]:
    return Customer.objects.filter(terminated_at__isnull=True)


def normalise_reference(text: str) -> str:
    """What people type: any case, spaces or a hyphen ("c4hk-7wmr")."""
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())


def customer_by_reference(reference: str) -> Customer | None:
    return Customer.objects.filter(reference=normalise_reference(reference)).first()


@dataclass
class DuplicateMatch:
    customer: Customer
    reasons: list[str] = field(default_factory=list)


def _clean_name(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def names_similar(first: tuple[str, str], second: tuple[str, str]) -> bool:
    """``first`` and ``second`` are (given name, family name); see SIMILAR_NAME_RATIO."""
    given_a, family_a = map(_clean_name, first)
    given_b, family_b = map(_clean_name, second)
    if difflib.SequenceMatcher(None, family_a, family_b).ratio() < SIMILAR_NAME_RATIO:
        return False
    shorter, longer = sorted((given_a, given_b), key=len)
    if len(shorter) >= 3 and longer.startswith(shorter):
        return True
    return difflib.SequenceMatcher(None, given_a, given_b).ratio() >= SIMILAR_NAME_RATIO


def likely_duplicates(
    *,
    given_name: str,
    family_name: str,
    date_of_birth: datetime.date | None = None,
    email: str = "",
    phones: Iterable[str] = (),
    postcode: str = "",
    exclude: Customer | None = None,
) -> list[DuplicateMatch]:
    """Live customers who may be the same person, each with the reasons, most reasons first.

    Reasons: same name and date of birth; same email; same phone (E.164); a similar name (see
    SIMILAR_NAME_RATIO) at the same current postcode. Plain queries plus difflib, so it behaves the
    same on SQLite and PostgreSQL.
    """
    matches: dict[int, DuplicateMatch] = {}
    candidates = live_customers()
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)

    def note(found: Iterable[Customer], reason: str) -> None:
        for customer in found:
            matches.setdefault(customer.pk, DuplicateMatch(customer)).reasons.append(reason)

    if date_of_birth is not None:
        note(
            candidates.annotate(family=Lower("family_name"), given=Lower("given_name")).filter(
                family=family_name.strip().lower(), given=given_name.strip().lower(), date_of_birth=date_of_birth
            ),
            "Same name and date of birth",
        )
    if email:
        note(candidates.filter(contact_details__email=email.strip().lower()), "Same email address")
    numbers = [number for number in phones if number]
    if numbers:
        note(
            candidates.filter(
                Q(contact_details__mobile__in=numbers)
                | Q(contact_details__home_phone__in=numbers)
                | Q(contact_details__alternative_phone__in=numbers)
            ).distinct(),
            "Same phone number",
        )
    if postcode:
        today = timezone.localdate()
        at_postcode = candidates.filter(
            Q(addresses__effective_to__isnull=True) | Q(addresses__effective_to__gte=today),
            addresses__postcode=geography.normalise_postcode(postcode),
            addresses__effective_from__lte=today,
        ).distinct()
        note(
            [
                customer
                for customer in at_postcode
                if names_similar((given_name, family_name), (customer.given_name, customer.family_name))
            ],
            "Similar name at the same postcode",
        )
    return sorted(matches.values(), key=lambda match: (-len(match.reasons), match.customer.family_name))


def current_address(customer: Customer, on: datetime.date | None = None) -> Address | None:
    on = on or timezone.localdate()
    return (
        customer.addresses.filter(effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from", "-id")
        .first()
    )


def contact_details_of(customer: Customer) -> ContactDetails | None:
    return ContactDetails.objects.filter(customer=customer).first()


@dataclass(frozen=True)
class CurrentStatuses:
    employment: EmploymentStatus | None
    learning: LearningStatus | None

    @property
    def employment_captured(self) -> bool:
        return self.employment is not None and self.employment.status != codes.EmploymentStatusCode.NOT_KNOWN

    @property
    def learning_captured(self) -> bool:
        return self.learning is not None and self.learning.status not in UNKNOWN_LEARNING


UNKNOWN_LEARNING = (codes.LearningStatusCode.PREFER_NOT_TO_SAY, codes.LearningStatusCode.NOT_KNOWN)


def current_statuses(customer: Customer) -> CurrentStatuses:
    """The latest employment and learning entries (by date recorded, then by entry)."""
    return CurrentStatuses(
        employment=customer.employment_statuses.order_by("-recorded_on", "-id").first(),
        learning=customer.learning_statuses.order_by("-recorded_on", "-id").first(),
    )


@dataclass(frozen=True)
class StatusCapture:
    customers: int
    employment_captured: int
    learning_captured: int
    any_captured: int

    @property
    def share(self) -> float:
        """Share of customers whose current employment or learning status is known (0 to 1)."""
        return self.any_captured / self.customers if self.customers else 0.0


def status_capture_share(customers: QuerySet[Customer]) -> StatusCapture:
    """How many of ``customers`` have a known current status, in one query."""
    latest_employment = EmploymentStatus.objects.filter(customer=OuterRef("pk")).order_by("-recorded_on", "-id")
    latest_learning = LearningStatus.objects.filter(customer=OuterRef("pk")).order_by("-recorded_on", "-id")
    employment_known = Q(employment__isnull=False) & ~Q(employment=codes.EmploymentStatusCode.NOT_KNOWN)
    learning_known = Q(learning__isnull=False) & ~Q(learning__in=UNKNOWN_LEARNING)
    counts = customers.annotate(
        employment=Subquery(latest_employment.values("status")[:1]),
        learning=Subquery(latest_learning.values("status")[:1]),
    ).aggregate(
        customers=Count("pk"),
        employment_captured=Count("pk", filter=employment_known),
        learning_captured=Count("pk", filter=learning_known),
        any_captured=Count("pk", filter=employment_known | learning_known),
    )
    return StatusCapture(**counts)


def current_priority_groups(customer: Customer) -> list[int]:
    latest = customer.priority_group_confirmations.order_by("-confirmed_on", "-id").first()
    return list(latest.groups) if latest else []


def current_consent(customer: Customer) -> ConsentRecord | None:
    return customer.consents.order_by("-recorded_at", "-id").first()


def area_for_local_authority(lad_code: str) -> int | None:
    """Area of a local authority: the loaded national table first, then the facts we ship."""
    if not lad_code:
        return None
    loaded = AreaRouting.objects.filter(local_authority=lad_code).values_list("area", flat=True).first()
    return loaded if loaded is not None else geography.area_for_local_authority(lad_code)


def identity_challenge_positions(customer: Customer, count: int = 3) -> list[int]:
    """Which characters (1-based) to ask for this time; random so callers cannot learn a pattern."""
    length = customer.identity_secret.length
    return sorted(secrets.SystemRandom().sample(range(1, length + 1), min(count, length)))
