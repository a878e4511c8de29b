"""Anonymise customer records with no contact for the retention period (domain.md §9).

``--dry-run`` reports what would be anonymised, and why, without changing anything.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from signpost.data_protection import rules, selectors, services


class Command(BaseCommand):
    help = "Anonymise records past the retention period; --dry-run only reports them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Report what would be anonymised; change nothing.")
        parser.add_argument("--batch-size", type=int, default=100, help="Records per batch (default 100).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        cutoff = rules.retention_cutoff(today)
        years = settings.RETENTION_FINANCIAL_YEARS
        self.stdout.write(
            f"Retention: {years} complete financial years (1 April to 31 March) without contact, "
            f"so last contact before {cutoff:%d/%m/%Y}."
        )
        if options["dry_run"]:
            report = selectors.retention_report(today)
            self.stdout.write(f"Dry run: {len(report)} record(s) would be anonymised. Nothing has been changed.")
            for candidate in report:
                self.stdout.write(f"  {candidate.reference}  {candidate.why}")
            holds = selectors.retention_holds()
            if holds:
                self.stdout.write(f"Records kept whatever their age: {', '.join(sorted(holds))}.")
            return

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"Anonymised {done} of {total}")

        done = services.retention_run(today=today, batch_size=options["batch_size"], progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Retention finished: {done} record(s) anonymised."))
