"""Load postcode district → local authority from a CSV shaped like postcode_districts_gb.csv."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from signpost.core.services import postcode_districts_load


class Command(BaseCommand):
    help = (
        "Load GB postcode districts (outcode, lad_code_main, and optionally latitude and longitude of the "
        "district's centre) from a CSV. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        if not path.is_file():
            raise CommandError(f"No file at {path}")
        # utf-8-sig: exports from spreadsheet tools often start with a byte order mark.
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = {"outcode", "lad_code_main"} - set(reader.fieldnames or [])
            if missing:
                raise CommandError(f"{path} has no column {', '.join(sorted(missing))}")
            report = postcode_districts_load(actor=None, rows=reader)
        for line, reason in report.rejected:
            self.stderr.write(f"Line {line} rejected: {reason}")
        self.stdout.write(
            f"Postcode districts: {report.created} added, {report.updated} updated, {report.unchanged} unchanged, "
            f"{len(report.rejected)} rejected."
        )
