"""Reference codes that let someone come back to an assessment without an account.

Eight characters from an alphabet with no look-alikes (no 0/O, 1/I/L, U/V), drawn with
``secrets`` (never from the time), shown in two groups of four and accepted in any case, with or
without spaces or dashes. 29^8 ≈ 5 x 10^11 codes; with lookups rate-limited (services) guessing
one that exists is hopeless.
"""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
LENGTH = 8
GROUP = 4


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text: str) -> str | None:
    """The stored form of what someone typed, or None when it cannot be a code."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch not in " -\t")
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def display(code: str) -> str:
    return " ".join(code[index : index + GROUP] for index in range(0, len(code), GROUP))
