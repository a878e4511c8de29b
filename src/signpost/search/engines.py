"""The two engines behind signpost.search: chosen by the database the query runs on."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, FloatField, Model
from django.db.models.expressions import RawSQL

from signpost.search import text
from signpost.search.indexes import INDEXES, TextIndex
from signpost.search.operations import postgres_document, postgres_words

M = TypeVar("M", bound=Model)


def _sql(template: str, params: tuple[Any, ...], output_field: BooleanField | FloatField) -> RawSQL:
    """SQL naming tables and columns from a TextIndex (code, quoted); what was typed is always a
    parameter."""
    return RawSQL(template, params, output_field=output_field)  # noqa: S611  # nosec B611


class Engine(Protocol):
    def words(self, index: TextIndex, typed: list[str]) -> RawSQL:
        """True where every typed token starts a word of the row's text; served by the index."""

    def tolerant(self, index: TextIndex, typed: list[str]) -> RawSQL:
        """True where every typed token starts, appears in or is a slip away from a word
        (text.tolerant_match); worked out row by row, so narrow the rows first."""

    def rank(self, index: TextIndex, typed: list[str]) -> RawSQL:
        """How alike the row's text and the typed words are, 0 to 1 (1: the same)."""


class PostgresEngine:
    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.quote = connection.ops.quote_name

    def _document(self, index: TextIndex) -> str:
        return postgres_document(index.table, index.columns, self.quote)

    def words(self, index: TextIndex, typed: list[str]) -> RawSQL:
        # Folded tokens hold letters and digits only, so they cannot carry tsquery syntax.
        query = " & ".join(f"{token}:*" for token in typed)
        return _sql(
            f"{postgres_words(self._document(index))} @@ to_tsquery('simple'::regconfig, %s)", (query,), BooleanField()
        )

    def tolerant(self, index: TextIndex, typed: list[str]) -> RawSQL:
        return _sql(f"search_near(%s::text[], {self._document(index)})", (typed,), BooleanField())

    def rank(self, index: TextIndex, typed: list[str]) -> RawSQL:
        return _sql(f"similarity(%s, {self._document(index)})", (" ".join(typed),), FloatField())


class SqliteEngine:
    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.quote = connection.ops.quote_name

    def _document(self, index: TextIndex) -> str:
        table = self.quote(index.table)
        return " || ' ' || ".join(f"{table}.{self.quote(column)}" for column in index.columns)

    def words(self, index: TextIndex, typed: list[str]) -> RawSQL:
        fts = self.quote(index.fts_table)
        # Each token quoted as an FTS5 string, so nothing typed is read as query syntax.
        query = " AND ".join(f'"{token}"*' for token in typed)
        matched = f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s"  # noqa: S608  # nosec B608
        return _sql(f"{self.quote(index.table)}.{self.quote('id')} IN ({matched})", (query,), BooleanField())

    def tolerant(self, index: TextIndex, typed: list[str]) -> RawSQL:
        return _sql(f"search_near(%s, {self._document(index)})", (" ".join(typed),), BooleanField())

    def rank(self, index: TextIndex, typed: list[str]) -> RawSQL:
        return _sql(f"search_similarity(%s, {self._document(index)})", (" ".join(typed),), FloatField())


def engine(using: str = "default") -> Engine:
    connection = connections[using]
    if connection.vendor == "postgresql":
        return PostgresEngine(connection)
    if connection.vendor == "sqlite":
        return SqliteEngine(connection)
    raise NotImplementedError(f"No search engine for {connection.vendor}")


def forget_removed_text(using: str = "default", **kwargs: Any) -> None:
    """Leave no trace of text that was changed or removed (an anonymised name).

    SQLite's FTS5 marks replaced entries as deleted but keeps them in older segments until they
    are merged, so the tables are rewritten (quick at the embedded sizes SQLite serves).
    PostgreSQL drops dead index entries with the table's rows when (auto)vacuum runs.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for index in INDEXES:
            fts = connection.ops.quote_name(index.fts_table)
            cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")  # noqa: S608  # nosec B608


def _sqlite_near(typed: str | None, document: str | None) -> bool:
    return text.tolerant_match((typed or "").split(), text.fold(document or ""))


def _sqlite_similarity(typed: str | None, document: str | None) -> float:
    return text.similarity(typed or "", text.fold(document or ""))


def prepare_connection(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Give each new SQLite connection the matching rule as SQL functions (see text.py)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("search_near", 2, _sqlite_near, deterministic=True)
        connection.connection.create_function("search_similarity", 2, _sqlite_similarity, deterministic=True)
