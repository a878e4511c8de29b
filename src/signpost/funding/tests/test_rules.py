"""Every rule of the default rule set, at its boundaries, through the one function that decides
(rules.evaluate), and the condition language itself."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from signpost.funding import facts, rules, selectors, services
from signpost.funding.models import FundingCondition

COURSE_START = datetime.date(2027, 9, 1)


def answers(age: int = 30, *, born_day_after: bool = False, **changes: Any) -> dict[str, Any]:
    """Answers of someone who is ``age`` on the course start date (a day younger with
    ``born_day_after``: the day before their birthday)."""
    born = datetime.date(COURSE_START.year - age, COURSE_START.month, COURSE_START.day)
    if born_day_after:
        born += datetime.timedelta(days=1)
    given = {
        "date_of_birth": born.isoformat(),
        "course_start": COURSE_START.isoformat(),
        "lives_in": "england",
        "residency": "settled_3_years",
        "employment": "employed",
        "low_wage": "no",
        "highest_qualification": "4",
        "gcse_english_and_maths": "both",
        "course_type": "other",
        "course_level": "2",
        "caring": ["none"],
        "help_with_costs": "no",
    }
    given.update(changes)
    return given


@pytest.fixture
def rule_set(db: Any) -> Any:
    services.rule_set_load_default()
    found = selectors.rule_set_for(COURSE_START)
    assert found is not None
    return found


def outcome(rule_set: Any, code: str, given: dict[str, Any]) -> rules.Outcome:
    statement = rules.evaluate(rule_set, facts.facts_from_answers(given))
    found = [item for item in statement.applies + statement.does_not_apply if item.code == code]
    assert len(found) == 1, code
    return found[0]


FULL_LEVEL_2 = {"course_type": "full_qualification", "course_level": "2", "highest_qualification": "1"}
FULL_LEVEL_3 = {"course_type": "full_qualification", "course_level": "3", "highest_qualification": "2"}

CASES = [
    # 16 to 18: by age on the course start date.
    ("aged-16-to-18", answers(18), True),
    ("aged-16-to-18", answers(19, born_day_after=True), True),
    ("aged-16-to-18", answers(19), False),
    ("aged-16-to-18", answers(17, lives_in="wales"), False),
    # First full level 2 and 3: 19 to 23 on the start date, without one already.
    ("first-full-level-2", answers(18, **FULL_LEVEL_2), False),
    ("first-full-level-2", answers(19, **FULL_LEVEL_2), True),
    ("first-full-level-2", answers(23, **FULL_LEVEL_2), True),
    ("first-full-level-2", answers(24, born_day_after=True, **FULL_LEVEL_2), True),
    ("first-full-level-2", answers(24, **FULL_LEVEL_2), False),
    ("first-full-level-2", answers(20, **{**FULL_LEVEL_2, "highest_qualification": "2"}), False),
    ("first-full-level-2", answers(20, **{**FULL_LEVEL_2, "course_type": "skills_bootcamp"}), False),
    ("first-full-level-3", answers(19, **FULL_LEVEL_3), True),
    ("first-full-level-3", answers(23, **FULL_LEVEL_3), True),
    ("first-full-level-3", answers(24, **FULL_LEVEL_3), False),
    ("first-full-level-3", answers(18, **FULL_LEVEL_3), False),
    ("first-full-level-3", answers(21, **{**FULL_LEVEL_3, "highest_qualification": "3"}), False),
    ("first-full-level-3", answers(21, **{**FULL_LEVEL_3, "residency": "other"}), False),
    # English and maths: 19 and over, up to level 2, without both GCSEs at grade 4.
    ("english-and-maths", answers(19, course_type="english_maths", gcse_english_and_maths="neither"), True),
    ("english-and-maths", answers(60, course_type="english_maths", gcse_english_and_maths="maths_only"), True),
    ("english-and-maths", answers(18, course_type="english_maths", gcse_english_and_maths="neither"), False),
    ("english-and-maths", answers(30, course_type="english_maths", gcse_english_and_maths="both"), False),
    (
        "english-and-maths",
        answers(30, course_type="english_maths", course_level="3", gcse_english_and_maths="neither"),
        False,
    ),
    (
        "english-and-maths",
        answers(30, course_type="english_maths", course_level="not_sure", gcse_english_and_maths="neither"),
        False,
    ),
    # Essential digital skills: up to level 1.
    ("essential-digital-skills", answers(40, course_type="digital", course_level="1"), True),
    ("essential-digital-skills", answers(40, course_type="digital", course_level="entry"), True),
    ("essential-digital-skills", answers(40, course_type="digital", course_level="2"), False),
    # Free courses for jobs: level 3 on the list; no level 3 yet, or unemployed, or on a low wage.
    (
        "free-courses-for-jobs",
        answers(30, course_type="free_course_for_jobs", course_level="3", highest_qualification="2"),
        True,
    ),
    (
        "free-courses-for-jobs",
        answers(30, course_type="free_course_for_jobs", course_level="3", employment="unemployed"),
        True,
    ),
    ("free-courses-for-jobs", answers(30, course_type="free_course_for_jobs", course_level="3", low_wage="yes"), True),
    ("free-courses-for-jobs", answers(30, course_type="free_course_for_jobs", course_level="3"), False),
    (
        "free-courses-for-jobs",
        answers(30, course_type="free_course_for_jobs", course_level="2", highest_qualification="1"),
        False,
    ),
    (
        "free-courses-for-jobs",
        answers(18, course_type="free_course_for_jobs", course_level="3", highest_qualification="2"),
        False,
    ),
    # Unemployed (with or without benefits) up to level 2; employed on a low wage up to level 2.
    ("unemployed", answers(30, employment="unemployed_benefits", course_level="2"), True),
    ("unemployed", answers(30, employment="unemployed", course_level="entry"), True),
    ("unemployed", answers(30, employment="unemployed_benefits", course_level="3"), False),
    ("unemployed", answers(30, employment="employed", low_wage="yes"), False),
    ("unemployed", answers(30, employment="not_working"), False),
    ("low-wage", answers(30, employment="employed", low_wage="yes", course_level="1"), True),
    ("low-wage", answers(30, employment="employed", low_wage="no", course_level="1"), False),
    ("low-wage", answers(30, employment="employed", low_wage="yes", course_level="3"), False),
    # A low-wage answer left from before the person said they are not working does not count.
    ("low-wage", answers(30, employment="not_working", low_wage="yes", course_level="1"), False),
    ("low-wage", answers(30, employment="unemployed_benefits", low_wage="yes", course_level="1"), False),
    # ESOL: unemployed or low wage.
    ("esol", answers(30, course_type="esol", employment="unemployed_benefits"), True),
    ("esol", answers(30, course_type="esol", low_wage="yes"), True),
    ("esol", answers(30, course_type="esol"), False),
    ("skills-bootcamp", answers(19, course_type="skills_bootcamp"), True),
    ("skills-bootcamp", answers(18, course_type="skills_bootcamp"), False),
    # Advanced learner loans: 19 and over, levels 3 to 6, the residency rule.
    ("advanced-learner-loan", answers(19, course_level="3"), True),
    ("advanced-learner-loan", answers(24, course_level="3"), True),
    ("advanced-learner-loan", answers(50, course_level="6"), True),
    ("advanced-learner-loan", answers(18, course_level="3"), False),
    ("advanced-learner-loan", answers(30, course_level="2"), False),
    ("advanced-learner-loan", answers(30, course_level="not_sure"), False),
    ("advanced-learner-loan", answers(30, course_level="3", residency="other"), False),
    ("advanced-learner-loan", answers(30, course_level="3", residency="refugee"), True),
    ("advanced-learner-loan", answers(30, course_level="3", residency="asylum_seeker"), False),
    ("advanced-learner-loan", answers(30, course_level="3", lives_in="scotland"), False),
    # Support while learning.
    ("bursary-16-to-19", answers(17, help_with_costs="yes"), True),
    ("bursary-16-to-19", answers(18, help_with_costs="no"), False),
    ("bursary-16-to-19", answers(19, help_with_costs="yes"), False),
    ("learner-support", answers(19, help_with_costs="yes"), True),
    ("learner-support", answers(40, caring=["adult"]), True),
    ("learner-support", answers(40, caring=["childcare"]), True),
    ("learner-support", answers(40), False),
    ("learner-support", answers(18, help_with_costs="yes"), False),
    ("care-to-learn", answers(19, caring=["childcare"]), True),
    ("care-to-learn", answers(17, caring=["childcare", "adult"]), True),
    ("care-to-learn", answers(20, born_day_after=True, caring=["childcare"]), True),
    ("care-to-learn", answers(20, caring=["childcare"]), False),
    ("care-to-learn", answers(19, caring=["adult"]), False),
    ("childcare-20-and-over", answers(20, caring=["childcare"]), True),
    ("childcare-20-and-over", answers(19, caring=["childcare"]), False),
    ("childcare-20-and-over", answers(35, caring=["none"]), False),
]


@pytest.mark.parametrize(("code", "given", "applies"), CASES)
def test_each_rule_at_its_boundaries(rule_set: Any, code: str, given: dict[str, Any], applies: bool) -> None:
    result = outcome(rule_set, code, given)
    assert result.applies is applies
    if applies:
        assert result.why and result.next_steps
    else:
        assert result.why and not result.next_steps


def test_every_default_rule_is_tested() -> None:
    from signpost.funding.default_rules import RULES

    assert {rule["code"] for rule in RULES} == {code for code, _, _ in CASES}


def test_the_reason_is_the_first_condition_that_fails(rule_set: Any) -> None:
    too_old = outcome(rule_set, "first-full-level-3", answers(24, **FULL_LEVEL_3))
    assert too_old.why == "This is for people aged 19 to 23 on the day the course starts."
    in_scotland = outcome(rule_set, "english-and-maths", answers(30, lives_in="scotland", course_type="english_maths"))
    assert "Scotland, Wales and Northern Ireland" in in_scotland.why


def test_a_failed_any_of_group_gives_its_first_reason(rule_set: Any) -> None:
    result = outcome(
        rule_set, "free-courses-for-jobs", answers(30, course_type="free_course_for_jobs", course_level="3")
    )
    assert result.why.startswith("You already have a level 3 qualification")


def test_a_statement_lists_every_rule_once_and_survives_saving_as_json(rule_set: Any) -> None:
    statement = rules.evaluate(rule_set, facts.facts_from_answers(answers(19, **FULL_LEVEL_3)))
    codes = [item.code for item in statement.applies + statement.does_not_apply]
    assert len(codes) == len(set(codes)) == rule_set.rules.count()
    assert rules.Statement.from_json(statement.as_json()) == statement
    assert statement.as_at == "2025-08-01"


def test_the_rule_set_in_force_is_the_latest_as_at_the_course_start(rule_set: Any, person: Any) -> None:
    editor = person("content_editor")
    later = services.rule_set_copy(actor=editor, rule_set=rule_set, name="Next year", as_at=datetime.date(2027, 8, 1))
    assert selectors.rule_set_for(datetime.date(2027, 7, 31)) == rule_set
    assert selectors.rule_set_for(datetime.date(2027, 8, 1)) == later
    # Before every set: the set in force today.
    assert selectors.rule_set_for(datetime.date(2000, 1, 1)) == rule_set


@pytest.mark.parametrize(
    ("fact", "operator", "value", "parsed"),
    [
        ("age_on_start", "gte", " 19 ", 19),
        ("course_type", "in", "esol, digital", ["esol", "digital"]),
        ("needs_childcare", "eq", "yes", True),
        ("needs_childcare", "ne", "no", False),
    ],
)
def test_values_are_read_as_their_fact_s_type(fact: str, operator: str, value: str, parsed: Any) -> None:
    assert rules.parse_value(fact, operator, value) == parsed


@pytest.mark.parametrize(
    ("fact", "operator", "value", "field", "message"),
    [
        ("age_on_start", "gte", "nineteen", "value", "'nineteen' is not a whole number."),
        ("course_type", "eq", "yoga", "value", "'yoga' is not a value of 'Type of course'"),
        ("course_type", "gte", "esol", "operator", "is not a number"),
        ("course_type", "eq", "esol,digital", "value", "Give one value"),
        ("age_on_start", "eq", "", "value", "Enter the value"),
        ("shoe_size", "eq", "9", "fact", "Choose a fact"),
        ("age_on_start", "about", "9", "operator", "Choose how to compare"),
    ],
)
def test_bad_values_are_refused_with_the_reason(fact: str, operator: str, value: str, field: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        rules.parse_value(fact, operator, value)
    assert message in " ".join(refused.value.message_dict[field])


@pytest.mark.parametrize(
    ("operator", "value", "actual", "holds"),
    [
        ("eq", "3", 3, True),
        ("ne", "3", 3, False),
        ("in", "1,2", 2, True),
        ("not_in", "1,2", 2, False),
        ("gte", "3", 3, True),
        ("gte", "3", 2, False),
        ("lte", "3", 3, True),
        ("lte", "3", 4, False),
        ("lte", "3", None, False),
        ("gte", "0", None, False),
    ],
)
def test_each_operator(operator: str, value: str, actual: Any, holds: bool) -> None:
    condition = FundingCondition(fact="course_level", operator=operator, value=value, reason_not_met="x")
    assert rules.condition_holds(condition, {"course_level": actual}) is holds


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (datetime.date(2008, 9, 1), datetime.date(2027, 9, 1), 19),
        (datetime.date(2008, 9, 2), datetime.date(2027, 9, 1), 18),
        (datetime.date(2004, 2, 29), datetime.date(2027, 2, 28), 22),
        (datetime.date(2004, 2, 29), datetime.date(2027, 3, 1), 23),
    ],
)
def test_age_on_the_course_start_date(born: datetime.date, day: datetime.date, age: int) -> None:
    assert facts.age_on(born, day) == age


def test_questions_asked_depend_on_earlier_answers() -> None:
    employed = [question.key for question in facts.questions_asked({"employment": "employed"})]
    not_working = [question.key for question in facts.questions_asked({"employment": "not_working"})]
    assert "low_wage" in employed
    assert "low_wage" not in not_working
    assert facts.unanswered(answers(30, employment="not_working", low_wage="")) == []
