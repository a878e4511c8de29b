"""Skills action plans and outcomes (domain.md §5).

A plan is agreed in an advice session (or made by the customer online) and holds goals and
actions; an outcome is what a contractor claims payment for, tied to a session. Writes go through
services.py, reads through selectors.py; the rules live in rules.py, one function each.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q

from signpost.core.models import Notification
from signpost.customers.models import Customer
from signpost.organisations.models import Organisation
from signpost.plans import codes

USER = settings.AUTH_USER_MODEL
SITUATION_MAX_LENGTH = 4000
SUMMARY_MAX_LENGTH = 2000
SIGNPOSTED_TO_MAX_LENGTH = 200
EVIDENCE_NOTE_MAX_LENGTH = 4000
VERIFICATION_REASON_MAX_LENGTH = 1000


class ActionPlan(models.Model):
    """A skills action plan. ``session`` is empty only for a plan the customer made themselves
    online (``made_by_customer``); an adviser's plan is always agreed in a session."""

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="action_plans")
    session = models.ForeignKey(
        "contacts.AdviceSession", on_delete=models.PROTECT, null=True, blank=True, related_name="action_plans"
    )
    made_by_customer = models.BooleanField(default=False)
    # The organisation and adviser who agreed it; empty for the customer's own plan.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    adviser = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    current_situation = models.TextField(blank=True, validators=[MaxLengthValidator(SITUATION_MAX_LENGTH)])
    charter_shown = models.BooleanField("customer charter shown", default=False)
    charter_shown_on = models.DateField("customer charter shown on", null=True, blank=True)
    delivery_method = models.PositiveSmallIntegerField(choices=codes.DeliveryMethod.choices, null=True, blank=True)
    sent_on = models.DateField("date sent", null=True, blank=True)
    acknowledged_at = models.DateTimeField("accepted by the customer", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["customer", "-created_at"], name="plan_customer_idx")]
        permissions = [
            ("work_on_plans", "Can agree skills action plans with customers and send them"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(made_by_customer=True) | Q(session__isnull=False), name="plan_adviser_plan_has_session"
            ),
            models.CheckConstraint(
                condition=Q(charter_shown=True) | Q(charter_shown_on__isnull=True), name="plan_charter_date_if_shown"
            ),
            models.CheckConstraint(
                condition=Q(sent_on__isnull=True) | Q(delivery_method__isnull=False), name="plan_sent_has_method"
            ),
        ]

    def __str__(self) -> str:
        return f"Action plan {self.pk} of customer {self.customer_id}"

    @property
    def is_accepted(self) -> bool:
        return self.acknowledged_at is not None


