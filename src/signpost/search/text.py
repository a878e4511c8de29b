"""The matching rule every engine follows, in Python: what counts as a word, a typo and a match.

The SQLite engine calls these functions from SQL; the PostgreSQL engine has the same rule as SQL
functions (migrations/0001) and the shared tests hold both to the same cases.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import ratio

# Letters that carry no accent to strip but that people type without the stroke or ligature.
_SPELLED_OUT = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"})
_APOSTROPHES = re.compile(r"['’‘`]")
_NOT_WORD = re.compile(r"[^\w]|_")


def fold(text: str) -> str:
    """Lower case, no accents, apostrophes dropped ("O'Brien" is "obrien"), words split by one space."""
    text = unicodedata.normalize("NFKD", (text or "").lower().translate(_SPELLED_OUT))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", _APOSTROPHES.sub("", text)).split())


def tokens(text: str) -> list[str]:
    """The words of ``text`` as the engines compare them, each once, in the order typed."""
    return list(dict.fromkeys(fold(text).split()))


def allowed_typos(token: str) -> int:
    """One slip (a wrong, missing, extra or swapped letter) from 4 letters, two from 8; none below."""
    if len(token) < 4:
        return 0
    return 1 if len(token) < 8 else 2


def word_near(token: str, word: str) -> bool:
    """``token`` starts ``word``, appears in it (3 letters or more), or is a slip or two away from
    it or from its start ("smiht" for "Smithson")."""
    if word.startswith(token) or (len(token) >= 3 and token in word):
        return True
    typos = allowed_typos(token)
    if not typos:
        return False
    if abs(len(word) - len(token)) <= typos and OSA.distance(token, word, score_cutoff=typos) <= typos:
        return True
    return len(word) > len(token) and OSA.distance(token, word[: len(token)], score_cutoff=typos) <= typos


def tolerant_match(typed: list[str], document: str) -> bool:
    """Every typed token is near some word of the (folded) document."""
    words = document.split()
    return bool(typed) and all(any(word_near(token, word) for word in words) for token in typed)


def similarity(first: str, second: str) -> float:
    """How alike two folded texts are, 0 to 1, for ranking (the SQLite engine's measure)."""
    return ratio(first, second) / 100
