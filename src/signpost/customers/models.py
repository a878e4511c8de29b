"""The customer record (domain.md §3): one record that every channel reads and writes.

Writes go through services.py, reads through selectors.py; the rules live in rules.py.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from signpost.customers import codes
from signpost.organisations.models import Area

# No look-alikes (0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, U/V), so a reference read out on the phone or
# copied from a letter survives. 20 symbols in 8 places give 25.6 billion references.
REFERENCE_ALPHABET = "34679ACEFGHJKMNPRTWX"
REFERENCE_LENGTH = 8


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def format_reference(reference: str) -> str:
    """Shown in two groups of four ("C4HK-7WMR"); stored without the hyphen."""
    return f"{reference[:4]}-{reference[4:]}"


ukprn_validator = RegexValidator(r"^1\d{7}$", "Enter a UKPRN of 8 digits starting with 1, like 10001234")

USER = settings.AUTH_USER_MODEL


class Customer(models.Model):
    reference = models.CharField(max_length=REFERENCE_LENGTH, unique=True, default=new_reference, editable=False)
    title = models.PositiveSmallIntegerField(choices=codes.Title.choices, default=codes.Title.NOT_PROVIDED)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.PositiveSmallIntegerField(choices=codes.Gender.choices, default=codes.Gender.NOT_PROVIDED)
    unique_learner_number = models.CharField(max_length=10, blank=True)
    customer_type = models.PositiveSmallIntegerField(
        choices=codes.CustomerType.choices, default=codes.CustomerType.ADULT
    )
    introduced_by = models.PositiveSmallIntegerField(
        choices=codes.IntroducedBy.choices, default=codes.IntroducedBy.NOT_PROVIDED
    )
    introduced_by_detail = models.CharField(max_length=100, blank=True)
    date_registered = models.DateField(default=timezone.localdate)
    terminated_at = models.DateTimeField(null=True, blank=True)
    termination_reason = models.PositiveSmallIntegerField(
        choices=codes.TerminationReason.choices, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        permissions = [
            # Special category data (UK GDPR art. 9): the diversity part, health and ethnicity.
            ("view_special_category", "Can see special category data (health, disability, ethnicity)"),
            ("merge_customer", "Can merge two records of the same person"),
        ]
        indexes = [
            # Duplicate checks and searches compare names without regard to case.
            models.Index(
                Lower("family_name"), Lower("given_name"), models.F("date_of_birth"), name="customer_name_dob_idx"
            ),
            # A tolerant name search narrows by date of birth first, whatever the name typed.
            models.Index(fields=["date_of_birth"], name="customer_dob_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(terminated_at__isnull=True, termination_reason__isnull=True)
                | Q(terminated_at__isnull=False, termination_reason__isnull=False),
                name="customer_termination_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.display_reference})"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def display_reference(self) -> str:
        return format_reference(self.reference)

    @property
    def is_terminated(self) -> bool:
        return self.terminated_at is not None


class ContactDetails(models.Model):
    """Phone numbers are stored in E.164 (+447700900123), with any extension kept apart."""

    customer = models.OneToOneField(Customer, on_delete=models.CASCADE, related_name="contact_details")
    preferred_method = models.PositiveSmallIntegerField(
        choices=codes.ContactMethod.choices, default=codes.ContactMethod.NOT_KNOWN
    )
    mobile = models.CharField(max_length=16, blank=True, db_index=True)
    home_phone = models.CharField(max_length=16, blank=True, db_index=True)
    home_phone_extension = models.CharField(max_length=6, blank=True)
    alternative_phone = models.CharField(max_length=16, blank=True, db_index=True)
    alternative_phone_extension = models.CharField(max_length=6, blank=True)
    # Stored lower case so equality is case-insensitive on every database.
    email = models.EmailField(max_length=254, blank=True, db_index=True)
    # Whether the customer is live (not terminated), copied from Customer by the services that
    # terminate, merge and un-merge, so the database itself can hold "email unique among live
    # customers" (a constraint cannot reach across tables).
    live = models.BooleanField(default=True, editable=False)
    may_contact_by_phone = models.BooleanField(default=False)
    may_contact_by_sms = models.BooleanField(default=False)
    may_contact_by_email = models.BooleanField(default=False)
    may_contact_by_post = models.BooleanField(default=False)
    preferred_language = models.CharField(max_length=50, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    accessibility_needs = models.TextField(blank=True, validators=[MaxLengthValidator(1000)])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "contact details"
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(live=True) & ~Q(email=""),
                name="contact_email_unique_among_live",
                violation_error_message="Another customer already has this email address.",
            ),
        ]

    def __str__(self) -> str:
        return f"Contact details of customer {self.customer_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # New contact details start as live as their customer, however they are created.
        if self._state.adding:
            self.live = self.customer.terminated_at is None
        super().save(*args, **kwargs)


class Address(models.Model):
    """Effective-dated: a move ends the old address and adds the new one, so history is kept."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="addresses")
    line_1 = models.CharField(max_length=100)
    line_2 = models.CharField(max_length=100, blank=True)
    line_3 = models.CharField(max_length=100, blank=True)
    town = models.CharField(max_length=100, blank=True)
    county = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, db_index=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    local_authority = models.CharField(max_length=9, blank=True)
    area = models.PositiveSmallIntegerField(choices=Area.choices, null=True, blank=True)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_from", "-id"]
        verbose_name_plural = "addresses"
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="address_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line_1}, {self.postcode}"


