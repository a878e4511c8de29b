"""The instrument's design and scoring (pure functions; property tests with hypothesis)."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from signpost.assessments import instrument
from signpost.assessments.starting_mapping import NATIONAL_MAPPING

answers_strategy = st.dictionaries(
    st.sampled_from([statement.code for statement in instrument.STATEMENTS]),
    st.sampled_from(sorted(instrument.SCALE_VALUES)),
)
full_answers = st.fixed_dictionaries(
    {statement.code: st.sampled_from(sorted(instrument.SCALE_VALUES)) for statement in instrument.STATEMENTS}
)


def test_each_trait_has_five_statements_two_of_them_reverse_keyed() -> None:
    per_trait = Counter(statement.trait for statement in instrument.STATEMENTS)
    reversed_ = Counter(statement.trait for statement in instrument.STATEMENTS if statement.reverse)
    assert per_trait == {trait.code: 5 for trait in instrument.TRAITS}
    assert reversed_ == {trait.code: 2 for trait in instrument.TRAITS}
    assert len({statement.text for statement in instrument.STATEMENTS}) == 40


def test_statements_are_short_and_plain() -> None:
    # A reading age of about 13: short sentences, short words, in the first person.
    for statement in instrument.STATEMENTS:
        words = statement.text.rstrip(".").split()
        assert len(words) <= 14, statement.text
        assert max(len(word.strip(",'")) for word in words) <= 12, statement.text
        assert statement.text.startswith(
            ("I ", "I'", "When ", "People ", "Meeting ", "Practical ", "Thinking ", "Following ")
        )


def test_every_page_mixes_traits() -> None:
    for page in range(1, instrument.PAGE_COUNT + 1):
        statements = instrument.page_statements(page)
        assert len({statement.trait for statement in statements}) == len(statements) == 5
    with pytest.raises(ValueError):
        instrument.page_statements(instrument.PAGE_COUNT + 1)


@settings(max_examples=200, deadline=None)
@given(answers_strategy)
def test_scores_are_deterministic_and_bounded(answers: dict[str, int]) -> None:
    first = instrument.score(answers)
    assert first == instrument.score(dict(reversed(list(answers.items()))))
    assert set(first) == {trait.code for trait in instrument.TRAITS}
    assert all(instrument.MIN_SCORE <= value <= instrument.MAX_SCORE for value in first.values())


@settings(max_examples=200, deadline=None)
@given(full_answers, st.sampled_from([s for s in instrument.STATEMENTS if s.reverse]))
def test_reversing_a_reverse_keyed_answer_moves_its_trait_the_right_way(
    answers: dict[str, int], statement: instrument.Statement
) -> None:
    """Agreeing more with a reverse-keyed statement lowers its trait and leaves the others alone."""
    before = instrument.score(answers)
    flipped = {**answers, statement.code: 6 - answers[statement.code]}
    after = instrument.score(flipped)
    change = answers[statement.code] - flipped[statement.code]  # > 0: now agrees less
    if change > 0:
        assert after[statement.trait] > before[statement.trait]
    elif change < 0:
        assert after[statement.trait] < before[statement.trait]
    else:
        assert after == before
    assert {k: v for k, v in after.items() if k != statement.trait} == {
        k: v for k, v in before.items() if k != statement.trait
    }


@settings(max_examples=100, deadline=None)
@given(full_answers, st.sampled_from(instrument.STATEMENTS))
def test_agreeing_more_moves_the_trait_up_for_agree_keyed_and_down_for_reverse_keyed(
    answers: dict[str, int], statement: instrument.Statement
) -> None:
    if answers[statement.code] == 5:
        return
    more = {**answers, statement.code: answers[statement.code] + 1}
    before, after = instrument.score(answers)[statement.trait], instrument.score(more)[statement.trait]
    assert (after < before) if statement.reverse else (after > before)


@pytest.mark.parametrize("value", [5, 4])
def test_agreeing_with_everything_suggests_no_trait(value: int) -> None:
    answers = {statement.code: value for statement in instrument.STATEMENTS}
    assert instrument.strong_traits(instrument.score(answers)) == []


def test_neutral_answers_give_zero_and_unknown_codes_are_ignored() -> None:
    answers = {statement.code: 3 for statement in instrument.STATEMENTS} | {"retired-1": 5}
    assert set(instrument.score(answers).values()) == {Fraction(0)}
    assert instrument.score({}) == {trait.code: 0 for trait in instrument.TRAITS}
    with pytest.raises(ValueError):
        instrument.score({"doer-1": 6})


def pattern_for(traits: set[str]) -> dict[str, int]:
    """Strong agreement (or disagreement, reverse-keyed) for these traits, the opposite otherwise."""
    return {
        statement.code: (5 if (statement.trait in traits) != statement.reverse else 1)
        for statement in instrument.STATEMENTS
    }


def test_strong_traits_are_ordered_by_score_then_fixed_order() -> None:
    answers = pattern_for({"helper", "analyst"})
    answers["analyst-2"] = 3  # analyst a little weaker than helper
    assert instrument.strong_traits(instrument.score(answers)) == ["helper", "analyst"]
    tied = pattern_for({"analyst", "helper"})
    assert instrument.strong_traits(instrument.score(tied)) == ["helper", "analyst"]


def test_a_category_is_suggested_only_when_all_its_traits_are_positive() -> None:
    mapping = {"care": ["helper"], "vets": ["doer", "helper"], "empty": [], "odd": ["helper", "unknown"]}
    only_helper = instrument.score(pattern_for({"helper"}))
    assert [item.category for item in instrument.suggest_categories(only_helper, mapping)] == ["care"]
    both = instrument.score(pattern_for({"helper", "doer"}))
    suggested = instrument.suggest_categories(both, mapping)
    # Equal strength: the closer fit (more matching traits) first.
    assert [item.category for item in suggested] == ["vets", "care"]
    assert suggested[0].reason == "Because you like hands-on work and you like helping people."
    assert instrument.suggest_categories(instrument.score({}), mapping) == []


@pytest.mark.parametrize("category", sorted(NATIONAL_MAPPING))
def test_every_category_of_the_starting_mapping_is_reachable(category: str) -> None:
    mapping = NATIONAL_MAPPING
    answers = pattern_for(set(mapping[category]))
    suggested = [item.category for item in instrument.suggest_categories(instrument.score(answers), mapping)]
    assert category in suggested
