"""Reads about casework: the work queues and their counts, incoming transfers, follow-up take-up.

Every queue is scoped to the staff member's own organisation (domain.md §2): the organisation is
always taken from the user, never from the request.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from signpost.casework import codes, rules
from signpost.casework.models import FollowUpOffer, Task, Team, Transfer
from signpost.customers import selectors as customer_selectors
from signpost.customers.models import Customer
from signpost.organisations.models import Organisation

SCOPES = ("mine", "team", "organisation")
DUE_FILTERS = ("overdue", "today", "week", "later")


def area_prime_for(customer: Customer) -> Organisation | None:
    """The prime contractor of the area of the customer's current address, if it is known."""
    address = customer_selectors.current_address(customer)
    if address is None or address.area is None:
        return None
    return Organisation.objects.filter(
        kind=Organisation.Kind.PRIME_CONTRACTOR, area=address.area, is_active=True
    ).first()


def area_primes() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=Organisation.Kind.PRIME_CONTRACTOR, is_active=True).order_by("area")


def _teams_in_use(user: Any) -> QuerySet[Team]:
    """The user's teams in their own organisation, leaving out archived ones (their open work moved
    elsewhere when they were archived)."""
    return user.teams.filter(organisation_id=user.organisation_id, archived_at__isnull=True)


def teams_of(user: Any) -> list[Team]:
    """The teams whose tasks make up the user's "my team's" queue."""
    return list(_teams_in_use(user).order_by("name"))


def team_ids_of(user: Any) -> list[int]:
    return list(_teams_in_use(user).values_list("id", flat=True))


def _scope_filter(user: Any, scope: str, team_ids: list[int]) -> Q:
    if scope == "mine":
        return Q(assignee_id=user.pk)
    if scope == "team":
        return Q(team_id__in=team_ids)
    return Q()


@dataclass(frozen=True)
class QueueCount:
    scope: str
    to_do: int
    overdue: int


def queue_counts(user: Any, now: datetime.datetime, team_ids: list[int]) -> dict[str, QueueCount]:
    """To-do and overdue counts of the three queues, in one query over the organisation's active
    tasks (the partial index on organisation and due time)."""
    overdue = Q(due_at__lt=now)
    mine, team = _scope_filter(user, "mine", team_ids), _scope_filter(user, "team", team_ids)
    counts = Task.objects.filter(organisation_id=user.organisation_id, status__in=codes.ACTIVE_TASK_STATUSES).aggregate(
        n_organisation=Count("id"),
        n_organisation_overdue=Count("id", filter=overdue),
        n_mine=Count("id", filter=mine),
        n_mine_overdue=Count("id", filter=mine & overdue),
        n_team=Count("id", filter=team),
        n_team_overdue=Count("id", filter=team & overdue),
    )
    return {scope: QueueCount(scope, counts[f"n_{scope}"], counts[f"n_{scope}_overdue"]) for scope in SCOPES}


def _local_midnight_after(now: datetime.datetime, days: int) -> datetime.datetime:
    day = timezone.localtime(now).date() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def work_queue(
    user: Any,
    scope: str,
    now: datetime.datetime,
    *,
    team_ids: list[int],
    types: list[int] | None = None,
    statuses: list[int] | None = None,
    due: str = "",
) -> QuerySet[Task]:
    """One queue's tasks, soonest due first. Statuses default to the work still to do."""
    queryset = Task.objects.filter(organisation_id=user.organisation_id).filter(_scope_filter(user, scope, team_ids))
    queryset = queryset.filter(status__in=statuses or codes.ACTIVE_TASK_STATUSES)
    if types:
        queryset = queryset.filter(task_type__in=types)
    if due == "overdue":
        queryset = queryset.filter(due_at__lt=now)
    elif due == "today":
        queryset = queryset.filter(due_at__gte=now, due_at__lt=_local_midnight_after(now, 1))
    elif due == "week":
        queryset = queryset.filter(due_at__gte=now, due_at__lt=_local_midnight_after(now, 7))
    elif due == "later":
        queryset = queryset.filter(due_at__gte=_local_midnight_after(now, 7))
    # The page's customers are fetched by key afterwards rather than joined: a join would make the
    # database read a customer for every task in the queue before keeping the first page.
    return queryset.select_related("assignee", "team").prefetch_related("customer").order_by("due_at", "id")


