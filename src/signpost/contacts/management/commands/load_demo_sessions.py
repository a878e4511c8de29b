"""Demo venues and advice sessions in several states (demo mode only). Safe to run again."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from signpost.accounts.demo import demo_staff_email
from signpost.accounts.models import User
from signpost.contacts.demo_sessions import load_demo_sessions


class Command(BaseCommand):
    help = "Load demo venues for every area prime and advice sessions on the demo customers (demo mode only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Demo sessions can only be loaded with SIGNPOST_DEMO on (never in production).")
        adviser = User.objects.filter(email=demo_staff_email("adviser", "london")).first()
        manager = User.objects.filter(email=demo_staff_email("manager", "london")).first()
        if adviser is None or manager is None:
            raise CommandError("Run load_demo_data first: the London demo adviser and manager book the sessions.")
        self.stdout.write(load_demo_sessions(adviser=adviser, london_manager=manager))
