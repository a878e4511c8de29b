"""One interface for email, text messages and letters.

``send_email``, ``send_sms`` and ``send_letter`` store the message in the outbox and deliver it
from a background task after the caller's transaction commits, so a request never waits on a
provider and a rolled-back change never sends anything.
"""

from signpost.core.notifications.services import render_message, send_email, send_letter, send_sms

__all__ = ["render_message", "send_email", "send_letter", "send_sms"]
