"""Contacts (domain.md §4): every interaction on every channel, with or without a known customer.

Writes go through services.py, reads through selectors.py; the rules live in rules.py.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q

from signpost.contacts import codes
from signpost.core.models import Notification
from signpost.customers import codes as customer_codes
from signpost.customers.models import Customer
from signpost.organisations.models import Area, Organisation

USER = settings.AUTH_USER_MODEL
SUMMARY_MAX_LENGTH = 4000
TRANSCRIPT_MAX_LENGTH = 200_000


class Interaction(models.Model):
    """One contact. ``customer`` is empty for an anonymous enquiry until it is attached to a record;
    ``anonymous`` stays true after attaching so statistics still count it as an anonymous contact."""

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
