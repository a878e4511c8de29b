"""Contacts (domain.md §4): every interaction on every channel, with or without a known customer.

Writes go through services.py, reads through selectors.py; the rules live in rules.py.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q

from signpost.contacts import codes
from signpost.core.models import Notification
from signpost.customers import codes as customer_codes
from signpost.customers.models import Customer
from signpost.organisations.models import Area, Organisation, Venue

USER = settings.AUTH_USER_MODEL
SUMMARY_MAX_LENGTH = 4000
TRANSCRIPT_MAX_LENGTH = 200_000


class Interaction(models.Model):
    """One contact. ``customer`` is empty for an anonymous enquiry until it is attached to a record;
    ``anonymous`` stays true after attaching so statistics still count it as an anonymous contact."""

    # Which table a timeline entry comes from (selectors.Cursor); not a database column.
    timeline_source = "interaction"

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, null=True, blank=True, related_name="interactions")
    channel = models.PositiveSmallIntegerField(choices=codes.Channel.choices)
    interaction_type = models.PositiveSmallIntegerField("type", choices=codes.InteractionType.choices)
    occurred_at = models.DateTimeField()
    adviser = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    line_or_campaign = models.CharField("line dialled or campaign", max_length=100, blank=True)
    language = models.CharField(max_length=50, blank=True)
    interpreter_used = models.BooleanField(default=False)
    reason = models.PositiveSmallIntegerField("reason for contact", choices=codes.ReasonForContact.choices)
    service_level = models.PositiveSmallIntegerField(choices=codes.ServiceLevel.choices)
    summary = models.TextField(blank=True, validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)])
    transcript = models.TextField(blank=True, validators=[MaxLengthValidator(TRANSCRIPT_MAX_LENGTH)])
    # Anonymous enquiries: demographics only.
    anonymous = models.BooleanField(default=False)
    customer_type = models.PositiveSmallIntegerField(choices=customer_codes.CustomerType.choices, null=True, blank=True)
    age_band = models.PositiveSmallIntegerField(choices=codes.AgeBand.choices, null=True, blank=True)
    area = models.PositiveSmallIntegerField(choices=Area.choices, null=True, blank=True)
    attached_at = models.DateTimeField(null=True, blank=True)
    attached_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            # The customer's timeline, newest first, paged by (occurred_at, id).
            models.Index(fields=["customer", "-occurred_at", "-id"], name="interaction_timeline_idx"),
            # Recent anonymous enquiries waiting to be attached.
            models.Index(
                fields=["-occurred_at", "-id"],
                condition=Q(anonymous=True, customer__isnull=True),
                name="interaction_unattached_idx",
            ),
        ]
        constraints = [
            # Every interaction with a known customer has a summary of the discussion (domain.md §4).
            models.CheckConstraint(
                condition=Q(customer__isnull=True) | ~Q(summary=""), name="interaction_known_customer_has_summary"
            ),
            models.CheckConstraint(
                condition=Q(transcript="") | Q(channel__in=sorted(codes.TRANSCRIPT_CHANNELS)),
                name="interaction_transcript_written_channels",
            ),
            models.CheckConstraint(
                condition=Q(anonymous=True) | Q(customer__isnull=False), name="interaction_has_customer_or_anonymous"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} contact at {self.occurred_at:%Y-%m-%d %H:%M}"


class InteractionSummarySent(models.Model):
    """A summary (and transcript, where there is one) sent to the customer through the outbox."""

    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE, related_name="summaries_sent")
    channel = models.CharField(max_length=10, choices=Notification.Channel.choices)
    # The address it went to, as it was then (an email address, a mobile number, a postal address).
    sent_to = models.TextField()
    included_transcript = models.BooleanField(default=False)
    notification = models.ForeignKey(Notification, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name_plural = "interaction summaries sent"

    def __str__(self) -> str:
        return f"Summary of interaction {self.interaction_id} by {self.channel} at {self.sent_at}"


class ServiceImprovementAsk(models.Model):
    """Each time the service-improvement questions were offered, and whether they were answered."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="service_improvement_asks")
    interaction = models.ForeignKey(
        Interaction, on_delete=models.SET_NULL, null=True, blank=True, related_name="service_improvement_asks"
    )
    outcome = models.PositiveSmallIntegerField(choices=codes.ServiceImprovementOutcome.choices)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["customer", "outcome", "-recorded_at"], name="service_improvement_ask_idx")]

    def __str__(self) -> str:
        return f"Service-improvement questions {self.get_outcome_display().lower()} at {self.recorded_at}"


DETAIL_MAX_LENGTH = 4000


