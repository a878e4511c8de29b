"""Reads of the customer record. Staff views must also call services.customer_record_viewed."""

from __future__ import annotations

import datetime
import difflib
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Count, F, JSONField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.utils import timezone

from signpost import search
from signpost.core import geography
from signpost.customers import codes, merging, rules
from signpost.customers.models import (
    REFERENCE_ALPHABET,
    Address,
    AreaRouting,
    ConsentRecord,
    ContactDetails,
    Customer,
    CustomerMerge,
    Diversity,
    EmploymentStatus,
    IdentityCheck,
    LearningStatus,
    PriorityGroupConfirmation,
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


# Search --------------------------------------------------------------------------------------

SEARCH_LIMIT = 50
NAME_MINIMUM_LENGTH = search.MINIMUM_LENGTH
_REFERENCE_SHAPE = re.compile(r"^[A-Za-z0-9]{4}[\s-]?[A-Za-z0-9]{4}$")


class SearchKind:
    REFERENCE = "reference"
    EMAIL = "email"
    PHONE = "phone"
    POSTCODE = "postcode"
    NAME = "name"
    DATE_OF_BIRTH = "date_of_birth"


class SearchTooBroad(ValueError):
    """A name search without enough to go on; the message tells the adviser how to narrow it."""


@dataclass(frozen=True)
class CustomerSearchRow:
    customer: Customer
    postcode_district: str
    last_contact: datetime.date | None


@dataclass(frozen=True)
class CustomerSearchResult:
    kind: str
    rows: list[CustomerSearchRow]
    # More matched than SEARCH_LIMIT: the adviser should narrow the search.
    truncated: bool = False


def search_kind(query: str) -> str:
    """What an adviser typed: a reference, an email, a phone number, a postcode, or else a name.

    A reference-shaped word can also be a name ("MARGARET"): customer_search tries the reference
    first and falls back to the name.
    """
    text = (query or "").strip()
    if not text:
        return SearchKind.DATE_OF_BIRTH
    if "@" in text:
        return SearchKind.EMAIL
    if _REFERENCE_SHAPE.match(text) and all(ch in REFERENCE_ALPHABET for ch in normalise_reference(text)):
        return SearchKind.REFERENCE
    if re.search(r"\d", text):
        try:
            geography.normalise_postcode(text)
        except geography.InvalidPostcode:
            pass
        else:
            return SearchKind.POSTCODE
        try:
            rules.parse_phone(text)
        except ValidationError:
            pass
        else:
            return SearchKind.PHONE
    return SearchKind.NAME


def _current_address_postcode() -> Subquery:
    today = timezone.localdate()
    return Subquery(
        Address.objects.filter(customer=OuterRef("pk"), effective_from__lte=today)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=today))
        .order_by("-effective_from", "-id")
        .values("postcode")[:1]
    )


def _rows(customers: Sequence[Customer]) -> list[CustomerSearchRow]:
    rows = []
    for customer in customers:
        postcode = getattr(customer, "current_postcode", None) or ""
        district = postcode.split(" ")[0] if postcode else ""
        # The latest sign of contact the record holds: registration, or a later identity check
        # (made on a call). Interactions join this when the contacts app records them.
        checked = getattr(customer, "last_identity_check", None)
        dates = [day for day in (customer.date_registered, checked and timezone.localdate(checked)) if day]
        rows.append(CustomerSearchRow(customer, district, max(dates) if dates else None))
    return rows


