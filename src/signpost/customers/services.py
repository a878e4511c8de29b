"""Writes to the customer record. Each validates with rules.py, runs in one transaction and writes
its audit event in it. Audit details name the fields changed, never their values (the audit log
outlives the personal data it refers to).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from signpost.core.audit import audit_record
from signpost.customers import codes, merging, rules, selectors
from signpost.customers.models import (
    Address,
    AreaRouting,
    ConsentRecord,
    ContactDetails,
    Customer,
    CustomerMerge,
    Diversity,
    EmploymentStatus,
    IdentityCheck,
    IdentitySecret,
    LearningStatus,
    PriorityGroupConfirmation,
    new_reference,
)
from signpost.organisations.models import Area

IDENTITY_FIELDS = (
    "title",
    "given_name",
    "family_name",
    "date_of_birth",
    "gender",
    "unique_learner_number",
    "customer_type",
    "introduced_by",
    "introduced_by_detail",
)
# Failed identity checks allowed in the window before the record refuses more (guessing guard).
IDENTITY_CHECK_FAILURES_ALLOWED = 5
IDENTITY_CHECK_WINDOW = datetime.timedelta(hours=1)
EMAIL_CONSTRAINT = "contact_email_unique_among_live"


def _require_actor(actor: Any) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Sign in to read or change a customer record.")


def _lock_writable(customer: Customer) -> Customer:
    """Re-read the record under a row lock so a termination cannot slip in between check and write."""
    locked = Customer.objects.select_for_update().get(pk=customer.pk)
    rules.ensure_writable(locked)
    return locked


class _Errors:
    """Collects rule failures by field, so a form can show every problem at once."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[ValidationError]] = {}

    def check(self, name: str, rule: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return rule(*args, **kwargs)
        except ValidationError as error:
            self.by_field.setdefault(name, []).append(error)
            return None

    def add(self, name: str, message: str, code: str) -> None:
        self.by_field.setdefault(name, []).append(ValidationError(message, code=code))

    def raise_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)  # type: ignore[arg-type]


