"""Generated course listings: realistic providers, venues, courses and runs, all marked ``generated``.

Used by ``generate_courses`` (benchmark data, any size) and ``load_demo_courses`` (``make run``).
The same seed, vocabulary and start date give the same records. Rows go in with bulk inserts in
batches, bypassing the services: one audit event records the whole generation instead, and
``course_directory_changed`` tells listeners (search indexes) which courses are new.
"""

from __future__ import annotations

import datetime
import random
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from signpost.core.audit import audit_record
from signpost.core.geography import locate_postcode
from signpost.courses import codes
from signpost.courses.models import Course, CourseRun, Provider, RunRegion, Venue
from signpost.courses.signals import announce_courses_changed
from signpost.courses.vocabulary import CourseIdea, Place, Vocabulary
from signpost.organisations.models import Area

CourseType = codes.CourseType
DeliveryMode = codes.DeliveryMode
Progress = Callable[[str], None]

# Generated providers' UKPRNs start here, away from the 1000xxxx numbers real providers have.
GENERATED_UKPRN_START = 19_000_000
RUNS_PER_PROVIDER = 250
BATCH_SIZE = 2000
# How often each course type is generated, out of 100.
TYPE_WEIGHTS = {
    CourseType.OTHER: 50,
    CourseType.FREE_COURSE_FOR_JOBS: 12,
    CourseType.ESSENTIAL_SKILLS: 12,
    CourseType.HIGHER_TECHNICAL: 6,
    CourseType.SKILLS_BOOTCAMP: 6,
    CourseType.T_LEVEL: 7,
    CourseType.MULTIPLY: 7,
}
# Ofcom's numbers for drama: never a real line.
DRAMA_PHONE_NUMBERS = ["0113 496 0{:03d}", "0121 496 0{:03d}", "0161 496 0{:03d}", "020 7946 0{:03d}"]
STREETS = [
    "College Road",
    "Station Road",
    "High Street",
    "Church Lane",
    "Park Road",
    "Mill Lane",
    "Queen Street",
    "Victoria Road",
    "Market Place",
    "Bridge Street",
    "London Road",
    "New Road",
    "Green Lane",
    "Castle Street",
]
VENUE_KINDS = ["campus", "centre", "learning centre", "skills hub", "training centre", "community centre"]


@dataclass(frozen=True)
class Generated:
    providers: int
    venues: int
    courses: int
    runs: int
    seconds: float


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


