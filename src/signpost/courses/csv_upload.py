"""Bulk CSV upload of a provider's venues, or of its courses with their runs (docs/course-directory-csv.md).

``check_*`` reads a file as a stream and validates every row, counting the rows and problems and
keeping the first ``ERRORS_KEPT`` problems for the page; nothing is written. ``problems_csv``
streams every problem, however many. ``import_*`` checks the file again and writes the valid rows
only, matching existing records by their natural keys (a venue's name, a course's reference, a
run's reference within its course) so that uploading the same file twice changes nothing the
second time.

Memory stays flat whatever the size of the file: rows are read a line at a time and written
``CHUNK_ROWS`` valid rows at a time. What is kept across chunks is only what a later row needs:
the keys already seen (to refuse a duplicate), the courses already described, and counts.

Each chunk is written in its own transaction, with its own audit event. One transaction for a
whole file would hold SQLite's single write lock (every other write on the site waits) for as
long as a large import takes, and keep a long transaction open on PostgreSQL. If an import stops
part way (a database error), the chunks before it stay written and ``ImportStopped`` says up to
which row; importing the same file again finishes the job, because rows already written match
their records and change nothing.

Validation is plain Python over dictionaries (no model instances or form objects per row) so that a
file of 100,000 rows is checked at well over 10,000 rows a second (bench/course_upload.py).
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from operator import itemgetter
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from signpost.core import uploads
from signpost.core.audit import audit_record
from signpost.courses import codes, rules
from signpost.courses.models import DESCRIPTION_MAX_LENGTH, Course, CourseRun, Provider, RunRegion, Venue
from signpost.courses.signals import announce_courses_changed
from signpost.organisations.models import Area

VENUE_COLUMNS = [
    "venue_name",
    "address_line_1",
    "address_line_2",
    "town",
    "county",
    "postcode",
    "email",
    "phone",
    "website",
]
COURSE_COLUMNS = [
    "course_reference", "course_title", "qualification", "awarding_body", "level", "sector", "course_type",
    "who_it_is_for", "entry_requirements", "what_you_will_learn", "how_you_will_learn", "what_to_bring",
    "how_you_will_be_assessed", "what_next", "run_reference", "delivery_mode", "venue_name", "regions",
    "study_mode", "attendance", "start_date", "flexible_start", "duration", "duration_unit", "cost",
    "cost_description", "run_website",
]  # fmt: skip
VENUE_UPDATE_FIELDS = ["address_line_1", "address_line_2", "town", "county", "postcode", "latitude", "longitude",
                       "local_authority", "email", "phone", "website", "withdrawn_at"]  # fmt: skip
ERRORS_KEPT = 500  # shown on the page; the CSV of problems streams every one
CHUNK_ROWS = 5_000  # valid rows written in one transaction
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$", re.IGNORECASE)
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/-]*$")
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class RowError:
    row: int  # the line in the file; the header is row 1
    column: str
    message: str


@dataclass
class Checked:
    """What a check found: counts of everything, and the first ``ERRORS_KEPT`` problems."""

    kind: str
    rows: int = 0
    valid_rows: int = 0
    rows_with_errors: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    # A problem with the whole file (not UTF-8, wrong columns): nothing else is checked.
    file_error: str = ""

    def count(self, row_errors: list[RowError]) -> None:
        self.rows += 1
        if row_errors:
            self.rows_with_errors += 1
            self.error_count += len(row_errors)
            if len(self.errors) < ERRORS_KEPT:
                self.errors.extend(row_errors[: ERRORS_KEPT - len(self.errors)])
        else:
            self.valid_rows += 1


class ImportStopped(Exception):
    """An import stopped part way: the rows up to ``last_row`` were written, the rest were not."""

    def __init__(self, checked: Checked, counts: dict[str, int], last_row: int) -> None:
        super().__init__(f"The import stopped after row {last_row}")
        self.checked, self.counts, self.last_row = checked, counts, last_row


Source = bytes | IO[bytes]
# One checked row: its line number, its problems, and its values (to write when it has no problems).
CheckedRow = tuple[int, list[RowError], dict[str, Any]]


def _choices(enum: Any, *extra: tuple[str, Any]) -> dict[str, Any]:
    """Accept a code's value or its label, any case, with spaces, hyphens or underscores."""
    found: dict[str, Any] = {}
    for value, label in enum.choices:
        for key in (str(value), str(label)):
            found[re.sub(r"[\s_-]+", " ", key.lower()).strip()] = value
    found.update(extra)
    return found


