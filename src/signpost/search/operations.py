"""A migration operation that builds a text index the database keeps up to date by itself.

SQLite: an FTS5 table with the table as its external content (no copy of the text) and triggers
on insert, update of the columns, and delete. PostgreSQL: a GIN index over the words
(to_tsvector('simple', search_fold(...))), maintained with the table like any index. Writes that
bypass the ORM (COPY, raw SQL, other tools) therefore keep the index right too.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def postgres_document(table: str, columns: tuple[str, ...] | list[str], quote: Any) -> str:
    """The folded text of a row; queries must spell it exactly so to use the index."""
    joined = " || ' ' || ".join(f"{quote(table)}.{quote(column)}" for column in columns)
    return f"search_fold({joined})"


def postgres_words(document: str) -> str:
    return f"to_tsvector('simple'::regconfig, {document})"


class CreateTextIndex(migrations.operations.base.Operation):
    reversible = True
    reduces_to_sql = True

    def __init__(self, name: str, table: str, columns: list[str]) -> None:
        self.name = name
        self.table = table
        self.columns = list(columns)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return self.__class__.__name__, [], {"name": self.name, "table": self.table, "columns": self.columns}

    def describe(self) -> str:
        return f"Create text index {self.name} on {self.table} ({', '.join(self.columns)})"

    @property
    def migration_name_fragment(self) -> str:
        return f"text_index_{self.name}"

    def state_forwards(self, app_label: str, state: Any) -> None:
        """Nothing in Django's model state: the index lives beside the models."""

    def database_forwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, from_state: Any, to_state: Any
    ) -> None:
        for statement in self._forwards(schema_editor):
            schema_editor.execute(statement)

    def database_backwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, from_state: Any, to_state: Any
    ) -> None:
        for statement in self._backwards(schema_editor):
            schema_editor.execute(statement)

    def _forwards(self, schema_editor: BaseDatabaseSchemaEditor) -> list[str]:
        quote = schema_editor.quote_name
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            document = postgres_document(self.table, self.columns, quote)
            return [
                f"CREATE INDEX {quote(f'search_{self.name}_words')} ON {quote(self.table)} "
                f"USING gin ({postgres_words(document)})"
            ]
        if vendor == "sqlite":
            fts = quote(f"search_{self.name}")
            table = quote(self.table)
            columns = ", ".join(quote(column) for column in self.columns)
            new = ", ".join(f"new.{quote(column)}" for column in self.columns)
            old = ", ".join(f"old.{quote(column)}" for column in self.columns)
            trigger = f"search_{self.name}"
            add = f"INSERT INTO {fts}(rowid, {columns}) VALUES (new.id, {new});"  # noqa: S608  # nosec B608
            remove = f"INSERT INTO {fts}({fts}, rowid, {columns}) VALUES ('delete', old.id, {old});"  # noqa: S608  # nosec B608
            return [
                # Accents removed and every letter folded to lower case by the tokenizer; prefix
                # indexes make the 2- and 3-letter starts people type quick.
                f"CREATE VIRTUAL TABLE {fts} USING fts5({columns}, content={table}, content_rowid='id', "
                "tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
                f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # noqa: S608  # nosec B608
                f"CREATE TRIGGER {quote(trigger + '_insert')} AFTER INSERT ON {table} BEGIN {add} END",
                f"CREATE TRIGGER {quote(trigger + '_delete')} AFTER DELETE ON {table} BEGIN {remove} END",
                f"CREATE TRIGGER {quote(trigger + '_update')} AFTER UPDATE OF {columns} ON {table} "
                f"BEGIN {remove} {add} END",
            ]
        return []

    def _backwards(self, schema_editor: BaseDatabaseSchemaEditor) -> list[str]:
        quote = schema_editor.quote_name
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            return [f"DROP INDEX IF EXISTS {quote(f'search_{self.name}_words')}"]
        if vendor == "sqlite":
            trigger = f"search_{self.name}"
            return [
                *(f"DROP TRIGGER IF EXISTS {quote(trigger + suffix)}" for suffix in ("_insert", "_delete", "_update")),
                f"DROP TABLE IF EXISTS {quote(f'search_{self.name}')}",
            ]
        return []
