"""CSV files for the upload tests and the browser journey: good rows with any column changed."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from signpost.courses.csv_upload import COURSE_COLUMNS, VENUE_COLUMNS

START = (datetime.date.today() + datetime.timedelta(days=90)).strftime("%d/%m/%Y")


def venue_row(**changes: Any) -> dict[str, str]:
    row = {
        "venue_name": "Park Lane campus", "address_line_1": "1 Park Lane", "address_line_2": "", "town": "Leeds",
        "county": "", "postcode": "LS1 1UR", "email": "", "phone": "0113 496 0000", "website": "",
    }  # fmt: skip
    return row | changes


def run_row(**changes: Any) -> dict[str, str]:
    row = {
        "course_reference": "PLB2", "course_title": "Plumbing", "qualification": "Level 2 Diploma in Plumbing",
        "awarding_body": "City & Guilds", "level": "2", "sector": "Construction, planning and the built environment",
        "course_type": "Other", "who_it_is_for": "People who want to work as plumbers.", "entry_requirements": "",
        "what_you_will_learn": "", "how_you_will_learn": "", "what_to_bring": "", "how_you_will_be_assessed": "",
        "what_next": "", "run_reference": "R1", "delivery_mode": "Classroom based", "venue_name": "Park Lane campus",
        "regions": "", "study_mode": "Part time", "attendance": "Evening", "start_date": START,
        "flexible_start": "no", "duration": "30", "duration_unit": "weeks", "cost": "450", "cost_description": "",
        "run_website": "",
    }  # fmt: skip
    return row | changes


def csv_bytes(rows: list[dict[str, str]], columns: list[str] | None = None) -> bytes:
    columns = columns or (
        VENUE_COLUMNS if rows and "venue_name" in rows[0] and "run_reference" not in rows[0] else COURSE_COLUMNS
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()
