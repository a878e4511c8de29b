"""The rules of the customer record, one function each (architecture.md rule 4).

Services call them before every write; forms and the API call the same functions so a rule is
stated once. Each raises ``ValidationError`` with a message an adviser can act on.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from signpost.core.geography import InvalidPostcode, PostcodeLocation, locate_postcode
from signpost.customers import codes
from signpost.customers.models import ContactDetails, Customer

MINIMUM_AGE = 13
ADULT_AGE = 19


class CustomerTerminated(ValidationError):
    """Raised on any attempt to change a terminated (read-only) record."""


def ensure_writable(customer: Customer) -> None:
    if customer.is_terminated:
        raise CustomerTerminated(
            f"Customer {customer.display_reference} was terminated and can no longer be changed.",
            code="terminated",
        )


# Identity -----------------------------------------------------------------------------------


def age_on(date_of_birth: datetime.date, on: datetime.date) -> int:
    """Completed years. Someone born on 29 February has their birthday on 1 March in other years."""
    had_birthday = (on.month, on.day) >= (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - (0 if had_birthday else 1)


def validate_date_of_birth(date_of_birth: datetime.date, *, today: datetime.date | None = None) -> None:
    """At least 13 on ``today`` (a 13th birthday today is allowed) and not in the future."""
    today = today or timezone.localdate()
    if date_of_birth > today:
        raise ValidationError("Date of birth must be today or in the past.", code="future")
    if age_on(date_of_birth, today) < MINIMUM_AGE:
        raise ValidationError(f"The customer must be at least {MINIMUM_AGE} years old.", code="too_young")


def validate_unique_learner_number(value: str) -> str:
    """10 digits from 1000000000 to 9999999999; spaces are ignored. Returns the digits."""
    digits = re.sub(r"\s+", "", value or "")
    if not re.fullmatch(r"[1-9]\d{9}", digits):
        raise ValidationError(
            "Enter a unique learner number of 10 digits that does not start with 0, like 1234567890.",
            code="invalid_uln",
        )
    return digits


# Addresses ----------------------------------------------------------------------------------


def validate_postcode(text: str) -> PostcodeLocation:
    """A real UK postcode, normalised and located (core.geography states what 'real' means)."""
    try:
        location = locate_postcode(text)
    except InvalidPostcode:
        raise ValidationError("Enter a full UK postcode, like SW1A 1AA.", code="invalid_postcode") from None
    if location is None:
        raise ValidationError(
            "Enter a real postcode: we cannot find this one in Ordnance Survey's list of UK postcodes.",
            code="unknown_postcode",
        )
    return location


# Contact details ----------------------------------------------------------------------------

_EXTENSION = re.compile(r"\s*(?:ext\.?|extension|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE)
# UK numbers that are not mobiles although they start 07: personal numbering (070) and pagers (076),
# except the Isle of Man's 07624 mobiles.
_NOT_MOBILE = re.compile(r"^07(0|6(?!24))")


@dataclass(frozen=True)
class PhoneNumber:
    """A UK number in E.164 (what SMS gateways and GOV.UK Notify take, and one form to search)."""

    e164: str
    extension: str = ""

    @property
    def national(self) -> str:
        """For people: "07700 900123", "020 7946 0000", "0114 496 0000 ext. 12"."""
        digits = "0" + self.e164[3:]
        if digits.startswith("02"):
            parts = [digits[:3], digits[3:7], digits[7:]]
        elif digits.startswith(("03", "05", "08")) or re.match(r"01(1\d|\d1)", digits):
            parts = [digits[:4], digits[4:7], digits[7:]]
        else:
            parts = [digits[:5], digits[5:]]
        shown = " ".join(parts)
        return f"{shown} ext. {self.extension}" if self.extension else shown


def parse_phone(text: str, *, mobile: bool = False) -> PhoneNumber:
    """A UK phone number in any common format: "+44 (0)20 7946 0000", "(020) 7946 0000 ext 12".

    With ``mobile`` the number must be a UK mobile (07…, or +447…) and cannot have an extension.
    """
    raw = (text or "").strip()
    extension = ""
    if match := _EXTENSION.search(raw):
        extension, raw = match.group(1), raw[: match.start()]
    raw = raw.replace("(0)", "")
    if not raw or re.search(r"[^\d\s()+\-.]", raw) or "+" in raw[1:]:
        raise ValidationError("Enter a UK phone number, like 01632 960 001 or 07700 900 982.", code="invalid_phone")
    digits = re.sub(r"[\s()\-.]", "", raw)
    if digits.startswith(("+", "00")):
        international = digits.lstrip("+")
        international = international[2:] if international.startswith("00") else international
        if not international.startswith("44"):
            raise ValidationError("Enter a UK phone number: this one is from another country.", code="not_uk")
        digits = "0" + international[2:].lstrip("0")
    valid_length = len(digits) == 11 or (len(digits) == 10 and digits.startswith("01"))
    if not (valid_length and re.fullmatch(r"0[123578]\d+", digits)):
        raise ValidationError("Enter a UK phone number, like 01632 960 001 or 07700 900 982.", code="invalid_phone")
    if mobile and (not digits.startswith("07") or _NOT_MOBILE.match(digits) or extension):
        raise ValidationError("Enter a UK mobile number, like 07700 900 982 or +44 7700 900 982.", code="not_mobile")
    return PhoneNumber("+44" + digits[1:], extension)


def normalise_email(text: str) -> str:
    email = (text or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            "Enter an email address in the right format, like name@example.com.", code="invalid_email"
        ) from None
    return email


def validate_email_available(
    email: str, *, customer: Customer | None = None, excluding: Iterable[Customer] = ()
) -> None:
    """An email belongs to at most one live customer; terminated records do not count.

    The database holds the same rule (ContactDetails' ``contact_email_unique_among_live``); this
    check gives the message. ``excluding``: records a merge is about to make one.
    """
    taken = ContactDetails.objects.filter(email=email, live=True)
    others = [record.pk for record in ([customer] if customer is not None else []) + list(excluding)]
    if others:
        taken = taken.exclude(customer__in=others)
    if taken.exists():
        raise ValidationError("Another customer already has this email address.", code="email_taken")


def missing_for_preferred_method(
    method: int, *, email: str, mobile: str, home_phone: str, alternative_phone: str, has_current_address: bool
) -> str:
    """What the preferred method needs and the record lacks ("an email address"), or ""."""
    required = {
        codes.ContactMethod.EMAIL: (bool(email), "an email address"),
        codes.ContactMethod.MOBILE: (bool(mobile), "a mobile number"),
        codes.ContactMethod.SMS: (bool(mobile), "a mobile number"),
        codes.ContactMethod.WHATSAPP: (bool(mobile), "a mobile number"),
        codes.ContactMethod.TELEPHONE: (bool(home_phone or alternative_phone or mobile), "a phone number"),
        codes.ContactMethod.POST: (has_current_address, "a current address"),
    }
    if method in required and not required[codes.ContactMethod(method)][0]:
        return required[codes.ContactMethod(method)][1]
    return ""


def validate_preferred_contact_method(
    method: int, *, email: str, mobile: str, home_phone: str, alternative_phone: str, has_current_address: bool
) -> None:
    """The preferred method needs the detail it uses: email, a mobile, any phone, or an address."""
    missing = missing_for_preferred_method(
        method,
        email=email,
        mobile=mobile,
        home_phone=home_phone,
        alternative_phone=alternative_phone,
        has_current_address=has_current_address,
    )
    if missing:
        label = codes.ContactMethod(method).label.lower()
        raise ValidationError(
            f"Enter {missing}, or choose another way to contact them than {label}.",
            code="preferred_method_missing",
        )


# Diversity ----------------------------------------------------------------------------------

SPECIAL_CATEGORY_PERMISSION = "customers.view_special_category"


def require_special_category_access(actor: Any) -> None:
    """Health and ethnicity (special category data) are only for roles that need them (domain.md §2)."""
    if not actor.has_perm(SPECIAL_CATEGORY_PERMISSION):
        raise PermissionDenied("Your role does not allow access to diversity information.")



def validate_diversity(
    *,
    health_consent: bool,
    disability_declaration: int,
    primary_disability: int,
    secondary_disability: int,
    ethnicity_consent: bool,
    ethnicity: int,
) -> None:
    """Special category data needs consent; without it every value must be 'not provided'."""
    not_provided = codes.DisabilityType.NOT_PROVIDED
    if not health_consent and (
        disability_declaration != codes.DisabilityDeclaration.NOT_PROVIDED
        or primary_disability != not_provided
        or secondary_disability != not_provided
    ):
        raise ValidationError(
            "Record consent to collect health and disability information before recording it.", code="no_health_consent"
        )
    if not ethnicity_consent and ethnicity != codes.Ethnicity.NOT_PROVIDED:
        raise ValidationError("Record consent to collect ethnicity before recording it.", code="no_ethnicity_consent")
    if disability_declaration != codes.DisabilityDeclaration.HAS_DIFFICULTY_OR_DISABILITY and (
        primary_disability != not_provided or secondary_disability != not_provided
    ):
        raise ValidationError(
            "Only record a type of difficulty or disability when the customer says they have one.",
            code="no_declaration",
        )
    if primary_disability == not_provided and secondary_disability != not_provided:
        raise ValidationError("Record the primary type before a secondary one.", code="secondary_without_primary")
    if primary_disability == secondary_disability and primary_disability not in {98, 99}:
        raise ValidationError("The secondary type must differ from the primary type.", code="secondary_same")


# Priority groups ----------------------------------------------------------------------------

STAND_ALONE_GROUPS = frozenset({codes.PriorityGroup.NOT_KNOWN, codes.PriorityGroup.NOT_A_PRIORITY_CUSTOMER})


def validate_priority_groups(groups: Iterable[int]) -> list[int]:
    """98 and 99 stand alone; 1 (aged 18 to 24) and 6 (aged 50+) cannot both apply. Returns them sorted."""
    chosen = sorted({codes.PriorityGroup(group).value for group in groups})
    if not chosen:
        raise ValidationError("Choose at least one priority group, or 'not known'.", code="none")
    if len(chosen) > 1 and STAND_ALONE_GROUPS & set(chosen):
        raise ValidationError(
            "'Not known' and 'not a priority customer' cannot be chosen with any other group.", code="stand_alone"
        )
    if {codes.PriorityGroup.NEET_18_TO_24, codes.PriorityGroup.AGED_50_PLUS_UNEMPLOYED_OR_AT_RISK} <= set(chosen):
        raise ValidationError("A customer cannot be both aged 18 to 24 and aged 50 or over.", code="age_groups")
    return chosen


def _year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def suggest_priority_groups(customer: Customer, on_date: datetime.date) -> list[int]:
    """The groups the record supports on ``on_date``, for the adviser to confirm.

    1: aged 18 to 24, not in employment (latest status) and not in learning;
    2: aged 19 or over with highest qualification below a full level 2 (entry, level 1 or none);
    3: unemployed now, and unemployed in every entry of the last 12 months or a band of 12+ months;
    6: aged 50 or over and unemployed or at risk of redundancy.
    Groups 4 (single parent) and 5 (special needs) depend on facts the record does not hold, so
    only the adviser adds them. Nothing to go on gives 98 (not known); known facts matching no
    group give 99 (not a priority customer).
    """
    age = age_on(customer.date_of_birth, on_date) if customer.date_of_birth else None
    employment = list(customer.employment_statuses.filter(recorded_on__lte=on_date).order_by("-recorded_on", "-id"))
    learning = customer.learning_statuses.filter(recorded_on__lte=on_date).order_by("-recorded_on", "-id").first()
    latest_employment = employment[0].status if employment else None
    suggested: set[int] = set()
    if (
        age is not None
        and 18 <= age <= 24
        and latest_employment in codes.NOT_IN_EMPLOYMENT
        and learning is not None
        and learning.status == codes.LearningStatusCode.NOT_IN_LEARNING
    ):
        suggested.add(codes.PriorityGroup.NEET_18_TO_24)
    if (
        age is not None
        and age >= ADULT_AGE
        and learning is not None
        and learning.highest_qualification
        in {codes.QualificationLevel.ENTRY, codes.QualificationLevel.LEVEL_1, codes.QualificationLevel.NONE}
    ):
        suggested.add(codes.PriorityGroup.LOW_SKILLED)
    if latest_employment in codes.UNEMPLOYED:
        long_band = employment[0].unemployment_length in {
            codes.UnemploymentLength.MONTHS_12_TO_23,
            codes.UnemploymentLength.MONTHS_24_TO_35,
            codes.UnemploymentLength.MONTHS_36_OR_MORE,
        }
        run_start = on_date
        for entry in employment:
            if entry.status not in codes.UNEMPLOYED:
                break
            run_start = entry.recorded_on
        if long_band or run_start < _year_before(on_date):
            suggested.add(codes.PriorityGroup.UNEMPLOYED_OVER_12_MONTHS)
        if age is not None and age >= 50:
            suggested.add(codes.PriorityGroup.AGED_50_PLUS_UNEMPLOYED_OR_AT_RISK)
    elif (
        age is not None and age >= 50 and latest_employment == codes.EmploymentStatusCode.EMPLOYED_AT_RISK_OF_REDUNDANCY
    ):
        suggested.add(codes.PriorityGroup.AGED_50_PLUS_UNEMPLOYED_OR_AT_RISK)
    if suggested:
        return sorted(suggested)
    known = age is not None and latest_employment not in {None, codes.EmploymentStatusCode.NOT_KNOWN}
    return [codes.PriorityGroup.NOT_A_PRIORITY_CUSTOMER if known else codes.PriorityGroup.NOT_KNOWN]


# Identity check -----------------------------------------------------------------------------

MEMORABLE_WORD_LENGTH = (6, 20)


def normalise_memorable_word(word: str) -> str:
    """Letters and digits, 6 to 20 of them; case and spaces do not matter on the phone."""
    cleaned = re.sub(r"\s+", "", word or "").lower()
    shortest, longest = MEMORABLE_WORD_LENGTH
    if not re.fullmatch(r"[a-z0-9]+", cleaned) or not shortest <= len(cleaned) <= longest:
        raise ValidationError(
            f"Enter a memorable word of {shortest} to {longest} letters or numbers.", code="invalid_memorable_word"
        )
    return cleaned