def _check_identity(errors: _Errors, fields: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = dict(fields)
    for name in ("given_name", "family_name"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
            label = "first name" if name == "given_name" else "last name"
            if not cleaned[name]:
                errors.add(name, f"Enter the customer's {label}.", "required")
            elif len(cleaned[name]) > 100:
                errors.add(name, f"The {label} must be 100 characters or fewer.", "max_length")
    if cleaned.get("date_of_birth"):
        errors.check("date_of_birth", rules.validate_date_of_birth, cleaned["date_of_birth"])
    if cleaned.get("unique_learner_number"):
        cleaned["unique_learner_number"] = errors.check(
            "unique_learner_number", rules.validate_unique_learner_number, cleaned["unique_learner_number"]
        )
    if "introduced_by_detail" in cleaned:
        cleaned["introduced_by_detail"] = (cleaned["introduced_by_detail"] or "").strip()
        if len(cleaned["introduced_by_detail"]) > 100:
            errors.add("introduced_by_detail", "How they heard of us must be 100 characters or fewer.", "max_length")
    return cleaned


def customer_create(*, actor: Any, given_name: str, family_name: str, **fields: Any) -> Customer:
    """A new record. Callers show selectors.likely_duplicates first and let the adviser choose."""
    _require_actor(actor)
    unknown = set(fields) - set(IDENTITY_FIELDS) - {"date_registered"}
    if unknown:
        raise TypeError(f"Unknown customer fields: {sorted(unknown)}")
    errors = _Errors()
    cleaned = _check_identity(errors, {"given_name": given_name, "family_name": family_name, **fields})
    errors.raise_any()
    with transaction.atomic():
        customer = Customer(**cleaned)
        # A clash is very unlikely (25.6 billion references) but cheap to avoid.
        while Customer.objects.filter(reference=customer.reference).exists():
            customer.reference = new_reference()
        customer.full_clean()
        customer.save()
        audit_record(actor=actor, action="customer.created", target=customer)
    return customer


def customer_register(
    *,
    actor: Any,
    identity: Mapping[str, Any],
    contact: Mapping[str, Any] | None = None,
    address: Mapping[str, Any] | None = None,
) -> Customer:
    """A new record with the contact details and address taken when registering: all or nothing.

    The address goes first so a preference for post can be checked against it.
    """
    with transaction.atomic():
        customer = customer_create(actor=actor, **identity)
        if address:
            address_add(actor=actor, customer=customer, **address)
        if contact:
            contact_details_set(actor=actor, customer=customer, **contact)
    return customer


def customer_update_identity(*, actor: Any, customer: Customer, **fields: Any) -> Customer:
    _require_actor(actor)
    unknown = set(fields) - set(IDENTITY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown identity fields: {sorted(unknown)}")
    errors = _Errors()
    cleaned = _check_identity(errors, fields)
    errors.raise_any()
    with transaction.atomic():
        locked = _lock_writable(customer)
        changed = [name for name, value in cleaned.items() if getattr(locked, name) != value]
        for name in changed:
            setattr(locked, name, cleaned[name])
        locked.full_clean()
        locked.save()
        audit_record(actor=actor, action="customer.identity_updated", target=locked, details={"fields": changed})
    return locked


def contact_details_set(
    *,
    actor: Any,
    customer: Customer,
    preferred_method: int = codes.ContactMethod.NOT_KNOWN,
    mobile: str = "",
    home_phone: str = "",
    alternative_phone: str = "",
    email: str = "",
    **preferences: Any,
) -> ContactDetails:
    """Replace the customer's contact details. ``preferences``: may_contact_by_*, language, needs."""
    _require_actor(actor)
    allowed = {
        "may_contact_by_phone",
        "may_contact_by_sms",
        "may_contact_by_email",
        "may_contact_by_post",
        "preferred_language",
        "interpreter_needed",
        "accessibility_needs",
    }
    if set(preferences) - allowed:
        raise TypeError(f"Unknown contact fields: {sorted(set(preferences) - allowed)}")
    errors = _Errors()
    parsed_mobile = errors.check("mobile", rules.parse_phone, mobile, mobile=True) if mobile.strip() else None
    parsed_home = errors.check("home_phone", rules.parse_phone, home_phone) if home_phone.strip() else None
    parsed_other = (
        errors.check("alternative_phone", rules.parse_phone, alternative_phone) if alternative_phone.strip() else None
    )
    clean_email = errors.check("email", rules.normalise_email, email) if email.strip() else ""
    with transaction.atomic():
        locked = _lock_writable(customer)
        if clean_email:
            errors.check("email", rules.validate_email_available, clean_email, customer=locked)
        errors.check(
            "preferred_method",
            rules.validate_preferred_contact_method,
            preferred_method,
            email=clean_email or "",
            mobile=parsed_mobile.e164 if parsed_mobile else "",
            home_phone=parsed_home.e164 if parsed_home else "",
            alternative_phone=parsed_other.e164 if parsed_other else "",
            has_current_address=selectors.current_address(locked) is not None,
        )
        errors.raise_any()
        details, _ = ContactDetails.objects.get_or_create(customer=locked)
        values = {
            "preferred_method": preferred_method,
            "mobile": parsed_mobile.e164 if parsed_mobile else "",
            "home_phone": parsed_home.e164 if parsed_home else "",
            "home_phone_extension": parsed_home.extension if parsed_home else "",
            "alternative_phone": parsed_other.e164 if parsed_other else "",
            "alternative_phone_extension": parsed_other.extension if parsed_other else "",
            "email": clean_email or "",
            **preferences,
        }
        changed = [name for name, value in values.items() if getattr(details, name) != value]
        for name in changed:
            setattr(details, name, values[name])
        details.full_clean(validate_constraints=False)
        try:
            # The check above gives the message; the database's constraint decides a race between
            # two advisers giving two records the same email at the same moment.
            with transaction.atomic():
                details.save()
        except IntegrityError as error:
            if EMAIL_CONSTRAINT not in str(error):
                raise
            raise ValidationError(
                {"email": ValidationError("Another customer already has this email address.", code="email_taken")}
            ) from None
        details_changed: dict[str, Any] = {"fields": sorted(changed)}
        if not getattr(actor, "is_staff_member", False):
            # The customer changed them in their online space (signpost.space), not an adviser.
            details_changed["by"] = "customer"
        audit_record(actor=actor, action="customer.contact_details_set", target=locked, details=details_changed)
    return details


ADDRESS_LINES = ("line_1", "line_2", "line_3", "town", "county")


def address_add(
    *,
    actor: Any,
    customer: Customer,
    line_1: str,
    postcode: str,
    effective_from: datetime.date | None = None,
    ends_previous: bool = True,
    **lines: str,
) -> Address:
    """Add an address, placed and routed from its postcode. ``ends_previous`` records a move."""
    _require_actor(actor)
    if set(lines) - set(ADDRESS_LINES):
        raise TypeError(f"Unknown address fields: {sorted(set(lines) - set(ADDRESS_LINES))}")
    effective_from = effective_from or timezone.localdate()
    errors = _Errors()
    text = {name: (value or "").strip() for name, value in {"line_1": line_1, **lines}.items()}
    if not text["line_1"]:
        errors.add("line_1", "Enter the first line of the address.", "required")
    for name, value in text.items():
        if len(value) > 100:
            errors.add(name, "Each line of the address must be 100 characters or fewer.", "max_length")
    location = errors.check("postcode", rules.validate_postcode, postcode)
    errors.raise_any()
    with transaction.atomic():
        locked = _lock_writable(customer)
        if ends_previous:
            for previous in locked.addresses.filter(effective_to__isnull=True, effective_from__lte=effective_from):
                previous.effective_to = max(previous.effective_from, effective_from - datetime.timedelta(days=1))
                previous.save(update_fields=["effective_to"])
        address = Address(
            customer=locked,
            postcode=location.postcode,
            latitude=Decimal(str(location.latitude)) if location.latitude is not None else None,
            longitude=Decimal(str(location.longitude)) if location.longitude is not None else None,
            local_authority=location.local_authority,
            area=selectors.area_for_local_authority(location.local_authority),
            effective_from=effective_from,
            **text,
        )
        address.full_clean()
        address.save()
        audit_record(actor=actor, action="customer.address_added", target=locked, details={"address": address.pk})
    return address


def address_end(*, actor: Any, address: Address, effective_to: datetime.date | None = None) -> Address:
    _require_actor(actor)
    effective_to = effective_to or timezone.localdate()
    if effective_to < address.effective_from:
        raise ValidationError({"effective_to": "The end date must be on or after the date the address started."})
    with transaction.atomic():
        locked = _lock_writable(address.customer)
        address.effective_to = effective_to
        address.save(update_fields=["effective_to"])
        audit_record(actor=actor, action="customer.address_ended", target=locked, details={"address": address.pk})
    return address


def diversity_set(
    *,
    actor: Any,
    customer: Customer,
    health_consent: bool,
    ethnicity_consent: bool,
    disability_declaration: int = codes.DisabilityDeclaration.NOT_PROVIDED,
    primary_disability: int = codes.DisabilityType.NOT_PROVIDED,
    secondary_disability: int = codes.DisabilityType.NOT_PROVIDED,
    ethnicity: int = codes.Ethnicity.NOT_PROVIDED,
) -> Diversity:
    """Special category data. A consent's timestamp is when it was given; withdrawing clears it."""
    _require_actor(actor)
    rules.require_special_category_access(actor)
    values: dict[str, Any] = {
        "health_consent": health_consent,
        "disability_declaration": disability_declaration,
        "primary_disability": primary_disability,
        "secondary_disability": secondary_disability,
        "ethnicity_consent": ethnicity_consent,
        "ethnicity": ethnicity,
    }
    rules.validate_diversity(**values)
    now = timezone.now()
    with transaction.atomic():
        locked = _lock_writable(customer)
        diversity, _ = Diversity.objects.get_or_create(customer=locked)
        if health_consent != diversity.health_consent or diversity.health_consent_at is None:
            diversity.health_consent_at = now if health_consent else None
        if ethnicity_consent != diversity.ethnicity_consent or diversity.ethnicity_consent_at is None:
            diversity.ethnicity_consent_at = now if ethnicity_consent else None
        changed = [name for name, value in values.items() if getattr(diversity, name) != value]
        for name in changed:
            setattr(diversity, name, values[name])
        diversity.full_clean()
        diversity.save()
        audit_record(actor=actor, action="customer.diversity_set", target=locked, details={"fields": sorted(changed)})
    return diversity


def _check_recorded_on(recorded_on: datetime.date) -> None:
    if recorded_on > timezone.localdate():
        raise ValidationError({"recorded_on": "The date recorded must be today or in the past."})


def employment_status_record(
    *,
    actor: Any,
    customer: Customer,
    status: int,
    recorded_on: datetime.date | None = None,
    **details: Any,
) -> EmploymentStatus:
    """Add an entry to the history. ``details``: hours, unemployment_length, economic shock, employer."""
    _require_actor(actor)
    recorded_on = recorded_on or timezone.localdate()
    _check_recorded_on(recorded_on)
    if details.get("unemployment_length") is not None and status not in codes.UNEMPLOYED:
        raise ValidationError({"unemployment_length": "Only record how long someone has been unemployed if they are."})
    with transaction.atomic():
        locked = _lock_writable(customer)
        entry = EmploymentStatus(customer=locked, status=status, recorded_on=recorded_on, recorded_by=actor, **details)
        entry.full_clean()
        entry.save()
        audit_record(
            actor=actor, action="customer.employment_status_recorded", target=locked, details={"entry": entry.pk}
        )
    return entry


def learning_status_record(
    *,
    actor: Any,
    customer: Customer,
    status: int,
    recorded_on: datetime.date | None = None,
    **details: Any,
) -> LearningStatus:
    """Add an entry to the history. ``details``: hours, highest qualification and date, last UKPRN."""
    _require_actor(actor)
    recorded_on = recorded_on or timezone.localdate()
    _check_recorded_on(recorded_on)
    achieved = details.get("qualification_achieved_on")
    if achieved is not None and achieved > timezone.localdate():
        raise ValidationError({"qualification_achieved_on": "The date achieved must be today or in the past."})
    with transaction.atomic():
        locked = _lock_writable(customer)
        entry = LearningStatus(customer=locked, status=status, recorded_on=recorded_on, recorded_by=actor, **details)
        entry.full_clean()
        entry.save()
        audit_record(
            actor=actor, action="customer.learning_status_recorded", target=locked, details={"entry": entry.pk}
        )
    return entry


def priority_groups_confirm(
    *, actor: Any, customer: Customer, groups: Iterable[int], on_date: datetime.date | None = None
) -> PriorityGroupConfirmation:
    """The adviser's decision, stored with the system's suggestion so overrides can be reviewed."""
    _require_actor(actor)
    on_date = on_date or timezone.localdate()
    try:
        chosen = rules.validate_priority_groups(groups)
    except ValidationError as error:
        raise ValidationError({"groups": error.messages}) from None
    with transaction.atomic():
        locked = _lock_writable(customer)
        confirmation = PriorityGroupConfirmation.objects.create(
            customer=locked,
            groups=chosen,
            suggested=[int(group) for group in rules.suggest_priority_groups(locked, on_date)],
            confirmed_on=on_date,
            confirmed_by=actor,
        )
        audit_record(
            actor=actor,
            action="customer.priority_groups_confirmed",
            target=locked,
            details={"groups": chosen, "suggested": confirmation.suggested},
        )
    return confirmation


def _position_hash(customer: Customer, position: int, character: str, secret: str | None = None) -> str:
    return salted_hmac(
        f"signpost.customers.identity_secret:{customer.pk}",
        f"{position}:{character}",
        secret=secret,
        algorithm="sha256",
    ).hexdigest()


def identity_secret_set(*, actor: Any, customer: Customer, word: str) -> IdentitySecret:
    """Store a memorable word as hashes only; the word itself is kept nowhere."""
    _require_actor(actor)
    try:
        cleaned = rules.normalise_memorable_word(word)
    except ValidationError as error:
        raise ValidationError({"word": error.messages}) from None
    with transaction.atomic():
        locked = _lock_writable(customer)
        secret, _ = IdentitySecret.objects.update_or_create(
            customer=locked,
            defaults={
                "word_hash": make_password(cleaned),
                "position_hashes": [
                    _position_hash(locked, position, character) for position, character in enumerate(cleaned, start=1)
                ],
                "length": len(cleaned),
                "set_at": timezone.now(),
                "set_by": actor,
            },
        )
        audit_record(actor=actor, action="customer.identity_secret_set", target=locked)
    return secret


def memorable_word_matches(customer: Customer, word: str) -> bool:
    """The whole word, for a customer proving who they are online."""
    return check_password(re.sub(r"\s+", "", word or "").lower(), customer.identity_secret.word_hash)


@dataclass(frozen=True)
class IdentityCheckResult:
    """All an adviser learns: whether the answers were right. Never the word or which were wrong."""

    passed: bool
    positions: list[int] = field(default_factory=list)


def _character_matches(customer: Customer, stored: str, position: int, answer: str) -> bool:
    # Accept hashes made under a retired secret key, so rotating the key does not lock people out.
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(stored, _position_hash(customer, position, answer, key)) for key in keys)


def identity_check(*, actor: Any, customer: Customer, answers: Mapping[int, str]) -> IdentityCheckResult:
    """Check the characters a caller gave at the asked positions (1-based); record the result.

    Refuses after IDENTITY_CHECK_FAILURES_ALLOWED failures within IDENTITY_CHECK_WINDOW, so the
    word cannot be found by guessing one character at a time.
    """
    _require_actor(actor)
    secret = IdentitySecret.objects.filter(customer=customer).first()
    if secret is None:
        raise ValidationError("This customer has no memorable word yet.", code="no_secret")
    positions = sorted(answers)
    if len(positions) < 2 or any(not 1 <= position <= secret.length for position in positions):
        raise ValidationError(
            f"Ask for at least 2 characters, at positions from 1 to {secret.length}.", code="bad_positions"
        )
    now = timezone.now()
    with transaction.atomic():
        Customer.objects.select_for_update().get(pk=customer.pk)
        recent_failures = IdentityCheck.objects.filter(
            customer=customer, passed=False, checked_at__gte=now - IDENTITY_CHECK_WINDOW
        ).count()
        refused = recent_failures >= IDENTITY_CHECK_FAILURES_ALLOWED
        if refused:
            # Audited, and committed: the error is raised only once the transaction has closed.
            audit_record(actor=actor, action="customer.identity_check_refused", target=customer)
        else:
            passed = all(
                _character_matches(
                    customer,
                    secret.position_hashes[position - 1],
                    position,
                    (answers[position] or "").strip().lower()[:1],
                )
                for position in positions
            )
            IdentityCheck.objects.create(
                customer=customer, positions=positions, passed=passed, checked_at=now, checked_by=actor
            )
            audit_record(
                actor=actor,
                action="customer.identity_checked",
                target=customer,
                details={"positions": positions, "passed": passed},
            )
    if refused:
        raise ValidationError(
            "Too many failed identity checks in the last hour. Check identity another way.", code="too_many"
        )
    return IdentityCheckResult(passed=passed, positions=positions)


def consent_record(
    *, actor: Any, customer: Customer, user_research: bool, market_research: bool, lawful_basis: int
) -> ConsentRecord:
    _require_actor(actor)
    with transaction.atomic():
        locked = _lock_writable(customer)
        record = ConsentRecord(
            customer=locked,
            user_research=user_research,
            market_research=market_research,
            lawful_basis=lawful_basis,
            recorded_at=timezone.now(),
            recorded_by=actor,
        )
        record.full_clean()
        record.save()
        audit_record(
            actor=actor,
            action="customer.consent_recorded",
            target=locked,
            details={"user_research": user_research, "market_research": market_research, "lawful_basis": lawful_basis},
        )
    return record


def customer_terminate(*, actor: Any, customer: Customer, reason: int) -> Customer:
    """Make the record read-only from now on, with the reason."""
    _require_actor(actor)
    reason = codes.TerminationReason(reason)
    with transaction.atomic():
        locked = _lock_writable(customer)
        locked.terminated_at = timezone.now()
        locked.termination_reason = reason
        locked.save(update_fields=["terminated_at", "termination_reason", "updated_at"])
        # A terminated record's email no longer counts (rules.validate_email_available).
        ContactDetails.objects.filter(customer=locked).update(live=False)
        audit_record(actor=actor, action="customer.terminated", target=locked, details={"reason": int(reason)})
    return locked


def customer_merge(*, actor: Any, survivor: Customer, duplicate: Customer, choices: Mapping[str, str]) -> CustomerMerge:
    """Merge two records of one person: see customers/merging.py for what moves and what stays."""
    _require_actor(actor)
    return merging.customer_merge(actor=actor, survivor=survivor, duplicate=duplicate, choices=choices)


def customer_merge_undo(*, actor: Any, merge: CustomerMerge, reason: str) -> merging.UndoResult:
    """Separate two merged records again (system administrators); refused when no longer safe."""
    _require_actor(actor)
    return merging.customer_merge_undo(actor=actor, merge=merge, reason=reason)


def customer_record_viewed(*, actor: Any, customer: Customer, part: str = "summary") -> None:
    """Every staff read of a record is audited (domain.md §9); ``part`` says which tab or section."""
    _require_actor(actor)
    audit_record(actor=actor, action="customer.viewed", target=customer, details={"part": part})


def customers_searched(*, actor: Any, kind: str, filters: Iterable[str] = (), results: int = 0) -> None:
    """Every staff search is audited: which kind of query and how many rows, never what was typed."""
    _require_actor(actor)
    audit_record(
        actor=actor,
        action="customers.searched",
        object_type=Customer._meta.label_lower,
        details={"kind": kind, "filters": sorted(filters), "results": results},
    )


# Reference data: the national local authority → area table -----------------------------------

_ENGLISH_AUTHORITY = re.compile(r"^E0[6-9]\d{6}$")


@dataclass
class AreaRoutingLoad:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def area_routing_load(*, actor: Any, rows: Iterable[Mapping[str, str]]) -> AreaRoutingLoad:
    """Load rows shaped like the national CSV (TouchpointID, LADCode, LocalAuthority).

    Accepted rows are kept and rejected ones reported with their line number (the header is line 1);
    loading the same file again changes nothing.
    """
    report = AreaRoutingLoad()
    seen: dict[str, int] = {}
    now = timezone.now()
    with transaction.atomic():
        for line, row in enumerate(rows, start=2):
            code = (row.get("LADCode") or "").strip().upper()
            name = (row.get("LocalAuthority") or "").strip()
            touchpoint = (row.get("TouchpointID") or "").strip()
            area = int(touchpoint) if touchpoint.isdigit() else None
            if not _ENGLISH_AUTHORITY.match(code):
                report.rejected.append((line, f"'{code}' is not an English local authority code, like E06000031"))
            elif not name or len(name) > 100:
                report.rejected.append((line, "the local authority name is missing or longer than 100 characters"))
            elif area not in Area.values:
                report.rejected.append((line, f"touchpoint '{touchpoint}' is not one of the areas 101 to 109"))
            elif code in seen and seen[code] != area:
                report.rejected.append((line, f"{code} was given another area on an earlier line"))
            else:
                seen[code] = area
                existing = AreaRouting.objects.filter(local_authority=code).first()
                wanted = {"name": name, "touchpoint_id": f"{area:010d}", "area": area}
                if existing is None:
                    AreaRouting.objects.create(local_authority=code, loaded_at=now, **wanted)
                    report.created += 1
                elif any(getattr(existing, key) != value for key, value in wanted.items()):
                    AreaRouting.objects.filter(pk=existing.pk).update(loaded_at=now, **wanted)
                    report.updated += 1
                else:
                    report.unchanged += 1
        audit_record(
            actor=actor,
            action="area_routing.loaded",
            details={
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "rejected": len(report.rejected),
            },
        )
    return report
