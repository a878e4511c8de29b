"""Writes to the partner directory and to referrals. Each validates with rules.py, runs in one
transaction and writes its audit event in it. A referral's changes also go on the customer's
timeline (contacts.services.timeline_event_record) and, when someone should check how it went, a
"referral follow-up" task goes in the adviser's organisation's queue (casework). Audit details
name records, codes and fields, never what was written about the customer.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from signpost.accounts.roles import MAKE_REFERRALS
from signpost.casework import codes as casework_codes
from signpost.casework import rules as casework_rules
from signpost.casework import services as casework_services
from signpost.casework.models import Task
from signpost.contacts import services as contact_services
from signpost.core import working_days
from signpost.core.audit import audit_record
from signpost.customers import rules as customer_rules
from signpost.customers import selectors as customer_selectors
from signpost.customers.models import Customer
from signpost.referrals import codes, rules
from signpost.referrals.models import (
    HELP_WITH_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    REASON_MAX_LENGTH,
    STATUS_REASON_MAX_LENGTH,
    Partner,
    PartnerArea,
    PartnerCategoryLink,
    Referral,
    ReferralStatusChange,
)

PARTNER_TEXT_FIELDS = ("name", "help_with", "email", "website", "address_line_1", "address_line_2", "town", "postcode")
# The staff page that shows a referral, for its timeline entries (the domain never builds URLs).
REFERRAL_PAGE = "workspace:referral_detail"


def _require_actor(actor: Any) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Sign in to use the partner directory and referrals.")


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


# The directory --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _PartnerValues:
    fields: dict[str, Any]
    categories: list[int]
    areas: list[int]


_MAX_LENGTHS = {
    "name": (200, "The name must be 200 characters or fewer."),
    "help_with": (HELP_WITH_MAX_LENGTH, f"What they help with must be {HELP_WITH_MAX_LENGTH:,} characters or fewer."),
    "address_line_1": (100, "Address line 1 must be 100 characters or fewer."),
    "address_line_2": (100, "Address line 2 must be 100 characters or fewer."),
    "town": (100, "The town or city must be 100 characters or fewer."),
}


def _check_partner(
    actor: Any,
    *,
    partner: Partner | None,
    categories: Iterable[int],
    serves_all_england: bool,
    areas: Iterable[int],
    phone: str,
    accepts_warm_transfers: bool,
    **text: str,
) -> _PartnerValues:
    errors = _Errors()
    values: dict[str, Any] = {name: (text.get(name) or "").strip() for name in PARTNER_TEXT_FIELDS}
    if not values["name"]:
        errors.add("name", "Enter the partner's name.", "required")
    elif _name_taken(values["name"], partner):
        errors.add("name", f"{values['name']} is already in the directory.", "duplicate")
    if not values["help_with"]:
        errors.add("help_with", "Enter what they help with.", "required")
    for name, (limit, message) in _MAX_LENGTHS.items():
        if len(values[name]) > limit:
            errors.add(name, message, "max_length")
    chosen_categories = errors.check("categories", rules.validate_partner_categories, categories) or []
    chosen_areas = errors.check(
        "areas", rules.validate_partner_areas, serves_all_england=serves_all_england, areas=areas
    )
    if chosen_areas is not None:
        errors.check(
            "areas",
            rules.validate_partner_areas_manageable,
            actor,
            serves_all_england=serves_all_england,
            areas=chosen_areas,
        )
    values["phone"], values["phone_extension"] = "", ""
    if (phone or "").strip():
        number = errors.check("phone", customer_rules.parse_phone, phone)
        if number is not None:
            values["phone"], values["phone_extension"] = number.e164, number.extension
    if values["email"]:
        values["email"] = errors.check("email", customer_rules.normalise_email, values["email"]) or values["email"]
    if values["website"]:
        values["website"] = _website(errors, values["website"])
    if values["postcode"]:
        location = errors.check("postcode", customer_rules.validate_postcode, values["postcode"])
        if location is not None:
            values["postcode"] = location.postcode
    if not any(name in errors.by_field for name in ("phone", "email", "website")):
        errors.check(
            "phone",
            rules.validate_partner_contact,
            phone=(phone or "").strip(),
            email=values["email"],
            website=values["website"],
        )
    errors.raise_any()
    values["serves_all_england"] = bool(serves_all_england)
    values["accepts_warm_transfers"] = bool(accepts_warm_transfers)
    return _PartnerValues(values, chosen_categories, chosen_areas or [])


def _name_taken(name: str, partner: Partner | None) -> bool:
    """Names are unique whatever the case (the database's constraint too)."""
    same = Partner.objects.annotate(lower_name=Lower("name")).filter(lower_name=name.lower())
    if partner is not None:
        same = same.exclude(pk=partner.pk)
    return same.exists()


def _website(errors: _Errors, text: str) -> str:
    """A web address; one typed without a scheme means https."""
    address = text if "://" in text else f"https://{text}"
    try:
        URLValidator(schemes=["http", "https"])(address)
    except ValidationError:
        errors.add("website", "Enter a website address in the right format, like www.example.org.uk.", "invalid")
        return text
    if len(address) > 300:
        errors.add("website", "The website address must be 300 characters or fewer.", "max_length")
    return address


def _partner_areas(partner: Partner) -> list[int]:
    return list(partner.area_links.values_list("area", flat=True))


def _require_partner_manager(actor: Any, partner: Partner | None = None) -> None:
    _require_actor(actor)
    if partner is None:
        allowed = rules.can_manage_partners(actor)
    else:
        allowed = rules.can_manage_partner(
            actor, serves_all_england=partner.serves_all_england, areas=_partner_areas(partner)
        )
    if not allowed:
        raise PermissionDenied("You cannot change this partner in the directory.")


def _save_links(partner: Partner, categories: list[int], areas: list[int]) -> None:
    partner.category_links.exclude(category__in=categories).delete()
    have = set(partner.category_links.values_list("category", flat=True))
    PartnerCategoryLink.objects.bulk_create(
        PartnerCategoryLink(partner=partner, category=category) for category in categories if category not in have
    )
    partner.area_links.exclude(area__in=areas).delete()
    have = set(partner.area_links.values_list("area", flat=True))
    PartnerArea.objects.bulk_create(PartnerArea(partner=partner, area=area) for area in areas if area not in have)


def partner_create(
    *,
    actor: Any,
    name: str,
    help_with: str,
    categories: Iterable[int],
    serves_all_england: bool = False,
    areas: Iterable[int] = (),
    phone: str = "",
    email: str = "",
    website: str = "",
    address_line_1: str = "",
    address_line_2: str = "",
    town: str = "",
    postcode: str = "",
    accepts_warm_transfers: bool = False,
) -> Partner:
    """Add a partner to the directory, active from now."""
    _require_partner_manager(actor)
    values = _check_partner(
        actor,
        partner=None,
        categories=categories,
        serves_all_england=serves_all_england,
        areas=areas,
        phone=phone,
        accepts_warm_transfers=accepts_warm_transfers,
        name=name,
        help_with=help_with,
        email=email,
        website=website,
        address_line_1=address_line_1,
        address_line_2=address_line_2,
        town=town,
        postcode=postcode,
    )
    with transaction.atomic():
        partner = Partner(**values.fields)
        partner.full_clean()
        partner.save()
        _save_links(partner, values.categories, values.areas)
        audit_record(actor=actor, action="partner.created", target=partner)
    return partner


def partner_update(
    *,
    actor: Any,
    partner: Partner,
    name: str,
    help_with: str,
    categories: Iterable[int],
    serves_all_england: bool = False,
    areas: Iterable[int] = (),
    phone: str = "",
    email: str = "",
    website: str = "",
    address_line_1: str = "",
    address_line_2: str = "",
    town: str = "",
    postcode: str = "",
    accepts_warm_transfers: bool = False,
) -> Partner:
    """Change a partner's entry; every field is given, as the form shows them all."""
    with transaction.atomic():
        locked = Partner.objects.select_for_update().get(pk=partner.pk)
        _require_partner_manager(actor, locked)
        values = _check_partner(
            actor,
            partner=locked,
            categories=categories,
            serves_all_england=serves_all_england,
            areas=areas,
            phone=phone,
            accepts_warm_transfers=accepts_warm_transfers,
            name=name,
            help_with=help_with,
            email=email,
            website=website,
            address_line_1=address_line_1,
            address_line_2=address_line_2,
            town=town,
            postcode=postcode,
        )
        changed = [name for name, value in values.fields.items() if getattr(locked, name) != value]
        if sorted(locked.category_links.values_list("category", flat=True)) != values.categories:
            changed.append("categories")
        if sorted(_partner_areas(locked)) != values.areas:
            changed.append("areas")
        for name, value in values.fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        _save_links(locked, values.categories, values.areas)
        audit_record(actor=actor, action="partner.updated", target=locked, details={"fields": sorted(changed)})
    return locked


def partner_deactivate(*, actor: Any, partner: Partner) -> Partner:
    """Take a partner out of the active list: kept for the referrals already made to them, but no
    longer offered for new ones."""
    with transaction.atomic():
        locked = Partner.objects.select_for_update().get(pk=partner.pk)
        _require_partner_manager(actor, locked)
        if not locked.is_active:
            raise ValidationError(f"{locked.name} is already inactive.", code="already_inactive")
        locked.is_active = False
        locked.deactivated_at = timezone.now()
        locked.save(update_fields=["is_active", "deactivated_at", "updated_at"])
        audit_record(actor=actor, action="partner.deactivated", target=locked)
    return locked


def partner_reactivate(*, actor: Any, partner: Partner) -> Partner:
    with transaction.atomic():
        locked = Partner.objects.select_for_update().get(pk=partner.pk)
        _require_partner_manager(actor, locked)
        if locked.is_active:
            raise ValidationError(f"{locked.name} is already active.", code="already_active")
        locked.is_active = True
        locked.deactivated_at = None
        locked.save(update_fields=["is_active", "deactivated_at", "updated_at"])
        audit_record(actor=actor, action="partner.reactivated", target=locked)
    return locked


# Referrals ------------------------------------------------------------------------------------


def _require_referrer(actor: Any) -> None:
    _require_actor(actor)
    if not actor.has_perm(MAKE_REFERRALS) or getattr(actor, "organisation", None) is None:
        raise PermissionDenied("You cannot refer or signpost customers.")


def _timeline(actor: Any, referral: Referral, kind: str, title: str, detail: str = "") -> None:
    contact_services.timeline_event_record(
        actor=actor,
        customer=referral.customer,
        kind=kind,
        title=title,
        detail=detail,
        subject=referral,
        link_name=REFERRAL_PAGE,
        link_kwargs={"reference": referral.customer.reference, "pk": referral.pk},
    )


def _closes_at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, working_days.CLOSES, tzinfo=working_days.LONDON)


