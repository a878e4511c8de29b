"""Advice sessions and venues: booking from a record (/workspace/customers/<reference>/sessions/…),
the sessions themselves (/workspace/sessions/…) and the organisation's venues (/workspace/venues/…)."""

from django.urls import path

from signpost.workspace import urls_customers  # noqa: F401  (registers the customer_reference converter)
from signpost.workspace import views_sessions as sessions

urlpatterns = [
    path("customers/<customer_reference:reference>/sessions/book/", sessions.book_start, name="session_book"),
    path(
        "customers/<customer_reference:reference>/sessions/book/eligibility/",
        sessions.book_eligibility,
        name="session_book_eligibility",
    ),
    path(
        "customers/<customer_reference:reference>/sessions/book/alternatives/",
        sessions.book_alternatives,
        name="session_book_alternatives",
    ),
    path(
        "customers/<customer_reference:reference>/sessions/book/details/",
        sessions.book_details,
        name="session_book_details",
    ),
    path(
        "customers/<customer_reference:reference>/sessions/book/check/",
        sessions.book_check,
        name="session_book_check",
    ),
    path("sessions/", sessions.my_sessions, name="my_sessions"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/cancel/", sessions.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/add-customer/", sessions.session_add_customer, name="session_add_customer"),
    path(
        "sessions/<int:pk>/places/<int:booking_pk>/attendance/",
        sessions.booking_attendance,
        name="session_attendance",
    ),
    path("sessions/<int:pk>/places/<int:booking_pk>/cancel/", sessions.booking_cancel, name="session_place_cancel"),
    path(
        "sessions/<int:pk>/places/<int:booking_pk>/reschedule/",
        sessions.booking_reschedule,
        name="session_reschedule",
    ),
    path("venues/", sessions.venue_list, name="venue_list"),
    path("venues/add/", sessions.venue_create, name="venue_create"),
    path("venues/<int:pk>/change/", sessions.venue_edit, name="venue_edit"),
]