LEVELS = _choices(codes.Level, ("entry", 0), ("e", 0))
SECTORS = _choices(codes.Sector)
COURSE_TYPES = _choices(codes.CourseType)
DELIVERY_MODES = _choices(codes.DeliveryMode, ("classroom", "classroom"), ("blended", "blended"))
STUDY_MODES = _choices(codes.StudyMode)
ATTENDANCES = _choices(codes.Attendance, ("day release", "day_or_block_release"),
                       ("block release", "day_or_block_release"))  # fmt: skip
DURATION_UNITS = _choices(codes.DurationUnit, *((unit.rstrip("s"), unit) for unit in codes.DurationUnit.values))
AREAS = _choices(Area)
ALL_OF_ENGLAND = {"all of england", "national", "england"}


_SEPARATORS = re.compile(r"[\s_-]+")


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    return _SEPARATORS.sub(" ", text.lower()).strip()


def _is_utf8(stream: IO[bytes]) -> bool:
    """Read the whole file once (quickly, a block at a time) so that a bad byte near the end is
    found before any row is imported, then go back to the start."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while block := stream.read(1 << 20):
            decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        stream.seek(0)
    return True


def _rows(source: Source, columns: list[str], checked: Checked) -> Iterator[tuple[int, dict[str, str]]]:
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    if not _is_utf8(stream):
        checked.file_error = "The file must be saved as CSV UTF-8"
        return
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        reader = csv.reader(text)
        header = [name.strip().lower() for name in next(reader, [])]
        missing = [name for name in columns if name not in header]
        if missing:
            checked.file_error = f"The first row must name the columns. Missing: {', '.join(missing)}"
            return
        pick = itemgetter(*(header.index(name) for name in columns))
        width = len(header)
        for number, values in enumerate(reader, start=2):
            if not any(value.strip() for value in values):
                continue  # blank lines, often at the end of a spreadsheet's export
            if len(values) < width:
                values = values + [""] * (width - len(values))
            yield number, dict(zip(columns, map(str.strip, pick(values)), strict=True))
    except csv.Error as error:
        checked.file_error = f"Row {reader.line_num} cannot be read as CSV ({error})"
    finally:
        text.detach()  # the caller owns the file and closes it


class _Row:
    """One row's values and problems; each ``take_*`` returns the parsed value or None."""

    __slots__ = ("errors", "number", "values")

    def __init__(self, number: int, values: dict[str, str]) -> None:
        self.number, self.values = number, values
        self.errors: list[RowError] = []

    def fail(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))

    def text(self, column: str, label: str, max_length: int, *, required: bool = False) -> str:
        value = self.values[column]
        if required and not value:
            self.fail(column, f"Enter the {label}")
        elif len(value) > max_length:
            self.fail(column, f"The {label} must be {max_length:,} characters or fewer")
        return value

    def choice(self, column: str, label: str, allowed: dict[str, Any]) -> Any:
        value = self.values[column]
        if not value:
            self.fail(column, f"Enter the {label}")
            return None
        found = allowed.get(value)
        if found is None:
            found = allowed.get(_key(value))
        if found is None:
            self.fail(column, f"The {label} ‘{value[:40]}’ is not one we know (see the format guide)")
        return found

    def email(self, column: str) -> str:
        value = self.values[column]
        if value and (len(value) > 254 or not _EMAIL.match(value)):
            self.fail(column, "Enter an email address in the correct format, like name@example.com")
        return value

    def url(self, column: str) -> str:
        value = self.values[column]
        if value and not value.lower().startswith(("http://", "https://")):
            value = f"https://{value}"
        if value and (len(value) > 300 or not _URL.match(value)):
            self.fail(column, "Enter a web address in the correct format, like https://www.example.org")
        return value

    def reference(self, column: str, label: str) -> str:
        value = self.values[column]
        if not value:
            self.fail(column, f"Enter your {label}: uploads use it to find the record again")
        elif len(value) > 50 or not _REFERENCE.match(value):
            self.fail(column, f"The {label} can only include letters, numbers, spaces, full stops, hyphens, "
                              "underscores and slashes, up to 50")  # fmt: skip
        return value

    def rule(self, check: Callable[..., None], **values: Any) -> None:
        """Run a rules.py check; its field names are mapped to this file's columns."""
        try:
            check(**values)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.fail(RUN_RULE_COLUMNS.get(name, name), message)


