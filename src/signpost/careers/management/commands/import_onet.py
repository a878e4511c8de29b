"""Import O*NET 29.3 and link profiles to it: manage.py import_onet <onet-29.3 folder>."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from signpost.careers.importing import ImportCommand
from signpost.careers.onet import import_onet


class Command(ImportCommand):
    help = (
        "Create or update O*NET occupations (interest profile, job zone, top skills) from an O*NET 29.3 "
        "folder, then link job profiles to them through its crosswalks/ folder."
    )
    path_help = "the O*NET 29.3 folder (Occupation Data, Interests, Job Zones, Skills, crosswalks/)"

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        if not path.is_dir():
            raise CommandError(f"{path} is not a folder.")
        self.finish(import_onet(path, say=self.say))
