"""Casework (domain.md §4): tasks and work queues, transfers between organisations, follow-up calls.

Writes go through services.py, reads through selectors.py; the rules live in rules.py.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from signpost.casework import codes
from signpost.customers.models import Customer
from signpost.organisations.models import Organisation

USER = settings.AUTH_USER_MODEL
TASK_SUMMARY_MAX_LENGTH = 200
TEAM_NAME_MAX_LENGTH = 100
NOTE_MAX_LENGTH = 2000
TRANSFER_CONTEXT_MAX_LENGTH = 2000
_ACTIVE = Q(status__in=[status.value for status in codes.ACTIVE_TASK_STATUSES])


class Team(models.Model):
    """A team inside one delivering organisation; "my team's tasks" are the tasks of my teams.

    A team is archived rather than deleted, so the tasks it finished keep saying whose they were;
    an archived team's name is free for a new team.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=TEAM_NAME_MAX_LENGTH)
    members: models.ManyToManyField[Any, Any] = models.ManyToManyField(USER, related_name="teams", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    archived_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["organisation__name", "name"]
        permissions = [("manage_teams", "Can create, rename and archive their organisation's teams and choose members")]
        constraints = [
            # "Callbacks" and "callbacks" would be one team to the people choosing between them.
            models.UniqueConstraint(
                Lower("name"),
                "organisation",
                condition=Q(archived_at__isnull=True),
                name="team_active_name_unique_in_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Task(models.Model):
    """One piece of work in an organisation's queue, optionally for a team or a person.

    ``available_from`` is when it can be worked (a transfer made at night waits for the next
    working day's opening); ``due_at`` comes from the type's service level (rules.task_due_at)
    unless the caller gives one (a follow-up call's window closes on its own date).
    """

    task_type = models.PositiveSmallIntegerField("type", choices=codes.TaskType.choices)
    status = models.PositiveSmallIntegerField(choices=codes.TaskStatus.choices, default=codes.TaskStatus.OPEN)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="tasks")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks")
    assignee = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, null=True, blank=True, related_name="tasks")
    summary = models.CharField(max_length=TASK_SUMMARY_MAX_LENGTH)
    details = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])
    available_from = models.DateTimeField()
    due_at = models.DateTimeField()
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    claimed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    completion_note = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])
    # Set once, when the task was first found overdue and its organisation's team leaders were told.
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        permissions = [
            ("work_tasks", "Can see their organisation's work queues and claim and complete tasks"),
            ("reassign_tasks", "Can reassign tasks within their organisation"),
        ]
        indexes = [
            # The three work queues, each of work still to do, soonest due first. The queues' to-do
            # and overdue counts read the organisation's range alone (on PostgreSQL, an index-only
            # scan: it carries the assignee and team too).
            models.Index(
                fields=["organisation", "due_at", "id"],
                include=["assignee", "team"],
                condition=_ACTIVE,
                name="task_organisation_queue_idx",
            ),
            models.Index(fields=["assignee", "due_at", "id"], condition=_ACTIVE, name="task_assignee_queue_idx"),
            models.Index(fields=["team", "due_at", "id"], condition=_ACTIVE, name="task_team_queue_idx"),
            # The escalation job: active tasks past due and not yet escalated.
            models.Index(
                fields=["due_at"], condition=_ACTIVE & Q(escalated_at__isnull=True), name="task_escalation_idx"
            ),
            models.Index(fields=["customer", "-created_at"], name="task_customer_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_at__gte=models.F("available_from")), name="task_due_after_available"
            ),
            models.CheckConstraint(
                condition=~Q(status=codes.TaskStatus.CLAIMED) | Q(assignee__isnull=False),
                name="task_claimed_has_assignee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_task_type_display()}: {self.summary}"

    @property
    def is_active(self) -> bool:
        return self.status in codes.ACTIVE_TASK_STATUSES


class Transfer(models.Model):
    """The contact centre hands a customer to their area's prime contractor (domain.md §4)."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="transfers")
    from_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="transfers_made")
    to_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="transfers_received")
    context = models.TextField(validators=[MaxLengthValidator(TRANSFER_CONTEXT_MAX_LENGTH)])
    requested_callback_at = models.DateTimeField(null=True, blank=True)
    status = models.PositiveSmallIntegerField(
        choices=codes.TransferStatus.choices, default=codes.TransferStatus.REQUESTED
    )
    # Made outside the prime's hours: waits as a queued-transfer task for their next working day.
    task = models.OneToOneField(Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="transfer")
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    called_back_at = models.DateTimeField(null=True, blank=True)
    called_back_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    callback_note = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])

    class Meta:
        ordering = ["-requested_at", "-id"]
        permissions = [("transfer_customers", "Can transfer a customer to another organisation")]
        indexes = [
            models.Index(fields=["to_organisation", "status", "-requested_at"], name="transfer_incoming_idx"),
            models.Index(fields=["customer", "-requested_at"], name="transfer_customer_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_organisation=models.F("to_organisation")), name="transfer_between_organisations"
            ),
            models.CheckConstraint(
                condition=Q(status=codes.TransferStatus.REQUESTED) | Q(accepted_at__isnull=False),
                name="transfer_accepted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=codes.TransferStatus.CALLED_BACK) | Q(called_back_at__isnull=False),
                name="transfer_called_back_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Transfer of customer {self.customer_id} to {self.to_organisation_id} at {self.requested_at}"


class FollowUpOffer(models.Model):
    """The answer to "would you like a follow-up call?" at the end of a contact: the consent to
    follow-up of the service-improvement questions. Only eligible contacts are asked
    (rules.follow_up_service), so take-up is wanted / offers."""

    interaction = models.OneToOneField("contacts.Interaction", on_delete=models.CASCADE, related_name="follow_up_offer")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="follow_up_offers")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    service = models.PositiveSmallIntegerField(choices=codes.FollowUpService.choices)
    wanted = models.BooleanField()
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-recorded_at", "-id"]
        permissions = [("view_follow_up_take_up", "Can see follow-up take-up for their organisation")]
        indexes = [models.Index(fields=["organisation", "recorded_at"], name="follow_up_offer_take_up_idx")]

    def __str__(self) -> str:
        return f"Follow-up {'wanted' if self.wanted else 'declined'} at {self.recorded_at}"


class FollowUpCall(models.Model):
    """One planned follow-up call, made within its window (dates in London), worked as a task."""

    offer = models.ForeignKey(FollowUpOffer, on_delete=models.CASCADE, related_name="calls")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="follow_up_calls")
    number = models.PositiveSmallIntegerField()
    window_opens = models.DateField()
    window_closes = models.DateField()
    status = models.PositiveSmallIntegerField(
        choices=codes.FollowUpCallStatus.choices, default=codes.FollowUpCallStatus.DUE
    )
    task = models.OneToOneField(Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_up_call")
    made_at = models.DateTimeField(null=True, blank=True)
    reached = models.BooleanField(null=True, blank=True)
    situation_change = models.PositiveSmallIntegerField(choices=codes.SituationChange.choices, null=True, blank=True)
    note = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["window_opens", "number"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "number"], name="follow_up_call_number_unique"),
            models.CheckConstraint(
                condition=Q(window_closes__gte=models.F("window_opens")), name="follow_up_window_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"Follow-up call {self.number} of customer {self.customer_id}"
