"""Import the national job profiles: manage.py import_job_profiles <job_profiles.jsonl>."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from signpost.careers.importing import ImportCommand
from signpost.careers.national import import_job_profiles


class Command(ImportCommand):
    help = "Create or update published job profiles from the national export (one JSON profile a line)."
    path_help = "job_profiles.jsonl from the national job profiles export"

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        self.finish(import_job_profiles(path, say=self.say))
