"""What can be searched: each index is some text columns of one table, kept by the database.

To make something else searchable (job profile titles, course names): add a ``TextIndex`` here
and a migration in this app with ``operations.CreateTextIndex`` for it (see docs/decisions/0003).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextIndex:
    name: str  # names the SQLite FTS5 table (search_<name>) and the PostgreSQL index
    table: str  # the table searched, as in its model's Meta.db_table
    columns: tuple[str, ...]  # joined by a space, in this order, into one text per row

    @property
    def fts_table(self) -> str:
        return f"search_{self.name}"

    @property
    def words_index(self) -> str:
        return f"search_{self.name}_words"


CUSTOMER_NAME = TextIndex(name="customer_name", table="customers_customer", columns=("given_name", "family_name"))

# Every index, for work on all of them (see engines.forget_removed_text).
INDEXES = (CUSTOMER_NAME,)
