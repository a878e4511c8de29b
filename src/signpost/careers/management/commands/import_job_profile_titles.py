"""Import the national profiles' other titles: manage.py import_job_profile_titles <2019 job_profiles.csv>."""

from __future__ import annotations

from typing import Any

from signpost.careers.importing import ImportCommand, ImportReport
from signpost.careers.titles import TitlesReport, import_job_profile_titles


class Command(ImportCommand):
    help = (
        "Set the alternative titles and search words of imported national job profiles from the 2019 export "
        "(AlternativeTitle, HiddenAlternativeTitle and CourseKeywords)."
    )
    path_help = "job_profiles.csv from the 2019 national export (ncs-dysac-2019)"

    def handle(self, *args: Any, **options: Any) -> None:
        self.finish(import_job_profile_titles(options["path"], say=self.say))

    def finish(self, report: ImportReport) -> None:
        if isinstance(report, TitlesReport):
            for row in report.unmatched:
                self.stdout.write(f"  line {row.line} ({row.key}): {row.reason}")
        super().finish(report)