def _follow_up_task(actor: Any, referral: Referral) -> None:
    """A "referral follow-up" task in the adviser's organisation's queue, due at the close of the
    day rules.follow_up_due_on names; theirs when they work tasks, the organisation's otherwise."""
    today = timezone.localdate()
    due_on = rules.follow_up_due_on(
        warm_transfer=referral.warm_transfer,
        follow_up_on=referral.follow_up_on,
        next_working_day=working_days.next_working_day(today),
    )
    if due_on is None:
        return
    now = timezone.now()
    organisation = referral.organisation
    probe = Task(organisation=organisation)
    try:
        casework_rules.validate_assignee(actor, probe)
        assignee = actor
    except ValidationError:
        assignee = None
    what = "warm transfer" if referral.warm_transfer else str(referral.get_kind_display()).lower()
    task = casework_services.task_create(
        actor=actor,
        task_type=casework_codes.TaskType.REFERRAL_FOLLOW_UP,
        customer=referral.customer,
        organisation=organisation,
        summary=f"Check how the {what} to {referral.destination} went",
        details=f"Made on {timezone.localtime(referral.made_at):%-d %B %Y}. Update the referral's status "
        "on the customer's record once you know.",
        assignee=assignee,
        available_from=now,
        due_at=max(_closes_at(due_on), now),
    )
    referral.follow_up_task = task
    referral.save(update_fields=["follow_up_task"])


