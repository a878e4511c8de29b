"""The results report as a document: one template for the print page and the PDF (WeasyPrint,
as plans.documents does). WeasyPrint may fetch nothing: the template holds the whole report and
the stylesheet is read from the app's static folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from signpost.assessments import codes, selectors
from signpost.assessments.models import Assessment

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
    from weasyprint import CSS, HTML, URLFetcher

    html = render_to_string("assessments/pdf/report.html", report_context(assessment))
    no_fetching = URLFetcher(allowed_protocols=())
    document = HTML(string=html, url_fetcher=no_fetching, base_url=None)
    stylesheet = CSS(filename=str(PDF_STYLESHEET), url_fetcher=no_fetching)
    return bytes(document.write_pdf(stylesheets=[stylesheet]))


def report_filename(assessment: Assessment) -> str:
    kind = "skills-check" if assessment.kind == Assessment.Kind.SKILLS_CHECK else "skills-assessment"
    return f"{kind}-results-{assessment.code}.pdf"
