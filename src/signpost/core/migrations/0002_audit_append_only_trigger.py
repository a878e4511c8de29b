"""Refuse UPDATE of audit events in the database itself, not only through the ORM.

DELETE is left to the ORM guard: Django's test flush empties tables with DELETE on SQLite.
"""

from django.db import migrations

SQLITE_CREATE = """
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS core_auditevent_no_update;"

POSTGRES_CREATE = """
CREATE OR REPLACE FUNCTION core_auditevent_refuse_update() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit log is append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse_update();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS core_auditevent_no_update ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_refuse_update();
"""


def create_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create_trigger, drop_trigger)]