def customer_search(
    *, query: str = "", date_of_birth: datetime.date | None = None, postcode: str = ""
) -> CustomerSearchResult:
    """Customers (terminated ones too, for the view to mark) matching what an adviser typed.

    ``query`` is a reference, email, phone number, postcode or name (search_kind); the date of
    birth and postcode narrow any search, and a name needs at least one of them (SearchTooBroad).
    At most SEARCH_LIMIT rows. Names are matched by the search engine (signpost.search: a word's
    start, a part of it or a slip or two), closest first, among the customers born that day or
    living at that postcode, however many they are.
    """
    text = (query or "").strip()
    kind = search_kind(text)
    customers = Customer.objects.annotate(
        current_postcode=_current_address_postcode(),
        last_identity_check=Subquery(
            IdentityCheck.objects.filter(customer=OuterRef("pk")).order_by("-checked_at").values("checked_at")[:1]
        ),
    )
    postcode_text = (postcode or "").strip()
    normalised_postcode = geography.normalise_postcode(postcode_text) if postcode_text else ""

    if kind == SearchKind.REFERENCE:
        found = list(customers.filter(reference=normalise_reference(text))[:1])
        if found:
            return CustomerSearchResult(kind, _rows(found))
        # Letters only ("MARGARET", "Anna Mann") may be a name; anything with a digit is not.
        if not re.fullmatch(r"[^\W\d_]+(?:[\s-][^\W\d_]+)?", text):
            return CustomerSearchResult(kind, [])
        kind = SearchKind.NAME

    too_short = len(_clean_name(text)) < NAME_MINIMUM_LENGTH
    if kind == SearchKind.NAME and (too_short or not (date_of_birth or postcode_text)):
        raise SearchTooBroad(
            "To search by name, enter at least 3 letters of the name and the customer’s date of birth or postcode"
        )
    if kind == SearchKind.DATE_OF_BIRTH and not (date_of_birth or postcode_text):
        raise SearchTooBroad("Enter a reference, name, date of birth, postcode, phone number or email address")

    if date_of_birth is not None:
        customers = customers.filter(date_of_birth=date_of_birth)
    if normalised_postcode:
        customers = customers.filter(pk__in=Address.objects.filter(postcode=normalised_postcode).values("customer"))

    if kind == SearchKind.EMAIL:
        customers = customers.filter(contact_details__email=text.lower())
    elif kind == SearchKind.PHONE:
        number = rules.parse_phone(text).e164
        # A subquery over the contact details lets each phone column use its own index; an OR
        # across the join made SQLite scan every customer.
        customers = customers.filter(
            pk__in=ContactDetails.objects.filter(
                Q(mobile=number) | Q(home_phone=number) | Q(alternative_phone=number)
            ).values("customer")
        )
    elif kind == SearchKind.POSTCODE:
        customers = customers.filter(
            pk__in=Address.objects.filter(postcode=geography.normalise_postcode(text)).values("customer")
        )

    if kind == SearchKind.NAME:
        matched = list(
            search.matching(customers, search.CUSTOMER_NAME, text).order_by(
                F("search_rank").desc(), "family_name", "given_name", "pk"
            )[: SEARCH_LIMIT + 1]
        )
        return CustomerSearchResult(kind, _rows(matched[:SEARCH_LIMIT]), len(matched) > SEARCH_LIMIT)

    found = list(customers[: SEARCH_LIMIT + 1])
    return CustomerSearchResult(kind, _rows(found[:SEARCH_LIMIT]), len(found) > SEARCH_LIMIT)


# Merging duplicates (customers/merging.py) ------------------------------------------------------


def merge_comparison(survivor: Customer, duplicate: Customer) -> merging.MergeComparison:
    """Two records side by side, the choices a merge needs, and what would move."""
    return merging.compare(survivor, duplicate)


def merge_problems(survivor: Customer | None, duplicate: Customer | None) -> list[str]:
    """Why these two cannot be merged (the same record, or a terminated one); empty when they can."""
    return merging.merge_problems(survivor, duplicate)


def merge_choices_check(comparison: merging.MergeComparison, choices: dict[str, str]) -> dict[str, str]:
    """Raises ValidationError, by choice, when the merged record would break a rule."""
    return merging.validate_choices(comparison, choices)


def merges_newest_first() -> QuerySet[CustomerMerge]:
    return CustomerMerge.objects.select_related("survivor", "duplicate", "merged_by", "undone_by").order_by(
        "-merged_at", "-id"
    )


def merge_by_id(pk: int) -> CustomerMerge | None:
    return merges_newest_first().filter(pk=pk).first()


def merge_of_duplicate(customer: Customer) -> CustomerMerge | None:
    """The merge that terminated this record, while it stands (not undone)."""
    if customer.termination_reason != codes.TerminationReason.DUPLICATE:
        return None
    return merges_newest_first().filter(duplicate=customer, undone_at__isnull=True).first()


def merge_undo_problems(merge: CustomerMerge) -> list[str]:
    return merging.undo_problems(merge)


def merge_moved_counts(merge: CustomerMerge) -> list[str]:
    """What a merge moved, as "3 interactions": counts only, never the rows' contents."""
    described = []
    for entry in merge.moved:
        count = len(entry.get("pks", [])) or 1
        try:
            model = apps.get_model(entry["model"])
        except (LookupError, ValueError):
            described.append(f"{count} rows of {entry['model']}")
            continue
        name = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
        described.append(f"{count} {name}")
    return described


# The customer record page ---------------------------------------------------------------------
# Each part reads a small, fixed number of sets of rows, so the page's query count does not grow
# with the customer's history (quality.md: at most ten queries for the whole page).


