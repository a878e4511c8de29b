"""Other names for the national job profiles, from the 2019 export (ncs-dysac-2019/job_profiles.csv).

The 2020 export has no alternative titles; the 2019 one has, for most of the same profiles:
``AlternativeTitle`` (shown, comma separated), ``HiddenAlternativeTitle`` (search only) and
``CourseKeywords`` (what the course search was asked for that job, e.g. "'tree surgery'",
"'access to nursing'", "'sales' -apprenticeship").

A row is matched to an imported national profile by its address (``UrlName``, made a slug as the
profile import does) and then by its title. Its alternative titles become the profile's, and its
hidden titles with its useful course keywords become the profile's search words. A course keyword
is useful when it names this job's own field: not a qualification ("access to science", "diploma
in management", "GCSE maths"), not a subject that many jobs share (it leads to more than
``MAX_PROFILES_PER_COURSE_KEYWORD`` profiles in the file), and not another job's name, word for
word or by word family ("cyber security" on an intelligence analyst would put it above the cyber
security analyst; "accountancy" on a purchasing manager above the accountants).

The file owns these two lists until an editor changes one (careers.editors): a re-run replaces what
the import set, keeps what an editor set, and carries the change to a working copy whose list is
still the published one, so publishing the copy does not undo the import.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_update_with_history

from signpost.careers.editors import fields_set_by_editors
from signpost.careers.importing import ImportReport, Rejection, read_csv, with_progress
from signpost.careers.models import JobProfile, ProfileSource
from signpost.careers.search import forget_vocabulary
from signpost.search.text import fold

COLUMNS = ("UrlName", "Title", "AlternativeTitle", "HiddenAlternativeTitle", "CourseKeywords")
TITLE_FIELDS = ("alternative_titles", "hidden_titles")
MAX_PROFILES_PER_COURSE_KEYWORD = 2
MAX_TITLE_LENGTH = 100
# Words of a course search that name a kind of qualification or a way of studying, not a job.
QUALIFICATION_WORDS = frozenset(
    "access apprenticeship award btec broad certificate course degree diploma foundation gce gcse hnc hnd "  # noqa: SIM905
    "level nvq qualification".split()
)
_QUOTED = re.compile(r"'([^']+)'|\"([^\"]+)\"")
_OPERATORS = frozenset({"and", "or", "not"})


@dataclass
class TitlesReport(ImportReport):
    # Rows for profiles the 2020 export no longer has: read and listed, nothing to change.
    unmatched: list[Rejection] = field(default_factory=list)

    @property
    def accounted(self) -> int:
        return super().accounted + len(self.unmatched)

    def summary(self) -> str:
        matched = self.updated + self.unchanged
        return (
            f"{self.what}: {self.read} read, {matched} matched a national profile ({self.updated} updated, "
            f"{self.unchanged} unchanged), {len(self.unmatched)} matched none, {len(self.rejected)} rejected."
        )


@dataclass
class TitleRow:
    line: int
    key: str
    slug: str
    title: str
    alternative: list[str]
    hidden: list[str]
    courses: list[str]


def _names(value: str) -> list[str]:
    """Names split at commas, except inside a list of words that makes one title: in "equality,
    diversity and human rights officer" the lone word "equality" belongs to the name after it."""
    names: list[str] = []
    for part in (" ".join(part.split()) for part in (value or "").split(",")):
        if (
            part
            and names
            and " " not in names[-1]
            and part.startswith(tuple("abcdefghijklmnopqrstuvwxyz"))
            and " and " in part
        ):
            names[-1] = f"{names[-1]}, {part}"
        elif part:
            names.append(part)
    return names


def _capitalised(name: str) -> str:
    """'display assistant' → 'Display assistant' (shown after the title); 'PR director' stays."""
    return name[:1].upper() + name[1:]


def course_phrases(value: str) -> list[str]:
    """The phrases of a course search: its quoted phrases, or its words when nothing is quoted."""
    phrases = [" ".join((single or double).split()) for single, double in _QUOTED.findall(value or "")]
    if not phrases:
        words = [word for word in (value or "").split() if word.lower() not in _OPERATORS and not word.startswith("-")]
        phrases = [" ".join(words)] if words else []
    return [phrase for phrase in phrases if phrase]


def _unique(names: Iterable[str], *, leave_out: Iterable[str] = ()) -> list[str]:
    seen = {fold(name) for name in leave_out}
    kept = []
    for name in names:
        if fold(name) and fold(name) not in seen:
            seen.add(fold(name))
            kept.append(name)
    return kept


def _read(path: Path, report: TitlesReport, say: Callable[[str], None]) -> list[TitleRow]:
    rows = []
    for line, row in with_progress(read_csv(path, required=COLUMNS), report, say):
        title = " ".join((row["Title"] or "").split())
        # The export's addresses carry a few apostrophes and brackets, as the profile import reads them.
        slug = slugify((row["UrlName"] or "").replace("(", " ").replace(")", " "))
        key = row["UrlName"] or title
        if not title and not slug:
            report.reject(line, key, "the row has neither an address (UrlName) nor a title")
            continue
        alternative = [_capitalised(name) for name in _names(row["AlternativeTitle"])]
        hidden = _names(row["HiddenAlternativeTitle"])
        too_long = [name for name in alternative + hidden if len(name) > MAX_TITLE_LENGTH]
        if too_long:
            report.reject(line, key, f"a title is longer than {MAX_TITLE_LENGTH} characters: {too_long[0][:40]}…")
            continue
        rows.append(TitleRow(line, key, slug, title, alternative, hidden, course_phrases(row["CourseKeywords"])))
    return rows


