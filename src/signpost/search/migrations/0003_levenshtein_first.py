"""PostgreSQL: the tolerant match asks the C Levenshtein distance first (fuzzystrmatch) and works
out the slower optimal string alignment distance only for near misses, where a swapped pair of
letters may decide it. A swap is two Levenshtein edits but one slip, so a distance up to twice the
slips allowed is worth the closer look, and a larger one never matches. Same answers, less work
per customer compared (measured: docs/decisions/0003-search.md).
"""

from django.db import migrations

WITHIN = """
    CREATE FUNCTION search_within(token text, word text, typos integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT CASE
        WHEN levenshtein_less_equal(token, word, typos * 2) <= typos THEN true
        WHEN levenshtein_less_equal(token, word, typos * 2) > typos * 2 THEN false
        ELSE search_osa_distance(token, word) <= typos
      END
    $$
"""

NEAR = """
    CREATE OR REPLACE FUNCTION search_near(typed text[], document text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    DECLARE
      words text[] := string_to_array(document, ' ');
      token text;
      word text;
      typos integer;
      found boolean;
    BEGIN
      IF cardinality(typed) = 0 THEN RETURN false; END IF;
      FOREACH token IN ARRAY typed LOOP
        typos := CASE WHEN length(token) < 4 THEN 0 WHEN length(token) < 8 THEN 1 ELSE 2 END;
        found := false;
        FOREACH word IN ARRAY coalesce(words, '{}') LOOP
          IF starts_with(word, token)
             OR (length(token) >= 3 AND strpos(word, token) > 0)
             OR (typos > 0 AND abs(length(word) - length(token)) <= typos
                 AND search_within(token, word, typos))
             OR (typos > 0 AND length(word) > length(token)
                 AND search_within(token, left(word, length(token)), typos)) THEN
            found := true;
            EXIT;
          END IF;
        END LOOP;
        IF NOT found THEN RETURN false; END IF;
      END LOOP;
      RETURN true;
    END
    $$
"""

NEAR_BEFORE = """
    CREATE OR REPLACE FUNCTION search_near(typed text[], document text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    DECLARE
      words text[] := string_to_array(document, ' ');
      token text;
      word text;
      typos integer;
      found boolean;
    BEGIN
      IF cardinality(typed) = 0 THEN RETURN false; END IF;
      FOREACH token IN ARRAY typed LOOP
        typos := CASE WHEN length(token) < 4 THEN 0 WHEN length(token) < 8 THEN 1 ELSE 2 END;
        found := false;
        FOREACH word IN ARRAY coalesce(words, '{}') LOOP
          IF starts_with(word, token)
             OR (length(token) >= 3 AND strpos(word, token) > 0)
             OR (typos > 0 AND abs(length(word) - length(token)) <= typos
                 AND search_osa_distance(token, word) <= typos)
             OR (typos > 0 AND length(word) > length(token)
                 AND search_osa_distance(token, left(word, length(token))) <= typos) THEN
            found := true;
            EXIT;
          END IF;
        END LOOP;
        IF NOT found THEN RETURN false; END IF;
      END LOOP;
      RETURN true;
    END
    $$
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in ("CREATE EXTENSION IF NOT EXISTS fuzzystrmatch", WITHIN, NEAR):
            schema_editor.execute(statement, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in (NEAR_BEFORE, "DROP FUNCTION IF EXISTS search_within(text, text, integer)"):
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_text_index_customer_name")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
