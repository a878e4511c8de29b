"""Full-text search: one interface, two engines (SQLite FTS5, PostgreSQL tsvector + pg_trgm).

    from signpost import search

    found = search.matching(Customer.objects.filter(date_of_birth=day), search.CUSTOMER_NAME, "Adda Lovelase")
    found.order_by("-search_rank")

The indexes are built by this app's migrations and kept by the database itself on every write
(docs/decisions/0003-search.md): triggers on SQLite, GIN indexes on PostgreSQL.
"""

from __future__ import annotations

from typing import TypeVar, cast

from django.apps import apps as django_apps
from django.db.models import Model, QuerySet

from signpost.search.engines import engine
from signpost.search.indexes import CUSTOMER_NAME, TextIndex
from signpost.search.text import fold, tokens

__all__ = ["CUSTOMER_NAME", "MINIMUM_LENGTH", "TextIndex", "find_ids", "fold", "matching", "tokens"]

M = TypeVar("M", bound=Model)

# Fewer letters than this match too much to be worth a tolerant search.
MINIMUM_LENGTH = 3


def matching(queryset: QuerySet[M], index: TextIndex, query: str, *, tolerant: bool = True) -> QuerySet[M]:
    """The rows of ``queryset`` whose text in ``index`` matches ``query``, annotated with
    ``search_rank`` (0 to 1, higher is closer) and left unordered.

    ``tolerant`` (the default) accepts a word's start, a part of it (3 letters or more) or a slip
    or two (text.word_near), judged row by row: narrow ``queryset`` first (a date of birth, a
    postcode). ``tolerant=False`` needs every word typed to start a word of the text and is served
    by the index alone, for searches over a whole table.
    """
    typed = tokens(query)
    if not typed:
        return queryset.none()
    chosen = engine(queryset.db)
    condition = chosen.tolerant(index, typed) if tolerant else chosen.words(index, typed)
    return cast("QuerySet[M]", queryset.filter(condition).annotate(search_rank=chosen.rank(index, typed)))


def find_ids(index: TextIndex, query: str, *, model: str, limit: int = 50) -> list[int]:
    """Primary keys of the rows of ``model`` ("app_label.Model") matching ``query`` tolerantly,
    closest first: a whole-table search, for checks such as "an anonymised customer can no
    longer be found by the old name". Row by row, so not for pages at scale."""
    rows = django_apps.get_model(model).objects.all()
    return list(matching(rows, index, query).order_by("-search_rank", "pk").values_list("pk", flat=True)[:limit])
