"""The course search's keyword index over each course's title, qualification and awarding body:
an FTS5 table with triggers on SQLite, a GIN index over the folded words on PostgreSQL, kept by the
database on every write (docs/decisions/0003-search.md; courses/search.py names it COURSE_TEXT)."""

from django.db import migrations

from signpost.search.operations import CreateTextIndex


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_providers_venues_courses_runs"),
        ("search", "0003_levenshtein_first"),
    ]
    operations = [
        CreateTextIndex(name="course_text", table="courses_course", columns=["title", "qualification", "awarding_body"]),
    ]
