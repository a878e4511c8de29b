"""Narrowing a job category to job profiles with a few yes/no questions about skills.

Pure functions over the profiles' own skills data (the skills each job profile lists), so the
questions a category gets follow from its profiles: nothing is keyed by hand per category.

- A question is asked about a skill only if we have our own wording for it, and only if some but
  not all of the category's profiles list it (otherwise the answer could change nothing).
- The skills that split the category most evenly come first (a "no" then rules out about half),
  ties by how many profiles list the skill, then by name. At most MAX_QUESTIONS are asked.
- Answering "no" sets aside the profiles that list that skill; "yes" sets nothing aside but ranks
  the profiles that list it higher. If every profile is set aside, all of them are shown again
  with a message, rather than an empty page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MAX_QUESTIONS = 4

# Our own wording, keyed by the skill's name in the job profiles (lower case).
SKILL_QUESTIONS: dict[str, str] = {
    "adaptability/flexibility": "Are you happy when your day changes and you have to switch between tasks?",
    "analytical thinking": "Do you like looking closely at information to work out an answer?",
    "concern for others": (
        "Would you like a job where you need to be kind and patient with people who are upset or unwell?"
    ),
    "cooperation": "Do you like working as part of a team?",
    "fine manipulative abilities": "Are you good at careful, fiddly work with your hands?",
    "initiative": "Are you happy to decide what needs doing without being told?",
    "quantitative abilities, mathematics knowledge": "Would you be comfortable using maths every day at work?",
    "reading comprehension": "Would you be comfortable reading long documents or instructions at work?",
    "self control": "Can you stay calm and polite when someone is rude or difficult?",
    "speaking, verbal abilities": "Are you comfortable explaining things out loud so that other people understand?",
    "stress tolerance": "Can you keep working well when you are busy or under pressure?",
    "verbal abilities": "Are you good at putting your ideas into words?",
}


def skill_key(name: str) -> str:
    return " ".join(name.lower().split())


@dataclass(frozen=True)
class ProfileSkills:
    slug: str
    title: str
    skills: frozenset[str]  # skill_key of each skill the profile lists


@dataclass(frozen=True)
class SkillQuestion:
    skill: str
    text: str
    listed_by: int  # how many of the category's profiles list the skill


def filter_questions(profiles: Iterable[ProfileSkills], limit: int = MAX_QUESTIONS) -> list[SkillQuestion]:
    profiles = list(profiles)
    total = len(profiles)
    counts: dict[str, int] = {}
    for profile in profiles:
        for skill in profile.skills:
            if skill in SKILL_QUESTIONS:
                counts[skill] = counts.get(skill, 0) + 1
    useful = [(skill, count) for skill, count in counts.items() if 0 < count < total]
    useful.sort(key=lambda item: (abs(2 * item[1] - total), -item[1], item[0]))
    return [SkillQuestion(skill, SKILL_QUESTIONS[skill], count) for skill, count in useful[:limit]]


@dataclass(frozen=True)
class Narrowed:
    profiles: list[ProfileSkills]
    all_set_aside: bool  # every profile was set aside, so all are shown


def narrow(profiles: Iterable[ProfileSkills], answers: Mapping[str, bool]) -> Narrowed:
    profiles = list(profiles)
    unwanted = {skill for skill, yes in answers.items() if not yes}
    wanted = {skill for skill, yes in answers.items() if yes}
    kept = [profile for profile in profiles if not (profile.skills & unwanted)]
    all_set_aside = bool(profiles) and not kept
    shown = kept if kept else profiles
    shown.sort(key=lambda profile: (-len(profile.skills & wanted), profile.title.lower(), profile.slug))
    return Narrowed(profiles=shown, all_set_aside=all_set_aside)
