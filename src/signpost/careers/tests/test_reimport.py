"""Importing the national profiles again keeps what an editor changed and takes the rest from the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from signpost.careers import services
from signpost.careers.models import JobProfile
from signpost.careers.national import import_job_profiles
from signpost.careers.tests.test_imports import PROFILES, SHARED_DATA

pytestmark = pytest.mark.skipif(not PROFILES.is_file(), reason=f"{SHARED_DATA} is absent: a real national line")


def test_a_reimport_keeps_the_fields_an_editor_changed(db: Any, person: Any, tmp_path: Path) -> None:
    line = PROFILES.open(encoding="utf-8").readline()
    path = tmp_path / "profiles.jsonl"
    path.write_text(line, encoding="utf-8")
    import_job_profiles(path)
    profile = JobProfile.objects.get(slug="3d-printing-technician")
    imported_skills = profile.skills
    editor = person("content_editor")
    draft = services.profile_edit(
        actor=editor,
        profile=profile,
        changes={"skills": imported_skills[:1], "onet_code": "17-3029.00", "digital_skills_level": "advanced"},
    )
    services.profile_submit_for_review(actor=editor, profile=draft)
    services.profile_publish(actor=editor, profile=draft)

    path.write_text(line.replace('"SalaryStarter": "18000"', '"SalaryStarter": "19000"'), encoding="utf-8")
    report = import_job_profiles(path)

    profile.refresh_from_db()
    assert (report.updated, report.rejected) == (1, [])
    assert "1 profiles keep what an editor changed: 3d-printing-technician" in report.notes
    assert profile.salary_starter == 19000  # not touched by the editor: the file's figure
    assert profile.skills == imported_skills[:1] and len(imported_skills) > 1
    assert (profile.onet_code, profile.digital_skills_level) == ("17-3029.00", "advanced")
