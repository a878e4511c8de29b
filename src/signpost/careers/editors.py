"""Which fields of a job profile a person (an editor) has set, read from the profile's history.

Imports fill fields that editors may also change. An import never overwrites an editor's choice:
it asks here which fields a person changed. A change by a person is a history record with a
``history_user`` whose value differs from the record before it; imports and the sample content
write their records without a user. A row's first record is where it starts (a working copy starts
as a copy of the published profile), not a change.
"""

from __future__ import annotations

from collections.abc import Iterable

from signpost.careers.models import JobProfile


def fields_set_by_editors(profile_ids: Iterable[int], fields: Iterable[str]) -> dict[int, set[str]]:
    """For each profile whose history shows a person changing one of ``fields``, those fields."""
    wanted = list(fields)
    records = JobProfile.history.model.objects  # type: ignore[attr-defined]
    touched = set(
        records.filter(id__in=list(profile_ids), history_user__isnull=False).values_list("id", flat=True).distinct()
    )
    if not touched:
        return {}
    found: dict[int, set[str]] = {}
    previous: dict[int, dict[str, object]] = {}
    rows = records.filter(id__in=touched).order_by("id", "history_date", "history_id")
    for row in rows.values("id", "history_user_id", *wanted).iterator(chunk_size=1000):
        before = previous.get(row["id"])
        if before is not None and row["history_user_id"] is not None:
            changed = {name for name in wanted if row[name] != before[name]}
            if changed:
                found.setdefault(row["id"], set()).update(changed)
        previous[row["id"]] = row
    return found
