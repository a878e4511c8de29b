"""Import labour market figures: manage.py import_occupation_employment <csv> (docs/careers-labour-market-import.md)."""

from __future__ import annotations

from typing import Any

from signpost.careers.importing import ImportCommand
from signpost.careers.lmi import import_occupation_employment


class Command(ImportCommand):
    help = "Create or update employment figures per occupation (SOC) and year from a CSV in the documented format."
    path_help = "a CSV file in the format of docs/careers-labour-market-import.md"

    def handle(self, *args: Any, **options: Any) -> None:
        self.finish(import_occupation_employment(options["path"], say=self.say))
