"""The customer's online space (domain.md §6): which online account belongs to which customer
record, and how the customer proved it (a code sent to the record, or an adviser's invitation).

Writes go through services.py, reads through selectors.py; the rules live in rules.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from signpost.core.models import Notification
from signpost.customers.models import Customer

USER = settings.AUTH_USER_MODEL


class LinkMethod(models.TextChoices):
    CODE = "code", "Date of birth and a code sent to the record"
    INVITATION = "invitation", "Invitation from an adviser and date of birth"


class AccountLink(models.Model):
    """One online account ↔ one customer record. Unlinking deletes the row; the audit log keeps
    the history."""

    customer = models.OneToOneField(Customer, on_delete=models.CASCADE, related_name="online_account_link")
    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="customer_link")
    method = models.CharField(max_length=10, choices=LinkMethod.choices)
    linked_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Online account {self.user_id} linked to customer {self.customer_id}"


class LinkRequest(models.Model):
    """One attempt by a signed-in customer to link their account by date of birth and a code.

    ``customer`` stays empty when the checks failed: the row still counts towards the daily limit,
    so a date of birth cannot be found by trying every day of the year. Only a hash of the code
    is kept.
    """

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField()
    channel = models.CharField(max_length=10, choices=Notification.Channel.choices, blank=True)
    code_hash = models.CharField(max_length=256, blank=True)
    code_sent_at = models.DateTimeField(null=True, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    codes_sent = models.PositiveSmallIntegerField(default=0)
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="link_request_user_idx")]

    def __str__(self) -> str:
        return f"Link request {self.pk} by account {self.user_id}"


class AccountInvitation(models.Model):
    """An adviser's invitation to a customer to create an online account linked to their record.

    The emailed link carries a signed token naming this row and its ``nonce``; a newer invitation
    withdraws older ones, so only the latest link works.
    """

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="online_account_invitations")
    # The address it was sent to, as it was then.
    email = models.EmailField(max_length=254)
    nonce = models.CharField(max_length=64)
    invited_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-invited_at", "-id"]
        indexes = [models.Index(fields=["customer", "-invited_at"], name="invitation_customer_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(withdrawn_at__isnull=True),
                name="invitation_accepted_or_withdrawn",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation {self.pk} to customer {self.customer_id}"


class SavedItem(models.Model):
    """Something a signed-in person saved to their online space from the public pages: a job
    profile, a course, a search, a funding statement, an assessment.

    It belongs to the online account rather than to an advice record, so people without a record
    can keep things too. The title and path are kept as saved so the list needs no join into the
    app that owns the thing.
    """

    class Kind(models.TextChoices):
        JOB_PROFILE = "job_profile", "Job profiles"
        COURSE = "course", "Courses"
        COURSE_SEARCH = "course_search", "Course searches"
        FUNDING_STATEMENT = "funding_statement", "Funding statements"
        ASSESSMENT = "assessment", "Skills assessments"
        SKILLS_CHECK = "skills_check", "Skills checks"

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="saved_items")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=200, help_text="The thing's own identifier within its kind.")
    title = models.CharField(max_length=300)
    path = models.CharField(max_length=500, help_text="The site path that opens it.")
    saved_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind", "key"], name="space_saveditem_once_per_user")]
        indexes = [models.Index(fields=["user", "kind", "-saved_at"], name="space_saved_by_user_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