# Venues ---------------------------------------------------------------------------------------


def _venue_rows(source: Source, checked: Checked) -> Iterator[CheckedRow]:
    seen: dict[str, int] = {}
    for number, values in _rows(source, VENUE_COLUMNS, checked):
        row = _Row(number, values)
        name = row.text("venue_name", "venue name", 200, required=True)
        venue: dict[str, Any] = {
            "name": name,
            "address_line_1": row.text("address_line_1", "first line of the address", 100, required=True),
            "address_line_2": row.text("address_line_2", "second line of the address", 100),
            "town": row.text("town", "town or city", 100, required=True),
            "county": row.text("county", "county", 100),
            "email": row.email("email"),
            "phone": row.text("phone", "phone number", 20),
            "website": row.url("website"),
        }
        if name and name.lower() in seen:
            row.fail("venue_name", f"This venue is also on row {seen[name.lower()]}: give each venue once")
        seen.setdefault(name.lower(), number)
        if not values["postcode"]:
            row.fail("postcode", "Enter the postcode")
        else:
            try:
                location = rules.place_postcode(values["postcode"])
            except ValidationError as error:
                row.fail("postcode", error.message_dict["postcode"][0])
            else:
                venue.update(
                    postcode=location.postcode, latitude=location.latitude, longitude=location.longitude,
                    local_authority=location.local_authority,
                )  # fmt: skip
        yield number, row.errors, venue


def _check(rows: Iterable[CheckedRow], checked: Checked) -> Checked:
    for _, errors, _ in rows:
        checked.count(errors)
    return checked


def _valid_chunks(rows: Iterable[CheckedRow], checked: Checked) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """The valid rows, ``CHUNK_ROWS`` at a time, each chunk with the last row of the file it reaches.
    The last chunk may be empty (so that even an import of nothing is written down)."""
    chunk: list[dict[str, Any]] = []
    last_row = 1
    for number, errors, values in rows:
        checked.count(errors)
        last_row = number
        if not errors:
            chunk.append(values)
            if len(chunk) == CHUNK_ROWS:
                yield last_row, chunk
                chunk = []
    yield last_row, chunk


def check_venues(source: Source) -> Checked:
    checked = Checked(kind="venues")
    return _check(_venue_rows(source, checked), checked)


def _write_in_chunks(
    rows: Iterable[CheckedRow], checked: Checked, write: Callable[[list[dict[str, Any]]], dict[str, int]],
    *, actor: Any, provider: Provider, action: str,
) -> dict[str, int]:  # fmt: skip
    """Write each chunk of valid rows in its own transaction with its audit event (which rows of the
    file it reaches, what it wrote); returns the totals of what ``write`` counted."""
    totals: dict[str, int] = {}
    written_up_to = refused_before = 0
    for part, (last_row, chunk) in enumerate(_valid_chunks(rows, checked), start=1):
        try:
            with transaction.atomic():
                counts = write(chunk)
                audit_record(
                    actor=actor, action=action, target=provider,
                    details={"part": part, "up_to_row": last_row, "rows": checked.rows,
                             "refused": checked.rows_with_errors - refused_before, **counts},
                )  # fmt: skip
        except DatabaseError as error:
            raise ImportStopped(checked, totals, written_up_to) from error
        refused_before, written_up_to = checked.rows_with_errors, last_row
        for name, value in counts.items():
            totals[name] = totals.get(name, 0) + value
    return totals


