"""Demo skills assessment results saved in a demo customer's online space (demo mode only)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from signpost.assessments.demo import load_demo_assessments


class Command(BaseCommand):
    help = "Load demo skills assessment and skills check results for Jordan Hughes (demo mode only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Demo assessments can only be loaded with SIGNPOST_DEMO on (never in production).")
        self.stdout.write(load_demo_assessments())