class TimelineEvent(models.Model):
    """Something that happened to the customer, shown on their timeline beside their contacts: a
    session booked or attended, a plan sent, a referral made... Written by other services through
    services.timeline_event_record inside their own transaction; never edited afterwards.

    ``kind`` is a dotted slug registered in contacts.timeline ("session.booked"); ``subject_*``
    names the record the event is about, and ``link_*`` the staff page that shows it (a URL name
    and its keyword arguments, so the domain never builds a URL).
    """

    timeline_source = "event"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="timeline_events")
    occurred_at = models.DateTimeField()
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True, validators=[MaxLengthValidator(DETAIL_MAX_LENGTH)])
    subject_type = models.CharField(max_length=100, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    link_name = models.CharField(max_length=100, blank=True)
    link_kwargs = models.JSONField(default=dict, blank=True)
    # Empty when the customer did it themselves online, or the system did.
    actor = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            # The merged timeline, newest first, paged by (occurred_at, id); kind filters on top.
            models.Index(fields=["customer", "-occurred_at", "-id"], name="timeline_event_idx"),
            # Every event about one record (a session's history).
            models.Index(fields=["subject_type", "subject_id"], name="timeline_event_subject_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.occurred_at:%Y-%m-%d %H:%M}"


class AdviceSession(models.Model):
    """An advice session (appointment): a time with an adviser, face to face at a venue or by
    telephone, for one customer or a group. Each customer's place, with its status, is a
    SessionBooking. Self-service booking, calendars and reminders build on ``capacity``,
    ``ends_at`` (for overlap and availability checks) and the bookings' ``source``."""

    channel = models.PositiveSmallIntegerField(
        choices=[(c.value, c.label) for c in codes.SESSION_CHANNELS]
    )
    session_format = models.PositiveSmallIntegerField("format", choices=codes.SessionFormat.choices)
    title = models.CharField(max_length=200, blank=True, help_text="For group sessions: what it is about")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions")
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField()
    ends_at = models.DateTimeField()
    adviser = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="advice_sessions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="advice_sessions")
    capacity = models.PositiveSmallIntegerField(default=1)
    # Cancelled for everyone (the adviser is ill, the venue closed); places are cancelled with it.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        permissions = [("manage_sessions", "Can book advice sessions and record attendance")]
        indexes = [
            # "My sessions": an adviser's day and what is coming up.
            models.Index(fields=["adviser", "starts_at"], name="session_adviser_idx"),
            models.Index(fields=["organisation", "starts_at"], name="session_organisation_idx"),
            models.Index(fields=["venue", "starts_at"], name="session_venue_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
            models.CheckConstraint(
                condition=Q(session_format=codes.SessionFormat.GROUP) | Q(capacity=1),
                name="session_individual_has_one_place",
            ),
            models.CheckConstraint(
                condition=~Q(channel=codes.Channel.FACE_TO_FACE) | Q(venue__isnull=False),
                name="session_face_to_face_has_venue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} session at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_group(self) -> bool:
        return self.session_format == codes.SessionFormat.GROUP

    @property
    def is_face_to_face(self) -> bool:
        return self.channel == codes.Channel.FACE_TO_FACE


class SessionBooking(models.Model):
    """One customer's place in a session: its status (domain.md §4), funding and the eligibility
    decision it was booked under, and for telephone sessions the information call it follows."""

    session = models.ForeignKey(AdviceSession, on_delete=models.PROTECT, related_name="bookings")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="session_bookings")
    status = models.PositiveSmallIntegerField(choices=codes.SessionStatus.choices, default=codes.SessionStatus.BOOKED)
    non_attendance_reason = models.PositiveSmallIntegerField(
        choices=codes.NonAttendanceReason.choices, null=True, blank=True
    )
    status_note = models.TextField(blank=True, validators=[MaxLengthValidator(1000)])
    status_recorded_at = models.DateTimeField(null=True, blank=True)
    status_recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The booking that replaced this one when it was rescheduled.
    rescheduled_to = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="rescheduled_from"
    )
    funding = models.PositiveSmallIntegerField(choices=codes.SessionFunding.choices)
    fee = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    eligibility_basis = models.PositiveSmallIntegerField(choices=codes.EligibilityBasis.choices)
    circumstance = models.PositiveSmallIntegerField(
        "Jobcentre Plus or custody",
        choices=codes.EligibilityCircumstance.choices,
        default=codes.EligibilityCircumstance.NONE,
    )
    # Telephone sessions: the information call they follow, and whether the customer asked for a
    # time more than 24 hours after it (rules.telephone_session_timing).
    information_call = models.ForeignKey(
        Interaction, on_delete=models.SET_NULL, null=True, blank=True, related_name="session_bookings"
    )
    later_time_requested = models.BooleanField(default=False)
    notes = models.TextField(blank=True, validators=[MaxLengthValidator(2000)])
    source = models.PositiveSmallIntegerField(choices=codes.BookingSource.choices, default=codes.BookingSource.ADVISER)
    booked_at = models.DateTimeField()
    booked_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["session__starts_at", "id"]
        indexes = [
            # The record's sessions and the free-session count (eligibility).
            models.Index(fields=["customer", "status"], name="booking_customer_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["session", "customer"], name="booking_one_place_per_customer"),
            models.CheckConstraint(
                condition=Q(status=codes.SessionStatus.DID_NOT_ATTEND) | Q(non_attendance_reason__isnull=True),
                name="booking_reason_only_when_not_attended",
            ),
            models.CheckConstraint(
                condition=Q(funding=codes.SessionFunding.FEE_PAYING) | Q(fee__isnull=True),
                name="booking_fee_only_when_fee_paying",
            ),
        ]

    def __str__(self) -> str:
        return f"Booking {self.pk} ({self.get_status_display()})"
