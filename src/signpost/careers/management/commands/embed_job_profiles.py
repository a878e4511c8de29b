"""Make the sentence embeddings of the published job profiles for the "describe what you enjoy"
search: manage.py embed_job_profiles. Needs the optional extra (make install-embeddings)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from signpost.careers import embeddings


class Command(BaseCommand):
    help = (
        "Embed the published job profiles whose text changed since they were last embedded, and "
        "drop the vectors of profiles no longer published. Safe to run again: unchanged profiles are skipped."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not embeddings.installed():
            raise CommandError(
                "The describe search's optional extra is not installed: run `make install-embeddings` first."
            )

        def progress(done: int, to_do: int) -> None:
            self.stdout.write(f"Embedded {done} of {to_do} changed profiles")

        counts = embeddings.embed_profiles(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts.profiles} published profiles ({embeddings.MODEL_NAME}): {counts.embedded} embedded, "
                f"{counts.unchanged} unchanged; {counts.removed} vectors of unpublished profiles removed."
            )
        )
