from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from signpost.accounts.roles import VIEW_CUSTOMERS, WORK_TASKS
from signpost.casework import selectors as casework_selectors
from signpost.workspace.access import staff_view


@staff_view(providers_too=True)
def home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    queues = None
    if user.has_perm(WORK_TASKS):
        # One query: the to-do and overdue counts of the person's three queues.
        queues = casework_selectors.queue_counts(user, timezone.now(), casework_selectors.team_ids_of(user))
    return render(
        request,
        "workspace/home.html",
        {"active_nav": "home", "queues": queues, "finds_customers": user.has_perm(VIEW_CUSTOMERS)},
    )
