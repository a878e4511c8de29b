"""Demo skills action plans and outcomes in several states (demo mode only). Safe to run again."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from signpost.accounts.demo import demo_staff_email
from signpost.accounts.models import User
from signpost.plans.demo import load_demo_plans


class Command(BaseCommand):
    help = "Load demo skills action plans and outcomes on the demo customers (demo mode only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Demo plans can only be loaded with SIGNPOST_DEMO on (never in production).")
        london = User.objects.filter(email=demo_staff_email("adviser", "london")).first()
        national = User.objects.filter(email=demo_staff_email("adviser", "national")).first()
        if london is None or national is None:
            raise CommandError("Run load_demo_data first: demo advisers agree the plans and claim the outcomes.")
        self.stdout.write(load_demo_plans(london=london, national=national))
