"""Load the towns and local authorities people may type to search near (core.PlaceName)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from signpost.core.services import district_centres, place_names_load


def _rows(path: Path, needed: set[str]) -> list[dict[str, str]]:
    if not path.is_file():
        raise CommandError(f"No file at {path}")
    # utf-8-sig: exports from spreadsheet tools often start with a byte order mark.
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = needed - set(reader.fieldnames or [])
        if missing:
            raise CommandError(f"{path} has no column {', '.join(sorted(missing))}")
        return list(reader)


class Command(BaseCommand):
    help = (
        "Load towns (a CSV like town_and_postcode_tests.csv) and local authorities (a CSV like "
        "local_authority_districts_england_wales.csv), placed by the postcode districts CSV "
        "(postcode_districts_gb.csv). Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("towns", type=Path)
        parser.add_argument("local_authorities", type=Path)
        parser.add_argument("districts", type=Path)

    def handle(self, *args: Any, towns: Path, local_authorities: Path, districts: Path, **options: Any) -> None:
        centres = district_centres(_rows(districts, {"outcode", "latitude", "longitude", "lad_code_main"}))
        self.stdout.write(f"Read {len(centres):,} postcode district centres.")
        report = place_names_load(
            actor=None,
            towns=_rows(towns, {"Town", "Outward", "County", "Country"}),
            local_authorities=_rows(local_authorities, {"lad_code", "lad_name"}),
            districts=centres,
            progress=self.stdout.write,
        )
        for reason in report.skipped:
            self.stderr.write(f"Skipped {reason}")
        self.stdout.write(
            f"Place names: {report.towns:,} towns and {report.local_authorities:,} local authorities; "
            f"{report.created:,} added, {report.updated:,} updated, {report.unchanged:,} unchanged, "
            f"{len(report.skipped):,} skipped."
        )
