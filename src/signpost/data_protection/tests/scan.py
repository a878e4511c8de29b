"""Find text anywhere in the database: every table, every column, read through introspection.

Generic on purpose: tables added later by any app (and search index tables, including SQLite's
FTS5 shadow tables) are scanned without anyone listing them here.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # sqlite_master lists virtual (FTS5) tables and their shadow tables too.
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        else:
            cursor.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            )
        return sorted(row[0] for row in cursor.fetchall())


def _columns(table: str) -> list[tuple[str, str]]:
    """(name, type) of every column of ``table``."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, type FROM pragma_table_info(%s)", [table])
        else:
            cursor.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = %s",
                [table],
            )
        return [(name, kind.lower()) for name, kind in cursor.fetchall()]


def _fts5_tables() -> list[str]:
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'")
        return [row[0] for row in cursor.fetchall()]


def _as_text(column: str, kind: str) -> str:
    quoted = connection.ops.quote_name(column)
    if connection.vendor == "sqlite":
        return f"lower(CAST({quoted} AS TEXT))"
    if kind == "bytea":
        return f"lower(encode({quoted}, 'escape'))"
    # Every other type has a text form: json, tsvector ('word':1), arrays, numbers.
    return f"lower({quoted}::text)"


def find_text(markers: Iterable[str]) -> dict[str, list[str]]:
    """Where each marker (compared case-insensitively) is found: "table.column" per marker."""
    wanted = [marker.lower() for marker in markers]
    found: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        for table in _tables():
            columns = _columns(table)
            if not columns:
                continue
            quoted_table = connection.ops.quote_name(table)
            for column, kind in columns:
                expression = _as_text(column, kind)
                condition = " OR ".join([f"{expression} LIKE %s"] * len(wanted))
                cursor.execute(
                    f"SELECT DISTINCT {expression} FROM {quoted_table} WHERE {condition}",  # noqa: S608
                    [f"%{marker}%" for marker in wanted],
                )
                for (value,) in cursor.fetchall():
                    for marker in wanted:
                        if marker in str(value) and f"{table}.{column}" not in found.get(marker, []):
                            found.setdefault(marker, []).append(f"{table}.{column}")
        # The FTS5 index itself (its terms are in binary pages, not readable by LIKE).
        for table in _fts5_tables():
            quoted_table = connection.ops.quote_name(table)
            for marker in wanted:
                cursor.execute(f"SELECT 1 FROM {quoted_table} WHERE {quoted_table} MATCH %s LIMIT 1", [f'"{marker}"'])  # noqa: S608
                if cursor.fetchone():
                    found.setdefault(marker, []).append(f"{table} (full-text index)")
    return found
