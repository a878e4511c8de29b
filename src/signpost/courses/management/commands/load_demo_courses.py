"""Generated course listings for ``make run``: a few thousand runs, once (a second run adds nothing)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from signpost.accounts.models import User
from signpost.accounts.roles import Role
from signpost.courses.generation import generate_courses
from signpost.courses.models import CourseRun, Provider, ProviderEditor
from signpost.courses.vocabulary import national_vocabulary, own_vocabulary

DEMO_RUNS = 3000
DEMO_SEED = 6
# Small providers, so that the venues are spread over England: a search within 10 miles of most
# English towns finds a course at a venue.
DEMO_RUNS_PER_PROVIDER = 8


class Command(BaseCommand):
    help = "Load generated demo course listings (demo mode only); does nothing when they are there already."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=DEMO_RUNS, help=f"How many course runs (default {DEMO_RUNS}).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Demo data can only be loaded with SIGNPOST_DEMO on (never in production).")
        if CourseRun.objects.filter(generated=True).exists():
            self.stdout.write("Demo courses already loaded.")
        else:
            vocabulary = national_vocabulary() or own_vocabulary()
            generated = generate_courses(
                vocabulary, runs=options["runs"], seed=DEMO_SEED, runs_per_provider=DEMO_RUNS_PER_PROVIDER
            )
            self.stdout.write(
                f"Demo courses ready: {generated.courses:,} courses with {generated.runs:,} runs at "
                f"{generated.venues:,} venues of {generated.providers:,} providers ({generated.seconds:.1f}s)."
            )
        self._link_demo_course_editors()

    def _link_demo_course_editors(self) -> None:
        """The demo course editors keep the first generated provider's courses."""
        provider = Provider.objects.filter(generated=True).order_by("pk").first()
        editors = User.objects.filter(is_demo=True, groups__name=Role.COURSE_EDITOR, course_provider_link__isnull=True)
        if provider is not None:
            ProviderEditor.objects.bulk_create([ProviderEditor(user=user, provider=provider) for user in editors])
