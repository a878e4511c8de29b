"""Job profile search: what people type ("vet", "plumbing", "coder", "electrision", "working with
animals") turned into a full-text query over titles, alternative titles, overview and tasks, with
exact and title matches first.

The words are matched by the database's own index (migration 0002: SQLite FTS5 with Porter stems,
PostgreSQL tsvector with Snowball stems), so plurals and word endings come from the engine. This
module reads what was typed:

- words that say nothing about a job ("working with", "jobs in") are left out;
- everyday names get the profiles' words beside them ("coder" → developer, programmer), from
  ``SYNONYMS``;
- a field of work also looks for the person who does it ("plumbing" → plumber, "pharmacy" →
  pharmacist), when the profiles' titles use that word;
- a word that no profile uses is read as a slip of the keyboard and replaced by the nearest words
  the profiles do use (one slip from 4 letters, two from 8, as signpost.search counts them), or
  as the start of a word still being typed.

Ranking: the typed text is a profile's title or one of its other titles; every word is in the
title; every word is in another title; then the engine's weighted score (title above other titles
above overview above tasks), then the shorter title.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models.signals import post_delete, post_save
from rapidfuzz import process
from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import ratio

from signpost.careers import text as careers_text
from signpost.careers.models import JobProfile, ProfileStatus
from signpost.careers.selectors import published_profiles
from signpost.search.text import allowed_typos, fold

# Words that join others and name nothing; always left out.
FILLER = frozenset(
    "a an and are as at be by can could do for from how i in into is like love me my of on or that "  # noqa: SIM905
    "the to want what which with would you".split()
)
# Words that say what kind of search it is rather than which job ("jobs working with animals"):
# left out when something else was typed.
VAGUE = frozenset("become becoming career careers job jobs role roles work working".split())  # noqa: SIM905
STOP_WORDS = FILLER | VAGUE

# Everyday names for jobs, and the words the profiles use for them. Keys and values are folded
# (lower case, no accents or apostrophes); a value may be a phrase.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "coder": ("programmer", "developer"),
    "coding": ("programming", "developer"),
    "programmer": ("developer", "programming"),
    "programming": ("developer",),
    "doctor": ("gp", "hospital doctor"),
    "medic": ("doctor", "paramedic"),
    "lawyer": ("solicitor", "barrister"),
    "cop": ("police officer",),
    "policeman": ("police officer",),
    "policewoman": ("police officer",),
    "fireman": ("firefighter",),
    "firewoman": ("firefighter",),
    "postie": ("postman",),
    "cook": ("chef",),
    "shop assistant": ("sales assistant", "retail assistant"),
    "shop worker": ("sales assistant",),
    "barman": ("bar person",),
    "barmaid": ("bar person",),
    "bartender": ("bar person",),
    "waitress": ("waiter",),
    "lorry driver": ("large goods vehicle driver",),
    "truck driver": ("large goods vehicle driver",),
    "hgv": ("large goods vehicle",),
    "lgv": ("large goods vehicle",),
    "carer": ("care worker",),
    "beautician": ("beauty therapist",),
    "joiner": ("carpenter",),
    "physio": ("physiotherapist",),
    "undertaker": ("funeral director",),
    "optician": ("optometrist",),
    "hr": ("human resources",),
    "personnel": ("human resources",),
    "vet": ("veterinary surgeon",),
    "veterinarian": ("vet",),
    "veterinary surgeon": ("vet",),
    "builder": ("bricklayer", "construction"),
    "sparky": ("electrician",),
    "chippy": ("carpenter",),
    "it": ("information technology",),
    "tech support": ("it support",),
    "cyber security": ("cyber", "it security"),
    "data scientist": ("data analyst",),
    "gym instructor": ("fitness instructor",),
    "childcare": ("childminder", "nursery"),
    "agony aunt": ("counsellor",),
    "shrink": ("psychiatrist",),
    "army": ("soldier", "army officer"),
    "navy": ("royal navy",),
    "air force": ("raf",),
}

# Ranking within the database's score: title words weigh most, tasks least.
_SQLITE_WEIGHTS = (10.0, 6.0, 6.0, 2.0, 1.0)  # title, alternative, hidden, overview, tasks
_POSTGRES_WEIGHTS = "{0.1, 0.3, 0.7, 1.0}"  # D (tasks), C (overview), B (other titles), A (title)
# How many of the best matches the database returns for the final ordering here.
_CANDIDATES = 60
# How close (0 to 1, see _closeness) a title's words must be to what was asked to rank as a title match.
_TITLE_CLOSENESS = 0.75
_TOKEN = re.compile(r"^[a-z0-9]+$")


@dataclass(frozen=True)
class Term:
    """One way of matching a concept: a word (its stem), a word's start, or a phrase."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass
class Concept:
    """Something the person asked for ("nurse"), matched by any one of its terms."""

    typed: str
    terms: list[Term] = field(default_factory=list)
    # The profiles' word for a typed word that none of them uses ("electrision" → "electrician").
    corrected: str = ""

    def add(self, term: Term) -> None:
        if term not in self.terms:
            self.terms.append(term)


@dataclass(frozen=True)
class Hit:
    id: int
    slug: str
    title: str
    overview: str


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    # What was searched for when it differs from what was typed ("electrision" → "electrician").
    understood: str = ""


# Vocabulary -------------------------------------------------------------------------------------


@dataclass
class Vocabulary:
    """The folded words of the published profiles: all of them with how often they occur, and those
    of titles and other titles (the names of jobs), for typo corrections and word forms."""

    counts: Counter[str]
    title_words: frozenset[str]
    words: tuple[str, ...]
    # Word starts of each length, each with the words that start so (built when first asked).
    _starts: dict[int, dict[str, list[str]]] = field(default_factory=dict)

    def starts(self, length: int) -> dict[str, list[str]]:
        if length not in self._starts:
            found: dict[str, list[str]] = {}
            for word in self.words:
                if len(word) > length:
                    found.setdefault(word[:length], []).append(word)
            self._starts[length] = found
        return self._starts[length]

    def is_start(self, token: str) -> bool:
        return token in self.starts(len(token))


# The vocabulary is rebuilt when this process saves or deletes a profile, when the number of
# published profiles or the newest id changes (imports), and at least this often (edits made by
# other processes); between those it costs one small indexed query.
VOCABULARY_LIFETIME = 300.0
_vocabulary_lock = threading.Lock()
_vocabulary: dict[str, tuple[Any, float, Vocabulary]] = {}
_generation = [0]


def forget_vocabulary(**kwargs: Any) -> None:
    """A profile was saved or deleted here: build the vocabulary afresh on the next search."""
    _generation[0] += 1


post_save.connect(forget_vocabulary, sender=JobProfile, dispatch_uid="careers.search.vocabulary_saved")
post_delete.connect(forget_vocabulary, sender=JobProfile, dispatch_uid="careers.search.vocabulary_deleted")


def _words_of(value: Any) -> list[str]:
    if isinstance(value, list):
        return [word for item in value for word in _words_of(item)]
    if isinstance(value, str):
        return fold(value).split()
    return []