def import_venues(*, actor: Any, provider: Provider, content: Source) -> tuple[Checked, int, int]:
    """Write the valid rows: (the check, venues added, venues changed). Raises ``ImportStopped``."""
    if not rules.can_manage_provider(actor, provider.pk):
        raise PermissionDenied("You cannot manage this provider's venues.")
    checked = Checked(kind="venues")

    def write(chunk: list[dict[str, Any]]) -> dict[str, int]:
        names = [values["name"].lower() for values in chunk]
        existing = {
            venue.lower: venue
            for venue in Venue.objects.select_for_update()
            .annotate(lower=Lower("name"))
            .filter(provider=provider, lower__in=names)
        }
        new, updated = [], []
        for values in chunk:
            venue = existing.get(values["name"].lower())
            if venue is None:
                new.append(Venue(provider=provider, **values))
            elif venue.withdrawn_at is not None or any(getattr(venue, name) != value for name, value in values.items()):
                # A removed venue in the file is offered again (courses.rules, removing listings).
                for name, value in values.items():
                    setattr(venue, name, value)
                venue.withdrawn_at = None
                updated.append(venue)
        Venue.objects.bulk_create(new)
        if updated:
            Venue.objects.bulk_update(updated, VENUE_UPDATE_FIELDS)
        announce_courses_changed(
            CourseRun.objects.filter(venue__in=[venue.pk for venue in updated]).values_list("course_id", flat=True)
        )
        return {"added": len(new), "changed": len(updated)}

    totals = _write_in_chunks(
        _venue_rows(content, checked), checked, write, actor=actor, provider=provider, action="courses.venues_uploaded"
    )
    return checked, totals.get("added", 0), totals.get("changed", 0)


# Courses with their runs ------------------------------------------------------------------------


COURSE_FIELD_COLUMNS = {
    "title": "course_title",
    "qualification": "qualification",
    "awarding_body": "awarding_body",
    "level": "level",
    "sector": "sector",
    "course_type": "course_type",
    "who_it_is_for": "who_it_is_for",
    "entry_requirements": "entry_requirements",
    "what_you_will_learn": "what_you_will_learn",
    "how_you_will_learn": "how_you_will_learn",
    "what_to_bring": "what_to_bring",
    "how_you_will_be_assessed": "how_you_will_be_assessed",
    "what_next": "what_next",
}
RUN_UPDATE_FIELDS = ["delivery_mode", "venue_id", "national", "study_mode", "attendance", "start_date",
                     "flexible_start", "duration", "duration_unit", "cost", "cost_description", "website",
                     "withdrawn_at"]  # fmt: skip
RUN_RULE_COLUMNS = {"venue": "venue_name", "regions": "regions", "start_date": "start_date", "cost": "cost"}


def _date(text: str) -> datetime.date | None:
    """DD/MM/YYYY (a spreadsheet's UK date) or YYYY-MM-DD."""
    if len(text) == 10 and text[2] == "/" and text[5] == "/" and text[:2].isdigit() and text[3:5].isdigit():
        return datetime.date(int(text[6:]), int(text[3:5]), int(text[:2]))  # the usual case, quickly
    parts = text.split("/") if "/" in text else list(reversed(text.split("-")))
    if len(parts) != 3 or not all(part.isdigit() for part in parts) or len(parts[2]) != 4:
        raise ValueError(text)
    return datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))


_course_columns = itemgetter(*COURSE_COLUMNS[1:14])
COURSE_TEXTS = ("entry_requirements", "what_you_will_learn", "how_you_will_learn", "what_to_bring",
                "how_you_will_be_assessed", "what_next")  # fmt: skip


