"""How well the "describe what you enjoy" search finds the jobs a careers adviser would suggest: for
each description in describe_relevance.csv, one of its expected profiles must be in the top 10, on
our own sample content and on the full national set. The hit rate is reported in the test output
(as a warning, so it shows in the summary of a parallel run) and held to a floor.

The descriptions are what people say about themselves ("I enjoy fixing cars"), not job titles; the
expected titles are those of both sets (each case has one in each, see the first test). Each test
loads its content inside its own transaction, so nothing is left for other tests.
"""

from __future__ import annotations

import csv
import json
import warnings
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from signpost.careers import embeddings
from signpost.careers.models import JobProfile
from signpost.careers.sample import load_sample_content

SHARED_DATA = Path(__file__).resolve().parents[4].parent / "shared" / "data"
PROFILES = SHARED_DATA / "ncs-job-profiles-2020" / "job_profiles.jsonl"
SAMPLE = Path(__file__).resolve().parents[1] / "content" / "profiles"
CASES = Path(__file__).with_name("describe_relevance.csv")
TOP = 10
SAMPLE_FLOOR = 0.9
NATIONAL_FLOOR = 0.85

extra = pytest.mark.skipif(not embeddings.installed(), reason="the embeddings extra is not installed")


class DescribeRelevance(UserWarning):
    """The figures of this run, for the test output."""


@dataclass(frozen=True)
class Case:
    description: str
    expected: frozenset[str]


def cases() -> list[Case]:
    with CASES.open(newline="", encoding="utf-8") as file:
        return [
            Case(row["description"], frozenset(title.strip() for title in row["expected"].split("|")))
            for row in csv.DictReader(file)
        ]


def _sample_titles() -> set[str]:
    return {profile["title"] for path in SAMPLE.glob("*.json") for profile in json.loads(path.read_text("utf-8"))}


def _measure(name: str, floor: float) -> None:
    found = cases()
    ranks: dict[str, int | None] = {}
    for case in found:
        titles = [match.title for match in embeddings.describe(case.description, limit=TOP)]
        ranks[case.description] = next((n for n, title in enumerate(titles, 1) if title in case.expected), None)
    hits = sum(1 for rank in ranks.values() if rank is not None)
    rate = hits / len(found)
    mrr = sum(1 / rank for rank in ranks.values() if rank is not None) / len(found)
    misses = [repr(description) for description, rank in ranks.items() if rank is None]
    report = (
        f"Describe search on {JobProfile.objects.count()} {name} profiles ({connection.vendor}): hit rate {rate:.3f} "
        f"({hits}/{len(found)} with an expected profile in the top {TOP}), mean reciprocal rank {mrr:.3f}. "
        f"Misses: {', '.join(misses) or 'none'}"
    )
    print(report)
    warnings.warn(report, DescribeRelevance, stacklevel=2)
    assert rate >= floor, report


def test_the_description_set_is_well_formed() -> None:
    found = cases()
    assert len(found) >= 15
    assert len({case.description for case in found}) == len(found)
    sample = _sample_titles()
    assert all(case.expected & sample for case in found), [c.description for c in found if not c.expected & sample]
    if PROFILES.is_file():
        with PROFILES.open(encoding="utf-8") as file:
            national = {json.loads(line)["title"] for line in file}
        assert all(case.expected & national for case in found), [
            c.description for c in found if not c.expected & national
        ]


@pytest.mark.django_db
@pytest.mark.embeddings
@extra
def test_descriptions_find_the_expected_sample_profiles() -> None:
    load_sample_content()
    call_command("embed_job_profiles", stdout=StringIO())
    _measure("sample", SAMPLE_FLOOR)


@pytest.mark.django_db
@pytest.mark.embeddings
@extra
@pytest.mark.skipif(not PROFILES.is_file(), reason=f"{SHARED_DATA} is absent: measured on the national profiles")
def test_descriptions_find_the_expected_national_profiles() -> None:
    call_command("import_job_profiles", str(PROFILES), stdout=StringIO(), stderr=StringIO())
    call_command("embed_job_profiles", stdout=StringIO())
    _measure("national", NATIONAL_FLOOR)