class Diversity(models.Model):
    """Special category data. Without the matching consent every value is 'not provided'."""

    customer = models.OneToOneField(Customer, on_delete=models.CASCADE, related_name="diversity")
    health_consent = models.BooleanField(default=False)
    health_consent_at = models.DateTimeField(null=True, blank=True)
    disability_declaration = models.PositiveSmallIntegerField(
        choices=codes.DisabilityDeclaration.choices, default=codes.DisabilityDeclaration.NOT_PROVIDED
    )
    primary_disability = models.PositiveSmallIntegerField(
        choices=codes.DisabilityType.choices, default=codes.DisabilityType.NOT_PROVIDED
    )
    secondary_disability = models.PositiveSmallIntegerField(
        choices=codes.DisabilityType.choices, default=codes.DisabilityType.NOT_PROVIDED
    )
    ethnicity_consent = models.BooleanField(default=False)
    ethnicity_consent_at = models.DateTimeField(null=True, blank=True)
    ethnicity = models.PositiveSmallIntegerField(choices=codes.Ethnicity.choices, default=codes.Ethnicity.NOT_PROVIDED)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "diversity"
        constraints = [
            models.CheckConstraint(
                condition=Q(health_consent=True)
                | Q(
                    disability_declaration=codes.DisabilityDeclaration.NOT_PROVIDED,
                    primary_disability=codes.DisabilityType.NOT_PROVIDED,
                    secondary_disability=codes.DisabilityType.NOT_PROVIDED,
                ),
                name="diversity_health_needs_consent",
            ),
            models.CheckConstraint(
                condition=Q(ethnicity_consent=True) | Q(ethnicity=codes.Ethnicity.NOT_PROVIDED),
                name="diversity_ethnicity_needs_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"Diversity of customer {self.customer_id}"


class EmploymentStatus(models.Model):
    """One dated entry; the whole history is kept so progression can be measured."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="employment_statuses")
    recorded_on = models.DateField()
    status = models.PositiveSmallIntegerField(choices=codes.EmploymentStatusCode.choices)
    hours = models.PositiveSmallIntegerField(choices=codes.HoursBand.choices, default=codes.HoursBand.NOT_KNOWN)
    unemployment_length = models.PositiveSmallIntegerField(
        choices=codes.UnemploymentLength.choices, null=True, blank=True
    )
    economic_shock = models.PositiveSmallIntegerField(
        choices=codes.EconomicShock.choices, default=codes.EconomicShock.NOT_APPLICABLE
    )
    economic_shock_code = models.CharField(max_length=50, blank=True)
    employer_name = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_on", "-id"]
        indexes = [models.Index(fields=["customer", "-recorded_on", "-id"], name="employment_latest_idx")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.recorded_on}"


class LearningStatus(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="learning_statuses")
    recorded_on = models.DateField()
    status = models.PositiveSmallIntegerField(choices=codes.LearningStatusCode.choices)
    hours = models.PositiveSmallIntegerField(choices=codes.HoursBand.choices, default=codes.HoursBand.NOT_KNOWN)
    highest_qualification = models.PositiveSmallIntegerField(
        choices=codes.QualificationLevel.choices, null=True, blank=True
    )
    qualification_achieved_on = models.DateField(null=True, blank=True)
    last_provider_ukprn = models.CharField(max_length=8, blank=True, validators=[ukprn_validator])
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_on", "-id"]
        indexes = [models.Index(fields=["customer", "-recorded_on", "-id"], name="learning_latest_idx")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.recorded_on}"


class PriorityGroupConfirmation(models.Model):
    """What the adviser confirmed, next to what the system suggested; the latest one is current."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="priority_group_confirmations")
    groups = models.JSONField()
    suggested = models.JSONField(default=list)
    confirmed_on = models.DateField()
    confirmed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-confirmed_on", "-id"]

    def __str__(self) -> str:
        return f"Priority groups {self.groups} on {self.confirmed_on}"


class IdentitySecret(models.Model):
    """A memorable word for phone identity checks; never stored or shown in plain text.

    ``word_hash`` is the whole word through Django's password hasher. Advisers ask for a few
    characters, not the word, so each position also has a keyed hash (HMAC of customer, position
    and character under the site's secret key): a stolen database alone gives nothing to guess
    against, and the word itself is never needed to check an answer.
    """

    customer = models.OneToOneField(Customer, on_delete=models.CASCADE, related_name="identity_secret")
    word_hash = models.CharField(max_length=256)
    position_hashes = models.JSONField()
    length = models.PositiveSmallIntegerField()
    set_at = models.DateTimeField()
    set_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Memorable word of customer {self.customer_id}"


class IdentityCheck(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="identity_checks")
    positions = models.JSONField()
    passed = models.BooleanField()
    checked_at = models.DateTimeField()
    checked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-checked_at", "-id"]

    def __str__(self) -> str:
        return f"Identity check {'passed' if self.passed else 'failed'} at {self.checked_at}"


class ConsentRecord(models.Model):
    """Each change of consent is a new row: the latest is current, the rest is the history."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="consents")
    user_research = models.BooleanField()
    # Market research gates satisfaction surveys.
    market_research = models.BooleanField()
    lawful_basis = models.PositiveSmallIntegerField(choices=codes.LawfulBasis.choices)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"Consent of customer {self.customer_id} at {self.recorded_at}"


class AreaRouting(models.Model):
    """The national local authority → area table, loaded by ``load_area_routing``.

    Takes precedence over the facts shipped in core/data, so a deployer can load a newer table.
    """

    local_authority = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=100)
    touchpoint_id = models.CharField(max_length=10)
    area = models.PositiveSmallIntegerField(choices=Area.choices)
    loaded_at = models.DateTimeField()

    class Meta:
        ordering = ["local_authority"]

    def __str__(self) -> str:
        return f"{self.name} ({self.local_authority}) → {self.area}"


class CustomerMerge(models.Model):
    """Two records of one person made into one (domain.md §3 "Duplicates"), kept so an
    administrator can undo it.

    ``survivor_before`` and ``survivor_after`` hold the surviving record's values that the merge
    changed, before and after (personal data: registered in customers/privacy.py); ``moved`` names
    every row that moved from the duplicate, by model label and field, with primary keys, so undo
    moves back exactly those and nothing added since. See customers/merging.py.
    """

    survivor = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="merges_kept")
    duplicate = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="merges_absorbed")
    merged_at = models.DateTimeField()
    merged_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    survivor_before = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    survivor_after = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    moved = models.JSONField(default=list)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    undo_reason = models.TextField(blank=True, validators=[MaxLengthValidator(500)])

    class Meta:
        ordering = ["-merged_at", "-id"]
        permissions = [("undo_merge", "Can undo a merge of two customer records")]
        indexes = [models.Index(fields=["-merged_at", "-id"], name="customer_merge_newest_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(survivor=models.F("duplicate")), name="customer_merge_two_records"),
            models.CheckConstraint(
                condition=Q(undone_at__isnull=True, undone_by__isnull=True)
                | Q(undone_at__isnull=False, undone_by__isnull=False),
                name="customer_merge_undone_by_someone",
            ),
            # A record is merged away at most once at a time.
            models.UniqueConstraint(
                fields=["duplicate"], condition=Q(undone_at__isnull=True), name="customer_merge_duplicate_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Merge of customer {self.duplicate_id} into {self.survivor_id}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
