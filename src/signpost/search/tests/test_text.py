"""The matching rule itself (text.py): folding, tokens, slips. The engines are held to the same
cases against a real database in test_engines.py."""

from __future__ import annotations

import pytest

from signpost.search import text


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("  Ada   LOVELACE ", "ada lovelace"),
        ("O'Brien", "obrien"),
        ("O’Brien", "obrien"),
        ("Zoë Brontë", "zoe bronte"),
        ("Smith-Jones", "smith jones"),
        ("Strauß", "strauss"),
        ("Søren Ørsted", "soren orsted"),
        ("J. R. R.", "j r r"),
        ("under_score", "under score"),
        ("", ""),
    ],
)
def test_fold(typed, folded):
    assert text.fold(typed) == folded


def test_tokens_are_folded_words_once_each_in_the_order_typed():
    assert text.tokens("Smith  smith, ANNA-Marie") == ["smith", "anna", "marie"]


@pytest.mark.parametrize(
    ("token", "typos"), [("al", 0), ("ann", 0), ("adda", 1), ("lovelas", 1), ("lovelase", 2), ("mohammed", 2)]
)
def test_allowed_typos_grow_with_the_length_of_the_word(token, typos):
    assert text.allowed_typos(token) == typos


@pytest.mark.parametrize(
    ("token", "word", "near"),
    [
        ("lov", "lovelace", True),  # the start
        ("l", "lovelace", True),
        ("elace", "lovelace", True),  # a part, from 3 letters
        ("la", "lovelace", False),  # 2 letters must start the word
        ("adda", "ada", True),  # an extra letter
        ("lovelase", "lovelace", True),  # a wrong letter
        ("smiht", "smith", True),  # two letters swapped count as one slip
        ("jhon", "john", True),
        ("smyth", "smith", True),
        ("mohammed", "muhammad", True),  # two slips from 8 letters
        ("smiht", "smithson", True),  # a misspelt start of a longer name
        ("jane", "john", False),
        ("ann", "dan", False),  # no slips under 4 letters
        ("mohammad", "mahmood", False),
    ],
)
def test_word_near(token, word, near):
    assert text.word_near(token, word) is near


def test_every_token_must_be_near_some_word():
    assert text.tolerant_match(["adda", "lovelase"], "ada lovelace")
    assert text.tolerant_match(["lovelace", "ada"], "ada lovelace")
    assert not text.tolerant_match(["ada", "hopper"], "ada lovelace")
    assert not text.tolerant_match([], "ada lovelace")
    assert not text.tolerant_match(["ada"], "")


def test_similarity_ranks_the_same_text_first():
    assert text.similarity("ada lovelace", "ada lovelace") == 1
    assert text.similarity("ada lovelace", "ada lovelace") > text.similarity("ada lovelace", "adam lovelock") > 0
