"""Bulk CSV upload of courses with their runs: validation speed, import, and a second import of the same file.

    PYTHONPATH=src:. .venv/bin/python bench/course_upload.py --rows 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_course_upload PYTHONPATH=src:. \
        .venv/bin/python bench/course_upload.py --rows 100000

Budget (quality.md, CSV import): ≥ 10,000 validated rows a second, a per-row error report, and a
re-run that changes nothing. The file is generated (seeded): about three runs per course at the
provider's 20 venues or work-based in regions, with --error-rate of the rows carrying one mistake
each (an unknown venue, a bad date, a missing cost, an unknown level). The floor is reading the
same file with the csv module alone, timed in the same run.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import logging
import os
import random
import resource
import sys
import tempfile
import time


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--error-rate", type=float, default=0.01)
    return parser.parse_args()


def _file(rows: int, seed: int, error_rate: float, venues: list[str]) -> bytes:
    from signpost.courses.csv_upload import COURSE_COLUMNS

    rand = random.Random(seed)  # noqa: S311 - benchmark data, not secrets
    today = datetime.date.today()
    out = io.StringIO()
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
    return out.getvalue().encode()


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
    from signpost.courses.csv_upload import check_courses, import_courses, provider_venue_names
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
        content = _file(options.rows, options.seed, options.error_rate, names)
        print(f"{connection.vendor}: {options.rows:,} rows, {len(content) / 1e6:.1f} MB")

        started, cpu = time.perf_counter(), time.process_time()
        floor_rows = sum(1 for _ in csv.reader(io.StringIO(content.decode())))
        floor, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"Floor (csv module alone): {floor_rows - 1:,} rows in {floor:.2f} s"
            f" = {(floor_rows - 1) / floor:,.0f} rows/s (CPU {(floor_rows - 1) / cpu:,.0f} rows/s)"
        )

        started, cpu = time.perf_counter(), time.process_time()
        checked = check_courses(content, venue_names=provider_venue_names(provider))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        # On a shared machine the wall clock counts other processes' turns too; CPU time does not.
        print(
            f"Validation: {checked.rows:,} rows in {seconds:.2f} s = {checked.rows / seconds:,.0f} rows/s "
            f"(CPU {cpu:.2f} s = {checked.rows / cpu:,.0f} rows/s); "
            f"{len(checked.valid):,} valid, {checked.rows_with_errors:,} rows with {len(checked.errors):,} errors"
        )
        started = time.perf_counter()
        _, counts = import_courses(actor=editor, provider=provider, content=content)
        seconds = time.perf_counter() - started
        print(f"Import (validation included): {seconds:.2f} s = {checked.rows / seconds:,.0f} rows/s; {counts}")
        started = time.perf_counter()
        _, again = import_courses(actor=editor, provider=provider, content=content)
        seconds = time.perf_counter() - started
        print(f"Same file again: {seconds:.2f} s; {again}; runs stored: {CourseRun.objects.count():,}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"Peak memory (whole process): {peak:,.0f} MB")
    finally:
        connection.close()
        if url:
            _drop_postgres(url)
        temporary.cleanup()


if __name__ == "__main__":
    main()
