"""Bulk CSV upload of courses with their runs: validation speed, import, a second import of the same
file, and the memory each takes.

    PYTHONPATH=src:. .venv/bin/python bench/course_upload.py --rows 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_course_upload PYTHONPATH=src:. \
        .venv/bin/python bench/course_upload.py --rows 1000000

Budget (quality.md, CSV import): 1M rows at ≥ 10,000 validated rows a second in ≤ 512 MB, a
per-row error report, and a re-run that changes nothing. The file is generated (seeded) into a
temporary file and read from there as an upload is: about three runs per course at the provider's
20 venues or work-based in regions, with --error-rate of the rows carrying one mistake each (an
unknown venue, a bad date, a missing cost, an unknown level). The floor is reading the same file
with the csv module alone, timed in the same run.

Memory: the process's peak resident size (ru_maxrss, which only grows) after setting up and after
each step, so each step's figure is the peak up to its end. --tracemalloc also gives the peak of
Python's own allocations during each step (tracemalloc slows Python down, so the speeds printed
with it are not the speeds to quote).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import logging
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--error-rate", type=float, default=0.01)
    parser.add_argument("--tracemalloc", action="store_true", help="also the peak of Python's allocations per step")
    return parser.parse_args()


def _write_file(out: IO[str], rows: int, seed: int, error_rate: float, venues: list[str]) -> None:
    from signpost.courses.csv_upload import COURSE_COLUMNS

    rand = random.Random(seed)  # noqa: S311 - benchmark data, not secrets
    today = datetime.date.today()
    writer = csv.writer(out)
    writer.writerow(COURSE_COLUMNS)
    course = 0
    for number in range(rows):
        if number % 3 == 0:
            course += 1
            title = f"Level {course % 3 + 1} Certificate in subject {course}"
            sector = str(rand.randint(1, 15))
            course_type = rand.choice(["other", "Free course for jobs", "essential skills"])
        start = today + datetime.timedelta(days=rand.randint(10, 500))
        work_based = rand.random() < 0.15
        row = {
            "course_reference": f"C{course:06d}", "course_title": title, "qualification": title,
            "awarding_body": "NCFE", "level": str(course % 3 + 1), "sector": sector,
            "course_type": course_type,
            "who_it_is_for": "Adults who want to learn this subject for work.",
            "entry_requirements": "None.", "what_you_will_learn": "The basics and how to use them at work.",
            "how_you_will_learn": "Classes with a tutor.", "what_to_bring": "A pen.",
            "how_you_will_be_assessed": "A portfolio.", "what_next": "The next level.",
            "run_reference": f"R{number % 3 + 1}", "delivery_mode": "work based" if work_based else "classroom",
            "venue_name": "" if work_based else rand.choice(venues),
            "regions": "London;South East" if work_based else "", "study_mode": "part time",
            "attendance": "evening", "start_date": start.strftime("%d/%m/%Y"), "flexible_start": "no",
            "duration": str(rand.randint(4, 40)), "duration_unit": "weeks",
            "cost": f"{rand.randint(0, 900)}.00", "cost_description": "", "run_website": "",
        }  # fmt: skip
        if rand.random() < error_rate:
            mistake = rand.choice(["venue_name", "start_date", "cost", "level"])
            row[mistake] = {"venue_name": "Nowhere", "start_date": "31/02/2027", "cost": "", "level": "11"}[mistake]
            if mistake == "venue_name":
                row["delivery_mode"] = "classroom"
        writer.writerow([row[name] for name in COURSE_COLUMNS])


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def _step(name: str, traced: bool) -> Iterator[None]:
    """Print the process's peak resident size after the step (and Python's peak within it)."""
    if traced:
        tracemalloc.reset_peak()
    yield
    python = f"; Python's peak within it {tracemalloc.get_traced_memory()[1] / 2**20:,.0f} MB" if traced else ""
    print(f"  memory after {name}: process peak {_peak_mb():,.0f} MB{python}")


def main() -> None:
    options = _arguments()
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from bench._common import _drop_postgres, _recreate_postgres

    url = os.environ.get("DATABASE_URL", "")
    if url:
        _recreate_postgres(url)
    temporary = tempfile.TemporaryDirectory(prefix="signpost-bench-")
    os.environ["SIGNPOST_VAR_DIR"] = temporary.name
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "signpost.config.settings")
    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection

    from signpost.accounts.models import User
    from signpost.courses.csv_upload import check_courses, import_courses, problems_csv, provider_venue_names
    from signpost.courses.models import CourseRun, Provider, Venue
    from signpost.organisations.models import Organisation

    logging.disable(logging.INFO)
    call_command("migrate", verbosity=0)
    try:
        provider = Provider.objects.create(name="Benchmark College", ukprn="10999999")
        names = [f"Campus {number}" for number in range(20)]
        Venue.objects.bulk_create(
            Venue(provider=provider, name=name, address_line_1="1 Road", town="Leeds", postcode="LS1 1UR",
                  latitude=53.8, longitude=-1.55)
            for name in names
        )  # fmt: skip
        editor = User.objects.create(email="bench-editor@example.com", organisation=Organisation.objects.first())
        editor.groups.set([Group.objects.get(name="content_editor")])
        path = os.path.join(temporary.name, "courses.csv")
        with open(path, "w", encoding="utf-8", newline="") as out:
            _write_file(out, options.rows, options.seed, options.error_rate, names)
        print(f"{connection.vendor}: {options.rows:,} rows, {os.path.getsize(path) / 1e6:.1f} MB")
        print(f"  memory after setting up: process peak {_peak_mb():,.0f} MB")
        if options.tracemalloc:
            tracemalloc.start()

        started, cpu = time.perf_counter(), time.process_time()
        with open(path, encoding="utf-8", newline="") as text:
            floor_rows = sum(1 for _ in csv.reader(text)) - 1
        floor, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"Floor (csv module alone): {floor_rows:,} rows in {floor:.2f} s"
            f" = {floor_rows / floor:,.0f} rows/s (CPU {floor_rows / cpu:,.0f} rows/s)"
        )

        with _step("validation", options.tracemalloc), open(path, "rb") as stream:
            started, cpu = time.perf_counter(), time.process_time()
            checked = check_courses(stream, venue_names=provider_venue_names(provider))
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            # On a shared machine the wall clock counts other processes' turns too; CPU time does not.
            print(
                f"Validation: {checked.rows:,} rows in {seconds:.2f} s = {checked.rows / seconds:,.0f} rows/s "
                f"(CPU {cpu:.2f} s = {checked.rows / cpu:,.0f} rows/s); {checked.valid_rows:,} valid, "
                f"{checked.rows_with_errors:,} rows with {checked.error_count:,} errors"
            )
        with _step("the problems CSV", options.tracemalloc), open(path, "rb") as stream:
            started = time.perf_counter()
            pieces = problems_csv("courses", stream, venue_names=provider_venue_names(provider))
            size = sum(len(piece) for piece in pieces)
            print(f"Problems CSV (streamed): {size / 1e3:,.0f} kB in {time.perf_counter() - started:.2f} s")
        with _step("import", options.tracemalloc), open(path, "rb") as stream:
            started = time.perf_counter()
            _, counts = import_courses(actor=editor, provider=provider, content=stream)
            seconds = time.perf_counter() - started
            print(f"Import (validation included): {seconds:.2f} s = {checked.rows / seconds:,.0f} rows/s; {counts}")
        with _step("importing again", options.tracemalloc), open(path, "rb") as stream:
            started = time.perf_counter()
            _, again = import_courses(actor=editor, provider=provider, content=stream)
            seconds = time.perf_counter() - started
            print(f"Same file again: {seconds:.2f} s; {again}; runs stored: {CourseRun.objects.count():,}")
    finally:
        connection.close()
        if url:
            _drop_postgres(url)
        temporary.cleanup()


if __name__ == "__main__":
    main()
