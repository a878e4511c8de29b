"""The results report as a document: one template for the print page and the PDF (core.documents)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import timezone

from signpost.assessments import codes, selectors
from signpost.assessments.models import Assessment
from signpost.core.documents import pdf_from_template

PDF_STYLESHEET = Path(__file__).resolve().parent / "static" / "assessments" / "report-pdf.css"


def report_context(assessment: Assessment) -> dict[str, Any]:
    context: dict[str, Any] = {
        "assessment": assessment,
        "code": codes.display(assessment.code),
        "generated_at": timezone.now(),
    }
    if assessment.kind == Assessment.Kind.SKILLS_CHECK:
        context["check"] = selectors.skills_check_results(assessment)
    else:
        context["results"] = selectors.assessment_results(assessment)
        context["narrowed"] = [
            narrowing
            for slug, answers in sorted(assessment.category_answers.items())
            if (narrowing := selectors.category_narrowing(slug, answers)) is not None and narrowing.answers
        ]
    return context


def report_pdf(assessment: Assessment) -> bytes:
    return pdf_from_template("assessments/pdf/report.html", report_context(assessment), PDF_STYLESHEET)


def report_filename(assessment: Assessment) -> str:
    kind = "skills-check" if assessment.kind == Assessment.Kind.SKILLS_CHECK else "skills-assessment"
    return f"{kind}-results-{assessment.code}.pdf"