def _course_part(row: _Row) -> dict[str, Any]:
    """A course's own columns (the same on each of its runs' rows)."""
    course = {
        "title": row.text("course_title", "course title", 255, required=True),
        "qualification": row.text("qualification", "qualification title", 255),
        "awarding_body": row.text("awarding_body", "awarding body", 200),
        "level": row.choice("level", "qualification level", LEVELS),
        "sector": row.choice("sector", "sector", SECTORS),
        "course_type": row.choice("course_type", "course type", COURSE_TYPES),
        "who_it_is_for": row.text("who_it_is_for", "who the course is for", DESCRIPTION_MAX_LENGTH, required=True),
    }
    for name in COURSE_TEXTS:
        course[name] = row.text(name, name.replace("_", " "), DESCRIPTION_MAX_LENGTH)
    return course


def check_courses(source: Source, *, venue_names: dict[str, int], today: datetime.date | None = None) -> Checked:
    """``venue_names``: the provider's venues, lower-case name → id (a run names its venue)."""
    checked = Checked(kind="courses")
    return _check(_course_rows(source, checked, venue_names, today), checked)


def _course_rows(
    source: Source, checked: Checked, venue_names: dict[str, int], today: datetime.date | None
) -> Iterator[CheckedRow]:
    today = today or timezone.localdate()
    # Every run's key, to refuse a second row for it: one short string a row keeps a million-row
    # file's keys in about 150 MB.
    seen_runs: dict[str, int] = {}
    last_raw: tuple[str, ...] = ()
    last_check: tuple[dict[str, Any], list[tuple[str, str]]] = ({}, [])
    for number, values in _rows(source, COURSE_COLUMNS, checked):
        row = _Row(number, values)
        course_reference = row.reference("course_reference", "course reference")
        # A course's runs are on consecutive rows repeating its columns: check them once.
        raw = _course_columns(values)
        if raw != last_raw:
            probe = _Row(number, values)
            last_raw, last_check = raw, (_course_part(probe), [(e.column, e.message) for e in probe.errors])
        course, problems = last_check
        for column, message in problems:
            row.fail(column, message)
        run_reference = row.reference("run_reference", "run reference")
        if course_reference and run_reference:
            key = f"{course_reference}\x1f{run_reference}"  # neither reference can hold this character
            if key in seen_runs:
                row.fail("run_reference", f"This run is also on row {seen_runs[key]}: give each run once")
            seen_runs.setdefault(key, number)
        mode = row.choice("delivery_mode", "delivery mode", DELIVERY_MODES)
        venue_id = None
        if values["venue_name"]:
            venue_id = venue_names.get(values["venue_name"].lower())
            if venue_id is None:
                row.fail("venue_name", "No venue of yours has this name: add it first (upload your venues)")
        national, regions = False, []
        for part in filter(None, (piece.strip() for piece in values["regions"].split(";"))):
            if _key(part) in ALL_OF_ENGLAND:
                national = True
            elif (area := AREAS.get(_key(part))) is not None:
                regions.append(int(area))
            else:
                row.fail("regions", f"The region ‘{part[:40]}’ is not one we know (see the format guide)")
        run: dict[str, Any] = {
            "delivery_mode": mode,
            "venue_id": venue_id,
            "national": national,
            "study_mode": row.choice("study_mode", "course hours", STUDY_MODES),
            "attendance": row.choice("attendance", "study time", ATTENDANCES),
            "duration_unit": row.choice("duration_unit", "duration unit", DURATION_UNITS),
            "cost_description": row.text("cost_description", "cost description", 500),
            "website": row.url("run_website"),
        }
        flexible = values["flexible_start"].lower()
        if flexible not in _YES and flexible not in _NO:
            row.fail("flexible_start", "Flexible start must be yes or no")
        run["flexible_start"] = flexible in _YES
        start = None
        if values["start_date"]:
            try:
                start = _date(values["start_date"])
            except ValueError:
                row.fail("start_date", "The start date must be a real date, like 07/09/2027")
        run["start_date"] = start
        duration = values["duration"]
        if not duration.isdigit() or not 1 <= int(duration) <= 999:
            row.fail("duration", "The duration must be a whole number from 1 to 999")
        else:
            run["duration"] = int(duration)
        cost = None
        if values["cost"]:
            try:
                cost = Decimal(values["cost"].replace("£", "").replace(",", ""))
                if not cost.is_finite() or cost.as_tuple().exponent < -2:  # type: ignore[operator]
                    raise InvalidOperation
            except InvalidOperation:
                cost = None
                row.fail("cost", "The cost must be an amount in pounds, like 250 or 99.50")
        run["cost"] = cost
        failed = {error.column for error in row.errors} if row.errors else set()
        if mode is not None and "venue_name" not in failed and "regions" not in failed:
            row.rule(
                rules.check_run_place,
                delivery_mode=mode,
                has_venue=venue_id is not None,
                national=national,
                regions=regions,
            )
        if "start_date" not in failed:
            row.rule(rules.check_run_start, start_date=start, flexible_start=run["flexible_start"], today=today)
        if "cost" not in failed:
            row.rule(rules.check_run_cost, cost=cost, cost_description=run["cost_description"])
        yield number, row.errors, {
            "course_reference": course_reference, "course": course, "run_reference": run_reference, "run": run,
            "regions": sorted(set(regions)),
        }  # fmt: skip


