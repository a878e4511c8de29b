"""Importing labour market information per occupation: pay, and employment estimates and projections.

The CSV formats are in docs/careers-labour-market-import.md. One row per occupation (SOC version
and code) and year; a re-run replaces that year's figures, so a corrected table can be loaded again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.db import models, transaction
from django.utils import timezone

from signpost.careers.importing import ImportReport, RowRejected, read_csv, with_progress
from signpost.careers.models import OccupationEmployment, OccupationPay, SocVersion

SOC_CODE = re.compile(r"^\d{4}$")
# What the official tables print for a figure they do not publish (too few responses, suppressed).
NOT_PUBLISHED = {"", "x", "..", ":", "*", "-", "n/a"}
PAY_COLUMNS = ("soc_version", "soc_code", "year", "median", "lower_quartile", "upper_quartile", "source")
EMPLOYMENT_COLUMNS = ("soc_version", "soc_code", "year", "employed", "kind", "source")
EMPLOYMENT_KINDS = {"estimate": False, "projection": True}


def _whole_number(value: str, name: str, *, required: bool) -> int | None:
    text = value.strip().replace(",", "").replace("£", "")
    if text.lower() in NOT_PUBLISHED:
        if required:
            raise RowRejected(f"{name} is missing")
        return None
    try:
        number = round(float(text))
    except ValueError as error:
        raise RowRejected(f"{name} {value!r} is not a number") from error
    if number < 0:
        raise RowRejected(f"{name} cannot be negative")
    return number


def _key(row: dict[str, str]) -> tuple[str, str, int]:
    version = row["soc_version"].strip()
    code = row["soc_code"].strip()
    if version not in SocVersion.values:
        raise RowRejected(f"SOC version {version!r} is not one of {', '.join(SocVersion.values)}")
    if not SOC_CODE.match(code):
        raise RowRejected(f"SOC code {code!r} is not a four-digit unit group")
    year = _whole_number(row["year"], "year", required=True)
    if year is None or not 1990 <= year <= 2100:
        raise RowRejected(f"year {row['year']!r} is not a year")
    if not row["source"].strip():
        raise RowRejected("source is missing: say which table the figures come from")
    return version, code, year


def pay_fields(row: dict[str, str]) -> dict[str, Any]:
    version, code, year = _key(row)
    median = _whole_number(row["median"], "median", required=True)
    lower = _whole_number(row["lower_quartile"], "lower_quartile", required=False)
    upper = _whole_number(row["upper_quartile"], "upper_quartile", required=False)
    if (lower is not None and lower > (median or 0)) or (upper is not None and upper < (median or 0)):
        raise RowRejected("the quartiles must sit either side of the median")
    return {
        "soc_version": version,
        "soc_code": code,
        "year": year,
        "median": median,
        "lower_quartile": lower,
        "upper_quartile": upper,
        "source": row["source"].strip()[:200],
    }


def employment_fields(row: dict[str, str]) -> dict[str, Any]:
    version, code, year = _key(row)
    kind = row["kind"].strip().lower()
    if kind not in EMPLOYMENT_KINDS:
        raise RowRejected(f"kind {row['kind']!r} is not 'estimate' or 'projection'")
    return {
        "soc_version": version,
        "soc_code": code,
        "year": year,
        "employed": _whole_number(row["employed"], "employed", required=True),
        "is_projection": EMPLOYMENT_KINDS[kind],
        "source": row["source"].strip()[:200],
    }


def _import(
    path: Path,
    *,
    what: str,
    model: type[models.Model],
    columns: tuple[str, ...],
    parse: Callable[[dict[str, str]], dict[str, Any]],
    say: Callable[[str], None],
) -> ImportReport:
    if not path.is_file():
        raise CommandError(f"{path} is not a file.")
    report = ImportReport(what)
    rows: dict[tuple[str, str, int], dict[str, Any]] = {}
    lines: dict[tuple[str, str, int], int] = {}
    for line, row in with_progress(read_csv(path, required=columns), report, say):
        try:
            fields = parse(row)
        except RowRejected as error:
            report.reject(line, f"{row.get('soc_code', '')} {row.get('year', '')}".strip(), str(error))
            continue
        key = (fields["soc_version"], fields["soc_code"], fields["year"])
        if key in rows:
            report.reject(line, f"{key[1]} {key[2]}", f"the same occupation and year is on line {lines[key]}")
            continue
        rows[key], lines[key] = fields, line
    names = [name for name in next(iter(rows.values()), {}) if name not in ("soc_version", "soc_code", "year")]
    now = timezone.now()
    with transaction.atomic():
        existing = {
            (row.soc_version, row.soc_code, row.year): row  # type: ignore[attr-defined]
            for row in model._default_manager.filter(soc_code__in={key[1] for key in rows})
        }
        new, changed = [], []
        for key, fields in rows.items():
            current = existing.get(key)
            if current is None:
                new.append(model(**fields))
            elif any(getattr(current, name) != fields[name] for name in names):
                for name in names:
                    setattr(current, name, fields[name])
                current.imported_at = now  # type: ignore[attr-defined]
                changed.append(current)
        model._default_manager.bulk_create(new, batch_size=1000)
        if changed:
            model._default_manager.bulk_update(changed, [*names, "imported_at"], batch_size=1000)
        report.created, report.updated = len(new), len(changed)
        report.unchanged = len(rows) - len(new) - len(changed)
    return report


def import_occupation_pay(path: Path, *, say: Callable[[str], None] = lambda text: None) -> ImportReport:
    return _import(
        path, what="Occupation pay", model=OccupationPay, columns=PAY_COLUMNS, parse=pay_fields, say=say
    )


def import_occupation_employment(path: Path, *, say: Callable[[str], None] = lambda text: None) -> ImportReport:
    return _import(
        path,
        what="Occupation employment",
        model=OccupationEmployment,
        columns=EMPLOYMENT_COLUMNS,
        parse=employment_fields,
        say=say,
    )
