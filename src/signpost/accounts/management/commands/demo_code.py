"""Print the current authenticator code of the demo staff accounts (demo mode only)."""

import time
from typing import Any

from allauth.mfa.totp.internal.auth import hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from signpost.accounts.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the 6-digit code every demo staff account accepts right now."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Demo codes exist only with SIGNPOST_DEMO on.")
        step = int(time.time()) // 30
        remaining = 30 - int(time.time()) % 30
        self.stdout.write(f"{hotp_value(DEMO_TOTP_SECRET, step):06d} (valid for about {remaining} more seconds)")
