"""Reference codes, narrowing a category with skills questions, and the skills check (pure)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from signpost.assessments import codes, narrowing, skills_check


def test_codes_use_the_alphabet_without_look_alikes_and_are_not_repeated() -> None:
    drawn = {codes.new_code() for _ in range(500)}
    assert len(drawn) == 500
    assert all(len(code) == 8 and set(code) <= set(codes.ALPHABET) for code in drawn)
    assert not set("01OILUV") & set(codes.ALPHABET)


@pytest.mark.parametrize("typed", ["abcd2345", "ABCD 2345", " abcd-2345 ", "aBcD  2345"])
def test_codes_are_accepted_in_any_case_with_or_without_spaces(typed: str) -> None:
    assert codes.normalise(typed) == "ABCD2345"
    assert codes.display("ABCD2345") == "ABCD 2345"


@pytest.mark.parametrize("typed", ["", "ABCD234", "ABCD23456", "ABCD 2O45", "ABCD 1345", "ABC! 2345"])
def test_what_cannot_be_a_code_is_refused(typed: str) -> None:
    assert codes.normalise(typed) is None


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=codes.ALPHABET, min_size=8, max_size=8))
def test_every_displayed_code_reads_back(code: str) -> None:
    assert codes.normalise(codes.display(code).lower()) == code


def profile(slug: str, *skills: str) -> narrowing.ProfileSkills:
    return narrowing.ProfileSkills(slug, slug.title(), frozenset(skills))


PROFILES = [
    profile("nurse", "cooperation", "concern for others", "stress tolerance"),
    profile("porter", "cooperation", "self control"),
    profile("surgeon", "fine manipulative abilities", "stress tolerance", "reading comprehension"),
    profile("paramedic", "cooperation", "stress tolerance", "self control"),
]


def test_questions_split_the_category_most_evenly_first_and_skip_useless_skills() -> None:
    questions = narrowing.filter_questions(PROFILES)
    # self control: 2 of 4 (even) before cooperation and stress tolerance (3 of 4), then 1 of 4.
    assert [q.skill for q in questions] == [
        "self control",
        "cooperation",
        "stress tolerance",
        "concern for others",
    ]
    assert all(q.text.endswith("?") for q in questions)
    every = [profile("a", "cooperation"), profile("b", "cooperation", "made up skill")]
    assert narrowing.filter_questions(every) == []


def test_no_sets_aside_profiles_listing_the_skill_and_yes_ranks_them_first() -> None:
    result = narrowing.narrow(PROFILES, {"self control": False})
    assert [p.slug for p in result.profiles] == ["nurse", "surgeon"]
    ranked = narrowing.narrow(PROFILES, {"fine manipulative abilities": True})
    assert ranked.profiles[0].slug == "surgeon" and len(ranked.profiles) == 4
    everything_out = narrowing.narrow(PROFILES, {"cooperation": False, "stress tolerance": False})
    assert everything_out.all_set_aside and len(everything_out.profiles) == 4


def test_skills_check_sorts_strengths_and_areas_to_develop() -> None:
    ratings = {"working_with_others": 5, "solving_problems": 2, "communicating": 4, "planning": 1}
    ratings |= {"handling_pressure": 3, "using_technology": 4}
    result = skills_check.skills_check_result(ratings)
    assert [a.code for a in result.strengths] == ["working_with_others", "communicating", "using_technology"]
    assert [a.code for a in result.to_develop] == ["planning", "solving_problems"]
    assert [a.code for a in result.steady] == ["handling_pressure"]
    with pytest.raises(ValueError):
        skills_check.skills_check_result({"planning": 0})
