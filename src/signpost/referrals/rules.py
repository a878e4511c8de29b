"""The rules of the partner directory and of referrals, one function each (architecture.md rule 4).

Services call them before every write; forms and pages call the same functions (to offer only
what is allowed), so each rule is stated once. Each raises ``ValidationError`` with a message an
adviser can act on, and a code naming the rule.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from signpost.accounts.roles import MANAGE_PARTNERS
from signpost.casework import codes as casework_codes
from signpost.customers import rules as customer_rules
from signpost.customers.models import Customer
from signpost.referrals import codes
from signpost.referrals.models import Partner

# How far ahead a follow-up may be planned: beyond this the customer's situation will have moved on.
FOLLOW_UP_MAX_DAYS = 183

Status = codes.ReferralStatus
# Where a referral may go next from each status; closed statuses go nowhere.
_NEXT = {
    Status.MADE: (Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN),
    Status.ACCEPTED: (Status.COMPLETED, Status.WITHDRAWN),
}


# The directory --------------------------------------------------------------------------------


def validate_partner_categories(categories: Iterable[int]) -> list[int]:
    """At least one category from the list; returns them sorted, once each."""
    chosen = sorted({int(category) for category in categories})
    if not chosen:
        raise ValidationError("Select at least one category.", code="no_category")
    unknown = [category for category in chosen if category not in codes.PartnerCategory.values]
    if unknown:
        raise ValidationError("Select categories from the list.", code="unknown_category")
    return chosen


def validate_partner_areas(*, serves_all_england: bool, areas: Iterable[int]) -> list[int]:
    """Either all of England or at least one area, never both (a national partner serves all)."""
    from signpost.organisations.models import Area

    chosen = sorted({int(area) for area in areas})
    if serves_all_england and chosen:
        raise ValidationError(
            "Choose either all of England or the areas they serve, not both.", code="national_and_areas"
        )
    if not serves_all_england and not chosen:
        raise ValidationError("Select the areas they serve, or all of England.", code="no_area")
    if any(area not in Area.values for area in chosen):
        raise ValidationError("Select areas from the list.", code="unknown_area")
    return chosen


def validate_partner_contact(*, phone: str, email: str, website: str) -> None:
    """A partner nobody can reach is no use to a customer: at least one way to contact them."""
    if not (phone or email or website):
        raise ValidationError(
            "Enter at least one way to contact them: a phone number, an email address or a website.",
            code="no_contact",
        )


def staff_area(actor: Any) -> int | None:
    """The area a staff member's organisation works in (a subcontractor works in its prime's)."""
    organisation = getattr(actor, "organisation", None)
    if organisation is None:
        return None
    if organisation.area:
        return int(organisation.area)
    parent = organisation.parent
    return int(parent.area) if parent is not None and parent.area else None


def has_national_scope(actor: Any) -> bool:
    organisation = getattr(actor, "organisation", None)
    return bool(organisation is not None and organisation.has_national_scope)


def can_manage_partners(actor: Any) -> bool:
    """Whether the person may add partners at all (the role's permission, and somewhere to add them)."""
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(MANAGE_PARTNERS):
        return False
    return has_national_scope(actor) or staff_area(actor) is not None


def can_manage_partner(actor: Any, *, serves_all_england: bool, areas: Iterable[int]) -> bool:
    """The directory is shared, its upkeep is local: national staff look after every partner; an
    area's staff look after the partners that serve their area (national partners are national's)."""
    if not can_manage_partners(actor):
        return False
    if has_national_scope(actor):
        return True
    return not serves_all_england and staff_area(actor) in {int(area) for area in areas}


def validate_partner_areas_manageable(actor: Any, *, serves_all_england: bool, areas: Iterable[int]) -> None:
    """What an area's staff save must stay theirs to look after: their own area among the areas,
    and not all of England."""
    if can_manage_partner(actor, serves_all_england=serves_all_england, areas=areas):
        return
    if serves_all_england:
        raise ValidationError(
            "Only national staff can add or change a partner that serves all of England.", code="national_only"
        )
    raise ValidationError("Include your own area among the areas they serve.", code="outside_area")


def partner_serves_area(partner: Partner, area: int | None, partner_areas: Iterable[int]) -> bool:
    """Whether the partner serves a customer in ``area`` (unknown area: only national partners)."""
    return partner.serves_all_england or (area is not None and int(area) in {int(a) for a in partner_areas})


# Referrals ------------------------------------------------------------------------------------


def ensure_customer_can_be_referred(customer: Customer) -> None:
    """A terminated record is read-only: nothing new, including referrals, can be added to it."""
    customer_rules.ensure_writable(customer)


def validate_partner_choosable(partner: Partner) -> None:
    """Only partners still in the directory's active list can be chosen for a new referral."""
    if not partner.is_active:
        raise ValidationError(
            f"{partner.name} is no longer an active partner: choose another partner.", code="inactive_partner"
        )


def validate_destination(*, partner: Partner | None, channel: int | None) -> None:
    """A referral goes to one place: a partner or another channel of the service."""
    if partner is None and channel is None:
        raise ValidationError("Choose a partner or another channel.", code="no_destination")
    if partner is not None and channel is not None:
        raise ValidationError("Choose a partner or another channel, not both.", code="two_destinations")
    if channel is not None and channel not in codes.OtherChannel.values:
        raise ValidationError("Choose a channel from the list.", code="unknown_channel")


def validate_warm_transfer(*, kind: int, partner: Partner | None, warm_transfer: bool) -> None:
    """A warm transfer hands the customer over in person or on the phone: only a referral to a
    partner who takes them."""
    if not warm_transfer:
        return
    if kind != codes.ReferralKind.REFERRAL or partner is None:
        raise ValidationError("Only a referral to a partner can be a warm transfer.", code="warm_not_referral")
    if not partner.accepts_warm_transfers:
        raise ValidationError(
            f"{partner.name} does not take warm transfers: refer them without one.", code="warm_not_accepted"
        )


def validate_consent_to_share(*, kind: int, partner: Partner | None, consent_to_share: bool) -> None:
    """Referring to a partner shares the customer's details outside the service: they must agree."""
    if kind == codes.ReferralKind.REFERRAL and partner is not None and not consent_to_share:
        raise ValidationError(
            "The customer must agree to us sharing their details before we refer them. "
            "If they do not agree, signpost them instead.",
            code="no_consent",
        )


def validate_follow_up_date(follow_up_on: datetime.date, *, today: datetime.date) -> None:
    """A planned follow-up is from today up to about six months ahead."""
    if follow_up_on < today:
        raise ValidationError("The follow-up date must be today or in the future.", code="follow_up_past")
    if follow_up_on > today + datetime.timedelta(days=FOLLOW_UP_MAX_DAYS):
        raise ValidationError("The follow-up date must be within 6 months.", code="follow_up_too_far")


def allowed_next_statuses(*, kind: int, status: int) -> list[codes.ReferralStatus]:
    """The statuses a referral may move to next; none once it is closed. A signpost may also be
    completed straight from made: the customer tells us they got the help, with nobody in between."""
    allowed = list(_NEXT.get(codes.ReferralStatus(status), ()))
    if kind == codes.ReferralKind.SIGNPOST and status == Status.MADE:
        allowed.insert(1, Status.COMPLETED)
    return allowed


def validate_status_change(*, kind: int, current: int, new: int, reason: str) -> None:
    """made → accepted → completed; a referral can be declined while still only made, and withdrawn
    until it is closed. Declined and withdrawn need a reason."""
    if new not in allowed_next_statuses(kind=kind, status=current):
        current_label = str(codes.ReferralStatus(current).label).lower()
        try:
            new_label = str(codes.ReferralStatus(new).label).lower()
        except ValueError:
            raise ValidationError("Select a status from the list.", code="unknown_status") from None
        if current in codes.CLOSED_STATUSES:
            message = f"This {_kind_word(kind)} is {current_label}: its status can no longer change."
        else:
            message = f"A {_kind_word(kind)} that is {current_label} cannot be marked {new_label}."
        raise ValidationError(message, code="transition")
    if new in codes.STATUSES_NEEDING_REASON and not (reason or "").strip():
        raise ValidationError(
            f"Enter why the {_kind_word(kind)} was {str(codes.ReferralStatus(new).label).lower()}.", code="no_reason"
        )


def _kind_word(kind: int) -> str:
    return str(codes.ReferralKind(kind).label).lower()


def follow_up_due_on(
    *, warm_transfer: bool, follow_up_on: datetime.date | None, next_working_day: datetime.date
) -> datetime.date | None:
    """When someone should check how the referral went, or None when nobody needs to: on the date
    the adviser chose; otherwise, after a warm transfer, the next working day (the partner should
    have picked the customer up by then)."""
    if follow_up_on is not None:
        return follow_up_on
    return next_working_day if warm_transfer else None


def follow_up_closing(status: int) -> int | None:
    """What happens to a referral's open follow-up task when the referral moves to ``status``:
    once it is completed or declined we know how it went, so the follow-up is done; withdrawn,
    there is nothing to follow up, so it is cancelled. None while the referral is still open."""
    if status in {codes.ReferralStatus.COMPLETED, codes.ReferralStatus.DECLINED}:
        return casework_codes.TaskStatus.DONE
    if status == codes.ReferralStatus.WITHDRAWN:
        return casework_codes.TaskStatus.CANCELLED
    return None
