"""Notifications: stored first, delivered after commit by the real worker, retried with back-off.

The SMTP and Notify adapters talk to real servers run by the test on 127.0.0.1.
"""

from __future__ import annotations

import email
import email.policy
import json
import threading
import uuid
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from aiosmtpd.controller import Controller
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from signpost.core.models import Notification
from signpost.core.notifications import send_email, send_letter, send_sms
from signpost.core.tests.support import free_port

pytestmark = pytest.mark.django_db(transaction=True)

TASK_PATH = "signpost.core.notifications.tasks.deliver_notification"

SENDERS = {
    "email": lambda: send_email(to="sam@example.com", subject="Your appointment", body="See you on Tuesday."),
    "sms": lambda: send_sms(to="07700900123", body="See you on Tuesday."),
    "letter": lambda: send_letter(
        address_lines=["Sam Smith", "1 High Street", "Leeds", "LS1 1AA"], subject="Appointment", body="Tuesday."
    ),
}


def delivery_tasks(notification: Notification) -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(task_path=TASK_PATH, args_kwargs__args=[str(notification.pk)]).order_by(
            "enqueued_at"
        )
    )


@pytest.mark.parametrize("channel", SENDERS)
def test_message_is_stored_and_enqueued_only_when_the_transaction_commits(channel, run_tasks):
    with transaction.atomic():
        notification = SENDERS[channel]()
        assert Notification.objects.get(pk=notification.pk).status == Notification.Status.QUEUED
        assert delivery_tasks(notification) == []  # nothing leaves before the commit
    [queued] = delivery_tasks(notification)
    assert queued.queue_name == "notifications"
    assert queued.status == TaskResultStatus.READY

    run_tasks()

    stored = Notification.objects.get(pk=notification.pk)
    assert stored.channel == channel
    assert (stored.status, stored.adapter, stored.attempts) == (Notification.Status.DELIVERED, "outbox", 1)
    assert stored.delivered_at is not None
    assert DBTaskResult.objects.get(pk=queued.pk).status == TaskResultStatus.SUCCESSFUL


@pytest.mark.parametrize("channel", SENDERS)
def test_nothing_is_stored_or_sent_when_the_transaction_rolls_back(channel, run_tasks):
    class Abandon(Exception):
        pass

    with pytest.raises(Abandon), transaction.atomic():
        SENDERS[channel]()
        raise Abandon
    run_tasks()
    assert Notification.objects.count() == 0
    assert DBTaskResult.objects.filter(task_path=TASK_PATH).count() == 0


def test_letter_keeps_the_address_lines_in_order():
    notification = SENDERS["letter"]()
    assert Notification.objects.get(pk=notification.pk).recipient == "Sam Smith\n1 High Street\nLeeds\nLS1 1AA"


# --- failures, retries and back-off -------------------------------------------------------------


@pytest.fixture
def unreachable_smtp(settings):
    settings.NOTIFICATIONS_EMAIL_ADAPTER = "smtp"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there: connection refused
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return settings


def test_failed_delivery_is_recorded_and_retried_later(unreachable_smtp, run_tasks):
    unreachable_smtp.NOTIFICATIONS_MAX_ATTEMPTS = 3
    notification = send_email(to="sam@example.com", subject="Hello", body="Body")
    before = timezone.now()

    run_tasks()

    stored = Notification.objects.get(pk=notification.pk)
    assert (stored.status, stored.adapter, stored.attempts) == (Notification.Status.RETRYING, "smtp", 1)
    assert "ConnectionRefusedError" in stored.last_error
    assert stored.delivered_at is None
    first, retry = delivery_tasks(notification)
    assert first.status == TaskResultStatus.SUCCESSFUL
    assert retry.status == TaskResultStatus.READY
    # First back-off is a minute; the worker must not have run it straight away.
    assert before + timedelta(seconds=55) <= retry.run_after <= timezone.now() + timedelta(minutes=1, seconds=5)


def test_delivery_fails_for_good_after_the_maximum_attempts(unreachable_smtp, run_tasks):
    unreachable_smtp.NOTIFICATIONS_MAX_ATTEMPTS = 2
    notification = send_email(to="sam@example.com", subject="Hello", body="Body")
    run_tasks()
    [_, retry] = delivery_tasks(notification)

    # Let the back-off elapse rather than wait for it.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now() - timedelta(seconds=1))
    run_tasks()

    stored = Notification.objects.get(pk=notification.pk)
    assert (stored.status, stored.attempts) == (Notification.Status.FAILED, 2)
    assert "ConnectionRefusedError" in stored.last_error
    tasks = delivery_tasks(notification)
    assert len(tasks) == 2, "a failed notification must not be enqueued again"
    assert all(task.status == TaskResultStatus.SUCCESSFUL for task in tasks)


def test_a_later_retry_that_succeeds_clears_the_error(unreachable_smtp, run_tasks):
    notification = send_email(to="sam@example.com", subject="Hello", body="Body")
    run_tasks()
    [_, retry] = delivery_tasks(notification)
    unreachable_smtp.NOTIFICATIONS_EMAIL_ADAPTER = "outbox"  # the provider has recovered
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now() - timedelta(seconds=1))
    run_tasks()
    stored = Notification.objects.get(pk=notification.pk)
    assert (stored.status, stored.attempts, stored.last_error) == (Notification.Status.DELIVERED, 2, "")


