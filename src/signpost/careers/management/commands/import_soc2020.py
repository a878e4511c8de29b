"""Import SOC 2020 unit group descriptions: manage.py import_soc2020 <soc2020_descriptions.csv or its folder>."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from signpost.careers.importing import ImportCommand
from signpost.careers.soc import import_soc2020


class Command(ImportCommand):
    help = "Create or update SOC 2020 unit groups from the ONS descriptions, and give profiles their SOC 2020 code."
    path_help = "soc2020_descriptions.csv (or the folder holding it)"

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--soc2010-index",
            type=Path,
            help="the ONS SOC 2010 coding index (soc2010_coding_index_v5.1.csv or its folder), to code profiles "
            "from their SOC 2010 code as well as their titles",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.finish(import_soc2020(options["path"], soc2010_index=options["soc2010_index"], say=self.say))
