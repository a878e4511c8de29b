"""The importers on the real national files in ../shared/data, each run twice in one test."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from signpost.careers import selectors
from signpost.careers.importing import ImportReport
from signpost.careers.models import (
    JobCategory,
    JobProfile,
    OnetOccupation,
    ProfileSource,
    RouteKind,
    SocUnitGroup,
)
from signpost.careers.national import import_job_profiles
from signpost.careers.onet import import_onet
from signpost.careers.soc import import_soc2020

SHARED_DATA = Path(__file__).resolve().parents[4].parent / "shared" / "data"
PROFILES = SHARED_DATA / "ncs-job-profiles-2020" / "job_profiles.jsonl"
ONET = SHARED_DATA / "onet-29.3"
SOC2020 = SHARED_DATA / "uk-soc-2020" / "soc2020_descriptions.csv"

pytestmark = pytest.mark.skipif(
    not PROFILES.is_file(), reason=f"{SHARED_DATA} is absent: the importers are tested on the real national files"
)


def test_the_national_files_import_completely_and_a_second_run_changes_nothing(db: Any) -> None:
    """One test, so the files are imported once per run whichever worker takes it (test time)."""
    runs: dict[str, Any] = {}
    for name, importer, path in (
        ("profiles", import_job_profiles, PROFILES),
        ("soc2020", import_soc2020, SOC2020),
        ("onet", import_onet, ONET),
    ):
        started = time.perf_counter()
        first: ImportReport = importer(path)  # type: ignore[operator]
        seconds = time.perf_counter() - started
        runs[name] = (first, importer(path), seconds)  # type: ignore[operator]
    print("careers import timings:", {name: f"{run[2]:.2f}s" for name, run in runs.items()})

    _all_829_national_profiles_import_with_categories_tasks_routes_and_codes(runs)
    _related_careers_come_from_a_shared_occupation_code()
    _onet_enriches_profiles_through_the_crosswalk(runs)
    _soc2020_unit_groups_with_descriptions_and_profiles_coded_by_title(runs)


def _all_829_national_profiles_import_with_categories_tasks_routes_and_codes(runs: dict[str, Any]) -> None:
    first, again, _ = runs["profiles"]
    assert (first.read, first.created, first.rejected) == (829, 829, [])
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 829, [])
    assert JobProfile.objects.filter(source=ProfileSource.NATIONAL).count() == 829
    assert selectors.published_profiles().count() == 829
    # The second run wrote no history (SOC 2020 coding adds its own records).
    assert JobProfile.history.exclude(history_change_reason="SOC 2020 code derived").count() == 829
    assert JobCategory.objects.count() == 25
    # Two profiles have no job category in the export itself; the report names them.
    assert JobProfile.objects.filter(categories__isnull=True).count() == 2
    assert any("2 profiles have no job category" in note for note in first.notes)
    assert JobProfile.objects.filter(soc2010_code="").count() == 0

    nurse = JobProfile.objects.get(slug="childrens-nurse")  # "children's-nurse" in the export
    assert nurse.title == "Children's nurse"
    assert nurse.soc2010_code == "2231"

    printer = selectors.profile_by_slug("3d-printing-technician")
    assert printer is not None
    categories = [category.name for category in printer.categories.all()]
    assert categories == ["Computing, technology and digital", "Manufacturing"]
    assert "operating 3D scanning and printing machinery" in printer.tasks
    assert [route["kind"] for route in printer.entry_routes] == [
        RouteKind.UNIVERSITY,
        RouteKind.COLLEGE,
        RouteKind.APPRENTICESHIP,
        RouteKind.WORK,
    ]
    college = printer.route(RouteKind.COLLEGE)
    assert college is not None
    assert "- Level 3 Certificate in 3D Design" in college["subjects"]
    assert college["requirements_intro"] == "You may need:"
    assert {"text": "search for courses", "url": "/find-a-course"} in college["links"]
    assert (printer.salary_starter, printer.salary_experienced) == (18000, 33000)
    assert (printer.hours_min, printer.hours_max) == (Decimal("37.0"), Decimal("42.0"))
    assert printer.skills[0] == {
        "name": "Verbal Abilities",
        "description": "excellent verbal communication skills",
        "onet_element_id": "1.A.1.a",
        "rank": 1,
    }
    assert printer.onet_code == "51-4011.00"
    assert "<" not in printer.career_tips  # stored as our plain markup, never HTML
    assert printer.career_tips.startswith("Learn more about the [basics of 3D printing](https://")


def _related_careers_come_from_a_shared_occupation_code() -> None:
    nurse = JobProfile.objects.get(slug="childrens-nurse")
    related = list(nurse.related_careers.all())
    assert 0 < len(related) <= 5
    assert all(profile.soc2010_code == "2231" or profile.onet_code == nurse.onet_code for profile in related)


def _onet_enriches_profiles_through_the_crosswalk(runs: dict[str, Any]) -> None:
    first, again, _ = runs["onet"]
    assert (first.read, first.created, first.rejected) == (1016, 1016, [])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1016)
    nurse = OnetOccupation.objects.get(code="29-1141.00")
    assert nurse.job_zone == 4
    assert nurse.interest_code.startswith("S")
    assert nurse.social == max(nurse.interest_scores().values())
    assert len(nurse.top_skills) == 6
    assert nurse.top_skills[0]["importance"] >= nurse.top_skills[-1]["importance"]
    # Every profile with an O*NET code reaches an O*NET 29.3 occupation.
    assert not JobProfile.objects.exclude(onet_code="").filter(onet_occupation__isnull=True).exists()
    printer = JobProfile.objects.select_related("onet_occupation").get(slug="3d-printing-technician")
    assert printer.onet_occupation is not None
    assert printer.onet_occupation.code == "51-9161.00"  # 51-4011.00 in the 2010 taxonomy


def _soc2020_unit_groups_with_descriptions_and_profiles_coded_by_title(runs: dict[str, Any]) -> None:
    first, again, _ = runs["soc2020"]
    assert (first.read, first.created, first.skipped, first.rejected) == (551, 412, 139, [])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 412)
    group = SocUnitGroup.objects.get(code="1131")
    assert group.title == "Financial managers and directors"
    assert "Bank Manager" in group.related_job_titles
    assert group.tasks and not group.tasks[0].startswith("~")
    assert JobProfile.objects.get(slug="nurse").soc2020_code == "2237"
    assert JobProfile.objects.exclude(soc2020_code="").count() > 300

