"""The plan as a document: one HTML template for the print page and the PDF (WeasyPrint).

WeasyPrint lays out HTML and CSS for paged media with Pango, so the printed page and the PDF come
from the same template. It is given no way to fetch anything: the template holds the whole plan
and the stylesheet is read from the app's static folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from signpost.plans.models import ActionPlan

PDF_STYLESHEET = Path(__file__).resolve().parent / "static" / "plans" / "plan-pdf.css"


def plan_document_context(plan: ActionPlan) -> dict[str, Any]:
    return {"plan": plan, "customer": plan.customer, "generated_at": timezone.now()}


def plan_pdf(plan: ActionPlan) -> bytes:
    """The plan (with goals, actions and sendings loaded by selectors.customer_plan) as a PDF."""
    from weasyprint import CSS, HTML, URLFetcher

    html = render_to_string("plans/pdf/plan.html", plan_document_context(plan))
    no_fetching = URLFetcher(allowed_protocols=())
    document = HTML(string=html, url_fetcher=no_fetching, base_url=None)
    stylesheet = CSS(filename=str(PDF_STYLESHEET), url_fetcher=no_fetching)
    return bytes(document.write_pdf(stylesheets=[stylesheet]))


def plan_filename(plan: ActionPlan) -> str:
    return f"skills-action-plan-{plan.customer.reference}-{plan.pk}.pdf"
