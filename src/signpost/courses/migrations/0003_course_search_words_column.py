"""PostgreSQL: each course's folded words as a stored tsvector column with its own GIN index, so a
search near a place can test the few hundred nearby courses one by one cheaply (folding the text
again for each row cost about 70 µs a course) and a keyword search over the whole country still
reads the index. The database fills the column on every write (a generated column). Nothing on
SQLite, whose FTS5 table answers both."""

from django.db import migrations

FORWARDS = [
    "ALTER TABLE courses_course ADD COLUMN search_words tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple'::regconfig, search_fold(title || ' ' || qualification || ' ' || awarding_body))) STORED",
    "CREATE INDEX search_course_words_column ON courses_course USING gin (search_words)",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS search_course_words_column",
    "ALTER TABLE courses_course DROP COLUMN IF EXISTS search_words",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARDS:
            schema_editor.execute(statement, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARDS:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_course_search_text_index")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
