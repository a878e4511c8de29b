"""The statement of eligibility as a document: one partial template for the web page, the printed
page and the PDF (WeasyPrint, as signpost.plans.documents does: no fetching, stylesheet read from
the app's static folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

PDF_STYLESHEET = Path(__file__).resolve().parent / "static" / "funding" / "statement-pdf.css"


def statement_pdf(context: dict[str, Any]) -> bytes:
    """``context`` as the statement page has it: ``statement`` (rules.Statement) and ``answers``
    (the summary rows)."""
    from weasyprint import CSS, HTML, URLFetcher

    html = render_to_string("funding/pdf/statement.html", {**context, "generated_at": timezone.now()})
    no_fetching = URLFetcher(allowed_protocols=())
    document = HTML(string=html, url_fetcher=no_fetching, base_url=None)
    stylesheet = CSS(filename=str(PDF_STYLESHEET), url_fetcher=no_fetching)
    return bytes(document.write_pdf(stylesheets=[stylesheet]))


def statement_filename(key: str = "") -> str:
    return f"funding-statement-{key or timezone.localdate().isoformat()}.pdf"
