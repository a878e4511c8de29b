"""Reference codes of casework (domain.md §4): tasks, transfers and follow-up calls.

The national data-sharing standard has no lists for these, so every code here is ours.
"""

from django.db import models


class TaskType(models.IntegerChoices):
    """Ours. Further types (fulfilment, complaint response, safeguarding review, knowledge-article
    review) join this list as their issues are built."""

    CALLBACK = 1, "Callback"
    FOLLOW_UP_CALL = 2, "Follow-up call"
    QUEUED_TRANSFER = 3, "Queued transfer"
    REFERRAL_FOLLOW_UP = 4, "Referral follow-up"


class TaskStatus(models.IntegerChoices):
    """Ours. Open and claimed are the statuses still to be worked."""

    OPEN = 1, "Open"
    CLAIMED = 2, "Claimed"
    DONE = 3, "Done"
    CANCELLED = 4, "Cancelled"


ACTIVE_TASK_STATUSES = (TaskStatus.OPEN, TaskStatus.CLAIMED)


class TransferStatus(models.IntegerChoices):
    """Ours: requested → accepted → called back. A transfer made out of hours waits as a task."""

    REQUESTED = 1, "Waiting to be accepted"
    ACCEPTED = 2, "Accepted"
    CALLED_BACK = 3, "Called back"


class FollowUpService(models.IntegerChoices):
    """Ours: which service's follow-up rule applies (domain.md §4)."""

    YOUTH = 1, "Youth service"
    ADULT_ADVICE = 2, "Adult advice service"


class FollowUpCallStatus(models.IntegerChoices):
    """Ours."""

    DUE = 1, "To be made"
    MADE = 2, "Made"
    CANCELLED = 3, "Cancelled"


class SituationChange(models.IntegerChoices):
    """Ours: how the customer's situation moved since the contact they were followed up from."""

    POSITIVE = 1, "Changed for the better"
    NONE = 2, "No change"
    NEGATIVE = 3, "Changed for the worse"
