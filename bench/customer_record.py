"""Customer record page (adviser) against its floor: a bare view behind the same middleware.

    PYTHONPATH=src:. .venv/bin/python bench/customer_record.py --customers 50000 --interactions 500000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_customer_record PYTHONPATH=src:. \
        .venv/bin/python bench/customer_record.py --customers 1000000 --interactions 10000000

Budget (docs quality.md): p95 ≤ 50 ms at 16 concurrent; ≤ 10 queries, not growing with history.
Measures one request at a time, then --concurrency requests in flight at once (default 16, one
process each), each against its floor.
"""

from __future__ import annotations

import random

from bench._common import FLOOR_URL, arguments, checked_get, database, signed_in_adviser, time_calls, time_concurrently


def main() -> None:
    options = arguments(__doc__.splitlines()[0], concurrency=16)
    with database(options) as vendor:
        from django.db import connection
        from django.db.models import Count
        from django.test.utils import CaptureQueriesContext

        from signpost.contacts.models import Interaction
        from signpost.customers.models import Customer

        client = signed_in_adviser()
        rng = random.Random(options.seed)  # noqa: S311 - benchmark sampling
        top = Customer.objects.order_by("-id").values_list("id", flat=True).first() or 0
        ids = [rng.randint(1, top) for _ in range(options.requests)]
        references = dict(Customer.objects.filter(id__in=ids).values_list("id", "reference"))
        urls = [f"/workspace/customers/{references[i]}/" for i in ids if i in references]

        floor = time_calls("floor (bare view, same middleware)", [checked_get(client, FLOOR_URL)] * len(urls))
        page = time_calls("customer record page", [checked_get(client, url) for url in urls])
        floor_together = time_concurrently(
            "floor (bare view, same middleware)", [checked_get(client, FLOOR_URL)] * len(urls), options.concurrency
        )
        page_together = time_concurrently(
            "customer record page", [checked_get(client, url) for url in urls], options.concurrency
        )

        busiest = (
            Interaction.objects.values("customer_id")
            .annotate(n=Count("id"))
            .order_by("-n")
            .values_list("customer_id", "n")[:1]
        )[0]
        quietest = (Customer.objects.annotate(n=Count("interactions")).order_by("n", "id").values_list("id", "n")[:1])[
            0
        ]
        print()
        print(f"Customer record page, {options.customers:,} customers / {options.interactions:,} contacts ({vendor})")
        print(floor.row())
        print(page.row(floor))
        print(floor_together.row())
        print(page_together.row(floor_together))
        for label, (customer_id, contacts) in (("most contacts", busiest), ("fewest contacts", quietest)):
            reference = Customer.objects.get(id=customer_id).reference
            with CaptureQueriesContext(connection) as queries:
                checked_get(client, f"/workspace/customers/{reference}/")()
            print(f"queries per page, customer with {label} ({contacts}): {len(queries)}")
        with CaptureQueriesContext(connection) as queries:
            checked_get(client, FLOOR_URL)()
        print(f"queries for the floor: {len(queries)}")


if __name__ == "__main__":
    main()