def vocabulary() -> Vocabulary:
    """Built from the published profiles and kept until they change (see VOCABULARY_LIFETIME)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), max(id) FROM careers_jobprofile WHERE status = %s", [ProfileStatus.PUBLISHED])
        stamp = (*cursor.fetchone(), _generation[0])
    key = connection.alias + str(connection.settings_dict.get("NAME", ""))
    cached = _vocabulary.get(key)
    if cached is not None and cached[0] == stamp and time.monotonic() - cached[1] < VOCABULARY_LIFETIME:
        return cached[2]
    counts: Counter[str] = Counter()
    titles: set[str] = set()
    rows = (
        published_profiles().order_by().values_list("title", "alternative_titles", "hidden_titles", "overview", "tasks")
    )
    for title, alternative, hidden, overview, tasks in rows.iterator(chunk_size=500):
        names = _words_of(title) + _words_of(alternative) + _words_of(hidden)
        titles.update(names)
        counts.update(names)
        counts.update(_words_of(careers_text.plain(overview)) + _words_of(tasks))
    built = Vocabulary(counts=counts, title_words=frozenset(titles), words=tuple(counts))
    with _vocabulary_lock:
        _vocabulary[key] = (stamp, time.monotonic(), built)
    return built


# Reading what was typed -------------------------------------------------------------------------


def _forms(token: str) -> list[str]:
    """The person who works in a field, from the field's name: plumbing → plumber, pharmacy →
    pharmacist, journalism → journalist, midwives → midwife. Kept only when a title uses it."""
    forms: list[str] = []
    if token.endswith("ing") and len(token) > 5:
        base = token[:-3]
        forms += [base + "er", base + "e", base + "or", base + "eer"]
    if token.endswith("y") and len(token) > 5:
        forms += [token[:-1] + "ist", token[:-1] + "er", token[:-2], token[:-1] + "ian"]
    if token.endswith("ism"):
        forms.append(token[:-3] + "ist")
    if token.endswith("ion") and len(token) > 6:
        forms += [token[:-3] + "or", token[:-3] + "er"]
    if token.endswith("ture"):
        forms.append(token[:-3])
    if token.endswith("ves"):
        forms += [token[:-3] + "fe", token[:-3] + "f"]
    return forms


def _corrections(token: str, vocab: Vocabulary, *, partial: bool) -> list[str]:
    """The profiles' words a slip or two away from ``token`` (or, while typing, from its start),
    the closest first and, among those, job names and common words first."""
    typos = allowed_typos(token)
    if not typos:
        return []
    found = process.extract(token, vocab.words, scorer=OSA.distance, score_cutoff=typos, limit=20)
    scored = {word: distance for word, distance, _ in found}
    if partial:
        starts = vocab.starts(len(token))
        for start, distance, _ in process.extract(
            token, list(starts), scorer=OSA.distance, score_cutoff=typos, limit=20
        ):
            for word in starts[start]:
                scored.setdefault(word, distance)
    ranked = sorted(scored, key=lambda w: (scored[w], w not in vocab.title_words, -vocab.counts[w], w))
    if not ranked:
        return []
    best = scored[ranked[0]]
    return [word for word in ranked if scored[word] == best][:3]


def _is_word_start(token: str, vocab: Vocabulary) -> bool:
    return vocab.is_start(token)


def understand(query: str, vocab: Vocabulary, *, partial: bool = False) -> list[Concept]:
    """The concepts in what was typed, each with the terms that may match it.

    ``partial``: the last word may be unfinished (suggestions while typing).
    """
    tokens = [token for token in fold(query).split() if _TOKEN.match(token)]
    if not tokens:
        return []
    meaningful = [token for token in tokens if token not in STOP_WORDS] or [t for t in tokens if t not in FILLER]
    concepts: list[Concept] = []
    position = 0
    while position < len(meaningful):
        # The longest everyday phrase starting here ("lorry driver", "shop assistant").
        for length in (3, 2, 1):
            phrase = " ".join(meaningful[position : position + length])
            if length > 1 and (position + length > len(meaningful) or phrase not in SYNONYMS):
                continue
            concept = Concept(typed=phrase)
            last = position + length == len(meaningful)
            if length > 1:
                concept.add(Term(tuple(phrase.split())))
            else:
                _add_word(concept, phrase, vocab, partial=partial and last, last=last)
            for synonym in SYNONYMS.get(phrase, ()):
                concept.add(Term(tuple(synonym.split())))
            concepts.append(concept)
            position += length
            break
    return concepts


def _add_word(concept: Concept, token: str, vocab: Vocabulary, *, partial: bool, last: bool) -> None:
    known = token in vocab.counts
    concept.add(Term((token,)))
    if partial or (last and not known and len(token) >= 3 and _is_word_start(token, vocab)):
        concept.add(Term((token,), prefix=True))
    for form in _forms(token):
        if form in vocab.title_words:
            concept.add(Term((form,)))
    # A word no profile uses is a slip, unless it is an everyday name listed in SYNONYMS.
    if not known and token not in SYNONYMS:
        corrections = _corrections(token, vocab, partial=partial)
        if corrections and not partial:
            concept.corrected = corrections[0]
        for word in corrections:
            concept.add(Term((word,)))
            for synonym in SYNONYMS.get(word, ()):
                concept.add(Term(tuple(synonym.split())))


# Queries for each engine --------------------------------------------------------------------------


def _fts5(concepts: list[Concept], column: str | None = None) -> str:
    def term(t: Term) -> str:
        quoted = '"' + " ".join(t.words) + '"'  # tokens are letters and digits only
        return quoted + ("*" if t.prefix else "")

    expression = " AND ".join("(" + " OR ".join(term(t) for t in c.terms) + ")" for c in concepts)
    return f"{{{column}}} : ({expression})" if column else expression


def _tsquery(concepts: list[Concept], weight: str = "") -> str:
    def term(t: Term) -> str:
        # "nurs:*A": a word's start, in weight A only; tokens are letters and digits only.
        label = ("*" if t.prefix else "") + weight
        return "(" + " <-> ".join(word + (f":{label}" if label else "") for word in t.words) + ")"

    return " & ".join("(" + " | ".join(term(t) for t in c.terms) + ")" for c in concepts)


def _either(concepts: list[Concept]) -> list[Concept]:
    """Any one of the concepts, for when no profile has them all."""
    return [Concept(typed=" ".join(c.typed for c in concepts), terms=[t for c in concepts for t in c.terms])]


_SQLITE_SQL = """
    WITH hits AS (
        SELECT rowid AS id, bm25(careers_job_profile_search, {weights}) AS score
        FROM careers_job_profile_search WHERE careers_job_profile_search MATCH %s
    )
    SELECT p.id, p.slug, p.title, p.overview, p.alternative_titles, p.hidden_titles,
           p.id IN (SELECT rowid FROM careers_job_profile_search WHERE careers_job_profile_search MATCH %s),
           p.id IN (SELECT rowid FROM careers_job_profile_search WHERE careers_job_profile_search MATCH %s),
           -hits.score
    FROM hits JOIN careers_jobprofile p ON p.id = hits.id
    WHERE p.status = %s AND p.draft_of_id IS NULL
    ORDER BY 7 DESC, 8 DESC, 9 DESC, length(p.title), p.title
    LIMIT %s