def provider_venue_names(provider: Provider) -> dict[str, int]:
    """The venues a run may name: not the removed ones (upload those again to offer them again)."""
    venues = Venue.objects.filter(provider=provider, withdrawn_at__isnull=True).annotate(lower=Lower("name"))
    return dict(venues.values_list("lower", "pk"))


def import_courses(*, actor: Any, provider: Provider, content: Source) -> tuple[Checked, dict[str, int]]:
    """Write the valid rows: (the check, counts of courses and runs added and changed).
    Raises ``ImportStopped`` when a chunk cannot be written."""
    if not rules.can_manage_provider(actor, provider.pk):
        raise PermissionDenied("You cannot manage this provider's courses.")
    checked = Checked(kind="courses")
    # A course's first valid row describes it; its later rows (in this chunk or a later one) add runs.
    described: set[str] = set()

    def write(chunk: list[dict[str, Any]]) -> dict[str, int]:
        courses = {
            course.provider_reference: course
            for course in Course.objects.select_for_update().filter(
                provider=provider, provider_reference__in={row["course_reference"] for row in chunk}
            )
        }
        new_courses: list[Course] = []
        changed_courses: list[Course] = []
        for row in chunk:
            reference, values = row["course_reference"], row["course"]
            if reference in described:
                continue
            described.add(reference)
            course = courses.get(reference)
            if course is None:
                course = Course(provider=provider, provider_reference=reference, **values)
                courses[reference] = course
                new_courses.append(course)
            elif course.withdrawn_at is not None or any(
                getattr(course, name) != value for name, value in values.items()
            ):
                # A removed course or run in the file is offered again (courses.rules, removing listings).
                for name, value in values.items():
                    setattr(course, name, value)
                course.withdrawn_at = None
                changed_courses.append(course)
        Course.objects.bulk_create(new_courses, batch_size=2000)
        if changed_courses:
            Course.objects.bulk_update(changed_courses, [*COURSE_FIELD_COLUMNS, "withdrawn_at"], batch_size=2000)

        runs = {
            (run.course_id, run.provider_reference): run
            for run in CourseRun.objects.filter(
                course_id__in=[course.pk for course in courses.values()],
                provider_reference__in={row["run_reference"] for row in chunk},
            )
        }
        regions_before: dict[int, set[int]] = {}
        run_ids = [run.pk for run in runs.values()]
        for run_id, area in RunRegion.objects.filter(run__in=run_ids).values_list("run_id", "area"):
            regions_before.setdefault(run_id, set()).add(area)
        new_runs: list[tuple[CourseRun, list[int]]] = []
        changed_runs: list[tuple[CourseRun, list[int]]] = []
        for row in chunk:
            course = courses[row["course_reference"]]
            run = runs.get((course.pk, row["run_reference"]))
            if run is None:
                run = CourseRun(course=course, provider_reference=row["run_reference"], **row["run"])
                new_runs.append((run, row["regions"]))
            elif (
                run.withdrawn_at is not None
                or any(getattr(run, name) != value for name, value in row["run"].items())
                or set(row["regions"]) != regions_before.get(run.pk, set())
            ):
                for name, value in row["run"].items():
                    setattr(run, name, value)
                run.withdrawn_at = None
                changed_runs.append((run, row["regions"]))
        CourseRun.objects.bulk_create([run for run, _ in new_runs], batch_size=2000)
        if changed_runs:
            CourseRun.objects.bulk_update([run for run, _ in changed_runs], RUN_UPDATE_FIELDS, batch_size=2000)
            RunRegion.objects.filter(run__in=[run.pk for run, _ in changed_runs]).delete()
        RunRegion.objects.bulk_create(
            [RunRegion(run=run, area=area) for run, areas in (*new_runs, *changed_runs) for area in areas],
            batch_size=2000,
        )
        touched = {course.pk for course in (*new_courses, *changed_courses)}
        touched |= {run.course_id for run, _ in (*new_runs, *changed_runs)}
        announce_courses_changed(touched)
        return {"courses_added": len(new_courses), "courses_changed": len(changed_courses),
                "runs_added": len(new_runs), "runs_changed": len(changed_runs)}  # fmt: skip

    rows = _course_rows(content, checked, provider_venue_names(provider), None)
    totals = _write_in_chunks(rows, checked, write, actor=actor, provider=provider, action="courses.courses_uploaded")
    return checked, {name: totals.get(name, 0) for name in COURSE_COUNTS}