def referral_make(
    *,
    actor: Any,
    customer: Customer,
    kind: int,
    reason: str,
    partner: Partner | None = None,
    channel: int | None = None,
    notes: str = "",
    warm_transfer: bool = False,
    consent_to_share: bool = False,
    follow_up_on: datetime.date | None = None,
) -> Referral:
    """Refer or signpost the customer to a partner or another channel. Refused on a terminated
    record, to an inactive partner, a warm transfer the partner does not take, or a referral to a
    partner without the customer's consent to share their details."""
    _require_referrer(actor)
    reason, notes = (reason or "").strip(), (notes or "").strip()
    errors = _Errors()
    if kind not in codes.ReferralKind.values:
        errors.add("kind", "Select signpost or referral.", "required")
    errors.check("partner", rules.validate_destination, partner=partner, channel=channel)
    if partner is not None:
        errors.check("partner", rules.validate_partner_choosable, partner)
    if kind in codes.ReferralKind.values:
        errors.check(
            "warm_transfer", rules.validate_warm_transfer, kind=kind, partner=partner, warm_transfer=warm_transfer
        )
        errors.check(
            "consent_to_share",
            rules.validate_consent_to_share,
            kind=kind,
            partner=partner,
            consent_to_share=consent_to_share,
        )
    if not reason:
        errors.add("reason", "Enter what the customer needs help with.", "required")
    elif len(reason) > REASON_MAX_LENGTH:
        errors.add(
            "reason", f"What they need help with must be {REASON_MAX_LENGTH:,} characters or fewer.", "max_length"
        )
    if len(notes) > NOTES_MAX_LENGTH:
        errors.add("notes", f"The notes must be {NOTES_MAX_LENGTH:,} characters or fewer.", "max_length")
    if follow_up_on is not None:
        errors.check("follow_up_on", rules.validate_follow_up_date, follow_up_on, today=timezone.localdate())
    errors.raise_any()
    with transaction.atomic():
        locked = Customer.objects.select_for_update().get(pk=customer.pk)
        rules.ensure_customer_can_be_referred(locked)
        if partner is not None:
            # Deactivated between the page and the click? Checked again under the lock.
            partner = Partner.objects.select_for_update().get(pk=partner.pk)
            rules.validate_partner_choosable(partner)
        now = timezone.now()
        address = customer_selectors.current_address(locked)
        referral = Referral(
            customer=locked,
            kind=kind,
            partner=partner,
            channel=channel,
            reason=reason,
            notes=notes,
            warm_transfer=warm_transfer,
            consent_to_share=bool(consent_to_share) and partner is not None,
            consent_recorded_at=now if consent_to_share and partner is not None else None,
            follow_up_on=follow_up_on,
            area=address.area if address is not None else None,
            status=codes.ReferralStatus.MADE,
            status_changed_at=now,
            made_at=now,
            made_by=actor,
            organisation=actor.organisation,
        )
        referral.full_clean()
        referral.save()
        ReferralStatusChange.objects.create(
            referral=referral, to_status=codes.ReferralStatus.MADE, changed_at=now, changed_by=actor
        )
        audit_record(
            actor=actor,
            action="referral.made",
            target=locked,
            details={
                "referral": referral.pk,
                "kind": int(kind),
                "partner": partner.pk if partner else None,
                "channel": channel,
                "warm_transfer": warm_transfer,
            },
        )
        _timeline(actor, referral, f"referral.{_event(referral.kind)}_made", _made_title(referral), reason)
        _follow_up_task(actor, referral)
    return referral


