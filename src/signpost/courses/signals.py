"""Telling other modules that courses changed, without the course directory knowing who listens.

``course_directory_changed`` is sent after the transaction commits, with ``course_ids``: the
courses whose own fields, runs or venues were added, changed or removed. A search index listens
to it and rebuilds the rows of those courses. Bulk loads (the generator, CSV imports) send it
once for everything they added, since they bypass model save signals.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

course_directory_changed = Signal()


def announce_courses_changed(course_ids: Iterable[int]) -> None:
    ids = sorted(set(course_ids))
    if ids:
        transaction.on_commit(lambda: course_directory_changed.send(sender=None, course_ids=ids))
