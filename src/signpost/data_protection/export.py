"""The subject access archive: data.json (machine-readable) and index.html (to read or print).

Both are written in one pass over each part of the personal data register, streamed from the
database in chunks, so a customer with thousands of contacts takes seconds and little memory.
"""

from __future__ import annotations

import datetime
import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone
from markupsafe import escape

from signpost.core import privacy
from signpost.customers.models import Customer

FORMAT_VERSION = 1


def _readable(value: Any) -> str:
    """A value as a person reads it (dates in London time, yes/no, lists)."""
    if value is None or value == "" or value == []:
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%-d %B %Y, %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%-d %B %Y")
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_readable(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_readable(item) for item in value)
    return str(value)


def _html_row(entry: privacy.PersonalData, columns: list[privacy.ExportColumn], row: dict[str, Any]) -> str:
    items = "".join(
        f"<div class=row><dt>{escape(column.label)}</dt>"
        f"<dd>{escape(_readable(entry.display_value(column, row[column.name])))}</dd></div>"
        for column in columns
    )
    return f"<dl class=entry>{items}</dl>\n"


def write_archive(target: IO[bytes], customer: Customer, *, progress: Callable[[int, int], None] | None = None) -> int:
    """Write the ZIP archive to ``target``; returns the number of rows exported."""
    entries = privacy.registered()
    generated_at = timezone.now()
    total_rows = 0
    with (
        zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        tempfile.TemporaryFile(mode="w+", encoding="utf-8") as html,
    ):
        html.write(
            render_to_string(
                "data_protection/export_start.html",
                {"customer": customer, "generated_at": generated_at, "entries": entries},
            )
        )
        with archive.open("data.json", "w", force_zip64=True) as raw:
            out = io.TextIOWrapper(raw, encoding="utf-8")
            header = {
                "format_version": FORMAT_VERSION,
                "service": "Signpost careers guidance",
                "customer_reference": customer.reference,
                "generated_at": generated_at,
            }
            out.write(json.dumps(header, cls=DjangoJSONEncoder)[:-1] + ', "parts": [')
            for index, entry in enumerate(entries):
                columns = entry.columns()
                part = {
                    "key": entry.key,
                    "title": entry.title,
                    "columns": [
                        {"name": column.name, "label": column.label, **_codes_of(entry, column)} for column in columns
                    ],
                }
                out.write(("," if index else "") + json.dumps(part, cls=DjangoJSONEncoder)[:-1] + ', "rows": [')
                html.write(
                    f'<section aria-labelledby="part-{index}"><h2 id="part-{index}">{escape(entry.title)}</h2>\n'
                )
                count = 0
                for row in entry.export_rows(customer):
                    out.write(("," if count else "") + json.dumps(row, cls=DjangoJSONEncoder))
                    html.write(_html_row(entry, columns, row))
                    count += 1
                if not count:
                    html.write("<p>Nothing recorded.</p>\n")
                html.write("</section>\n")
                out.write("]}")
                total_rows += count
                if progress is not None:
                    progress(index + 1, total_rows)
            out.write("]}")
            out.flush()
            out.detach()
        html.write(render_to_string("data_protection/export_end.html", {"generated_at": generated_at}))
        html.seek(0)
        with archive.open("index.html", "w", force_zip64=True) as raw:
            while chunk := html.read(1 << 16):
                raw.write(chunk.encode("utf-8"))
    return total_rows


def _codes_of(entry: privacy.PersonalData, column: privacy.ExportColumn) -> dict[str, Any]:
    """For a coded column, what each stored code means, so the JSON can be read without us."""
    codes = entry.codes(column)
    return {"codes": {str(value): label for value, label in codes.items()}} if codes else {}
