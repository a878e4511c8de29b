"""The "describe what you enjoy" search over all the national profiles (issue 5; needs the optional
embeddings extra, `make install-embeddings`).

    PYTHONPATH=src:. .venv/bin/python bench/job_profile_describe.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_job_profile_describe PYTHONPATH=src:. \
        .venv/bin/python bench/job_profile_describe.py

The 829 national profiles are imported with import_job_profiles (from ../shared/data, or
--profiles) and embedded with embed_job_profiles (timed, then timed again with nothing changed).
The descriptions are those of careers/tests/describe_relevance.csv in a seeded random order. Each is
timed warm (model loaded, matrix built) as the search alone (careers.embeddings.describe), as the
public page through the test Client (real middleware, a POST), and against two floors measured in
the same run: the model embedding the description alone, and a bare view behind the same middleware.
"""

from __future__ import annotations

import csv
import random
import time
from collections.abc import Callable
from functools import partial
from io import StringIO
from pathlib import Path
from typing import Any

from bench._common import FLOOR_URL, Timing, arguments, checked_get, database, signed_in_adviser
from bench.job_profile_search import _interleaved

ROOT = Path(__file__).resolve().parents[1]
PROFILES = ROOT.parent / "shared" / "data" / "ncs-job-profiles-2020" / "job_profiles.jsonl"
DESCRIPTIONS = ROOT / "src" / "signpost" / "careers" / "tests" / "describe_relevance.csv"
# No budget of its own in quality.md: held to the job profile search's.
BUDGET_P95 = 0.030


def _checked_post(client: Any, url: str, data: dict[str, str]) -> Callable[[], Any]:
    def call() -> Any:
        response = client.post(url, data)
        if response.status_code != 200 or b"signpost-careers-results" not in response.content:
            raise SystemExit(f"{url} answered {response.status_code} without results")
        return response

    return call


def main() -> None:
    import argparse
    import sys

    extra = argparse.ArgumentParser(add_help=False)
    extra.add_argument("--profiles", type=Path, default=PROFILES)
    known, rest = extra.parse_known_args()
    sys.argv = [sys.argv[0], *rest]
    options = arguments(__doc__.splitlines()[0], customers=100, interactions=100)
    with database(options) as vendor:
        from django.core.management import call_command
        from django.test import Client

        from signpost.careers import embeddings
        from signpost.careers.models import JobProfile

        if not embeddings.installed():
            sys.exit("The embeddings extra is not installed: run `make install-embeddings` first.")
        started = time.monotonic()
        call_command("import_job_profiles", str(known.profiles), stdout=StringIO())
        print(f"Imported {JobProfile.objects.count()} profiles in {time.monotonic() - started:.1f} s")
        started = time.monotonic()
        embeddings.model()
        print(f"Loaded the model in {time.monotonic() - started:.1f} s")
        for run in ("all profiles", "again, nothing changed"):
            started = time.monotonic()
            out = StringIO()
            call_command("embed_job_profiles", stdout=out)
            print(f"embed_job_profiles, {run}: {time.monotonic() - started:.1f} s ({out.getvalue().splitlines()[-1]})")
        started = time.monotonic()
        embeddings.index()
        print(f"Built the matrix in {(time.monotonic() - started) * 1000:.0f} ms")

        rng = random.Random(options.seed)  # noqa: S311 - benchmark sampling
        with DESCRIPTIONS.open(newline="", encoding="utf-8") as file:
            said = [row["description"] for row in csv.DictReader(file)]
        descriptions = [rng.choice(said) for _ in range(options.requests)]

        public = Client()
        adviser = signed_in_adviser()
        model_floor, page_floor = "floor: the model embedding the description", "floor: bare view, same middleware"
        search_case, page_case = "describe search (10 results)", "describe page POST /careers/describe/"
        cases = {
            model_floor: [partial(embeddings.encode, [d]) for d in descriptions],
            page_floor: [checked_get(adviser, FLOOR_URL)] * len(descriptions),
            search_case: [partial(embeddings.describe, d) for d in descriptions],
            page_case: [_checked_post(public, "/careers/describe/", {"description": d}) for d in descriptions],
        }
        found = _interleaved(cases)
        compared_with = {search_case: model_floor, page_case: page_floor}
        timings: list[tuple[Timing, Timing | None]] = [
            (timing, found.get(compared_with.get(name, ""))) for name, timing in found.items()
        ]
        print(f"\nDescribe search on {vendor}, {JobProfile.objects.count()} profiles, {options.requests} requests each")
        for timing, floor in timings:
            print(timing.row(floor))
        p95 = found[search_case].percentile(0.95)
        verdict = "within" if p95 <= BUDGET_P95 else "OVER"
        print(f"\nDescribe search p95 {p95 * 1000:.1f} ms: {verdict} the 30 ms job profile search budget")


if __name__ == "__main__":
    main()