def _alike(word: str, other: str) -> bool:
    """The same word or the same word's family: accountancy / accountant, surgery / surgeon."""
    if word == other:
        return True
    shared = next((i for i, (a, b) in enumerate(zip(word, other, strict=False)) if a != b), min(len(word), len(other)))
    return shared >= max(5, min(len(word), len(other)) - 3)


def _names_job(words: list[str], title_words: list[str]) -> bool:
    """Every word of a course keyword is (a form of) a word of the title: the keyword names that job."""
    return all(any(_alike(word, title_word) for title_word in title_words) for word in words)


def _useful_courses(rows: list[TitleRow], names: list[tuple[int, str]], owner: dict[int, int]) -> dict[int, list[str]]:
    """For each row (by line), the course keywords worth searching by (see the module's docstring).

    ``names``: (profile id, folded title) for every title and alternative title of the profiles.
    """
    uses = Counter(phrase for row in rows for phrase in {fold(p) for p in row.courses})
    useful: dict[int, list[str]] = {}
    for row in rows:
        kept = []
        for phrase in row.courses:
            folded = fold(phrase)
            if set(folded.split()) & QUALIFICATION_WORDS or uses[folded] > MAX_PROFILES_PER_COURSE_KEYWORD:
                continue
            words = folded.split()
            if any(_names_job(words, name.split()) for pk, name in names if pk != owner.get(row.line)):
                continue
            kept.append(phrase.lower())
        useful[row.line] = kept
    return useful


def import_job_profile_titles(path: Path, *, say: Callable[[str], None] = lambda text: None) -> TitlesReport:
    """Set the alternative titles and search words of the national profiles from the 2019 export."""
    if not path.is_file():
        raise CommandError(f"{path} is not a file.")
    report = TitlesReport("Job profile titles")
    rows = _read(path, report, say)
    with transaction.atomic():
        profiles = {
            profile.pk: profile
            for profile in JobProfile.objects.select_for_update().filter(
                draft_of__isnull=True, source=ProfileSource.NATIONAL
            )
        }
        by_slug = {profile.slug: profile.pk for profile in profiles.values()}
        by_title: dict[str, list[int]] = {}
        for profile in profiles.values():
            by_title.setdefault(fold(profile.title), []).append(profile.pk)

        owner: dict[int, int] = {}
        matched_on: dict[int, int] = {}
        for row in rows:
            pk = by_slug.get(row.slug)
            if pk is None:
                same_title = by_title.get(fold(row.title), [])
                if len(same_title) > 1:
                    report.reject(
                        row.line, row.key, f"{len(same_title)} national profiles have the title {row.title!r}"
                    )
                    continue
                pk = same_title[0] if same_title else None
            if pk is None:
                report.unmatched.append(
                    Rejection(
                        row.line,
                        row.key,
                        f"no national profile has the address {row.slug!r} or the title {row.title!r}",
                    )
                )
                continue
            if pk in matched_on:
                report.reject(
                    row.line, row.key, f"its profile ({profiles[pk].slug}) was matched on line {matched_on[pk]}"
                )
                continue
            matched_on[pk] = row.line
            owner[row.line] = pk

        names = [(pk, fold(profile.title)) for pk, profile in profiles.items()]
        names += [(owner[row.line], fold(name)) for row in rows if row.line in owner for name in row.alternative]
        useful = _useful_courses(rows, names, owner)
        by_editors = fields_set_by_editors(owner.values(), TITLE_FIELDS)
        copies = {copy.draft_of_id: copy for copy in JobProfile.objects.filter(draft_of_id__in=list(owner.values()))}
        now = timezone.now()
        changed: list[JobProfile] = []
        changed_copies: list[JobProfile] = []
        kept_by_editors: list[str] = []
        copies_kept: list[str] = []
        for row in rows:
            if row.line not in owner:
                continue
            profile = profiles[owner[row.line]]
            alternative = _unique(row.alternative, leave_out=[profile.title])
            wanted: dict[str, Any] = {
                "alternative_titles": alternative,
                "hidden_titles": _unique(row.hidden + useful[row.line], leave_out=[profile.title, *alternative]),
            }
            editors_fields = by_editors.get(profile.pk, set())
            if editors_fields:
                kept_by_editors.append(profile.slug)
            to_change = [
                name for name in TITLE_FIELDS if name not in editors_fields and getattr(profile, name) != wanted[name]
            ]
            if not to_change:
                report.unchanged += 1
                continue
            copy = copies.get(profile.pk)
            if copy is not None:
                follows = [name for name in to_change if getattr(copy, name) == getattr(profile, name)]
                for name in follows:
                    setattr(copy, name, wanted[name])
                if follows:
                    copy.updated_at = now
                    changed_copies.append(copy)
                if len(follows) < len(to_change):
                    copies_kept.append(profile.slug)
            for name in to_change:
                setattr(profile, name, wanted[name])
            profile.updated_at = now
            changed.append(profile)
        say(f"  saving the titles of {len(changed)} profiles and {len(changed_copies)} working copies…")
        fields = [*TITLE_FIELDS, "updated_at"]
        reason = "Titles imported from the 2019 export"
        if changed:
            bulk_update_with_history(changed, JobProfile, fields, batch_size=500, default_change_reason=reason)
        if changed_copies:
            bulk_update_with_history(changed_copies, JobProfile, fields, batch_size=500, default_change_reason=reason)
        report.updated = len(changed)
    forget_vocabulary()
    if kept_by_editors:
        report.notes.append(
            f"{len(kept_by_editors)} profiles keep the titles an editor set: {', '.join(sorted(kept_by_editors))}"
        )
    if copies_kept:
        report.notes.append(
            f"{len(copies_kept)} working copies keep titles an editor changed in them (publishing them will use "
            f"those): {', '.join(sorted(copies_kept))}"
        )
    return report