def task_for(user: Any, pk: int) -> Task | None:
    """A task of the user's own organisation; another organisation's does not exist for them."""
    return (
        Task.objects.filter(pk=pk, organisation_id=user.organisation_id)
        .select_related("customer", "assignee", "team", "created_by", "completed_by", "organisation")
        .first()
    )


def reassignable_staff(task: Task) -> QuerySet[Any]:
    """Who a task can be given to: active staff of its organisation who work on tasks."""
    return (
        get_user_model()
        .objects.filter(
            organisation_id=task.organisation_id,
            is_active=True,
            groups__permissions__codename="work_tasks",
            groups__permissions__content_type__app_label="casework",
        )
        .distinct()
        .order_by("given_name", "family_name", "email")
    )


def incoming_transfers(organisation_id: int, status: int | None = None) -> QuerySet[Transfer]:
    queryset = Transfer.objects.filter(to_organisation_id=organisation_id)
    if status is not None:
        queryset = queryset.filter(status=status)
    return queryset.select_related("customer", "from_organisation", "requested_by", "task").order_by(
        "status", "-requested_at", "-id"
    )


def transfer_for(user: Any, pk: int) -> Transfer | None:
    """A transfer the user's organisation made or received."""
    return (
        Transfer.objects.filter(pk=pk)
        .filter(Q(to_organisation_id=user.organisation_id) | Q(from_organisation_id=user.organisation_id))
        .select_related(
            "customer", "from_organisation", "to_organisation", "requested_by", "accepted_by", "called_back_by", "task"
        )
        .first()
    )


def customer_transfers(customer: Customer) -> QuerySet[Transfer]:
    return customer.transfers.select_related("to_organisation", "from_organisation").order_by("-requested_at")


@dataclass(frozen=True)
class TakeUp:
    offered: int
    wanted: int
    youth_offered: int
    youth_wanted: int
    adult_offered: int
    adult_wanted: int

    @staticmethod
    def share(wanted: int, offered: int) -> float | None:
        return wanted / offered if offered else None

    @property
    def overall(self) -> float | None:
        return self.share(self.wanted, self.offered)


def follow_up_take_up(organisation_id: int, start: datetime.datetime, end: datetime.datetime) -> TakeUp:
    """Of the eligible contacts asked in [start, end) by the organisation, how many wanted a
    follow-up call (only eligible contacts are asked: casework.rules.follow_up_service)."""
    youth, adult, wanted = (
        Q(service=codes.FollowUpService.YOUTH),
        Q(service=codes.FollowUpService.ADULT_ADVICE),
        Q(wanted=True),
    )
    counts = FollowUpOffer.objects.filter(
        organisation_id=organisation_id, recorded_at__gte=start, recorded_at__lt=end
    ).aggregate(
        # Named apart from the model's fields, which an aggregate of the same name would shadow.
        n_offered=Count("id"),
        n_wanted=Count("id", filter=wanted),
        n_youth_offered=Count("id", filter=youth),
        n_youth_wanted=Count("id", filter=youth & wanted),
        n_adult_offered=Count("id", filter=adult),
        n_adult_wanted=Count("id", filter=adult & wanted),
    )
    return TakeUp(**{name.removeprefix("n_"): value for name, value in counts.items()})


def follow_up_offer_of(interaction_id: int) -> FollowUpOffer | None:
    return FollowUpOffer.objects.filter(interaction_id=interaction_id).first()


def follow_up_to_offer(interaction: Any) -> int | None:
    """The follow-up service to offer at the end of ``interaction`` (rules.follow_up_service), or
    None when the customer is not eligible or was already asked at this contact."""
    customer = interaction.customer
    if customer is None or customer.is_terminated:
        return None
    service = rules.follow_up_service(
        customer, interaction.service_level, timezone.localtime(interaction.occurred_at).date()
    )
    if service is None or FollowUpOffer.objects.filter(interaction_id=interaction.pk).exists():
        return None
    return service