class _Generator:
    def __init__(self, vocabulary: Vocabulary, *, seed: int, today: datetime.date, progress: Progress) -> None:
        self.vocabulary = vocabulary
        self.random = random.Random(seed)  # noqa: S311 - generated listings, not secrets
        self.today = today
        self.progress = progress
        self.ideas_by_type: dict[str, list[CourseIdea]] = defaultdict(list)
        for idea in vocabulary.courses:
            self.ideas_by_type[str(idea.course_type)].append(idea)
        self.types = [kind for kind in TYPE_WEIGHTS if self.ideas_by_type[str(kind)]]
        self.weights = [TYPE_WEIGHTS[kind] for kind in self.types]
        self.places_by_postcode_area: dict[str, list[Place]] = defaultdict(list)
        for place in vocabulary.places:
            self.places_by_postcode_area[re.match(r"[A-Z]+", place.postcode)[0]].append(place)  # type: ignore[index]
        self.located: dict[str, tuple[float | None, float | None, str]] = {}

    # Providers and venues -------------------------------------------------------------------

    def providers(self, count: int) -> list[Provider]:
        first = max(
            GENERATED_UKPRN_START,
            int(
                Provider.objects.filter(ukprn__gte=str(GENERATED_UKPRN_START))
                .order_by("-ukprn")
                .values_list("ukprn", flat=True)
                .first()
                or GENERATED_UKPRN_START - 1
            )
            + 1,
        )
        names = list(self.vocabulary.provider_names)
        self.random.shuffle(names)
        providers = []
        for index in range(count):
            base = names[index % len(names)]
            round_ = index // len(names)
            name = base if round_ == 0 else f"{base} ({self.random.choice(self.vocabulary.places).town} {round_ + 1})"
            slug = _slug(base)
            phone = self.random.choice(DRAMA_PHONE_NUMBERS).format(self.random.randrange(1000))
            providers.append(
                Provider(
                    name=name,
                    trading_name="" if self.random.random() < 0.8 else f"{base.split()[0]} Skills",
                    ukprn=str(first + index),
                    contact_name="Course enquiries team",
                    email=f"courses@{slug}.example",
                    phone=phone,
                    website=f"https://www.{slug}.example",
                    generated=True,
                )
            )
        return Provider.objects.bulk_create(providers, batch_size=BATCH_SIZE)

    def _locate(self, place: Place) -> tuple[float | None, float | None, str]:
        if place.postcode not in self.located:
            if place.latitude is not None and place.longitude is not None:
                # The national list says where: reading each postcode area's file of points
                # would take most of the time of a few thousand runs spread over England.
                self.located[place.postcode] = (place.latitude, place.longitude, place.local_authority)
            else:
                found = locate_postcode(place.postcode)
                self.located[place.postcode] = (
                    (found.latitude, found.longitude, found.local_authority) if found else (None, None, "")
                )
        return self.located[place.postcode]

    def venues(self, providers: list[Provider]) -> dict[int, list[Venue]]:
        chosen: list[list[Place]] = []
        for _provider in providers:
            home = self.random.choice(self.vocabulary.places)
            nearby = self.places_by_postcode_area[re.match(r"[A-Z]+", home.postcode)[0]]  # type: ignore[index]
            chosen.append([home, *self.random.sample(nearby, min(len(nearby), self.random.randint(0, 3)))])
        # In postcode order, so that each postcode area's file of points is read once.
        for place in sorted({place for places in chosen for place in places}, key=lambda place: place.postcode):
            self._locate(place)
        venues: list[Venue] = []
        for provider, places in zip(providers, chosen, strict=True):
            names: set[str] = set()
            for number, place in enumerate(places):
                name = "Main campus" if number == 0 else f"{place.town} {self.random.choice(VENUE_KINDS)}"
                if name.lower() in names:
                    name = f"{name} {number + 1}"
                names.add(name.lower())
                latitude, longitude, local_authority = self._locate(place)
                venues.append(
                    Venue(
                        provider=provider,
                        name=name,
                        address_line_1=f"{self.random.randint(1, 240)} {self.random.choice(STREETS)}",
                        town=place.town,
                        postcode=place.postcode,
                        latitude=latitude,
                        longitude=longitude,
                        local_authority=local_authority,
                        email=provider.email,
                        phone=provider.phone,
                        generated=True,
                    )
                )
        self.progress(f"Placed {len(venues):,} venues at {len(self.located):,} postcodes.")
        by_provider: dict[int, list[Venue]] = defaultdict(list)
        for venue in Venue.objects.bulk_create(venues, batch_size=BATCH_SIZE):
            by_provider[venue.provider_id].append(venue)
        self.venue_areas = {venue.pk: place.area for venue, place in zip(venues, self._places_of(venues), strict=True)}
        return by_provider

    def _places_of(self, venues: list[Venue]) -> list[Place]:
        by_postcode = {place.postcode: place for place in self.vocabulary.places}
        return [by_postcode[venue.postcode] for venue in venues]

    # Courses and runs -----------------------------------------------------------------------

    def course(self, provider: Provider, number: int) -> Course:
        kind = self.random.choices(self.types, self.weights)[0]
        idea = self.random.choice(self.ideas_by_type[str(kind)])
        texts = course_texts(idea, self.random)
        awarding_body = (
            ""
            if idea.apprenticeship or kind == CourseType.SKILLS_BOOTCAMP
            else (self.random.choice(self.vocabulary.awarding_bodies))
        )
        course = Course(
            provider=provider,
            provider_reference=f"GEN-{number:06d}",
            title=idea.title,
            qualification=idea.qualification,
            awarding_body=awarding_body,
            level=idea.level,
            sector=idea.sector,
            course_type=idea.course_type,
            generated=True,
            **texts,
        )
        course._idea = idea  # type: ignore[attr-defined]  # read by run(), never saved
        return course

    def run(self, course: Course, number: int, venues: list[Venue]) -> tuple[CourseRun, list[int]]:
        idea: CourseIdea = course._idea  # type: ignore[attr-defined]
        rand = self.random
        if idea.apprenticeship:
            mode = DeliveryMode.WORK_BASED
        elif idea.course_type == CourseType.T_LEVEL:
            mode = DeliveryMode.CLASSROOM  # with an industry placement, but taught at college
        else:
            mode = rand.choices(
                [DeliveryMode.CLASSROOM, DeliveryMode.BLENDED, DeliveryMode.ONLINE, DeliveryMode.WORK_BASED],
                [60, 15, 15, 10],
            )[0]
        venue = rand.choice(venues) if mode in codes.AT_A_VENUE else None
        regions: list[int] = []
        national = False
        if mode == DeliveryMode.WORK_BASED:
            home_area = self.venue_areas.get(venues[0].pk)
            if home_area is None or rand.random() < 0.2:
                national = True
            else:
                regions = sorted({home_area, *rand.sample(Area.values, rand.randint(0, 2))})
        flexible = (mode == DeliveryMode.ONLINE and rand.random() < 0.5) or rand.random() < 0.08
        start = None if flexible else self._start_date()
        duration, unit = _duration(idea, rand)
        study_mode = (
            codes.StudyMode.FULL_TIME
            if idea.course_type == CourseType.T_LEVEL
            else rand.choices(
                [codes.StudyMode.FULL_TIME, codes.StudyMode.PART_TIME, codes.StudyMode.FLEXIBLE], [35, 50, 15]
            )[0]
        )
        if idea.apprenticeship:
            attendance = codes.Attendance.DAY_OR_BLOCK_RELEASE
        else:
            attendance = rand.choices(
                [
                    codes.Attendance.DAYTIME,
                    codes.Attendance.EVENING,
                    codes.Attendance.WEEKEND,
                    codes.Attendance.DAY_OR_BLOCK_RELEASE,
                ],
                [60, 22, 8, 10],
            )[0]
        cost, cost_description = _cost(idea, rand)
        run = CourseRun(
            course=course,
            provider_reference=f"R{number}",
            delivery_mode=mode,
            venue=venue,
            national=national,
            study_mode=study_mode,
            attendance=attendance,
            start_date=start,
            flexible_start=flexible,
            duration=duration,
            duration_unit=unit,
            cost=cost,
            cost_description=cost_description,
            website=f"{course.provider.website}/courses/{_slug(course.title)}",
            generated=True,
        )
        return run, regions

    def _start_date(self) -> datetime.date:
        rand = self.random
        if rand.random() < 0.4:
            # Colleges start most courses in September, January and April.
            year = self.today.year + rand.randint(0, 1)
            start = datetime.date(year, rand.choice([1, 4, 9]), rand.randint(1, 14))
            if start < self.today - datetime.timedelta(days=30):
                start = start.replace(year=start.year + 1)
        else:
            start = self.today + datetime.timedelta(days=rand.randint(-20, 400))
        while start.weekday() >= 5:
            start += datetime.timedelta(days=1)
        return start


