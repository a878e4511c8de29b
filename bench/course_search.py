"""Course search: keyword + postcode radius, sorted by distance, 20 a page, over generated runs.

    PYTHONPATH=src:. .venv/bin/python bench/course_search.py --runs 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_course_search PYTHONPATH=src:. \
        .venv/bin/python bench/course_search.py --runs 100000

Data: ``manage.py generate_courses --runs N`` (seeded), after the postcode districts of
../shared/data when it is there (as ``make run`` loads them), so that a place has its area and
lists the work-based runs offered there. Each search is a keyword taken from the
generated course titles (plus "maths", "ESOL" and "IT", which widen to their synonyms) near a
venue's postcode, within 10 miles, as an anonymous visitor would ask it (the public page, real
middleware). Timed: the page through the test Client; the database time of each page (every
query the page ran, summed); the selector alone; and the floors measured in the same run: a bare
view behind the same middleware, and the bare query (the indexed box of venues and the keyword
match, first 20 ids, no distance, counts or sorting). Budget (docs quality.md): page p95 ≤ 150 ms,
database ≤ 30 ms.

Each process keeps the runs not at a venue (online and work-based) grouped by course, and reads
again those of the courses a change to the directory names (all of them when it names none, and
every hour): the first search after each kind of change is timed apart.

Places are looked up once before timing, as the site keeps them (a day in the cache): reading a
postcode area's file of positions for the first time is timed apart ("first lookup of a place").
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from bench._common import Timing, _drop_postgres, _recreate_postgres, checked_get, time_calls

PUBLIC_FLOOR_URL = "/bench-floor-public/"  # see course_search_urls.py
ROOT = Path(__file__).resolve().parent.parent
POSTCODE_DISTRICTS = ROOT.parent / "shared" / "data" / "uk-postcode-geography" / "postcode_districts_gb.csv"


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300, help="timed searches")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards")
    parser.add_argument(
        "--existing", action="store_true", help="PostgreSQL: use the courses already in DATABASE_URL's database"
    )
    return parser.parse_args()


@contextmanager
def database(options: argparse.Namespace) -> Iterator[str]:
    url = os.environ.get("DATABASE_URL", "")
    if options.existing and not url:
        sys.exit("--existing needs DATABASE_URL")
    if url and not options.existing:
        _recreate_postgres(url)
    temporary = tempfile.TemporaryDirectory(prefix="signpost-bench-")
    os.environ["SIGNPOST_VAR_DIR"] = temporary.name
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "signpost.config.settings")
    os.environ.setdefault("SIGNPOST_DEMO", "true")
    import logging

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    logging.disable(logging.INFO)
    setup_test_environment()
    settings.ROOT_URLCONF = "bench.course_search_urls"
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"Migrated and collected static files in {time.monotonic() - started:.1f} s")
    if not options.existing:
        started = time.monotonic()
        with open(os.devnull, "w") as quiet:
            if POSTCODE_DISTRICTS.is_file():
                # As make run loads them: places then have their area, whose work-based runs they list.
                call_command("load_postcode_districts", str(POSTCODE_DISTRICTS), stdout=quiet)
            call_command("generate_courses", runs=options.runs, seed=options.seed, stdout=quiet)
        print(f"Generated {options.runs:,} course runs in {time.monotonic() - started:.1f} s")
    try:
        yield connection.vendor
    finally:
        connection.close()
        if url and not options.keep and not options.existing:
            _drop_postgres(url)
        temporary.cleanup()


class DatabaseClock:
    """Adds up the time every query takes (an execute wrapper around the real cursor)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def main() -> None:
    options = arguments()
    with database(options) as vendor:
        from django.core.cache import cache
        from django.db import connection
        from django.test import Client

        from signpost.courses.models import Course, CourseRun, Venue
        from signpost.courses.search import bounding_box, keyword_groups
        from signpost.courses.search_selectors import (
            Criteria,
            _keyword_condition,
            course_search,
            forget_counts,
            place_for,
            vocabulary,
        )
        from signpost.search.text import fold

        rng = random.Random(options.seed)  # noqa: S311 - benchmark sampling
        runs = CourseRun.objects.count()
        postcodes = sorted(set(Venue.objects.exclude(latitude=None).values_list("postcode", flat=True)))
        words: collections.Counter[str] = collections.Counter()
        for title in Course.objects.values_list("title", flat=True).iterator(chunk_size=5000):
            words.update(word for word in fold(title).split() if len(word) > 3)
        common = [word for word, _ in words.most_common(60)]
        keywords = [*common, "maths", "ESOL", "IT", "english", "care", "plumbing"]
        searches = [(rng.choice(keywords), rng.choice(postcodes)) for _ in range(options.requests)]

        cache.clear()
        vocabulary()
        first_lookups = []
        for postcode in sorted({postcode for _, postcode in searches}):
            started = time.perf_counter()
            place_for(postcode)
            first_lookups.append(time.perf_counter() - started)
        cold = Timing("first lookup of a place (then cached)", first_lookups)

        client = Client()
        url = "/courses/"
        params = [{"keyword": keyword, "place": postcode, "distance": "10"} for keyword, postcode in searches]

        clock = DatabaseClock()
        page_seconds: list[float] = []
        database_seconds: list[float] = []
        query_counts: list[int] = []
        found: list[int] = []
        get_pages = [checked_get(client, url, p) for p in params]
        for call in get_pages[:10]:
            call()
        with connection.execute_wrapper(clock):
            for call in get_pages:
                clock.seconds, clock.queries = 0.0, 0
                started = time.perf_counter()
                call()
                page_seconds.append(time.perf_counter() - started)
                database_seconds.append(clock.seconds)
                query_counts.append(clock.queries)
        page = Timing("search page (keyword + postcode, 10 miles)", page_seconds)

        # After a change to the directory, each process reads again the runs not at a venue of the
        # courses it names, or all of them when it named none (and every hour).
        course_ids = list(Course.objects.values_list("id", flat=True)[:20])
        after_one_course, after_everything = [], []
        for call, course_id in zip(get_pages[:20], course_ids, strict=True):
            for named, timings in (([course_id], after_one_course), (None, after_everything)):
                forget_counts(course_ids=named)
                started = time.perf_counter()
                call()
                timings.append(time.perf_counter() - started)
        one_course = Timing("first search after one course changes", after_one_course)
        changed = Timing("first search after a change naming no courses", after_everything)
        database_time = Timing("  database time per page (all its queries)", database_seconds)

        criteria = [Criteria(keyword=keyword, place=place_for(postcode)) for keyword, postcode in searches]
        for one in criteria:
            found.append(course_search(one).total)
        selector = time_calls(
            "  selector alone (counts + page of 20)", [partial(course_search, one) for one in criteria]
        )

        def bare(one: Criteria) -> Callable[[], list[int]]:
            box = bounding_box(one.place.point, one.distance)  # type: ignore[union-attr]  # every search has one
            groups = keyword_groups(one.keyword, vocabulary())
            query = CourseRun.objects.filter(
                venue__latitude__range=(box.south, box.north), venue__longitude__range=(box.west, box.east)
            ).filter(_keyword_condition(groups, "default", near_a_place=True))
            return lambda: list(query.values_list("id", flat=True)[:20])

        floor_query = time_calls("  bare query (box + keyword, 20 ids)", [bare(one) for one in criteria])
        floor_page = time_calls("page floor (bare view)", [checked_get(client, PUBLIC_FLOOR_URL)] * len(params))

        print()
        print(
            f"Course search, {runs:,} course runs at {len(postcodes):,} venue postcodes ({vendor}), "
            f"{len(params)} searches; results per search: median {sorted(found)[len(found) // 2]}, "
            f"max {max(found)}, none found {found.count(0)}"
        )
        print(floor_page.row())
        print(page.row(floor_page))
        print(database_time.row(floor_query))
        print(selector.row(floor_query))
        print(floor_query.row())
        print(f"{'':<48} queries per page: {min(query_counts)}–{max(query_counts)}")
        print(cold.row())
        print(one_course.row())
        print(changed.row())


if __name__ == "__main__":
    main()
