"""Delivery adapters. Each takes a stored notification and returns the provider's reference."""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend

from signpost.core.models import Notification


class Adapter(Protocol):
    name: str

    def deliver(self, notification: Notification) -> str: ...


class OutboxAdapter:
    """Keeps the message in the outbox only: the embedded default and the demo."""

    name = "outbox"

    def deliver(self, notification: Notification) -> str:
        return ""


class SmtpAdapter:
    name = "smtp"

    def deliver(self, notification: Notification) -> str:
        if notification.channel != Notification.Channel.EMAIL:
            raise ValueError("The SMTP adapter delivers email only.")
        message = EmailMessage(
            subject=notification.subject,
            body=notification.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.recipient],
            headers={"X-Signpost-Notification": str(notification.pk)},
            connection=EmailBackend(fail_silently=False),
        )
        message.send()
        return str(notification.pk)


class NotifyAdapter:
    """GOV.UK Notify, through one generic template per channel with ((subject)) and ((body))."""

    name = "notify"

    def _client(self):  # type: ignore[no-untyped-def]
        from notifications_python_client.notifications import NotificationsAPIClient

        return NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL)

    def deliver(self, notification: Notification) -> str:
        client = self._client()
        reference = str(notification.pk)
        if notification.channel == Notification.Channel.EMAIL:
            response = client.send_email_notification(
                email_address=notification.recipient,
                template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
                personalisation={"subject": notification.subject, "body": notification.body},
                reference=reference,
            )
        elif notification.channel == Notification.Channel.SMS:
            response = client.send_sms_notification(
                phone_number=notification.recipient,
                template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
                personalisation={"body": notification.body},
                reference=reference,
            )
        else:
            lines = notification.recipient.splitlines()
            personalisation = {f"address_line_{index}": line for index, line in enumerate(lines[:7], start=1)}
            personalisation.update({"subject": notification.subject, "body": notification.body})
            response = client.send_letter_notification(
                template_id=settings.NOTIFY_LETTER_TEMPLATE_ID,
                personalisation=personalisation,
                reference=reference,
            )
        return str(response["id"])


ADAPTERS: dict[str, type[OutboxAdapter] | type[SmtpAdapter] | type[NotifyAdapter]] = {
    "outbox": OutboxAdapter,
    "smtp": SmtpAdapter,
    "notify": NotifyAdapter,
}


def adapter_for(channel: str) -> Adapter:
    names: dict[str, str] = {
        Notification.Channel.EMAIL: settings.NOTIFICATIONS_EMAIL_ADAPTER,
        Notification.Channel.SMS: settings.NOTIFICATIONS_SMS_ADAPTER,
        Notification.Channel.LETTER: settings.NOTIFICATIONS_LETTER_ADAPTER,
    }
    name = names[channel]
    try:
        return ADAPTERS[name]()
    except KeyError:
        raise ValueError(f"Unknown notifications adapter {name!r} for {channel}.") from None