class Goal(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    goal_type = models.PositiveSmallIntegerField("type", choices=codes.GoalType.choices)
    summary = models.TextField(validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)])
    captured_on = models.DateField("date captured")
    due_on = models.DateField("due date")
    status = models.PositiveSmallIntegerField(choices=codes.GoalStatus.choices, default=codes.GoalStatus.IN_PROGRESS)
    achieved_on = models.DateField("date achieved", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("captured_on")), name="goal_due_after_captured"),
            models.CheckConstraint(
                condition=Q(status=codes.GoalStatus.ACHIEVED, achieved_on__isnull=False)
                | (~Q(status=codes.GoalStatus.ACHIEVED) & Q(achieved_on__isnull=True)),
                name="goal_achieved_date_if_achieved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_goal_type_display()} goal due {self.due_on}"


class Action(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    action_type = models.PositiveSmallIntegerField("type", choices=codes.ActionType.choices)
    summary = models.TextField(validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)])
    agreed_on = models.DateField("date agreed")
    due_on = models.DateField("due date")
    completed_on = models.DateField("date completed", null=True, blank=True)
    responsible = models.PositiveSmallIntegerField(
        "person responsible", choices=codes.PersonResponsible.choices, default=codes.PersonResponsible.CUSTOMER
    )
    # A partner from the referral directory, or (for anyone not in it) a name typed in
    # ``signposted_to``; never both (rules.validate_signposting).
    signposted_partner = models.ForeignKey(
        "referrals.Partner", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signposted_to = models.CharField(max_length=SIGNPOSTED_TO_MAX_LENGTH, blank=True)
    status = models.PositiveSmallIntegerField(
        choices=codes.ActionStatus.choices, default=codes.ActionStatus.NOT_STARTED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("agreed_on")), name="action_due_after_agreed"),
            models.CheckConstraint(
                condition=Q(status=codes.ActionStatus.COMPLETED, completed_on__isnull=False)
                | (~Q(status=codes.ActionStatus.COMPLETED) & Q(completed_on__isnull=True)),
                name="action_completed_date_if_completed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_type_display()} due {self.due_on}"

    @property
    def signposted_name(self) -> str:
        """Who the customer was signposted to, as the plan shows it."""
        if self.signposted_partner_id is not None:
            return self.signposted_partner.name  # type: ignore[union-attr]
        return self.signposted_to


class PlanSent(models.Model):
    """Each time a plan was sent to the customer: by email through the outbox (a link to their
    online space), or on paper (a letter through the outbox for fulfilment)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="sendings")
    delivery_method = models.PositiveSmallIntegerField(choices=codes.DeliveryMethod.choices)
    # The address it went to, as it was then.
    sent_to = models.TextField()
    notification = models.ForeignKey(Notification, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name_plural = "plans sent"

    def __str__(self) -> str:
        return f"Plan {self.plan_id} sent by {self.get_delivery_method_display()} at {self.sent_at}"


def evidence_path(instance: OutcomeEvidence, filename: str) -> str:
    # A random name: the customer's file name is kept in the row, never in the path.
    return f"outcome-evidence/{instance.key}"


class Outcome(models.Model):
    """A claim for an outcome achieved by the customer after a session. Withdrawn claims stay (the
    audit trail of payments) but count for nothing: not for the rules, not in the payment extract."""

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="outcomes")
    session = models.ForeignKey("contacts.AdviceSession", on_delete=models.PROTECT, related_name="outcomes")
    # The contractor claiming payment: the session's organisation.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    outcome_type = models.PositiveSmallIntegerField("type", choices=codes.OutcomeType.choices)
    effective_on = models.DateField("effective date")
    claimed_on = models.DateField("claimed date")
    priority = models.BooleanField("priority customer", default=False)
    # Why it counts as priority, in words, for whoever checks the claim.
    priority_reason = models.CharField(max_length=200, blank=True)
    evidence_note = models.TextField(validators=[MaxLengthValidator(EVIDENCE_NOTE_MAX_LENGTH)])
    verification_status = models.PositiveSmallIntegerField(
        choices=codes.VerificationStatus.choices, default=codes.VerificationStatus.AWAITING
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    withdrawal_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        indexes = [
            # The per-customer rules look at the customer's live claims by type and date.
            models.Index(fields=["customer", "outcome_type", "effective_on"], name="outcome_customer_type_idx"),
            # The payment extract: one organisation, a period of claimed dates.
            models.Index(fields=["organisation", "claimed_on"], name="outcome_org_claimed_idx"),
        ]
        permissions = [
            ("record_outcomes", "Can record outcomes and claim them"),
            ("download_payment_extract", "Can download the payment extract for their organisation"),
            ("verify_outcomes", "Can change the verification status of their organisation's outcome claims"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(claimed_on__gte=models.F("effective_on")), name="outcome_claimed_after_effective"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""), name="outcome_withdrawal_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_type_display()} outcome effective {self.effective_on}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class OutcomeVerification(models.Model):
    """Each change of a claim's verification status, with who changed it and why, so whoever
    pays or audits the claim can read how it came to stand where it does."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="verifications")
    from_status = models.PositiveSmallIntegerField(choices=codes.VerificationStatus.choices)
    to_status = models.PositiveSmallIntegerField(choices=codes.VerificationStatus.choices)
    reason = models.TextField(validators=[MaxLengthValidator(VERIFICATION_REASON_MAX_LENGTH)])
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["outcome", "-changed_at"], name="outcome_verification_idx")]

    def __str__(self) -> str:
        return f"Outcome {self.outcome_id} {self.get_to_status_display().lower()} at {self.changed_at}"


class OutcomeEvidence(models.Model):
    """A file supporting a claim. Its type is checked from its content and it is scanned for
    viruses before anyone can download it (quality.md, uploads)."""

    outcome = models.OneToOneField(Outcome, on_delete=models.CASCADE, related_name="evidence_file")
    key = models.CharField(max_length=64, unique=True)
    file = models.FileField(upload_to=evidence_path, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    scan_status = models.CharField(
        max_length=10, choices=codes.EvidenceScan.choices, default=codes.EvidenceScan.PENDING
    )
    scanned_at = models.DateTimeField(null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "outcome evidence"

    def __str__(self) -> str:
        return f"Evidence for outcome {self.outcome_id}"

    @property
    def downloadable(self) -> bool:
        return self.scan_status == codes.EvidenceScan.CLEAN
