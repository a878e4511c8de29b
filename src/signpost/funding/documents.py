"""The statement of eligibility as a document: one partial template for the web page, the printed
page and the PDF (core.documents)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import timezone

from signpost.core.documents import pdf_from_template

PDF_STYLESHEET = Path(__file__).resolve().parent / "static" / "funding" / "statement-pdf.css"


def statement_pdf(context: dict[str, Any]) -> bytes:
    """``context`` as the statement page has it: ``statement`` (rules.Statement) and ``answers``
    (the summary rows)."""
    return pdf_from_template("funding/pdf/statement.html", {**context, "generated_at": timezone.now()}, PDF_STYLESHEET)


def statement_filename(key: str = "") -> str:
    return f"funding-statement-{key or timezone.localdate().isoformat()}.pdf"
