"""Work queue pages (adviser) against their floor: a bare view behind the same middleware.

    PYTHONPATH=src:. .venv/bin/python bench/work_queue.py --customers 50000 --interactions 100000 --tasks 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_work_queue PYTHONPATH=src:. \
        .venv/bin/python bench/work_queue.py --customers 1000000 --interactions 1000000 --tasks 100000

Budget (docs quality.md, the customer-page budget): p95 ≤ 50 ms at 16 concurrent; ≤ 10 queries.
Open tasks (--tasks) are spread over the ten delivering organisations, as many again are done or
cancelled (history the partial indexes skip); the signed-in London adviser has some of London's
claimed and is in a team with some more. Measures one request at a time, then --concurrency at once.
"""

from __future__ import annotations

import datetime
import random
import sys

from bench._common import FLOOR_URL, arguments, checked_get, database, signed_in_adviser, time_calls, time_concurrently


def _tasks_option() -> int:
    # _common's parser owns the shared options; this one is read before it so both can coexist.
    if "--tasks" in sys.argv:
        at = sys.argv.index("--tasks")
        value = int(sys.argv[at + 1])
        del sys.argv[at : at + 2]
        return value
    return 20_000


def generate_tasks(count: int, seed: int, adviser: object) -> None:
    """``count`` open or claimed tasks and as many finished ones, in batches, without audit rows."""
    from django.utils import timezone

    from signpost.casework import codes
    from signpost.casework.models import Task, Team
    from signpost.customers.models import Customer
    from signpost.organisations.models import Organisation

    rng = random.Random(seed)  # noqa: S311 - benchmark data
    organisations = list(
        Organisation.objects.exclude(kind=Organisation.Kind.PARTNER).filter(touchpoint_id__isnull=False)
    )
    london = next(o for o in organisations if o.touchpoint_id == "0000000103")
    team, _ = Team.objects.get_or_create(organisation=london, name="Bench callbacks")
    team.members.add(adviser)  # type: ignore[arg-type]
    top = Customer.objects.order_by("-id").values_list("id", flat=True).first() or 1
    now = timezone.now()
    batch: list[Task] = []
    for number in range(count * 2):
        organisation = rng.choice(organisations)
        available = now + datetime.timedelta(minutes=rng.randint(-10 * 24 * 60, 3 * 24 * 60))
        finished = number >= count
        task = Task(
            task_type=rng.choice(codes.TaskType.values),
            status=rng.choice([codes.TaskStatus.DONE, codes.TaskStatus.CANCELLED])
            if finished
            else codes.TaskStatus.OPEN,
            organisation=organisation,
            customer_id=rng.randint(1, top),
            summary=f"Bench task {number}",
            available_from=available,
            due_at=available + datetime.timedelta(hours=rng.choice([24, 24 * 14])),
            created_at=available,
            created_by_id=adviser.pk,  # type: ignore[attr-defined]
        )
        if organisation == london and not finished:
            share = rng.random()
            if share < 0.05:
                task.status, task.assignee_id, task.claimed_at = codes.TaskStatus.CLAIMED, adviser.pk, now  # type: ignore[attr-defined]
            elif share < 0.15:
                task.team = team
        batch.append(task)
        if len(batch) == 10_000:
            Task.objects.bulk_create(batch)
            batch = []
    Task.objects.bulk_create(batch)


def main() -> None:
    tasks = _tasks_option()
    options = arguments(__doc__.splitlines()[0], interactions=100_000, concurrency=16)
    with database(options) as vendor:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from signpost.accounts.models import User
        from signpost.casework import codes
        from signpost.casework.models import Task

        client = signed_in_adviser()
        adviser = User.objects.get(email="bench.adviser@bench.signpost.example")
        if not Task.objects.exists():
            generate_tasks(tasks, options.seed, adviser)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE casework_task")
        open_tasks = Task.objects.filter(status__in=codes.ACTIVE_TASK_STATUSES)
        london_open = open_tasks.filter(organisation__touchpoint_id="0000000103").count()
        pages = {
            "my tasks": "/workspace/tasks/",
            "my team's tasks": "/workspace/tasks/team/",
            "my organisation's tasks": "/workspace/tasks/organisation/",
            "organisation, overdue callbacks": "/workspace/tasks/organisation/?due=overdue&task_type=1",
            "organisation, page 20": "/workspace/tasks/organisation/?page=20",
        }
        requests = options.requests
        floor = time_calls("floor (bare view, same middleware)", [checked_get(client, FLOOR_URL)] * requests)
        timings = [time_calls(name, [checked_get(client, url)] * requests) for name, url in pages.items()]
        floor_together = time_concurrently(
            "floor (bare view, same middleware)", [checked_get(client, FLOOR_URL)] * requests, options.concurrency
        )
        queue_together = time_concurrently(
            "my organisation's tasks",
            [checked_get(client, pages["my organisation's tasks"])] * requests,
            options.concurrency,
        )
        print()
        print(
            f"Work queues, {options.customers:,} customers / {open_tasks.count():,} open tasks "
            f"({london_open:,} in London) / {Task.objects.count():,} tasks in all ({vendor})"
        )
        print(floor.row())
        for timing in timings:
            print(timing.row(floor))
        print(floor_together.row())
        print(queue_together.row(floor_together))
        for name, url in pages.items():
            with CaptureQueriesContext(connection) as queries:
                checked_get(client, url)()
            print(f"queries for {name}: {len(queries)}")
        with CaptureQueriesContext(connection) as queries:
            checked_get(client, FLOOR_URL)()
        print(f"queries for the floor: {len(queries)}")


if __name__ == "__main__":
    main()
