"""The job profile search index, kept by the database on every write (careers/search.py reads it).

The searched text is a profile's title, alternative and hidden titles, overview and day-to-day
tasks, with word stems so "plumbers" finds "plumber" (docs/decisions/0003-search.md describes the
engines). Nothing changes the profile table itself:

- SQLite: an FTS5 table with the profile table as its external content (no second copy of the
  text), Porter stems, accents removed, and triggers on insert, update of those columns and delete.
- PostgreSQL: a side table of one weighted tsvector per profile (title A, other titles B, overview
  C, tasks D) with a GIN index, filled by a trigger. The words are folded as the search app folds
  them (search_fold: lower case, no accents or apostrophes) and stemmed by an English Snowball
  dictionary *without* stop words, so "IT" in "IT support technician" stays searchable. No foreign
  key: test flushes truncate the profile table alone, and searches join to live profiles anyway.
"""

from django.db import migrations

COLUMNS = ("title", "alternative_titles", "hidden_titles", "overview", "tasks")

SQLITE_FORWARDS = [
    "CREATE VIRTUAL TABLE careers_job_profile_search USING fts5("
    "title, alternative_titles, hidden_titles, overview, tasks, "
    "content='careers_jobprofile', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')",
    "INSERT INTO careers_job_profile_search(careers_job_profile_search) VALUES ('rebuild')",
    "CREATE TRIGGER careers_job_profile_search_insert AFTER INSERT ON careers_jobprofile BEGIN "
    "INSERT INTO careers_job_profile_search(rowid, title, alternative_titles, hidden_titles, overview, tasks) "
    "VALUES (new.id, new.title, new.alternative_titles, new.hidden_titles, new.overview, new.tasks); END",
    "CREATE TRIGGER careers_job_profile_search_delete AFTER DELETE ON careers_jobprofile BEGIN "
    "INSERT INTO careers_job_profile_search(careers_job_profile_search, rowid, title, alternative_titles, "
    "hidden_titles, overview, tasks) VALUES ('delete', old.id, old.title, old.alternative_titles, "
    "old.hidden_titles, old.overview, old.tasks); END",
    "CREATE TRIGGER careers_job_profile_search_update AFTER UPDATE OF title, alternative_titles, hidden_titles, "
    "overview, tasks ON careers_jobprofile BEGIN "
    "INSERT INTO careers_job_profile_search(careers_job_profile_search, rowid, title, alternative_titles, "
    "hidden_titles, overview, tasks) VALUES ('delete', old.id, old.title, old.alternative_titles, "
    "old.hidden_titles, old.overview, old.tasks); "
    "INSERT INTO careers_job_profile_search(rowid, title, alternative_titles, hidden_titles, overview, tasks) "
    "VALUES (new.id, new.title, new.alternative_titles, new.hidden_titles, new.overview, new.tasks); END",
]

SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS careers_job_profile_search_insert",
    "DROP TRIGGER IF EXISTS careers_job_profile_search_delete",
    "DROP TRIGGER IF EXISTS careers_job_profile_search_update",
    "DROP TABLE IF EXISTS careers_job_profile_search",
]

POSTGRES_FORWARDS = [
    "CREATE TEXT SEARCH DICTIONARY careers_english_stem (TEMPLATE = snowball, Language = english)",
    "CREATE TEXT SEARCH CONFIGURATION careers_english (COPY = english)",
    "ALTER TEXT SEARCH CONFIGURATION careers_english ALTER MAPPING REPLACE english_stem WITH careers_english_stem",
    """
    CREATE FUNCTION careers_job_profile_document(
      title text, alternative_titles jsonb, hidden_titles jsonb, overview text, tasks jsonb
    ) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT setweight(to_tsvector('careers_english'::regconfig, coalesce(search_fold(title), '')), 'A')
          || setweight(to_tsvector('careers_english'::regconfig,
               coalesce(search_fold(alternative_titles::text || ' ' || hidden_titles::text), '')), 'B')
          || setweight(to_tsvector('careers_english'::regconfig, coalesce(search_fold(overview), '')), 'C')
          || setweight(to_tsvector('careers_english'::regconfig, coalesce(search_fold(tasks::text), '')), 'D')
    $$
    """,
    "CREATE TABLE careers_job_profile_search (profile_id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX careers_job_profile_search_document ON careers_job_profile_search USING gin (document)",
    """
    CREATE FUNCTION careers_job_profile_search_keep() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        DELETE FROM careers_job_profile_search WHERE profile_id = OLD.id;
        RETURN NULL;
      END IF;
      INSERT INTO careers_job_profile_search (profile_id, document)
      VALUES (NEW.id, careers_job_profile_document(
        NEW.title, NEW.alternative_titles, NEW.hidden_titles, NEW.overview, NEW.tasks))
      ON CONFLICT (profile_id) DO UPDATE SET document = EXCLUDED.document;
      RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER careers_job_profile_search_keep AFTER INSERT OR DELETE OR UPDATE OF "
    "title, alternative_titles, hidden_titles, overview, tasks ON careers_jobprofile "
    "FOR EACH ROW EXECUTE FUNCTION careers_job_profile_search_keep()",
    "INSERT INTO careers_job_profile_search (profile_id, document) SELECT id, careers_job_profile_document("
    "title, alternative_titles, hidden_titles, overview, tasks) FROM careers_jobprofile",
]

POSTGRES_BACKWARDS = [
    "DROP TRIGGER IF EXISTS careers_job_profile_search_keep ON careers_jobprofile",
    "DROP FUNCTION IF EXISTS careers_job_profile_search_keep()",
    "DROP TABLE IF EXISTS careers_job_profile_search",
    "DROP FUNCTION IF EXISTS careers_job_profile_document(text, jsonb, jsonb, text, jsonb)",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS careers_english",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS careers_english_stem",
]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0001_profiles_categories_occupations_and_lmi"),
        # search_fold (PostgreSQL) comes from the search app.
        ("search", "0003_levenshtein_first"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARDS, "postgresql": POSTGRES_FORWARDS}),
            _run({"sqlite": SQLITE_BACKWARDS, "postgresql": POSTGRES_BACKWARDS}),
            elidable=False,
        ),
    ]