def customer_for_record(reference: str, queryset: QuerySet[Customer] | None = None) -> Customer | None:
    """The record with its one-to-one parts and its current priority groups, in one query.

    ``queryset`` lets a front door add what it shows with the record (e.g. the online account)."""
    latest_groups = PriorityGroupConfirmation.objects.filter(customer=OuterRef("pk")).order_by("-confirmed_on", "-id")
    queryset = queryset if queryset is not None else Customer.objects.all()
    return (
        queryset.select_related("contact_details", "identity_secret")
        .annotate(current_priority_groups=Subquery(latest_groups.values("groups")[:1], output_field=JSONField()))
        .filter(reference=normalise_reference(reference))
        .first()
    )


def contact_details_or_none(customer: Customer) -> ContactDetails | None:
    """The contact details read with the record (select_related caches a missing one as missing)."""
    try:
        return customer.contact_details
    except Customer.contact_details.RelatedObjectDoesNotExist:
        return None


def has_memorable_word(customer: Customer) -> bool:
    """Whether there is one (read with the record), never its hashes."""
    try:
        return customer.identity_secret is not None
    except Customer.identity_secret.RelatedObjectDoesNotExist:
        return False


def _code_label(choices: Any, value: Any) -> str:
    """The label of a stored code; an unknown code is shown as itself rather than failing."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


@dataclass(frozen=True)
class IdentityBar:
    """What the record's identity bar shows: who, how old, where, priority groups and flags."""

    age: int | None
    address: Address | None
    area: str
    priority_groups: list[str]
    flags: list[dict[str, str]]
    contact: ContactDetails | None


def identity_bar(customer: Customer, today: datetime.date) -> IdentityBar:
    """One query (the current address) for a customer from customer_for_record."""
    address = current_address(customer, on=today)
    contact = contact_details_or_none(customer)
    if hasattr(customer, "current_priority_groups"):
        groups = customer.current_priority_groups or []
    else:
        groups = current_priority_groups(customer)
    flags: list[dict[str, str]] = []
    if customer.is_terminated:
        flags.append({"text": "Terminated", "colour": "red"})
    if contact is not None and contact.interpreter_needed:
        language = f" ({contact.preferred_language})" if contact.preferred_language else ""
        flags.append({"text": f"Interpreter needed{language}", "colour": "purple"})
    if contact is not None and contact.accessibility_needs.strip():
        flags.append({"text": "Accessibility needs", "colour": "purple"})
    return IdentityBar(
        age=rules.age_on(customer.date_of_birth, today) if customer.date_of_birth else None,
        address=address,
        area=address.get_area_display() if address is not None and address.area else "",
        priority_groups=[_code_label(codes.PriorityGroup, group) for group in groups],
        flags=flags,
        contact=contact,
    )


@dataclass(frozen=True)
class AddressHistory:
    current: list[Address]
    future: list[Address]
    past: list[Address]


def address_history(customer: Customer, today: datetime.date) -> AddressHistory:
    addresses = list(Address.objects.filter(customer=customer).order_by("-effective_from", "-id"))
    return AddressHistory(
        current=[
            address
            for address in addresses
            if address.effective_from <= today and (address.effective_to is None or address.effective_to >= today)
        ],
        future=[address for address in addresses if address.effective_from > today],
        past=[address for address in addresses if address.effective_to is not None and address.effective_to < today],
    )


def diversity_of(customer: Customer, *, viewer: Any) -> Diversity | None:
    """Special category data: only for roles allowed to see it (PermissionDenied otherwise)."""
    rules.require_special_category_access(viewer)
    return Diversity.objects.filter(customer=customer).first()


@dataclass(frozen=True)
class StatusHistories:
    employment: list[EmploymentStatus]
    learning: list[LearningStatus]

    @property
    def current(self) -> CurrentStatuses:
        # The newest entries are the current ones (current_statuses' rule, on the rows in hand).
        return CurrentStatuses(
            employment=self.employment[0] if self.employment else None,
            learning=self.learning[0] if self.learning else None,
        )


def status_histories(customer: Customer) -> StatusHistories:
    return StatusHistories(
        employment=list(customer.employment_statuses.select_related("recorded_by").order_by("-recorded_on", "-id")),
        learning=list(customer.learning_statuses.select_related("recorded_by").order_by("-recorded_on", "-id")),
    )


def consent_history(customer: Customer) -> list[ConsentRecord]:
    return list(customer.consents.select_related("recorded_by").order_by("-recorded_at", "-id"))


def recent_identity_checks(customer: Customer, limit: int = 5) -> list[IdentityCheck]:
    """Results only: the memorable word is never readable."""
    return list(customer.identity_checks.select_related("checked_by").order_by("-checked_at", "-id")[:limit])
