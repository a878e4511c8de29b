"""PostgreSQL: the extensions and SQL functions the search engine uses (nothing on SQLite, whose
engine registers the same rule from signpost.search.text on each connection).

search_fold mirrors text.fold; search_osa_distance and search_near mirror text.word_near and
text.tolerant_match (optimal string alignment: a swapped pair of letters counts as one slip).
pg_trgm gives similarity() for ranking; unaccent removes accents. Both are trusted extensions
(PostgreSQL 13+): the database owner may create them; see docs/operations.md.
"""

from django.db import migrations

FUNCTIONS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # unaccent() is only STABLE (its dictionary could be changed); naming the dictionary makes
    # the result fixed, so the fold may be IMMUTABLE and used in an index.
    """
    CREATE FUNCTION search_fold(value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT btrim(regexp_replace(
        regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)), '[''’‘`]', '', 'g'),
        '[^[:alnum:]]+', ' ', 'g'))
    $$
    """,
    """
    CREATE FUNCTION search_osa_distance(a text, b text) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    DECLARE
      la integer := length(a);
      lb integer := length(b);
      before_last integer[];
      last integer[];
      current integer[];
      cost integer;
      best integer;
    BEGIN
      IF la = 0 THEN RETURN lb; END IF;
      IF lb = 0 THEN RETURN la; END IF;
      -- Row i of the table is kept with column j at position j + 1.
      last := ARRAY(SELECT generate_series(0, lb));
      before_last := last;
      FOR i IN 1..la LOOP
        current := array_fill(0, ARRAY[lb + 1]);
        current[1] := i;
        FOR j IN 1..lb LOOP
          cost := CASE WHEN substr(a, i, 1) = substr(b, j, 1) THEN 0 ELSE 1 END;
          best := least(last[j + 1] + 1, current[j] + 1, last[j] + cost);
          IF i > 1 AND j > 1 AND substr(a, i, 1) = substr(b, j - 1, 1) AND substr(a, i - 1, 1) = substr(b, j, 1) THEN
            best := least(best, before_last[j - 1] + 1);
          END IF;
          current[j + 1] := best;
        END LOOP;
        before_last := last;
        last := current;
      END LOOP;
      RETURN last[lb + 1];
    END
    $$
    """,
    """
    CREATE FUNCTION search_near(typed text[], document text) RETURNS boolean
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
    """,
]

# The extensions stay: other databases objects may have come to use them.
DROP_FUNCTIONS = [
    "DROP FUNCTION IF EXISTS search_near(text[], text)",
    "DROP FUNCTION IF EXISTS search_osa_distance(text, text)",
    "DROP FUNCTION IF EXISTS search_fold(text)",
]


def create_functions(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FUNCTIONS:
            schema_editor.execute(statement, params=None)


def drop_functions(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP_FUNCTIONS:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunPython(create_functions, drop_functions, elidable=False)]
