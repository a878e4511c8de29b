"""SOC 2020 codes for the national profiles, derived from the ONS SOC 2010 coding index and the
SOC 2020 example job titles (careers.soc), on the real files; an editor's code is kept."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from signpost.careers import services
from signpost.careers.models import JobProfile, SocUnitGroup
from signpost.careers.national import import_job_profiles
from signpost.careers.soc import _title_index, choose_soc2020, import_soc2020
from signpost.careers.tests.test_imports import PROFILES, SHARED_DATA, SOC2020
from signpost.careers.tests.test_titles_import import TITLES
from signpost.careers.titles import import_job_profile_titles

SOC2010_INDEX = SHARED_DATA / "uk-soc-2010" / "soc2010_coding_index_v5.1.csv"


@pytest.mark.skipif(
    not all(path.is_file() for path in (PROFILES, TITLES, SOC2020, SOC2010_INDEX)),
    reason=f"{SHARED_DATA} is absent: the national profiles and the ONS classifications",
)
def test_national_profiles_get_a_soc2020_code_from_their_soc2010_code_and_titles(db: Any, person: Any) -> None:
    import_job_profiles(PROFILES)
    import_job_profile_titles(TITLES)
    title_only = import_soc2020(SOC2020)
    assert "370 of 829 profiles have a SOC 2020 code" in title_only.notes[-1]
    # The title rule alone read "Auditor" as the book-keepers' example title.
    assert JobProfile.objects.get(slug="auditor").soc2020_code == "4122"
    homeopath = JobProfile.objects.get(slug="homeopath")
    editor = person("content_editor")
    draft = services.profile_edit(actor=editor, profile=homeopath, changes={"soc2020_code": "3219"})
    services.profile_submit_for_review(actor=editor, profile=draft)
    services.profile_publish(actor=editor, profile=draft)

    out = StringIO()
    call_command("import_soc2020", str(SOC2020), soc2010_index=SOC2010_INDEX, stdout=out, stderr=StringIO())
    again = import_soc2020(SOC2020, soc2010_index=SOC2010_INDEX.parent)

    assert "828 of 829 profiles have a SOC 2020 code" in out.getvalue()
    assert "1 set by editors are kept" in out.getvalue()
    assert "(0 given or changed now" in again.notes[-1]
    codes = dict(JobProfile.objects.values_list("slug", "soc2020_code"))
    assert codes["auditor"] == "2421"  # Chartered and certified accountants, as its SOC 2010 code says
    assert codes["bookkeeper"] == "4122"
    assert codes["software-developer"] == "2134"
    assert codes["clinical-psychologist"] == "2225"  # the title picks it among the SOC 2010 code's groups
    assert codes["customer-services-manager"] == "4143"  # the title's own group beats the votes
    assert codes["homeopath"] == "3219"  # the editor's choice
    assert set(codes.values()) <= set(SocUnitGroup.objects.values_list("code", flat=True)) | {""}
    auditor = JobProfile.objects.get(slug="auditor")
    assert auditor.history.first().history_change_reason == "SOC 2020 code derived"  # type: ignore[union-attr]


def test_the_soc2010_votes_and_the_titles_decide_together() -> None:
    groups = [
        SocUnitGroup(code="2421", title="Accountants", related_job_titles=["Auditor (qualified)"]),
        SocUnitGroup(code="4122", title="Book-keepers", related_job_titles=["Auditor", "Bookkeeper"]),
        SocUnitGroup(code="2225", title="Clinical psychologists", related_job_titles=["Clinical psychologist"]),
        SocUnitGroup(code="2226", title="Other psychologists", related_job_titles=["Psychologist"]),
    ]
    exact, bare = _title_index(groups)
    votes = {"2421": {"2421": 6.0, "4122": 2.0}, "2212": {"2226": 5.0, "2225": 1.0}}
    assert choose_soc2020(["Auditor"], "2421", votes, exact, bare) == "2421"
    assert choose_soc2020(["Clinical psychologist"], "2212", votes, exact, bare) == "2225"
    assert choose_soc2020(["Research psychologist"], "2212", votes, exact, bare) == "2226"
    assert choose_soc2020(["Bookkeeper"], "9999", votes, exact, bare) == "4122"  # no votes: the title rule
    assert choose_soc2020(["Astronaut"], "9999", votes, exact, bare) == ""


def test_a_missing_coding_index_is_refused(db: Any, tmp_path: Path) -> None:
    if not SOC2020.is_file():
        pytest.skip(f"{SHARED_DATA} is absent")
    with pytest.raises(CommandError, match="is not a file"):
        import_soc2020(SOC2020, soc2010_index=tmp_path / "missing.csv")
