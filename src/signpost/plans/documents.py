"""The plan as a document: one HTML template for the print page and the PDF (core.documents)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import timezone

from signpost.core.documents import pdf_from_template
from signpost.plans.models import ActionPlan

PDF_STYLESHEET = Path(__file__).resolve().parent / "static" / "plans" / "plan-pdf.css"


def plan_document_context(plan: ActionPlan) -> dict[str, Any]:
    return {"plan": plan, "customer": plan.customer, "generated_at": timezone.now()}


def plan_pdf(plan: ActionPlan) -> bytes:
    """The plan (with goals, actions and sendings loaded by selectors.customer_plan) as a PDF."""
    return pdf_from_template("plans/pdf/plan.html", plan_document_context(plan), PDF_STYLESHEET)


def plan_filename(plan: ActionPlan) -> str:
    return f"skills-action-plan-{plan.customer.reference}-{plan.pk}.pdf"