"""

_POSTGRES_SQL = """
    SELECT p.id, p.slug, p.title, p.overview, p.alternative_titles, p.hidden_titles,
           s.document @@ to_tsquery('careers_english', %s),
           s.document @@ to_tsquery('careers_english', %s),
           ts_rank('{weights}', s.document, to_tsquery('careers_english', %s))
    FROM careers_job_profile_search s JOIN careers_jobprofile p ON p.id = s.profile_id
    WHERE s.document @@ to_tsquery('careers_english', %s) AND p.status = %s AND p.draft_of_id IS NULL
    ORDER BY 7 DESC, 8 DESC, 9 DESC, length(p.title), p.title
    LIMIT %s
"""


def _rows(concepts: list[Concept], limit: int) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            everything = _tsquery(concepts)
            cursor.execute(
                _POSTGRES_SQL.format(weights=_POSTGRES_WEIGHTS),
                [
                    _tsquery(concepts, "A"),
                    _tsquery(concepts, "B"),
                    everything,
                    everything,
                    ProfileStatus.PUBLISHED,
                    limit,
                ],
            )
        elif connection.vendor == "sqlite":
            weights = ", ".join(str(weight) for weight in _SQLITE_WEIGHTS)
            cursor.execute(
                _SQLITE_SQL.format(weights=weights),
                [
                    _fts5(concepts),
                    _fts5(concepts, "title"),
                    _fts5(concepts, "alternative_titles hidden_titles"),
                    ProfileStatus.PUBLISHED,
                    limit,
                ],
            )
        else:  # pragma: no cover - the two engines the service runs on
            raise NotImplementedError(connection.vendor)
        return list(cursor.fetchall())


def _names(value: Any) -> list[str]:
    if isinstance(value, str):  # SQLite returns JSON as text
        value = json.loads(value or "[]")
    return [fold(name) for name in value or [] if isinstance(name, str)]


def search(query: str, *, limit: int = 20, partial: bool = False) -> SearchResult:
    """Published profiles matching ``query``, best first (see the module's docstring)."""
    concepts = understand(query, vocabulary(), partial=partial)
    if not concepts:
        return SearchResult(query=query, hits=[])
    rows = _rows(concepts, max(limit, _CANDIDATES))
    if not rows and len(concepts) > 1:
        rows = _rows(_either(concepts), max(limit, _CANDIDATES))
    typed = " ".join(c.typed for c in concepts)
    meant = " ".join(c.corrected or c.typed for c in concepts)
    wanted = {fold(query), typed, meant}

    def exact(row: tuple[Any, ...]) -> int:
        # Only a title match can be the title itself, and only another-title match one of those.
        if row[6] and fold(row[2]) in wanted:
            return 2
        return 1 if row[7] and wanted & set(_names(row[4]) + _names(row[5])) else 0

    def order(row: tuple[Any, ...]) -> tuple[float, ...]:
        # Stems can join words that are not alike ("animals" and "animator" share "anim"): a
        # title counts as matching when its words are also close to the words asked for, and the
        # closest come first.
        closeness = _closeness(concepts, fold(row[2]).split()) if row[6] else 0.0
        in_title = closeness >= _TITLE_CLOSENESS
        # A title joined by its stem alone scores high in the database for a word it does not
        # have, so it follows the profiles that use the word itself.
        stem_only = bool(row[6]) and not in_title
        return (
            -exact(row),
            -int(in_title),
            -round(closeness, 1) if in_title else 0.0,
            # Then the titles that are most nearly what was asked ("Nurse" before "Dental nurse").
            -round(ratio(meant, fold(row[2])), 1) if in_title else 0.0,
            -int(bool(row[7])),
            int(stem_only),
            -row[8],
        )

    ranked = sorted(rows, key=order)  # stable: the database's order otherwise
    hits = [Hit(id=row[0], slug=row[1], title=row[2], overview=row[3]) for row in ranked[:limit]]
    return SearchResult(query=query, hits=hits, understood=meant if meant != typed else "")


def _closeness(concepts: list[Concept], title_words: list[str]) -> float:
    """How near the title's words are to the words asked for, 0 to 1 (1: the same words)."""

    def alike(term: Term, title: str) -> float:
        if term.prefix and title.startswith(term.words[-1]):
            return 1.0
        return max(ratio(word, title) for word in term.words) / 100

    total = sum(
        max((alike(term, title) for term in concept.terms for title in title_words), default=0.0)
        for concept in concepts
    )
    return total / len(concepts)


def suggestions(query: str, *, limit: int = 6) -> list[Hit]:
    """Profiles for the list under the search box while someone types: the last word may be
    unfinished. Nothing for fewer than 2 letters."""
    if len(fold(query).replace(" ", "")) < 2:
        return []
    return search(query, limit=limit, partial=True).hits
