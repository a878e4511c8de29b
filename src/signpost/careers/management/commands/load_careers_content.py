"""Load our own job categories and sample job profiles (careers/content/). Safe to run again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from signpost.careers.sample import load_sample_content


class Command(BaseCommand):
    help = "Add the 25 job categories and the sample job profiles written for this service; keeps existing ones."

    def handle(self, *args: Any, **options: Any) -> None:
        added, kept = load_sample_content()
        self.stdout.write(f"Careers content ready: {added} sample job profiles added, {kept} already there.")
