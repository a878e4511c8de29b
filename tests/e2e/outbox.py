"""Email as the journeys receive it: delivered by the real task worker, read from the outbox."""

from __future__ import annotations

import re

from django.core.management import call_command

from signpost.core.models import Notification

LINK = re.compile(r"https?://\S+")


def run_queued_tasks() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)


def latest_email_to(address: str) -> Notification:
    """The newest email to ``address`` after the worker has delivered everything queued."""
    run_queued_tasks()
    email = (
        Notification.objects.filter(channel=Notification.Channel.EMAIL, recipient__iexact=address)
        .order_by("-created_at")
        .first()
    )
    assert email is not None, f"no email to {address} in the outbox"
    assert email.status == Notification.Status.DELIVERED, f"email to {address} is {email.status}: {email.last_error}"
    return email


def link_in(email: Notification) -> str:
    links = LINK.findall(email.body)
    assert len(links) == 1, f"expected one link in {email.subject!r}, found {links}:\n{email.body}"
    return links[0]
