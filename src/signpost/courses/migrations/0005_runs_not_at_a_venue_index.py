"""PostgreSQL: an index of the runs not at a venue that a search near a place lists after the
nearby venues (online runs, and work-based runs nationally or in the place's area).

Online and work-based are the only learning methods without a venue (check constraint
``run_place_matches_delivery_mode``), so the index holds those runs, in the order the search lists
them (work-based before online, then by start, flexible starts first), with every column of the
run that their counts by filter values read. A page of them reads its runs in order rather than
sorting thousands; their counts read this index rather than the runs table, and the courses
matching the keyword from its index.

A second index of each course's filter values and words was tried for the counts: the planner then
looked up the course of every run one by one, slower than reading the matching courses at once.

Nothing on SQLite, whose plans are steered in search_selectors.py and are within budget."""

from django.db import migrations

FORWARDS = (
    "CREATE INDEX run_not_at_a_venue_idx ON courses_courserun "
    "(delivery_mode DESC, start_date ASC NULLS FIRST, id) "
    "INCLUDE (course_id, national, study_mode, attendance, flexible_start, withdrawn_at) "
    "WHERE delivery_mode IN ('online', 'work_based')"
)
BACKWARDS = "DROP INDEX IF EXISTS run_not_at_a_venue_idx"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARDS, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARDS, params=None)


class Migration(migrations.Migration):
    dependencies = [("courses", "0004_withdrawn_listings")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
