"""Skills assessments on the customer record (views_assessments), joined onto the customer routes
by urls_customers once it has registered its reference converter."""

from django.urls import URLPattern, path

from signpost.workspace import views_assessments as assessments


def assessment_urlpatterns() -> list[URLPattern]:
    return [
        path(
            "<customer_reference:reference>/assessments/",
            assessments.assessment_lookup,
            name="assessment_lookup",
        ),
        path(
            "<customer_reference:reference>/assessments/<int:pk>/",
            assessments.assessment_results,
            name="assessment_results",
        ),
        path(
            "<customer_reference:reference>/assessments/<int:pk>/discuss/",
            assessments.assessment_discuss,
            name="assessment_discuss",
        ),
    ]
