"""Writes about contacts. Each validates with rules.py, runs in one transaction and writes its
audit event in it; messages to customers go through the notifications outbox after commit.
Audit details name records and fields, never what was said.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from signpost.contacts import codes, rules, timeline
from signpost.contacts.models import (
    DETAIL_MAX_LENGTH,
    Interaction,
    InteractionSummarySent,
    ServiceImprovementAsk,
    TimelineEvent,
)
from signpost.core.audit import audit_record
from signpost.core.notifications import render_message, send_email, send_letter, send_sms
from signpost.customers import rules as customer_rules
from signpost.customers import selectors as customer_selectors
from signpost.customers import services as customer_services
from signpost.customers.models import Customer
from signpost.organisations.models import Organisation


def _require_actor(actor: Any) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Sign in to record a contact.")


def _lock_writable(customer: Customer) -> Customer:
    locked = Customer.objects.select_for_update().get(pk=customer.pk)
    customer_rules.ensure_writable(locked)
    return locked


def _check_common(
    errors: dict[str, list[str]],
    *,
    actor: Any,
    channel: int | None,
    occurred_at: datetime.datetime | None,
    organisation: Organisation | None,
    line_or_campaign: str,
    language: str,
) -> tuple[datetime.datetime, Organisation | None]:
    when = occurred_at or timezone.now()
    try:
        rules.validate_occurred_at(when)
    except ValidationError as error:
        errors.setdefault("occurred_at", []).extend(error.messages)
    organisation = organisation or getattr(actor, "organisation", None)
    if organisation is None:
        errors.setdefault("organisation", []).append("Choose the organisation the contact was made for")
    if len(line_or_campaign) > 100:
        errors.setdefault("line_or_campaign", []).append("The line or campaign must be 100 characters or fewer")
    if len(language) > 50:
        errors.setdefault("language", []).append("The language must be 50 characters or fewer")
    if channel is not None and channel not in codes.Channel.values:
        errors.setdefault("channel", []).append("Select the channel")
    return when, organisation


def interaction_record(
    *,
    actor: Any,
    customer: Customer,
    channel: int,
    interaction_type: int,
    reason: int,
    service_level: int,
    summary: str,
    transcript: str = "",
    occurred_at: datetime.datetime | None = None,
    organisation: Organisation | None = None,
    line_or_campaign: str = "",
    language: str = "",
    interpreter_used: bool = False,
) -> Interaction:
    """One contact with a known customer. The summary is required; a transcript only on a written
    channel (codes.TRANSCRIPT_CHANNELS) and optional there. Refused on a terminated record."""
    _require_actor(actor)
    summary, transcript = (summary or "").strip(), (transcript or "").strip()
    line_or_campaign, language = (line_or_campaign or "").strip(), (language or "").strip()
    errors = rules.validate_interaction_text(
        channel=channel, summary=summary, transcript=transcript, summary_required=True
    )
    when, organisation = _check_common(
        errors,
        actor=actor,
        channel=channel,
        occurred_at=occurred_at,
        organisation=organisation,
        line_or_campaign=line_or_campaign,
        language=language,
    )
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
    with transaction.atomic():
        locked = _lock_writable(customer)
        interaction = Interaction(
            customer=locked,
            channel=channel,
            interaction_type=interaction_type,
            occurred_at=when,
            adviser=actor,
            organisation=organisation,
            line_or_campaign=line_or_campaign,
            language=language,
            interpreter_used=interpreter_used,
            reason=reason,
            service_level=service_level,
            summary=summary,
            transcript=transcript,
        )
        interaction.full_clean()
        interaction.save()
        audit_record(
            actor=actor,
            action="interaction.recorded",
            target=locked,
            details={"interaction": interaction.pk, "channel": channel, "type": interaction_type},
        )
    return interaction


def anonymous_enquiry_record(
    *,
    actor: Any,
    channel: int,
    interaction_type: int,
    reason: int,
    service_level: int,
    customer_type: int | None = None,
    age_band: int = codes.AgeBand.NOT_KNOWN,
    area: int | None = None,
    summary: str = "",
    transcript: str = "",
    occurred_at: datetime.datetime | None = None,
    organisation: Organisation | None = None,
    line_or_campaign: str = "",
    language: str = "",
    interpreter_used: bool = False,
) -> Interaction:
    """An enquiry from someone who gives no details: demographics only (customer type, age band,
    area). A summary is optional here; it becomes required when the enquiry is attached."""
    _require_actor(actor)
    summary, transcript = (summary or "").strip(), (transcript or "").strip()
    line_or_campaign, language = (line_or_campaign or "").strip(), (language or "").strip()
    errors = rules.validate_interaction_text(
        channel=channel, summary=summary, transcript=transcript, summary_required=False
    )
    when, organisation = _check_common(
        errors,
        actor=actor,
        channel=channel,
        occurred_at=occurred_at,
        organisation=organisation,
        line_or_campaign=line_or_campaign,
        language=language,
    )
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
    with transaction.atomic():
        interaction = Interaction(
            customer=None,
            anonymous=True,
            channel=channel,
            interaction_type=interaction_type,
            occurred_at=when,
            adviser=actor,
            organisation=organisation,
            line_or_campaign=line_or_campaign,
            language=language,
            interpreter_used=interpreter_used,
            reason=reason,
            service_level=service_level,
            summary=summary,
            transcript=transcript,
            customer_type=customer_type,
            age_band=age_band,
            area=area,
        )
        interaction.full_clean()
        interaction.save()
        audit_record(
            actor=actor,
            action="interaction.anonymous_recorded",
            target=interaction,
            details={"channel": channel, "type": interaction_type},
        )
    return interaction


def anonymous_enquiry_attach(
    *, actor: Any, interaction: Interaction, customer: Customer, summary: str = ""
) -> Interaction:
    """Attach an anonymous enquiry to a full record. Every contact with a known customer has a
    summary, so one must be given here when the enquiry was recorded without one."""
    _require_actor(actor)
    summary = (summary or "").strip()
    with transaction.atomic():
        locked_interaction = Interaction.objects.select_for_update().get(pk=interaction.pk)
        if not locked_interaction.anonymous or locked_interaction.customer_id is not None:
            raise ValidationError({"reference": ["This enquiry is already attached to a customer record"]})
        errors = rules.validate_interaction_text(
            channel=None,
            summary=summary or locked_interaction.summary,
            transcript="",
            summary_required=True,
        )
        if errors:
            raise ValidationError(errors)  # type: ignore[arg-type]
        locked = _lock_writable(customer)
        locked_interaction.customer = locked
        if summary:
            locked_interaction.summary = summary
        locked_interaction.attached_at = timezone.now()
        locked_interaction.attached_by = actor
        locked_interaction.full_clean()
        locked_interaction.save()
        audit_record(
            actor=actor,
            action="interaction.anonymous_attached",
            target=locked,
            details={"interaction": locked_interaction.pk},
        )
    return locked_interaction


def interaction_summary_send(*, actor: Any, interaction: Interaction) -> InteractionSummarySent:
    """Send the customer the summary of a contact, with its transcript when there is one (except
    by text message, where the conversation already is on their phone), by their preferred method.

    Raises rules.SummaryRefused (a ValidationError) with a message for the adviser when the
    preferred method cannot carry it or the customer has not allowed it."""
    _require_actor(actor)
    if interaction.customer_id is None:
        raise rules.SummaryRefused(
            "Attach this enquiry to a customer record before sending a summary.", code="anonymous"
        )
    with transaction.atomic():
        customer = Customer.objects.get(pk=interaction.customer_id)
        destination = rules.summary_destination(
            customer, customer_selectors.contact_details_of(customer), customer_selectors.current_address(customer)
        )
        include_transcript = bool(interaction.transcript) and destination.channel != "sms"
        context = {
            "customer": customer,
            "interaction": interaction,
            "include_transcript": include_transcript,
            "occurred_at": timezone.localtime(interaction.occurred_at),
        }
        reference = f"interaction-{interaction.pk}"
        if destination.channel == "sms":
            _, body = render_message("contacts/messages/summary_sms", context)
            rules.validate_sms_length(body)
            notification = send_sms(to=destination.to, body=body, reference=reference, about=customer)
        else:
            subject, body = render_message("contacts/messages/summary", context)
            if destination.channel == "email":
                notification = send_email(
                    to=destination.to, subject=subject, body=body, reference=reference, about=customer
                )
            else:
                notification = send_letter(
                    address_lines=list(destination.address_lines),
                    subject=subject,
                    body=body,
                    reference=reference,
                    about=customer,
                )
        sent = InteractionSummarySent.objects.create(
            interaction=interaction,
            channel=destination.channel,
            sent_to=destination.to,
            included_transcript=include_transcript,
            notification=notification,
            sent_at=timezone.now(),
            sent_by=actor,
        )
        audit_record(
            actor=actor,
            action="interaction.summary_sent",
            target=customer,
            details={"interaction": interaction.pk, "channel": destination.channel, "transcript": include_transcript},
        )
    return sent


def service_improvement_record(
    *,
    actor: Any,
    customer: Customer,
    interaction: Interaction | None = None,
    introduced_by: int | None = None,
    introduced_by_detail: str | None = None,
    employment_status: int | None = None,
    learning_status: int | None = None,
) -> ServiceImprovementAsk:
    """The answers to the service-improvement questions, written through the customer record's own
    services (how they heard of us on the record; a status entry only when it changed), and noted
    as answered so they are not asked again within the period (rules.service_improvement_due)."""
    _require_actor(actor)
    with transaction.atomic():
        locked = _lock_writable(customer)
        identity: dict[str, Any] = {}
        if introduced_by is not None:
            identity["introduced_by"] = introduced_by
        if introduced_by_detail is not None:
            identity["introduced_by_detail"] = introduced_by_detail
        if identity:
            customer_services.customer_update_identity(actor=actor, customer=locked, **identity)
        current = customer_selectors.current_statuses(locked)
        if employment_status is not None and (
            current.employment is None or current.employment.status != employment_status
        ):
            customer_services.employment_status_record(actor=actor, customer=locked, status=employment_status)
        if learning_status is not None and (current.learning is None or current.learning.status != learning_status):
            customer_services.learning_status_record(actor=actor, customer=locked, status=learning_status)
        ask = ServiceImprovementAsk.objects.create(
            customer=locked,
            interaction=interaction,
            outcome=codes.ServiceImprovementOutcome.ANSWERED,
            recorded_at=timezone.now(),
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="interaction.service_improvement_answered",
            target=locked,
            details={"interaction": interaction.pk if interaction else None, "fields": sorted(identity)},
        )
    return ask


def service_improvement_ask_later(
    *, actor: Any, customer: Customer, interaction: Interaction | None = None
) -> ServiceImprovementAsk:
    """The adviser chose "ask later": noted, and the questions stay due for the next contact."""
    _require_actor(actor)
    with transaction.atomic():
        locked = Customer.objects.select_for_update().get(pk=customer.pk)
        ask = ServiceImprovementAsk.objects.create(
            customer=locked,
            interaction=interaction,
            outcome=codes.ServiceImprovementOutcome.ASK_LATER,
            recorded_at=timezone.now(),
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="interaction.service_improvement_deferred",
            target=locked,
            details={"interaction": interaction.pk if interaction else None},
        )
    return ask


def timeline_event_record(
    *,
    actor: Any,
    customer: Customer,
    kind: str,
    title: str,
    detail: str = "",
    occurred_at: datetime.datetime | None = None,
    subject: models.Model | None = None,
    link_name: str = "",
    link_kwargs: dict[str, Any] | None = None,
    organisation: Organisation | None = None,
) -> TimelineEvent:
    """Put an entry on the customer's timeline. Call it from your own service, inside its
    transaction, after its audit event (the event is part of that change, not audited again).

    ``kind`` must be registered in contacts.timeline. ``actor`` may be None or a customer's own
    account (things done online); ``organisation`` defaults to the actor's. ``subject`` is the
    record the event is about; ``link_name``/``link_kwargs`` the staff page that shows it, e.g.
    ``link_name="workspace:session_detail", link_kwargs={"reference": ..., "pk": ...}``.
    Works on a terminated record too: what happens to a closed record (a claim withdrawn) is history.
    """
    if not timeline.is_registered(kind):
        raise ValueError(f"Register the timeline event kind {kind!r} in contacts.timeline first.")
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise ValueError("A timeline event needs a title of 1 to 200 characters.")
    detail = (detail or "").strip()[:DETAIL_MAX_LENGTH]
    staff = actor if getattr(actor, "is_authenticated", False) else None
    if organisation is None and staff is not None:
        organisation = getattr(staff, "organisation", None)
    return TimelineEvent.objects.create(
        customer=customer,
        occurred_at=occurred_at or timezone.now(),
        kind=kind,
        title=title,
        detail=detail,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        link_name=link_name,
        link_kwargs=link_kwargs or {},
        actor=staff,
        organisation=organisation,
    )
