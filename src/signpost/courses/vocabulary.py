"""What generated courses are made of: provider names, awarding bodies, course ideas and places.

No real course listings are available, so the generator (generation.py) builds realistic ones. With
the national open data beside the project (``../shared/data``, see its README) it uses real words:
the further education colleges' names, the awarding organisations and apprenticeship standards of
the learning aims reference (LARS), the qualification titles the national job profiles name, and
real English postcodes. Without it, it uses the small vocabulary below, written by us.

Every list is sorted so that the same seed gives the same courses.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from signpost.core.geography import area_for_local_authority
from signpost.courses import codes

DEFAULT_DATA_DIR = settings.PROJECT_DIR.parent / "shared" / "data"
Sector = codes.Sector
CourseType = codes.CourseType


@dataclass(frozen=True)
class CourseIdea:
    title: str
    qualification: str
    level: int
    sector: int
    course_type: str
    apprenticeship: bool = False


@dataclass(frozen=True)
class Place:
    postcode: str
    town: str
    # Our contract area (101 to 109), for the regions of work-based runs; None when not known.
    area: int | None
    # Where the postcode is, when the list gives it: the generator then need not look it up.
    latitude: float | None = None
    longitude: float | None = None
    local_authority: str = ""


@dataclass(frozen=True)
class Vocabulary:
    source: str
    provider_names: list[str]
    awarding_bodies: list[str]
    courses: list[CourseIdea]
    places: list[Place]


# Words in a course title that say which sector it belongs to, tried in this order.
SECTOR_WORDS: list[tuple[str, int]] = [
    (r"care|health|nursing|dental|pharmac|social|childcare|early years|first aid|police|security", Sector(1)),
    (r"science|laborator|math|chemistry|biology|physics", Sector(2)),
    (r"animal|horticult|agricultur|land-based|arboricult|equine|floristry|floral|farm|game", Sector(3)),
    (r"engineer|manufactur|electr|mechanic|motor vehicle|welding|fabrication|aerospace|marine|energy", Sector(4)),
    (
        r"construct|plumb|carpent|joinery|brick|plaster|built environment|surveying|painting|roofing|interior|glazing",
        Sector(5),
    ),
    (r"\bit\b|ict|digital|comput|software|network|cyber|data|web|programming", Sector(6)),
    (r"retail|hair|beauty|barber|nail|make-up|customer service|sales|warehous|logistics", Sector(7)),
    (r"hospitality|catering|cookery|food|bakery|cake|travel|tourism|sport|fitness|leisure|coaching", Sector(8)),
    (r"art|media|music|design|photograph|fashion|textile|drama|dance|journalism|games|animation", Sector(9)),
    (r"history|philosoph|theolog|religio", Sector(10)),
    (r"psycholog|sociolog|criminolog|economics|politic", Sector(11)),
    (r"english|esol|language|literature|spanish|french|british sign", Sector(12)),
    (r"teaching|education|training|learning support|assessor|tutor", Sector(13)),
    (r"employability|life skills|personal|work skills|independent living|preparation", Sector(14)),
    (r"business|account|bookkeep|admin|law|legal|management|finance|marketing|leadership|payroll", Sector(15)),
]


def sector_for_title(title: str, default: int = Sector.PREPARATION_FOR_LIFE_AND_WORK) -> int:
    lowered = title.lower()
    for pattern, sector in SECTOR_WORDS:
        if re.search(pattern, lowered):
            return int(sector)
    return int(default)


# Our own vocabulary -------------------------------------------------------------------------

OWN_PROVIDER_NAMES = [
    "Brookfield College",
    "Castlegate Training",
    "Riverside Adult Learning",
    "Northgate Skills Centre",
    "Westmoor College",
    "Harbourside Academy of Trades",
    "Meadowbank Community Learning",
    "Kingsway Technical College",
    "Oakfield Care Training",
    "Parkview Digital Skills",
    "Stonebridge College",
    "Hillcrest Learning Partnership",
]

# A handful of real awarding organisations (their names are facts).
OWN_AWARDING_BODIES = [
    "Association of Accounting Technicians",
    "City and Guilds of London Institute",
    "NCFE",
    "Pearson Education Ltd",
    "Open Awards",
    "Highfield Qualifications",
]

# (title, level, sector, course type): written by us.
OWN_COURSES: list[tuple[str, int, int, str]] = [
    ("English for speakers of other languages (ESOL)", 0, 12, CourseType.ESSENTIAL_SKILLS),
    ("Functional skills English", 1, 12, CourseType.ESSENTIAL_SKILLS),
    ("Functional skills maths", 1, 2, CourseType.ESSENTIAL_SKILLS),
    ("Functional skills maths", 2, 2, CourseType.ESSENTIAL_SKILLS),
    ("Essential digital skills", 0, 6, CourseType.ESSENTIAL_SKILLS),
    ("Everyday maths for adults", 1, 2, CourseType.MULTIPLY),
    ("Maths for managing your money", 0, 2, CourseType.MULTIPLY),
    ("T Level in digital production, design and development", 3, 6, CourseType.T_LEVEL),
    ("T Level in health", 3, 1, CourseType.T_LEVEL),
    ("T Level in education and early years", 3, 13, CourseType.T_LEVEL),
    ("Higher technical qualification in cyber security", 4, 6, CourseType.HIGHER_TECHNICAL),
    ("Higher technical qualification in construction management", 5, 5, CourseType.HIGHER_TECHNICAL),
    ("Diploma in accounting", 3, 15, CourseType.FREE_COURSE_FOR_JOBS),
    ("Certificate in adult social care", 3, 1, CourseType.FREE_COURSE_FOR_JOBS),
    ("Skills Bootcamp in software development", 4, 6, CourseType.SKILLS_BOOTCAMP),
    ("Skills Bootcamp in heavy goods vehicle driving", 2, 7, CourseType.SKILLS_BOOTCAMP),
    ("Skills Bootcamp in retrofit and green construction", 3, 5, CourseType.SKILLS_BOOTCAMP),
    ("Certificate in plumbing", 2, 5, CourseType.OTHER),
    ("Diploma in electrical installation", 2, 4, CourseType.OTHER),
    ("Certificate in hairdressing", 2, 7, CourseType.OTHER),
    ("Diploma in professional cookery", 2, 8, CourseType.OTHER),
    ("Certificate in counselling skills", 2, 1, CourseType.OTHER),
    ("Award in food safety in catering", 2, 8, CourseType.OTHER),
    ("Certificate in bookkeeping", 2, 15, CourseType.OTHER),
    ("Diploma in art and design", 3, 9, CourseType.OTHER),
    ("Certificate in teaching assistant practice", 2, 13, CourseType.OTHER),
    ("Award in first aid at work", 3, 1, CourseType.OTHER),
    ("Certificate in horticulture", 1, 3, CourseType.OTHER),
    ("Access to higher education diploma (nursing)", 3, 1, CourseType.OTHER),
    ("Introduction to computing", 0, 6, CourseType.OTHER),
    ("Certificate in employability skills", 1, 14, CourseType.OTHER),
    ("Spanish for beginners", 1, 12, CourseType.OTHER),
]

# Real postcodes of town centres across England's nine areas, with the town and area (facts).
OWN_PLACES = [
    ("CB2 1TN", "Cambridge", 101),
    ("NR2 1NH", "Norwich", 101),
    ("NG1 2DT", "Nottingham", 102),
    ("LE1 5FQ", "Leicester", 102),
    ("EC1A 1BB", "London", 103),
    ("E15 1DA", "London", 103),
    ("SE1 7PB", "London", 103),
    ("B1 1BB", "Birmingham", 104),
    ("CV1 5FB", "Coventry", 104),
    ("M2 5DB", "Manchester", 105),
    ("L2 2DP", "Liverpool", 105),
    ("NE1 7RU", "Newcastle upon Tyne", 106),
    ("DH1 3UB", "Durham", 106),
    ("BN1 1JE", "Brighton", 107),
    ("OX1 1BX", "Oxford", 107),
    ("BS1 5TR", "Bristol", 108),
    ("EX1 1GA", "Exeter", 108),
    ("LS1 1UR", "Leeds", 109),
    ("S1 2HH", "Sheffield", 109),
    ("YO1 7HH", "York", 109),
]


def own_vocabulary() -> Vocabulary:
    return Vocabulary(
        source="our own vocabulary",
        provider_names=sorted(OWN_PROVIDER_NAMES),
        awarding_bodies=sorted(OWN_AWARDING_BODIES),
        courses=[
            CourseIdea(
                title=title,
                qualification=title if course_type != CourseType.SKILLS_BOOTCAMP else "",
                level=level,
                sector=sector,
                course_type=str(course_type),
            )
            for title, level, sector, course_type in OWN_COURSES
        ],
        places=[Place(postcode, town, area) for postcode, town, area in OWN_PLACES],
    )


# The national data ----------------------------------------------------------------------------

_QUALIFICATION = re.compile(
    r"^Level (?P<level>[1-7]) (?:(?:Extended|Subsidiary|Foundation|Advanced|National|Technical|Introductory) )*"
    r"(?:Award|Certificate|Diploma) (?:in|for) (?P<subject>[A-Z][A-Za-z ,'&()-]+)$"
)
_NOISE = re.compile(r"\b(may|like|helpful|subjects|beginner|essential|equivalent)\b|Introduction$")


# LARS codes of awarding organisations that offer vocational qualifications in many sectors: most
# of the 500 in LARS are specialist (a sport's governing body, a professional institute), whose
# name on an unrelated course would look wrong.
GENERAL_AWARDING_ORGANISATIONS = frozenset(
    {
        "ABC",
        "AQA",
        "ASCENTIS",
        "CG",
        "EDEXCEL",
        "FOCUSAWD",
        "GATEWAY",
        "HABC",
        "INNOVATE",
        "IQ",
        "LASER",
        "NCFE",
        "OCR",
        "OPENAWRD",
        "QA",
        "SKILLSFR",
        "TQUK",
        "VTCT",
    }
)


def _rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def qualification_titles(data_dir: Path) -> list[tuple[str, int]]:
    """Qualification titles the job profiles name, tidied: ("Level 3 Diploma in Plumbing", 3)."""
    found: set[tuple[str, int]] = set()
    path = data_dir / "ncs-job-profiles-2020" / "qualification_titles_mentioned_in_profiles.csv"
    for row in _rows(path):
        title = re.split(r" (?:accredited|offered|approved|from|awarded) ", row["qualification_title"])[0].strip()
        match = _QUALIFICATION.match(title)
        if match and len(title) <= 110 and not _NOISE.search(title):
            found.add((title, int(match["level"])))
    return sorted(found)


def national_vocabulary(data_dir: Path = DEFAULT_DATA_DIR) -> Vocabulary | None:
    """The vocabulary from the national open data, or None when it is not there."""
    try:
        colleges = _rows(data_dir / "fe-colleges-2018" / "further-education-college-uk.tsv", "\t")
        award_orgs = _rows(data_dir / "lars-reference-2020" / "AwardOrgCode.csv")
        standards = _rows(data_dir / "lars-reference-2020" / "Standard.csv")
        postcodes = _rows(data_dir / "uk-postcode-geography" / "postcodes_england_sample_3000.csv")
        authorities = _rows(data_dir / "uk-postcode-geography" / "local_authority_districts_england_wales.csv")
        titles = qualification_titles(data_dir)
    except FileNotFoundError:
        return None
    # Colleges in England only: the postcodes are English.
    provider_names = sorted(
        {row["name"].strip() for row in colleges if row["region"] == "further-education-college-region-uk:1"}
    )
    awarding_bodies = sorted(
        {row["AwardOrgName"].strip() for row in award_orgs if row["AwardOrgCode"] in GENERAL_AWARDING_ORGANISATIONS}
    )
    ideas: list[CourseIdea] = []
    for title, level in titles:
        sector = sector_for_title(title)
        ideas.append(CourseIdea(title, title, level, sector, CourseType.OTHER))
        if level == 3:
            # Many level 3 qualifications are on the free courses for jobs offer.
            ideas.append(CourseIdea(title, title, level, sector, CourseType.FREE_COURSE_FOR_JOBS))
    for row in standards:
        if row["EffectiveTo"] or row["LastDateStarts"] or not row["NotionalEndLevel"].isdigit():
            continue  # withdrawn standards take no new apprentices
        name, level = row["StandardName"].strip(), int(row["NotionalEndLevel"])
        try:
            sector = int(float(row["SectorSubjectAreaTier1"]))
        except ValueError:
            sector = sector_for_title(name)
        if sector not in Sector.values:
            sector = sector_for_title(name)
        qualification = f"{name} (level {level} apprenticeship standard {row['StandardCode']})"
        ideas.append(CourseIdea(f"{name} apprenticeship", qualification, level, sector, CourseType.OTHER, True))
        if level in (4, 5):
            ideas.append(
                CourseIdea(f"Higher technical qualification: {name}", "", level, sector, CourseType.HIGHER_TECHNICAL)
            )
    # Types the national data has no titles for come from our own list.
    ideas.extend(idea for idea in own_vocabulary().courses if idea.course_type != CourseType.OTHER)
    town_by_authority = {row["lad_code"]: row["lad_name"] for row in authorities}
    places = [
        Place(
            row["postcode"],
            town_by_authority[row["lad_code"]],
            area_for_local_authority(row["lad_code"]),
            float(row["latitude"]),
            float(row["longitude"]),
            row["lad_code"],
        )
        for row in postcodes
        if row["lad_code"] in town_by_authority
    ]
    return Vocabulary(
        source=f"the national open data in {data_dir}",
        provider_names=provider_names,
        awarding_bodies=awarding_bodies,
        courses=sorted(ideas, key=lambda idea: (idea.title, idea.course_type, idea.level)),
        places=sorted(places, key=lambda place: place.postcode),
    )
