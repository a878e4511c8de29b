"""Each engine against a real database: this file runs on SQLite (FTS5) in the README's test
command and on PostgreSQL (tsvector, pg_trgm, the SQL functions of migration 0001) in CI's second
run, with the same cases as text.py."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from signpost import search
from signpost.accounts.roles import Role
from signpost.customers import codes, services
from signpost.customers.models import Customer
from signpost.search import engines, text
from tests.factories import CustomerFactory, make_staff

pytestmark = pytest.mark.django_db

PEOPLE = [
    ("Ada", "Lovelace"),
    ("John", "Smith"),
    ("Jane", "Smithson"),
    ("Muhammad", "Ali"),
    ("Siobhán", "O'Brien"),
    ("Zoë", "Brontë-Jones"),
    ("Søren", "Strauß"),
]


@pytest.fixture
def adviser(london: Any) -> Any:
    return make_staff(Role.ADVISER, organisation=london, mfa=False)


@pytest.fixture
def people() -> dict[str, Any]:
    return {f"{given} {family}": CustomerFactory(given_name=given, family_name=family) for given, family in PEOPLE}


def found(query: str, *, tolerant: bool = True) -> set[str]:
    rows = search.matching(Customer.objects.all(), search.CUSTOMER_NAME, query, tolerant=tolerant)
    return {customer.full_name for customer in rows}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Adda Lovelase", {"Ada Lovelace"}),
        ("lovel", {"Ada Lovelace"}),
        ("elace", {"Ada Lovelace"}),
        ("LOVELACE ada", {"Ada Lovelace"}),
        ("Jhon Smyth", {"John Smith"}),
        ("smiht", {"John Smith", "Jane Smithson"}),
        ("Jane Smith", {"Jane Smithson"}),
        ("Mohammed Ali", {"Muhammad Ali"}),
        ("obrien", {"Siobhán O'Brien"}),
        ("Siobhan O’Brien", {"Siobhán O'Brien"}),
        ("zoe jones", {"Zoë Brontë-Jones"}),
        ("bronte", {"Zoë Brontë-Jones"}),
        ("Soren Strauss", {"Søren Strauß"}),
        ("Grace Hopper", set()),
        ("!!!", set()),
    ],
)
def test_tolerant_search_finds_starts_parts_and_slips(people, query, expected):
    assert found(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lov", {"Ada Lovelace"}),
        ("ada lovelace", {"Ada Lovelace"}),
        ("smith", {"John Smith", "Jane Smithson"}),
        ("jo sm", {"John Smith"}),
        ("zoe", {"Zoë Brontë-Jones"}),
        ("Adda", set()),  # no slips without tolerance
        ("elace", set()),  # nor parts: every word typed must start a word
    ],
)
def test_word_search_needs_every_word_to_start_a_word(people, query, expected):
    assert found(query, tolerant=False) == expected


def test_rank_puts_the_closest_name_first(people):
    CustomerFactory(given_name="Adam", family_name="Lovelock")
    rows = search.matching(Customer.objects.all(), search.CUSTOMER_NAME, "ada love").order_by("-search_rank")
    ranked = [(customer.full_name, customer.search_rank) for customer in rows]
    assert [name for name, _ in ranked] == ["Ada Lovelace", "Adam Lovelock"]
    assert 0 < ranked[1][1] < ranked[0][1] <= 1


def test_search_narrows_the_rows_it_is_given(people):
    other = CustomerFactory(given_name="Ada", family_name="Lovelace")
    narrowed = Customer.objects.filter(pk=other.pk)
    assert list(search.matching(narrowed, search.CUSTOMER_NAME, "ada lovelace")) == [other]
    assert list(search.matching(narrowed, search.CUSTOMER_NAME, "ada lovelace", tolerant=False)) == [other]


def test_nothing_to_search_for_finds_nothing(people):
    assert not search.matching(Customer.objects.all(), search.CUSTOMER_NAME, " - ").exists()


def test_find_ids_closest_first(people):
    lovelace = people["Ada Lovelace"]
    near = CustomerFactory(given_name="Ada", family_name="Lovelase")
    assert search.find_ids(search.CUSTOMER_NAME, "Ada Lovelace", model="customers.Customer") == [lovelace.pk, near.pk]


# The index follows every write, whichever way it is made ---------------------------------------


def test_index_follows_create_edit_terminate_and_delete(adviser):
    customer = services.customer_create(actor=adviser, given_name="Ada", family_name="Lovelace")
    assert found("lovelace", tolerant=False) == {"Ada Lovelace"}

    services.customer_update_identity(actor=adviser, customer=customer, family_name="King")
    assert found("lovelace", tolerant=False) == set()
    assert found("lovelace") == set()
    assert found("ada king", tolerant=False) == {"Ada King"}

    # A terminated record is still found (the search page marks it).
    services.customer_terminate(actor=adviser, customer=customer, reason=codes.TerminationReason.DUPLICATE)
    assert found("ada king", tolerant=False) == {"Ada King"}

    Customer.objects.filter(pk=customer.pk).delete()
    assert found("ada king", tolerant=False) == set()


def test_index_follows_bulk_and_queryset_writes():
    """Writes that skip save(), as merging, anonymising or generate_load_data may make."""
    Customer.objects.bulk_create([Customer(given_name="Grace", family_name="Hopper", reference="GRACEHOP")])
    assert found("hopper", tolerant=False) == {"Grace Hopper"}
    Customer.objects.filter(reference="GRACEHOP").update(given_name="Anonymised", family_name="Customer")
    assert found("grace hopper", tolerant=False) == set()
    assert found("grace hopper") == set()
    assert found("anonymised", tolerant=False) == {"Anonymised Customer"}


def test_no_trace_of_a_replaced_name_once_personal_data_is_erased():
    """The anonymisation test scans every table; SQLite's FTS5 keeps replaced words in older
    segments until they are merged, which forget_removed_text does."""
    customer = CustomerFactory(given_name="Zebedee", family_name="Quartermaine")
    Customer.objects.filter(pk=customer.pk).update(given_name="Anonymised", family_name="Customer")
    engines.forget_removed_text()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'search\\_%' ESCAPE '\\' AND type = 'table'")
            tables = [name for (name,) in cursor.fetchall()]
            assert "search_customer_name_data" in tables
            for table in tables:
                cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608  # nosec B608
                stored = b" ".join(
                    value if isinstance(value, bytes) else str(value).encode()
                    for row in cursor.fetchall()
                    for value in row
                )
                assert b"zebedee" not in stored.lower() and b"quartermaine" not in stored.lower(), table
    assert found("zebedee quartermaine") == set()


@pytest.mark.parametrize("query", ["ada", "smiht", "zoe jones", "obrien", "mohammed"])
def test_database_and_python_agree(people, query):
    """The engine on this database and the rule in text.py give the same answer for each row."""
    expected = {
        customer.full_name
        for customer in Customer.objects.all()
        if text.tolerant_match(text.tokens(query), text.fold(customer.full_name))
    }
    assert found(query) == expected