COURSE_COUNTS = ("courses_added", "courses_changed", "runs_added", "runs_changed")


# Receiving a file -------------------------------------------------------------------------------

KINDS = ("venues", "courses")


def upload_max_bytes() -> int:
    """The largest file a provider may upload (settings.COURSE_UPLOAD_MAX_BYTES, from the environment)."""
    return int(settings.COURSE_UPLOAD_MAX_BYTES)


def upload_receive(*, actor: Any, provider: Provider, kind: str, file: IO[bytes], size: int) -> str:
    """Check an uploaded file (size, CSV by its content, virus scan) and keep it until the person
    confirms the import; returns its storage name. Nothing is imported yet."""
    if not rules.can_manage_provider(actor, provider.pk) or kind not in KINDS:
        raise PermissionDenied("You cannot upload this provider's courses.")
    try:
        uploads.check_upload(file, size=size, allowed=[uploads.CSV], max_bytes=upload_max_bytes())
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    try:
        clean = uploads.scanner().is_clean(file)
    except uploads.ScanFailed:
        raise ValidationError({"file": ["The file could not be checked for viruses. Try again later."]}) from None
    if not clean:
        raise ValidationError({"file": ["The selected file contains a virus: it has not been kept."]})
    file.seek(0)
    # An uploaded file already on disk is moved into storage rather than copied.
    content = file if isinstance(file, File) else File(file)
    name = default_storage.save(f"course-uploads/{provider.pk}-{kind}-{uuid.uuid4().hex}.csv", content)
    audit_record(actor=actor, action="courses.upload_received", target=provider, details={"kind": kind, "size": size})
    return name


def upload_open(name: str) -> IO[bytes] | None:
    """A kept upload, open for reading (the caller closes it), or None when it has gone (imported,
    or never kept)."""
    if not name.startswith("course-uploads/") or not default_storage.exists(name):
        return None
    return default_storage.open(name, "rb")


def upload_discard(name: str) -> None:
    if name.startswith("course-uploads/"):
        default_storage.delete(name)


def problems_csv(kind: str, source: Source, *, venue_names: dict[str, int]) -> Iterator[str]:
    """Every problem as a CSV the person can open beside their file (row, column, message), in
    pieces of about 64 KB, so that a file with a problem on every row is never held in memory.
    ``venue_names`` as for ``check_courses`` (unused for venues)."""
    checked = Checked(kind=kind)
    rows = _venue_rows(source, checked) if kind == "venues" else _course_rows(source, checked, venue_names, None)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["row", "column", "problem"])
    for _, errors, _ in rows:
        writer.writerows((error.row, error.column, error.message) for error in errors)
        if out.tell() > 65_536:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    if checked.file_error:
        writer.writerow(["", "", checked.file_error])
    yield out.getvalue()
