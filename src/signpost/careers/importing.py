"""What every careers import shares: a report that accounts for every row, and progress lines.

An import never drops a row silently: each row read is created, updated, unchanged or rejected
with its line number, its key and the reason. Accepted rows are kept even when others are rejected.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

T = TypeVar("T")
PROGRESS_EVERY = 200


class RowRejected(Exception):
    """A row that cannot be imported; the message says why, in words an editor can act on."""


@dataclass(frozen=True)
class Rejection:
    line: int
    key: str
    reason: str


@dataclass
class ImportReport:
    what: str
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Rows that are not data by design (headings in a classification file), counted apart.
    skipped: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def reject(self, line: int, key: str, reason: str) -> None:
        self.rejected.append(Rejection(line, key, reason))

    @property
    def accounted(self) -> int:
        return self.created + self.updated + self.unchanged + self.skipped + len(self.rejected)

    def summary(self) -> str:
        return (
            f"{self.what}: {self.read} read, {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, "
            + (f"{self.skipped} skipped, " if self.skipped else "")
            + f"{len(self.rejected)} rejected."
        )


def validation_message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)


def with_progress(rows: Iterable[T], report: ImportReport, say: Callable[[str], None]) -> Iterator[T]:
    """Count rows into the report and say how far the import has got every few hundred rows."""
    for row in rows:
        report.read += 1
        if report.read % PROGRESS_EVERY == 0:
            say(f"  {report.read} rows read…")
        yield row


def read_csv(path: Path, *, delimiter: str = ",", required: Iterable[str] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; refuses a file whose header lacks a required column."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        missing = [name for name in required if name not in (reader.fieldnames or [])]
        if missing:
            raise CommandError(f"{path.name} has no column {', '.join(missing)}.")
        for row in reader:
            yield reader.line_num, row


class ImportCommand(BaseCommand):
    """A command that takes one path, imports it and prints the report (rejections on stderr)."""

    path_help = "the file to import"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", type=Path, help=self.path_help)

    def say(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def finish(self, report: ImportReport) -> None:
        for note in report.notes:
            self.stdout.write(f"  {note}")
        for rejection in report.rejected:
            self.stderr.write(f"  line {rejection.line} ({rejection.key or 'no key'}): {rejection.reason}")
        style = self.style.WARNING if report.rejected else self.style.SUCCESS
        self.stdout.write(style(report.summary()))
        if report.accounted != report.read:
            missing = report.read - report.accounted
            raise CommandError(f"{missing} rows were not accounted for; nothing may be lost silently.")
