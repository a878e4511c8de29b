"""Load the national local authority → area table from a CSV file (TouchpointID, LADCode, LocalAuthority)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from signpost.customers.services import area_routing_load


class Command(BaseCommand):
    help = "Load local authority → area routing from a CSV in the national format. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        if not path.is_file():
            raise CommandError(f"No file at {path}")
        # utf-8-sig: exports from spreadsheet tools often start with a byte order mark.
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = {"TouchpointID", "LADCode", "LocalAuthority"} - set(reader.fieldnames or [])
            if missing:
                raise CommandError(f"{path} has no column {', '.join(sorted(missing))}")
            report = area_routing_load(actor=None, rows=reader)
        for line, reason in report.rejected:
            self.stderr.write(f"Line {line} rejected: {reason}")
        self.stdout.write(
            f"Area routing: {report.created} added, {report.updated} updated, {report.unchanged} unchanged, "
            f"{len(report.rejected)} rejected."
        )
