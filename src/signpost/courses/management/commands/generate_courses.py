"""Add generated course listings: ``manage.py generate_courses --runs 100000`` for benchmarks."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from signpost.courses.generation import generate_courses
from signpost.courses.vocabulary import DEFAULT_DATA_DIR, national_vocabulary, own_vocabulary


class Command(BaseCommand):
    help = (
        "Add generated providers, venues, courses and course runs, all marked as generated. Uses the national "
        "open data (college names, LARS standards and awarding organisations, job profiles' qualification titles, "
        "real postcodes) when it is present, our own small vocabulary otherwise."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=1000, help="How many course runs to add (default 1000).")
        parser.add_argument("--seed", type=int, default=2026, help="The same seed gives the same listings.")
        parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="The national open data folder.")
        parser.add_argument(
            "--own-vocabulary", action="store_true", help="Ignore the national data and use our own vocabulary."
        )
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, default=None, help="Start dates are around this day (ISO)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["runs"] < 1:
            raise CommandError("--runs must be 1 or more.")
        vocabulary = None if options["own_vocabulary"] else national_vocabulary(options["data"])
        if vocabulary is None:
            vocabulary = own_vocabulary()
        generated = generate_courses(
            vocabulary,
            runs=options["runs"],
            seed=options["seed"],
            today=options["today"],
            progress=lambda message: self.stdout.write(message),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {generated.providers:,} providers, {generated.venues:,} venues, {generated.courses:,} "
                f"courses and {generated.runs:,} course runs in {generated.seconds:.1f}s."
            )
        )
