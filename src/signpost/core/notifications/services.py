from __future__ import annotations

from functools import partial
from typing import Any

from django.db import models, transaction
from django.template.loader import render_to_string

from signpost.core.models import Notification


def render_message(template: str, context: dict[str, Any]) -> tuple[str, str]:
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` into a subject and body."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context).strip()
    return subject, body


def _store_and_schedule(
    *, channel: str, recipient: str, subject: str, body: str, reference: str, about: models.Model | None
) -> Notification:
    from signpost.core.notifications.tasks import deliver_notification

    notification = Notification.objects.create(
        channel=channel,
        recipient=recipient,
        subject=subject,
        body=body,
        reference=reference,
        about_type=about._meta.label_lower if about is not None else "",
        about_id=str(about.pk) if about is not None else "",
    )
    transaction.on_commit(partial(deliver_notification.enqueue, str(notification.pk)))
    return notification


# ``about``: the record the message concerns (a customer, usually). Messages to a customer must
# give it, so subject access exports include them and anonymisation clears them.


def send_email(
    *, to: str, subject: str, body: str, reference: str = "", about: models.Model | None = None
) -> Notification:
    return _store_and_schedule(
        channel=Notification.Channel.EMAIL, recipient=to, subject=subject, body=body, reference=reference, about=about
    )


def send_sms(*, to: str, body: str, reference: str = "", about: models.Model | None = None) -> Notification:
    return _store_and_schedule(
        channel=Notification.Channel.SMS, recipient=to, subject="", body=body, reference=reference, about=about
    )


def send_letter(
    *,
    address_lines: list[str],
    subject: str,
    body: str,
    reference: str = "",
    about: models.Model | None = None,
) -> Notification:
    """``address_lines``: name first, postcode last, as Royal Mail and GOV.UK Notify expect."""
    return _store_and_schedule(
        channel=Notification.Channel.LETTER,
        recipient="\n".join(address_lines),
        subject=subject,
        body=body,
        reference=reference,
        about=about,
    )