def _duration(idea: CourseIdea, rand: random.Random) -> tuple[int, str]:
    unit = codes.DurationUnit
    if idea.apprenticeship:
        return rand.choice([12, 15, 18, 24, 36]), unit.MONTHS
    match idea.course_type:
        case CourseType.T_LEVEL:
            return 2, unit.YEARS
        case CourseType.HIGHER_TECHNICAL:
            return rand.choice([1, 2]), unit.YEARS
        case CourseType.SKILLS_BOOTCAMP:
            return rand.randint(8, 16), unit.WEEKS
        case CourseType.MULTIPLY:
            return rand.choice([6, 10, 12, 20]), unit.HOURS
        case CourseType.ESSENTIAL_SKILLS:
            return rand.randint(10, 33), unit.WEEKS
    if "Award" in idea.title:
        return rand.choice([1, 2, 3, 5]), unit.DAYS
    if "Diploma" in idea.title:
        return rand.choice([1, 1, 2]), unit.YEARS
    return rand.randint(8, 36), unit.WEEKS


def _cost(idea: CourseIdea, rand: random.Random) -> tuple[Decimal | None, str]:
    free = {
        CourseType.ESSENTIAL_SKILLS,
        CourseType.MULTIPLY,
        CourseType.FREE_COURSE_FOR_JOBS,
        CourseType.SKILLS_BOOTCAMP,
        CourseType.T_LEVEL,
    }
    if idea.apprenticeship:
        return Decimal("0.00"), "Your employer and the government pay for your training."
    if idea.course_type in free:
        return Decimal("0.00"), "Free for eligible learners. Ask us whether you qualify."
    if rand.random() < 0.1:
        return None, "Contact us for the cost. You may be able to get help with fees."
    pounds = rand.randint(4, 60) * 25 * max(1, idea.level)
    return Decimal(pounds), "Includes exam fees. You may be able to pay in instalments."


LEVEL_ENTRY = {
    0: "There are no formal entry requirements. We will talk to you about your goals before you start.",
    1: "There are no formal entry requirements, but you will need basic English and maths.",
    2: "You will usually need English and maths at level 1, or a level 1 course in this subject.",
    3: "You will usually need 4 or 5 GCSEs at grades 9 to 4 (A* to C), or a level 2 qualification.",
}


