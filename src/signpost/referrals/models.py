"""The partner directory and referrals (domain.md §2 and §4).

Partners are organisations we point customers to. They are a directory, not users: nobody signs in
for a partner, so they are not ``organisations.Organisation`` rows (those employ staff). A referral
or signpost belongs to a customer record and goes to a partner or to another of the service's
channels. Writes go through services.py, reads through selectors.py; the rules live in rules.py.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from signpost.customers.models import Customer
from signpost.organisations.models import Area, Organisation
from signpost.referrals import codes

USER = settings.AUTH_USER_MODEL
HELP_WITH_MAX_LENGTH = 1000
REASON_MAX_LENGTH = 1000
NOTES_MAX_LENGTH = 2000
STATUS_REASON_MAX_LENGTH = 1000


class Partner(models.Model):
    name = models.CharField(max_length=200)
    help_with = models.TextField("what they help with", validators=[MaxLengthValidator(HELP_WITH_MAX_LENGTH)])
    # A national partner serves every area; otherwise the areas are its PartnerArea rows.
    serves_all_england = models.BooleanField(default=False)
    # E.164, as customers' numbers are, with any extension apart.
    phone = models.CharField(max_length=16, blank=True)
    phone_extension = models.CharField(max_length=6, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    website = models.URLField(max_length=300, blank=True)
    address_line_1 = models.CharField(max_length=100, blank=True)
    address_line_2 = models.CharField(max_length=100, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    accepts_warm_transfers = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        permissions = [("manage_partners", "Can add, change and deactivate partners in the referral directory")]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="partner_name_unique_ci"),
            models.CheckConstraint(
                condition=Q(is_active=True, deactivated_at__isnull=True)
                | Q(is_active=False, deactivated_at__isnull=False),
                name="partner_deactivation_has_time",
            ),
        ]
        indexes = [models.Index(fields=["is_active", "name"], name="partner_active_name_idx")]

    def __str__(self) -> str:
        return self.name


class PartnerCategoryLink(models.Model):
    """One of a partner's categories; a row each so the directory filters on an index."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="category_links")
    category = models.PositiveSmallIntegerField(choices=codes.PartnerCategory.choices)

    class Meta:
        ordering = ["category"]
        constraints = [models.UniqueConstraint(fields=["partner", "category"], name="partner_category_unique")]
        indexes = [models.Index(fields=["category", "partner"], name="partner_category_idx")]

    def __str__(self) -> str:
        return f"{self.partner_id}: {self.get_category_display()}"


class PartnerArea(models.Model):
    """One of the areas a partner serves (none when it serves all of England)."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="area_links")
    area = models.PositiveSmallIntegerField(choices=Area.choices)

    class Meta:
        ordering = ["area"]
        constraints = [models.UniqueConstraint(fields=["partner", "area"], name="partner_area_unique")]
        indexes = [models.Index(fields=["area", "partner"], name="partner_area_idx")]

    def __str__(self) -> str:
        return f"{self.partner_id}: {self.get_area_display()}"


class Referral(models.Model):
    """A customer referred or signposted to a partner, or to another channel of the service."""

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="referrals")
    kind = models.PositiveSmallIntegerField(choices=codes.ReferralKind.choices)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals")
    channel = models.PositiveSmallIntegerField(choices=codes.OtherChannel.choices, null=True, blank=True)
    reason = models.TextField(validators=[MaxLengthValidator(REASON_MAX_LENGTH)])
    notes = models.TextField(blank=True, validators=[MaxLengthValidator(NOTES_MAX_LENGTH)])
    warm_transfer = models.BooleanField(default=False)
    consent_to_share = models.BooleanField(default=False)
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    follow_up_on = models.DateField(null=True, blank=True)
    # The "referral follow-up" task in the adviser's organisation's queue, when one was needed.
    follow_up_task = models.ForeignKey(
        "casework.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The customer's area when the referral was made, for management information.
    area = models.PositiveSmallIntegerField(choices=Area.choices, null=True, blank=True)
    status = models.PositiveSmallIntegerField(choices=codes.ReferralStatus.choices, default=codes.ReferralStatus.MADE)
    status_changed_at = models.DateTimeField()
    made_at = models.DateTimeField()
    made_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-made_at", "-id"]
        permissions = [("make_referral", "Can refer and signpost customers and update their referrals")]
        indexes = [
            models.Index(fields=["customer", "-made_at", "-id"], name="referral_customer_idx"),
            models.Index(fields=["partner", "status"], name="referral_partner_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(partner__isnull=False, channel__isnull=True)
                | Q(partner__isnull=True, channel__isnull=False),
                name="referral_to_partner_or_channel",
            ),
            models.CheckConstraint(
                condition=Q(warm_transfer=False) | Q(kind=codes.ReferralKind.REFERRAL, partner__isnull=False),
                name="referral_warm_transfer_to_partner",
            ),
            models.CheckConstraint(
                condition=~Q(kind=codes.ReferralKind.REFERRAL, partner__isnull=False)
                | Q(consent_to_share=True, consent_recorded_at__isnull=False),
                name="referral_to_partner_has_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk} of customer {self.customer_id}"

    @property
    def destination(self) -> str:
        """Where the customer was sent, as an adviser would say it."""
        if self.partner_id is not None:
            return self.partner.name  # type: ignore[union-attr]
        return str(codes.OtherChannel(self.channel).label) if self.channel else ""

    @property
    def is_closed(self) -> bool:
        return self.status in codes.CLOSED_STATUSES

    @property
    def status_colour(self) -> str:
        return codes.STATUS_COLOURS.get(codes.ReferralStatus(self.status), "grey")


class ReferralStatusChange(models.Model):
    """Each status a referral has had, starting with "made", so its history can be read back."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.PositiveSmallIntegerField(choices=codes.ReferralStatus.choices, null=True, blank=True)
    to_status = models.PositiveSmallIntegerField(choices=codes.ReferralStatus.choices)
    reason = models.TextField(blank=True, validators=[MaxLengthValidator(STATUS_REASON_MAX_LENGTH)])
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["referral", "changed_at", "id"], name="referral_status_change_idx")]

    def __str__(self) -> str:
        return f"Referral {self.referral_id} {self.get_to_status_display().lower()} at {self.changed_at}"