# --- SMTP against a real server -----------------------------------------------------------------


class _Inbox:
    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.NOTIFICATIONS_EMAIL_ADAPTER = "smtp"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "no-reply@signpost.example"
    yield inbox
    controller.stop()


def test_smtp_adapter_delivers_to_a_real_smtp_server(smtp_server, run_tasks):
    notification = send_email(to="sam@example.com", subject="Your appointment – Tuesday", body="See you at 10am.")
    run_tasks()

    [envelope] = smtp_server.envelopes
    assert envelope.mail_from == "no-reply@signpost.example"
    assert envelope.rcpt_tos == ["sam@example.com"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["Subject"] == "Your appointment – Tuesday"
    assert message["To"] == "sam@example.com"
    assert message["X-Signpost-Notification"] == str(notification.pk)
    assert message.get_content().strip() == "See you at 10am."
    stored = Notification.objects.get(pk=notification.pk)
    assert (stored.status, stored.adapter, stored.provider_reference) == (
        Notification.Status.DELIVERED,
        "smtp",
        str(notification.pk),
    )


# --- GOV.UK Notify against a local HTTP server --------------------------------------------------


class _FakeNotify(BaseHTTPRequestHandler):
    """Answers like Notify's v2 API and remembers each request."""

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        server = self.server
        server.requests.append(  # type: ignore[attr-defined]
            {"path": self.path, "headers": dict(self.headers), "json": json.loads(self.rfile.read(length))}
        )
        status, payload = server.reply  # type: ignore[attr-defined]
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def notify_server(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeNotify)
    server.requests = []  # type: ignore[attr-defined]
    server.provider_id = str(uuid.uuid4())  # type: ignore[attr-defined]
    server.reply = (201, {"id": server.provider_id, "reference": None})  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.service_id, server.secret = str(uuid.uuid4()), str(uuid.uuid4())  # type: ignore[attr-defined]
    settings.NOTIFY_API_KEY = f"signpost_test-{server.service_id}-{server.secret}"  # type: ignore[attr-defined]
    settings.NOTIFY_BASE_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.NOTIFY_EMAIL_TEMPLATE_ID = "11111111-1111-1111-1111-111111111111"
    settings.NOTIFY_SMS_TEMPLATE_ID = "22222222-2222-2222-2222-222222222222"
    settings.NOTIFY_LETTER_TEMPLATE_ID = "33333333-3333-3333-3333-333333333333"
    settings.NOTIFICATIONS_EMAIL_ADAPTER = "notify"
    settings.NOTIFICATIONS_SMS_ADAPTER = "notify"
    settings.NOTIFICATIONS_LETTER_ADAPTER = "notify"
    yield server
    server.shutdown()
    server.server_close()


EXPECTED_NOTIFY_REQUESTS = {
    "email": (
        "/v2/notifications/email",
        {
            "template_id": "11111111-1111-1111-1111-111111111111",
            "email_address": "sam@example.com",
            "personalisation": {"subject": "Your appointment", "body": "See you on Tuesday."},
        },
    ),
    "sms": (
        "/v2/notifications/sms",
        {
            "template_id": "22222222-2222-2222-2222-222222222222",
            "phone_number": "07700900123",
            "personalisation": {"body": "See you on Tuesday."},
        },
    ),
    "letter": (
        "/v2/notifications/letter",
        {
            "template_id": "33333333-3333-3333-3333-333333333333",
            "personalisation": {
                "address_line_1": "Sam Smith",
                "address_line_2": "1 High Street",
                "address_line_3": "Leeds",
                "address_line_4": "LS1 1AA",
                "subject": "Appointment",
                "body": "Tuesday.",
            },
        },
    ),
}


@pytest.mark.parametrize("channel", SENDERS)
def test_notify_adapter_posts_the_message_and_stores_the_provider_id(channel, notify_server, run_tasks):
    notification = SENDERS[channel]()
    run_tasks()

    [request] = notify_server.requests
    path, expected = EXPECTED_NOTIFY_REQUESTS[channel]
    assert request["path"] == path
    assert request["json"] == {**expected, "reference": str(notification.pk)}
    # Signed with the key's secret and naming the key's service, as Notify checks.
    token = request["headers"]["Authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, notify_server.secret, algorithms=["HS256"])
    assert claims["iss"] == notify_server.service_id
    stored = Notification.objects.get(pk=notification.pk)
    assert (stored.status, stored.adapter) == (Notification.Status.DELIVERED, "notify")
    assert stored.provider_reference == notify_server.provider_id


def test_notify_rejection_is_recorded_and_retried(notify_server, run_tasks):
    notify_server.reply = (
        400,
        {"status_code": 400, "errors": [{"error": "BadRequestError", "message": "Missing personalisation: body"}]},
    )
    notification = SENDERS["email"]()
    run_tasks()
    stored = Notification.objects.get(pk=notification.pk)
    assert (stored.status, stored.attempts) == (Notification.Status.RETRYING, 1)
    assert "Missing personalisation: body" in stored.last_error
    assert stored.provider_reference == ""
    assert len(delivery_tasks(notification)) == 2