def _event(kind: int) -> str:
    return "signpost" if kind == codes.ReferralKind.SIGNPOST else "referral"


def _made_title(referral: Referral) -> str:
    if referral.kind == codes.ReferralKind.SIGNPOST:
        return f"Signposted to {referral.destination}"
    warm = " (warm transfer)" if referral.warm_transfer else ""
    return f"Referred to {referral.destination}{warm}"


def referral_status_change(*, actor: Any, referral: Referral, status: int, reason: str = "") -> Referral:
    """Move a referral on: made → accepted → completed, or declined / withdrawn with a reason."""
    _require_referrer(actor)
    reason = (reason or "").strip()
    if len(reason) > STATUS_REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": [f"The reason must be {STATUS_REASON_MAX_LENGTH:,} characters or fewer."]}  # type: ignore[dict-item]
        )
    with transaction.atomic():
        customer = Customer.objects.select_for_update().get(pk=referral.customer_id)
        rules.ensure_customer_can_be_referred(customer)
        locked = Referral.objects.select_for_update(of=("self",)).select_related("partner").get(pk=referral.pk)
        locked.customer = customer
        try:
            rules.validate_status_change(kind=locked.kind, current=locked.status, new=status, reason=reason)
        except ValidationError as error:
            field = "reason" if error.code == "no_reason" else "status"
            raise ValidationError({field: error.error_list}) from error  # type: ignore[dict-item]
        previous = locked.status
        now = timezone.now()
        locked.status = status
        locked.status_changed_at = now
        locked.save(update_fields=["status", "status_changed_at"])
        ReferralStatusChange.objects.create(
            referral=locked,
            from_status=previous,
            to_status=status,
            reason=reason,
            changed_at=now,
            changed_by=actor,
        )
        audit_record(
            actor=actor,
            action="referral.status_changed",
            target=customer,
            details={"referral": locked.pk, "from": int(previous), "to": int(status)},
        )
        label = str(codes.ReferralStatus(status).label).lower()
        _timeline(
            actor,
            locked,
            f"referral.{label}",
            f"{locked.get_kind_display()} to {locked.destination} {label}",
            reason,
        )
        _settle_follow_up_task(actor, locked, reason)
    return locked


def _settle_follow_up_task(actor: Any, referral: Referral, reason: str) -> None:
    """A closed referral's follow-up task leaves the queue (rules.follow_up_closing), with a note
    saying why, so whoever had claimed it knows what happened."""
    task_status = rules.follow_up_closing(referral.status)
    if task_status is None or referral.follow_up_task_id is None:
        return
    label = str(codes.ReferralStatus(referral.status).label).lower()
    who = actor.full_name or actor.email
    note = f"The {referral.get_kind_display().lower()} was marked {label} by {who} on {timezone.localdate():%-d %B %Y}"
    note += f": {reason}" if reason else ", so there is nothing left to follow up."
    task = Task.objects.get(pk=referral.follow_up_task_id)
    casework_services.task_close_settled(
        actor=actor, task=task, status=task_status, note=note[: casework_rules.NOTE_MAX_LENGTH]
    )
