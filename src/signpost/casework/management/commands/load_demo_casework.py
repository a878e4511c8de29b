"""Demo casework: a London team, tasks in every state, transfers from the national contact centre
(one queued out of hours, one waiting, one called back) and follow-up calls. Written through the
services, as staff would. Safe to run again: nothing is added once the demo transfers exist."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from signpost.accounts.demo import demo_staff_email
from signpost.accounts.models import User
from signpost.casework import codes, services
from signpost.casework.models import FollowUpCall, Task, Team, Transfer
from signpost.contacts import codes as contact_codes
from signpost.contacts import services as contact_services
from signpost.core import working_days
from signpost.customers.models import Customer
from signpost.organisations.models import Organisation


def _last_moment(weekday: int, hour: int) -> datetime.datetime:
    """The latest past ``weekday`` (0 Monday) at ``hour`` London time, at least a day ago."""
    day = timezone.localdate() - datetime.timedelta(days=1)
    while day.weekday() != weekday:
        day -= datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=working_days.LONDON)


class Command(BaseCommand):
    help = "Load demo tasks, transfers and follow-up calls (demo mode only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Demo data can only be loaded with SIGNPOST_DEMO on (never in production).")
        national_adviser = User.objects.get(email=demo_staff_email("adviser", "national"))
        adviser = User.objects.get(email=demo_staff_email("adviser", "london"))
        leader = User.objects.get(email=demo_staff_email("team_leader", "london"))
        if Transfer.objects.filter(requested_by=national_adviser).exists():
            self.stdout.write("Demo casework already loaded.")
            return
        customers = list(Customer.objects.filter(terminated_at__isnull=True).order_by("id")[:12])
        if len(customers) < 12:
            raise CommandError("Load the demo customers first (load_demo_customers).")
        london = Organisation.objects.get(touchpoint_id="0000000103")
        with transaction.atomic():
            team, _ = Team.objects.get_or_create(organisation=london, name="Callbacks")
            team.members.add(adviser, leader)
            self._transfers(national_adviser, adviser, london, customers[:3])
            self._tasks(adviser, leader, london, team, customers[3:7])
            self._follow_ups(adviser, customers[7:12])
        self.stdout.write(
            f"Demo casework ready: {Task.objects.count()} tasks, {Transfer.objects.count()} transfers, "
            f"{FollowUpCall.objects.count()} follow-up calls."
        )

    def _transfers(self, caller: User, adviser: User, london: Organisation, customers: list[Customer]) -> None:
        # Saturday morning: queued for the prime's next working day, and by now overdue.
        services.transfer_request(
            actor=caller,
            customer=customers[0],
            to_organisation=london,
            context="Wants a face-to-face session about returning to work after caring for her mother.",
            now=_last_moment(5, 10),
        )
        # Tuesday at 11: in hours, accepted, the callback still to make.
        waiting = services.transfer_request(
            actor=caller,
            customer=customers[1],
            to_organisation=london,
            context="Asked for help with a CV for warehouse jobs; prefers to meet in person.",
            now=_last_moment(1, 11),
        )
        services.transfer_accept(actor=adviser, transfer=waiting)
        done = services.transfer_request(
            actor=caller,
            customer=customers[2],
            to_organisation=london,
            context="Interested in an electrician apprenticeship; needs advice on maths entry requirements.",
            now=_last_moment(2, 14),
        )
        services.transfer_accept(actor=adviser, transfer=done)
        services.transfer_callback_record(
            actor=adviser,
            transfer=done,
            called_back_at=timezone.now(),
            note="Called back; booked a session at the Brixton library for next week.",
        )

    def _tasks(self, adviser: User, leader: User, london: Organisation, team: Team, customers: list[Customer]) -> None:
        now = timezone.now()
        callback = codes.TaskType.CALLBACK
        services.task_create(
            actor=leader,
            task_type=callback,
            customer=customers[0],
            organisation=london,
            team=team,
            summary=f"Call back {customers[0].full_name} about college funding",
        )
        claimed = services.task_create(
            actor=leader,
            task_type=callback,
            customer=customers[1],
            organisation=london,
            summary=f"Call back {customers[1].full_name} about interview practice",
        )
        services.task_claim(actor=adviser, task=claimed)
        services.task_create(
            actor=leader,
            task_type=callback,
            customer=customers[2],
            organisation=london,
            summary=f"Call back {customers[2].full_name}: missed call",
            available_from=now - datetime.timedelta(days=3),
        )
        finished = services.task_create(
            actor=leader,
            task_type=callback,
            customer=customers[3],
            organisation=london,
            summary=f"Call back {customers[3].full_name} about a traineeship",
        )
        services.task_claim(actor=adviser, task=finished)
        services.task_complete(actor=adviser, task=finished, note="Spoke to them; sent the traineeship links.")
        services.tasks_escalate(now=now)

    def _follow_ups(self, adviser: User, customers: list[Customer]) -> None:
        five_weeks_ago = timezone.now() - datetime.timedelta(weeks=5)
        for number, customer in enumerate(customers):
            interaction = contact_services.interaction_record(
                actor=adviser,
                customer=customer,
                channel=contact_codes.Channel.TELEPHONE,
                interaction_type=contact_codes.InteractionType.TELEPHONE_CALL,
                reason=contact_codes.ReasonForContact.DEVELOP_MY_CAREER,
                service_level=contact_codes.ServiceLevel.ADVICE,
                summary="Talked through options for retraining and agreed next steps.",
                occurred_at=five_weeks_ago + datetime.timedelta(hours=number),
            )
            # Most say yes, as the service hopes; one says no.
            services.follow_up_offer_record(actor=adviser, interaction=interaction, wanted=number != 4)
        made = FollowUpCall.objects.filter(customer=customers[0], number=1).first()
        if made is not None:
            services.follow_up_call_record(
                actor=adviser,
                call=made,
                reached=True,
                situation_change=codes.SituationChange.POSITIVE,
                note="Has started a level 2 course at the local college.",
            )
