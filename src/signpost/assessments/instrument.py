"""The skills assessment as an instrument: traits, statements, the answer scale and scoring.

Everything here is plain data and pure functions (no database), so the scoring can be tested on
its own and explained line by line to a customer or an adviser. docs/skills-assessment.md gives
the reasons for each choice.

- Eight traits, each measured by five statements: three agree-keyed and two reverse-keyed, so
  someone who agrees with everything does not come out strong in every trait.
- Answers are on a five-point scale from "Strongly agree" (5) to "Strongly disagree" (1).
- An item scores answer - 3 (from -2 to +2); a reverse-keyed item scores 3 - answer.
- A trait's score is the mean of its answered items' scores, so it lies between -2 and +2.
- A trait counts as one of the person's traits when its score is at least POSITIVE_THRESHOLD.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Trait:
    code: str
    name: str
    description: str
    # Finishes "Because …" on a suggested job category: short, in the second person.
    because: str


@dataclass(frozen=True)
class Statement:
    code: str
    trait: str
    text: str
    reverse: bool = False


TRAITS: tuple[Trait, ...] = (
    Trait("doer", "Practical", "You like hands-on work and getting things done.", "you like hands-on work"),
    Trait(
        "leader",
        "Leading",
        "You are happy to take charge, make decisions and guide a group.",
        "you are happy to take charge",
    ),
    Trait("helper", "Caring", "You like helping people and listening to them.", "you like helping people"),
    Trait(
        "influencer",
        "Sociable",
        "You enjoy meeting people and you are good at getting on with them.",
        "you enjoy meeting people",
    ),
    Trait(
        "creator",
        "Creative",
        "You like new ideas and finding new ways to do things.",
        "you like coming up with ideas",
    ),
    Trait(
        "organiser",
        "Organised",
        "You like to plan ahead and keep things in order.",
        "you like planning and keeping things in order",
    ),
    Trait(
        "analyst",
        "Problem solving",
        "You enjoy puzzles, numbers and working out how things work.",
        "you enjoy solving problems",
    ),
    Trait(
        "driver",
        "Determined",
        "You set yourself goals and keep going until you reach them.",
        "you set yourself goals",
    ),
)
TRAIT_BY_CODE: dict[str, Trait] = {trait.code: trait for trait in TRAITS}

# Per trait: agree-keyed, reverse-keyed, agree-keyed, reverse-keyed, agree-keyed.
_STATEMENTS_BY_TRAIT: dict[str, tuple[tuple[str, bool], ...]] = {
    "doer": (
        ("I enjoy making or fixing things with my hands.", False),
        ("I would rather sit and think than be up and doing something.", True),
        ("I would rather try a task than read about how to do it.", False),
        ("Practical jobs, like putting furniture together, bore me.", True),
        ("I like to see what I have finished at the end of the day.", False),
    ),
    "leader": (
        ("I am happy to take charge when a group needs someone to.", False),
        ("I prefer to let someone else decide what a group does.", True),
        ("I feel confident making decisions for a group.", False),
        ("I feel uneasy when I have to tell people what to do.", True),
        ("I like giving people clear instructions.", False),
    ),
    "helper": (
        ("I like helping people when they have a problem.", False),
        ("I would rather not deal with other people's worries.", True),
        ("People often come to me when they need someone to listen.", False),
        ("I would rather work with things than look after people.", True),
        ("I would enjoy a job that makes a difference to people's lives.", False),
    ),
    "influencer": (
        ("I find it easy to start a conversation with someone new.", False),
        ("Meeting lots of new people makes me tired.", True),
        ("I enjoy persuading people to see things my way.", False),
        ("I find it hard to chat with people I do not know.", True),
        ("I can usually tell how someone is feeling.", False),
    ),
    "creator": (
        ("I often come up with new ideas.", False),
        ("I prefer to do things the way they have always been done.", True),
        ("I enjoy drawing, writing, designing or making music.", False),
        ("Thinking up ideas from nothing is hard for me.", True),
        ("I like finding a new way to do an everyday task.", False),
    ),
    "organiser": (
        ("I like to plan things before I start them.", False),
        ("I often leave things until the last minute.", True),
        ("I keep my things tidy and easy to find.", False),
        ("Following a timetable feels too strict for me.", True),
        ("I make lists to keep track of what I need to do.", False),
    ),
    "analyst": (
        ("I enjoy puzzles that make me think hard.", False),
        ("I give up quickly on a problem I cannot solve straight away.", True),
        ("I am comfortable working with numbers.", False),
        ("I avoid tasks that involve facts and figures.", True),
        ("I like finding out how and why things work.", False),
    ),
    "driver": (
        ("I set myself goals and work hard to reach them.", False),
        ("I am happy to do just enough to get by.", True),
        ("I like a challenge, even when it is difficult.", False),
        ("When something gets hard, I lose interest.", True),
        ("I enjoy competing with other people.", False),
    ),
}


def _interleaved() -> tuple[Statement, ...]:
    """Round by round, one statement of each trait, so no page is about one trait only."""
    ordered = []
    for round_ in range(5):
        for trait in TRAITS:
            text, reverse = _STATEMENTS_BY_TRAIT[trait.code][round_]
            ordered.append(Statement(code=f"{trait.code}-{round_ + 1}", trait=trait.code, text=text, reverse=reverse))
    return tuple(ordered)


STATEMENTS: tuple[Statement, ...] = _interleaved()
STATEMENT_BY_CODE: dict[str, Statement] = {statement.code: statement for statement in STATEMENTS}
STATEMENTS_PER_PAGE = 5
PAGE_COUNT = -(-len(STATEMENTS) // STATEMENTS_PER_PAGE)

# Stored values: 5 is "Strongly agree". Shown in this order, agreement first.
SCALE: tuple[tuple[int, str], ...] = (
    (5, "Strongly agree"),
    (4, "Agree"),
    (3, "Neither agree nor disagree"),
    (2, "Disagree"),
    (1, "Strongly disagree"),
)
SCALE_VALUES = frozenset(value for value, _ in SCALE)
NEUTRAL = 3

# A trait is "yours" when its mean item score is at least 3/5 (on -2 … +2). Agreeing with every
# statement, whatever it says, scores (3 - 2) / 5 = 1/5 and strongly agreeing (6 - 4) / 5 = 2/5:
# both stay below it, so saying yes to everything suggests nothing rather than everything.
POSITIVE_THRESHOLD = Fraction(3, 5)
MAX_SCORE = Fraction(2)
MIN_SCORE = Fraction(-2)


def page_statements(page: int) -> tuple[Statement, ...]:
    """Statements on page ``page`` (1-based)."""
    if not 1 <= page <= PAGE_COUNT:
        raise ValueError(f"There is no page {page}.")
    start = (page - 1) * STATEMENTS_PER_PAGE
    return STATEMENTS[start : start + STATEMENTS_PER_PAGE]


def item_score(statement: Statement, answer: int) -> int:
    if answer not in SCALE_VALUES:
        raise ValueError(f"{answer!r} is not on the answer scale.")
    return NEUTRAL - answer if statement.reverse else answer - NEUTRAL


def score(answers: Mapping[str, int]) -> dict[str, Fraction]:
    """Each trait's score: the mean item score of its answered statements (0 when none answered).

    Unknown statement codes are ignored, so a saved assessment still scores after a statement is
    retired; answers off the scale are refused.
    """
    totals = {trait.code: 0 for trait in TRAITS}
    counts = {trait.code: 0 for trait in TRAITS}
    for code, answer in answers.items():
        statement = STATEMENT_BY_CODE.get(code)
        if statement is None:
            continue
        totals[statement.trait] += item_score(statement, answer)
        counts[statement.trait] += 1
    return {code: Fraction(totals[code], counts[code]) if counts[code] else Fraction(0) for code in totals}


def is_positive(trait_score: Fraction) -> bool:
    return trait_score >= POSITIVE_THRESHOLD


def strong_traits(scores: Mapping[str, Fraction]) -> list[str]:
    """Positive traits, strongest first; equal scores keep the fixed order of TRAITS."""
    order = {trait.code: index for index, trait in enumerate(TRAITS)}
    positive = [code for code, value in scores.items() if code in order and is_positive(value)]
    return sorted(positive, key=lambda code: (-scores[code], order[code]))


def unanswered(answers: Mapping[str, int], statements: Iterable[Statement] = STATEMENTS) -> list[Statement]:
    return [statement for statement in statements if statement.code not in answers]


def first_unanswered_page(answers: Mapping[str, int]) -> int | None:
    for page in range(1, PAGE_COUNT + 1):
        if unanswered(answers, page_statements(page)):
            return page
    return None


@dataclass(frozen=True)
class Suggestion:
    category: str  # the job category's slug
    traits: tuple[str, ...]
    strength: Fraction  # the mean score of its traits: how it is ranked

    @property
    def reason(self) -> str:
        parts = [TRAIT_BY_CODE[code].because for code in self.traits]
        joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"Because {joined}."


def suggest_categories(scores: Mapping[str, Fraction], mapping: Mapping[str, Iterable[str]]) -> list[Suggestion]:
    """Job categories whose traits are all positive, best first.

    ``mapping`` is job category slug → its traits (TraitMapping rows). A category with no traits,
    or with a trait we do not measure, is never suggested. Ranked by the mean score of the
    category's traits, then by more matching traits (a closer fit), then by slug, so equal
    results always come out in the same order.
    """
    suggestions = []
    for category, traits in mapping.items():
        codes = tuple(code for code in TRAIT_BY_CODE if code in set(traits))
        if not codes or len(codes) != len(set(traits)):
            continue
        if all(is_positive(scores.get(code, Fraction(0))) for code in codes):
            strength = sum((scores[code] for code in codes), Fraction(0)) / len(codes)
            suggestions.append(Suggestion(category=category, traits=codes, strength=strength))
    return sorted(suggestions, key=lambda item: (-item.strength, -len(item.traits), item.category))
