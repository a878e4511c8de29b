"""Customer search (reference, email, phone, postcode, name + date of birth, worst fragment, slips).

    PYTHONPATH=src:. .venv/bin/python bench/customer_search.py --customers 50000 --interactions 500000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_customer_search PYTHONPATH=src:. \
        .venv/bin/python bench/customer_search.py --customers 1000000 --interactions 10000000

Each kind is timed three ways: the search page through the test Client (signed-in adviser, real
middleware), the selector alone, and the indexed lookup alone (the floor for the query). Budget
(docs quality.md): exact p95 ≤ 20 ms; fuzzy name p95 ≤ 100 ms on the worst fragment (the 3 letters
that start the most family names, with each person's date of birth). A name with a slip (two
letters swapped) with a date of birth or a postcode is timed too.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial
from typing import Any

from bench._common import FLOOR_URL, Timing, arguments, checked_get, database, signed_in_adviser, time_calls


def _run(queryset: Any) -> list[Any]:
    return list(queryset.all())  # a fresh query each time (a queryset caches its rows)


def _slip(name: str) -> str:
    """Two letters in the middle swapped, as a hurried adviser types ("Smtih")."""
    if len(name) < 4:
        return name
    middle = len(name) // 2
    return name[: middle - 1] + name[middle] + name[middle - 1] + name[middle + 1 :]


def main() -> None:
    options = arguments(__doc__.splitlines()[0])
    with database(options) as vendor:
        from django.db import connection
        from django.db.models import Count
        from django.db.models.functions import Lower, Substr
        from django.test.utils import CaptureQueriesContext

        from signpost.customers import rules, selectors
        from signpost.customers.models import Address, ContactDetails, Customer

        client = signed_in_adviser()
        rng = random.Random(options.seed)  # noqa: S311 - benchmark sampling
        top = Customer.objects.order_by("-id").values_list("id", flat=True).first() or 0
        ids = sorted({rng.randint(1, top) for _ in range(options.requests)})
        people: list[dict[str, Any]] = [
            dict(row)
            for row in Customer.objects.filter(id__in=ids).values(
                "id",
                "reference",
                "given_name",
                "family_name",
                "date_of_birth",
                "contact_details__email",
                "contact_details__mobile",
            )
        ]
        postcodes = dict(Address.objects.filter(customer_id__in=ids).values_list("customer_id", "postcode"))
        rng.shuffle(people)

        def dob(person: dict[str, Any]) -> dict[str, str]:
            day = person["date_of_birth"]
            return {
                "date_of_birth-day": str(day.day),
                "date_of_birth-month": str(day.month),
                "date_of_birth-year": str(day.year),
            }

        with_email = [p for p in people if p["contact_details__email"]]
        with_mobile = [p for p in people if p["contact_details__mobile"]]
        worst = (
            Customer.objects.annotate(start=Lower(Substr("family_name", 1, 3)))
            .values("start")
            .annotate(n=Count("id"))
            .order_by("-n")
            .values_list("start", "n")[:1]
        )[0]
        print(f"Worst fragment: {worst[0]!r} starts {worst[1]:,} family names")
        cases: list[tuple[str, list[dict[str, str]], list[Callable[[], Any]], list[Callable[[], Any]]]] = [
            (
                "reference",
                [{"q": f"{p['reference'][:4]}-{p['reference'][4:]}"} for p in people],
                [partial(selectors.customer_search, query=p["reference"]) for p in people],
                [
                    partial(_run, Customer.objects.filter(reference=p["reference"]).values_list("id")[:1])
                    for p in people
                ],
            ),
            (
                "email",
                [{"q": p["contact_details__email"]} for p in with_email],
                [partial(selectors.customer_search, query=p["contact_details__email"]) for p in with_email],
                [
                    partial(
                        _run,
                        ContactDetails.objects.filter(email=p["contact_details__email"]).values_list("customer_id")[
                            :21
                        ],
                    )
                    for p in with_email
                ],
            ),
            (
                "phone",
                [{"q": rules.parse_phone(p["contact_details__mobile"]).national} for p in with_mobile],
                [partial(selectors.customer_search, query=p["contact_details__mobile"]) for p in with_mobile],
                [
                    partial(
                        _run,
                        ContactDetails.objects.filter(mobile=p["contact_details__mobile"]).values_list("customer_id")[
                            :21
                        ],
                    )
                    for p in with_mobile
                ],
            ),
            (
                "postcode",
                [{"q": postcodes[p["id"]]} for p in people],
                [partial(selectors.customer_search, query=postcodes[p["id"]]) for p in people],
                [
                    partial(_run, Address.objects.filter(postcode=postcodes[p["id"]]).values_list("customer_id")[:21])
                    for p in people
                ],
            ),
            (
                "name + date of birth",
                [{"q": f"{p['given_name']} {p['family_name']}", **dob(p)} for p in people],
                [
                    partial(
                        selectors.customer_search,
                        query=f"{p['given_name']} {p['family_name']}",
                        date_of_birth=p["date_of_birth"],
                    )
                    for p in people
                ],
                [
                    partial(
                        _run,
                        Customer.objects.filter(date_of_birth=p["date_of_birth"]).values_list(
                            "id", Lower("family_name"), Lower("given_name")
                        )[:200],
                    )
                    for p in people
                ],
            ),
            (
                f"worst fragment ({worst[0]}) + DOB",
                [{"q": worst[0], **dob(p)} for p in people],
                [partial(selectors.customer_search, query=worst[0], date_of_birth=p["date_of_birth"]) for p in people],
                [
                    partial(
                        _run,
                        Customer.objects.filter(date_of_birth=p["date_of_birth"]).values_list(
                            "id", Lower("family_name"), Lower("given_name")
                        )[:200],
                    )
                    for p in people
                ],
            ),
            (
                "name with a slip + DOB",
                [{"q": f"{p['given_name']} {_slip(p['family_name'])}", **dob(p)} for p in people],
                [
                    partial(
                        selectors.customer_search,
                        query=f"{p['given_name']} {_slip(p['family_name'])}",
                        date_of_birth=p["date_of_birth"],
                    )
                    for p in people
                ],
                [
                    partial(
                        _run,
                        Customer.objects.filter(date_of_birth=p["date_of_birth"]).values_list(
                            "id", Lower("family_name"), Lower("given_name")
                        )[:200],
                    )
                    for p in people
                ],
            ),
            (
                "name with a slip + postcode",
                [{"q": f"{p['given_name']} {_slip(p['family_name'])}", "postcode": postcodes[p["id"]]} for p in people],
                [
                    partial(
                        selectors.customer_search,
                        query=f"{p['given_name']} {_slip(p['family_name'])}",
                        postcode=postcodes[p["id"]],
                    )
                    for p in people
                ],
                [
                    partial(_run, Address.objects.filter(postcode=postcodes[p["id"]]).values_list("customer_id")[:21])
                    for p in people
                ],
            ),
        ]
        found = sum(
            p["id"]
            in {
                row.customer.pk
                for row in selectors.customer_search(
                    query=f"{p['given_name']} {_slip(p['family_name'])}", date_of_birth=p["date_of_birth"]
                ).rows
            }
            for p in people
        )
        print(f"Names with a slip found (with the date of birth): {found} of {len(people)}")
        url = "/workspace/customers/"
        floor_page = time_calls("page floor (bare view)", [checked_get(client, FLOOR_URL)] * len(people))
        results: list[tuple[str, Timing, Timing, Timing, int]] = []
        for name, params, selector_calls, lookups in cases:
            page = time_calls(f"{name}: page", [checked_get(client, url, p) for p in params])
            selector = time_calls(f"{name}: selector", selector_calls)
            lookup = time_calls(f"{name}: indexed lookup", lookups)
            with CaptureQueriesContext(connection) as queries:
                checked_get(client, url, params[0])()
            results.append((name, page, selector, lookup, len(queries)))

        print()
        print(
            f"Customer search, {options.customers:,} customers / {options.interactions:,} contacts ({vendor}), "
            f"{len(people)} searches of each kind"
        )
        print(floor_page.row())
        for _name, page, selector, lookup, query_count in results:
            print(page.row(floor_page))
            print(selector.row(lookup))
            print(lookup.row())
            print(f"{'':<48} queries per search page: {query_count}")


if __name__ == "__main__":
    main()
