"""Skills action plans and outcomes on the customer record (views_plans), joined onto the
customer routes by urls_customers once it has registered its reference converter."""

from django.urls import URLPattern, path

from signpost.workspace import views_customer_record as record
from signpost.workspace import views_plans as plans


def plan_urlpatterns() -> list[URLPattern]:
    return [
        path("<customer_reference:reference>/plans/", record.customer_record_plans, name="customer_record_plans"),
        path("<customer_reference:reference>/plans/new/", plans.plan_create, name="plan_create"),
        path("<customer_reference:reference>/plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
        path("<customer_reference:reference>/plans/<int:pk>/change/", plans.plan_edit, name="plan_edit"),
        path("<customer_reference:reference>/plans/<int:pk>/goals/new/", plans.goal_add, name="goal_add"),
        path(
            "<customer_reference:reference>/plans/<int:pk>/goals/<int:goal_pk>/change/",
            plans.goal_edit,
            name="goal_edit",
        ),
        path("<customer_reference:reference>/plans/<int:pk>/actions/new/", plans.action_add, name="action_add"),
        path(
            "<customer_reference:reference>/plans/<int:pk>/actions/<int:action_pk>/change/",
            plans.action_edit,
            name="action_edit",
        ),
        path("<customer_reference:reference>/plans/<int:pk>/print/", plans.plan_print, name="plan_print"),
        path("<customer_reference:reference>/plans/<int:pk>/plan.pdf", plans.plan_pdf, name="plan_pdf"),
        path("<customer_reference:reference>/plans/<int:pk>/send/", plans.plan_send, name="plan_send"),
        path("<customer_reference:reference>/outcomes/new/", plans.outcome_create, name="outcome_create"),
        path("<customer_reference:reference>/outcomes/<int:pk>/", plans.outcome_detail, name="outcome_detail"),
        path(
            "<customer_reference:reference>/outcomes/<int:pk>/evidence/",
            plans.outcome_evidence,
            name="outcome_evidence",
        ),
        path(
            "<customer_reference:reference>/outcomes/<int:pk>/withdraw/",
            plans.outcome_withdraw,
            name="outcome_withdraw",
        ),
        path(
            "<customer_reference:reference>/outcomes/<int:pk>/verification/",
            plans.outcome_verify,
            name="outcome_verify",
        ),
    ]
