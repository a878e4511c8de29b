"""The shorter skills check: rate yourself on six transferable skill areas.

One question per area on a five-point confidence scale. 4 or 5 is a strength, 1 or 2 an area to
develop, 3 neither. Each area has a suggested action for developing it, typed with the action plan
codes (plans.codes.ActionType) so it can go straight into a plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from signpost.plans.codes import ActionType


@dataclass(frozen=True)
class SkillArea:
    code: str
    name: str
    question: str
    hint: str
    strength_text: str
    develop_action: str
    action_type: int


AREAS: tuple[SkillArea, ...] = (
    SkillArea(
        "working_with_others",
        "Working with others",
        "How confident are you working with other people?",
        "For example in a team at school, at work, in sport or as a volunteer.",
        "Give an example on your CV of something you did as part of a team.",
        "Volunteer for a local group or club to practise working in a team.",
        ActionType.VOLUNTEER,
    ),
    SkillArea(
        "solving_problems",
        "Solving problems",
        "How confident are you at solving problems?",
        "For example working out what went wrong and how to put it right.",
        "Tell an employer about a problem you solved and how you did it.",
        "Take a short course that builds problem-solving or maths skills.",
        ActionType.FIND_A_COURSE,
    ),
    SkillArea(
        "communicating",
        "Communicating",
        "How confident are you at explaining things, out loud or in writing?",
        "For example giving directions, writing a message or talking to someone new.",
        "Use your CV and interviews to show how clearly you explain things.",
        "Go to an interview skills workshop to practise speaking with confidence.",
        ActionType.INTERVIEW_SKILLS_WORKSHOP,
    ),
    SkillArea(
        "planning",
        "Planning and organising",
        "How confident are you at planning and organising your time?",
        "For example meeting deadlines, keeping to a timetable or planning an event.",
        "Mention times you planned something and met a deadline.",
        "Make a weekly plan with deadlines and check it with your adviser.",
        ActionType.BOOK_FOLLOW_UP_APPOINTMENT,
    ),
    SkillArea(
        "handling_pressure",
        "Handling pressure",
        "How confident are you at staying calm when things get busy or difficult?",
        "For example during exams, a busy shift or when plans change at short notice.",
        "Describe a busy or difficult time you handled well.",
        "Talk to an adviser about ways to manage pressure at work or in learning.",
        ActionType.CAREERS_MANAGEMENT_WORKSHOP,
    ),
    SkillArea(
        "using_technology",
        "Using technology",
        "How confident are you using computers, phones and apps?",
        "For example email, online forms, spreadsheets or video calls.",
        "List the programs and apps you can use on your CV.",
        "Take a free course to build your digital skills.",
        ActionType.FIND_A_COURSE,
    ),
)
AREA_BY_CODE: dict[str, SkillArea] = {area.code: area for area in AREAS}

SCALE: tuple[tuple[int, str], ...] = (
    (5, "Very confident"),
    (4, "Confident"),
    (3, "Fairly confident"),
    (2, "Not very confident"),
    (1, "Not at all confident"),
)
SCALE_VALUES = frozenset(value for value, _ in SCALE)
STRENGTH_FROM = 4
DEVELOP_UP_TO = 2


@dataclass(frozen=True)
class SkillsCheckResult:
    strengths: list[SkillArea]
    to_develop: list[SkillArea]
    steady: list[SkillArea]


def skills_check_result(ratings: Mapping[str, int]) -> SkillsCheckResult:
    """Areas by rating: strengths (highest first), areas to develop (lowest first), the rest.

    Equal ratings keep the order of AREAS. Unrated or unknown areas are left out.
    """
    order = {area.code: index for index, area in enumerate(AREAS)}
    rated = [(AREA_BY_CODE[code], value) for code, value in ratings.items() if code in AREA_BY_CODE]
    for _, value in rated:
        if value not in SCALE_VALUES:
            raise ValueError(f"{value!r} is not on the confidence scale.")
    strengths = sorted((item for item in rated if item[1] >= STRENGTH_FROM), key=lambda i: (-i[1], order[i[0].code]))
    develop = sorted((item for item in rated if item[1] <= DEVELOP_UP_TO), key=lambda i: (i[1], order[i[0].code]))
    steady = sorted((item for item in rated if DEVELOP_UP_TO < item[1] < STRENGTH_FROM), key=lambda i: order[i[0].code])
    return SkillsCheckResult(
        strengths=[area for area, _ in strengths],
        to_develop=[area for area, _ in develop],
        steady=[area for area, _ in steady],
    )
