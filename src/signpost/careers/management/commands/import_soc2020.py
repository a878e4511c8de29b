"""Import SOC 2020 unit group descriptions: manage.py import_soc2020 <soc2020_descriptions.csv or its folder>."""

from __future__ import annotations

from typing import Any

from signpost.careers.importing import ImportCommand
from signpost.careers.soc import import_soc2020


class Command(ImportCommand):
    help = "Create or update SOC 2020 unit groups from the ONS descriptions, and code profiles that match by title."
    path_help = "soc2020_descriptions.csv (or the folder holding it)"

    def handle(self, *args: Any, **options: Any) -> None:
        self.finish(import_soc2020(options["path"], say=self.say))
