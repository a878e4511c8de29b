"""Other titles for the national profiles from the 2019 export: on the real files, twice, with an
editor's titles and working copies in the way; and a small file with every kind of bad row."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from signpost.careers import search, services
from signpost.careers.models import JobProfile, ProfileSource, ProfileStatus
from signpost.careers.national import import_job_profiles
from signpost.careers.tests.builders import make_profile
from signpost.careers.tests.test_imports import PROFILES, SHARED_DATA
from signpost.careers.titles import _names, course_phrases, import_job_profile_titles

TITLES = SHARED_DATA / "ncs-dysac-2019" / "job_profiles.csv"
COLUMNS = ["UrlName", "Title", "AlternativeTitle", "HiddenAlternativeTitle", "CourseKeywords"]

real_files = pytest.mark.skipif(
    not (PROFILES.is_file() and TITLES.is_file()), reason=f"{SHARED_DATA} is absent: the 2019 and 2020 exports"
)


@real_files
def test_the_2019_titles_reach_the_national_profiles_and_a_second_run_changes_nothing(db: Any, person: Any) -> None:
    staff = person("content_editor")
    import_job_profiles(PROFILES)
    beekeeper = JobProfile.objects.get(slug="beekeeper")
    # A working copy whose titles are still the published ones follows the import …
    bee_copy = services.profile_edit(actor=staff, profile=beekeeper, changes={"overview": "Bees and honey."})
    # … one whose editor changed its titles keeps them; so does a profile an editor gave titles.
    roofer_copy = services.profile_edit(
        actor=staff, profile=JobProfile.objects.get(slug="roofer"), changes={"alternative_titles": ["Roof tiler"]}
    )
    caretaker = JobProfile.objects.get(slug="caretaker")
    edited = services.profile_edit(actor=staff, profile=caretaker, changes={"hidden_titles": ["site manager"]})
    services.profile_submit_for_review(actor=staff, profile=edited)
    services.profile_publish(actor=staff, profile=edited)
    assert search.search("apiarist").hits == []

    out = StringIO()
    call_command("import_job_profile_titles", str(TITLES), stdout=out, stderr=StringIO())
    again = import_job_profile_titles(TITLES)

    summary = out.getvalue()
    assert "Job profile titles: 856 read, 816 matched a national profile" in summary
    assert "40 matched none, 0 rejected." in summary
    assert "(lock-keeper): no national profile has the address 'lock-keeper'" in summary
    assert "1 profiles keep the titles an editor set: caretaker" in summary
    assert "1 working copies keep titles an editor changed in them" in summary
    assert (again.read, again.updated, again.unchanged, len(again.unmatched), again.rejected) == (856, 0, 816, 40, [])

    beekeeper.refresh_from_db()
    assert beekeeper.alternative_titles == ["Apiarist", "Apiculturist"]
    assert beekeeper.hidden_titles == ["bee keeping"]
    assert beekeeper.history.first().history_change_reason == "Titles imported from the 2019 export"  # type: ignore[union-attr]
    bee_copy.refresh_from_db()
    assert bee_copy.alternative_titles == ["Apiarist", "Apiculturist"] and bee_copy.overview == "Bees and honey."
    assert JobProfile.objects.get(slug="visual-merchandiser", draft_of__isnull=True).alternative_titles == [
        "Window dresser",
        "Display assistant",
    ]
    roofer = JobProfile.objects.get(slug="roofer", draft_of__isnull=True)
    roofer_copy.refresh_from_db()
    assert roofer.alternative_titles == ["Slater", "Flat roofer"] and roofer_copy.alternative_titles == ["Roof tiler"]
    caretaker.refresh_from_db()
    assert caretaker.alternative_titles == ["Janitor"] and caretaker.hidden_titles == ["site manager"]

    # Course keywords: a field of this job is kept; a qualification, a subject many jobs share or
    # another job's name is not.
    assert JobProfile.objects.get(slug="management-accountant").hidden_titles == ["cima"]
    assert "accountancy" not in JobProfile.objects.get(slug="purchasing-manager").hidden_titles
    assert JobProfile.objects.get(slug="astronaut").hidden_titles == []  # 'access to science'
    all_hidden = [word for words in JobProfile.objects.values_list("hidden_titles", flat=True) for word in words]
    assert not [word for word in all_hidden if word.startswith(("access to", "gcse", "diploma"))]

    # The search index and its vocabulary see the new titles at once.
    assert [hit.title for hit in search.search("apiarist").hits] == ["Beekeeper"]
    assert search.search("janitor").hits[0].title == "Caretaker"


def _write(path: Path, rows: list[list[str]], columns: list[str] = COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


def test_each_row_is_matched_by_address_then_title_and_every_problem_is_reported(db: Any, tmp_path: Path) -> None:
    make_profile("Vet", source=ProfileSource.NATIONAL)
    make_profile("Nurse", slug="adult-nurse", source=ProfileSource.NATIONAL)
    make_profile("Baker", source=ProfileSource.OURS, alternative_titles=["Our own name"])
    make_profile("Draft vet", status=ProfileStatus.DRAFT, source=ProfileSource.NATIONAL)
    path = _write(
        tmp_path / "titles.csv",
        [
            ["vet", "Vet", "veterinary surgeon, Animal doctor", "vett", "'veterinary science' 'access to science'"],
            ["nurse", "Nurse", "Registered nurse", "", ""],
            ["", "", "Nameless", "", ""],
            ["vet", "Vet", "Second vet row", "", ""],
            ["baker", "Baker", "Bread maker", "", ""],
            ["x", "Long one", "x" * 101, "", ""],
        ],
    )
    out, err = StringIO(), StringIO()

    call_command("import_job_profile_titles", str(path), stdout=out, stderr=err)

    assert (
        "6 read, 2 matched a national profile (2 updated, 0 unchanged), 1 matched none, 3 rejected." in out.getvalue()
    )
    assert "line 6 (baker): no national profile has the address 'baker' or the title 'Baker'" in out.getvalue()
    assert "line 4 (no key): the row has neither an address (UrlName) nor a title" in err.getvalue()
    assert "line 5 (vet): its profile (vet) was matched on line 2" in err.getvalue()
    assert "line 7 (x): a title is longer than 100 characters" in err.getvalue()
    vet = JobProfile.objects.get(slug="vet")
    assert vet.alternative_titles == ["Veterinary surgeon", "Animal doctor"]
    assert vet.hidden_titles == ["vett", "veterinary science"]
    assert JobProfile.objects.get(slug="adult-nurse").alternative_titles == ["Registered nurse"]
    assert JobProfile.objects.get(slug="baker").alternative_titles == ["Our own name"]


def test_a_file_without_the_columns_or_no_file_at_all_is_refused(db: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="has no column AlternativeTitle"):
        import_job_profile_titles(_write(tmp_path / "titles.csv", [["vet", "Vet"]], columns=["UrlName", "Title"]))
    with pytest.raises(CommandError, match="is not a file"):
        import_job_profile_titles(tmp_path / "missing.csv")


@pytest.mark.parametrize(
    ("keywords", "phrases"),
    [
        ("'tree surgery'", ["tree surgery"]),
        ("'health care' AND level", ["health care"]),
        ("'leisure studies''leisure operations' -construction", ["leisure studies", "leisure operations"]),
        ("picture framing mounting", ["picture framing mounting"]),
        ("'Customer Service'-apprenticeship", ["Customer Service"]),
        ('"kitchen assistant"', ["kitchen assistant"]),
        ("", []),
    ],
)
def test_course_keywords_are_read_as_the_course_search_wrote_them(keywords: str, phrases: list[str]) -> None:
    assert course_phrases(keywords) == phrases


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        (
            "Equality and diversity officer, equal opportunities officer, equality, diversity and human rights officer",
            [
                "Equality and diversity officer",
                "equal opportunities officer",
                "equality, diversity and human rights officer",
            ],
        ),
        ("Oil rig worker, oil and gas worker", ["Oil rig worker", "oil and gas worker"]),
        ("Roustabout, Driller", ["Roustabout", "Driller"]),
        (" , ", []),
    ],
)
def test_a_comma_inside_one_title_does_not_split_it(typed: str, names: list[str]) -> None:
    assert _names(typed) == names