def course_texts(idea: CourseIdea, rand: random.Random) -> dict[str, str]:
    """The learner's texts for a course: written from our templates, filled with the course."""
    subject = re.sub(r"^(Level \d .*? (in|for) |T Level in |Skills Bootcamp in )", "", idea.title).rstrip(".")
    level = codes.Level(idea.level).label.lower()
    if idea.apprenticeship:
        who = f"People who have, or want, a job as a {subject.removesuffix(' apprenticeship').lower()}."
        how = "Most of your learning is at work, with time away for training with us (day or block release)."
    else:
        who = rand.choice(
            [
                f"Anyone who wants to start or build a career using {subject.lower()}.",
                f"Adults and young people who want a {level} qualification in {subject.lower()}.",
                f"People returning to learning who are interested in {subject.lower()}.",
            ]
        )
        how = rand.choice(
            [
                "Classes with a tutor, practical work and some study at home.",
                "Small groups led by an experienced tutor, with online resources between sessions.",
                "Hands-on workshops and group projects, with support from your tutor.",
            ]
        )
    return {
        "who_it_is_for": who,
        "entry_requirements": LEVEL_ENTRY.get(
            idea.level, "You will usually need a level 3 qualification or relevant experience at work."
        ),
        "what_you_will_learn": f"The knowledge and skills of {subject.lower()} at {level}, "
        "and how they are used in the workplace.",
        "how_you_will_learn": how,
        "what_to_bring": rand.choice(
            ["A notebook and pen.", "Nothing: we provide everything you need.", "Suitable clothing for practical work."]
        ),
        "how_you_will_be_assessed": rand.choice(
            [
                "A portfolio of your work and observed practical tasks.",
                "Written assignments and a final exam.",
                "Online tests and a practical assessment.",
            ]
        ),
        "what_next": rand.choice(
            [
                "A course at the next level, an apprenticeship or a job.",
                "Further study or work in this sector.",
                "An apprenticeship, a job or a higher level course with us.",
            ]
        ),
    }


def generate_courses(
    vocabulary: Vocabulary,
    *,
    runs: int,
    seed: int = 2026,
    today: datetime.date | None = None,
    actor: Any = None,
    progress: Progress = lambda message: None,
    runs_per_provider: int = RUNS_PER_PROVIDER,
) -> Generated:
    """Add ``runs`` generated course runs, with their courses, providers and venues (1 to 4 venues
    a provider: fewer runs a provider spreads the same runs over more of the country)."""
    started = timezone.now()
    generator = _Generator(vocabulary, seed=seed, today=today or timezone.localdate(), progress=progress)
    provider_count = max(3, -(-runs // runs_per_provider))
    with transaction.atomic():
        providers = generator.providers(provider_count)
        progress(f"Added {len(providers):,} providers from {vocabulary.source}.")
        venues = generator.venues(providers)
        # Share the runs among providers unevenly, as colleges differ in size.
        shares = [generator.random.uniform(0.3, 1.7) for _ in providers]
        total = sum(shares)
        quotas = [max(1, int(runs * share / total)) for share in shares]
        quotas[0] += runs - sum(quotas)
        made_courses = made_runs = 0
        course_ids: list[int] = []
        pending_courses: list[Course] = []
        pending_runs: list[tuple[Course, int]] = []
        for provider, quota in zip(providers, quotas, strict=True):
            number = 0
            while quota > 0:
                number += 1
                course = generator.course(provider, number)
                count = min(quota, generator.random.choice([1, 1, 2, 2, 3, 4, 5]))
                quota -= count
                pending_courses.append(course)
                pending_runs.extend((course, run_number) for run_number in range(1, count + 1))
            if len(pending_runs) >= BATCH_SIZE or provider is providers[-1]:
                courses_added, runs_added = _insert(generator, pending_courses, pending_runs, venues, course_ids)
                made_courses, made_runs = made_courses + courses_added, made_runs + runs_added
                pending_courses, pending_runs = [], []
                progress(f"Added {made_courses:,} courses with {made_runs:,} of {runs:,} runs.")
        audit_record(
            actor=actor,
            action="courses.generated",
            details={
                "providers": len(providers),
                "courses": made_courses,
                "runs": made_runs,
                "seed": seed,
                "source": vocabulary.source,
            },
        )
        announce_courses_changed(course_ids)
    seconds = (timezone.now() - started).total_seconds()
    venue_count = sum(len(found) for found in venues.values())
    return Generated(len(providers), venue_count, made_courses, made_runs, seconds)


def _insert(
    generator: _Generator,
    courses: list[Course],
    runs: list[tuple[Course, int]],
    venues: dict[int, list[Venue]],
    course_ids: list[int],
) -> tuple[int, int]:
    Course.objects.bulk_create(courses, batch_size=BATCH_SIZE)
    course_ids.extend(course.pk for course in courses)
    rows: list[CourseRun] = []
    regions: list[list[int]] = []
    for course, number in runs:
        run, areas = generator.run(course, number, venues[course.provider_id])
        rows.append(run)
        regions.append(areas)
    CourseRun.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    RunRegion.objects.bulk_create(
        [RunRegion(run=run, area=area) for run, areas in zip(rows, regions, strict=True) for area in areas],
        batch_size=BATCH_SIZE,
    )
    return len(courses), len(rows)
