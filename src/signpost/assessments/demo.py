"""Demo skills assessment results: Jordan Hughes (a demo customer with a linked record) has
finished a skills assessment and a skills check and saved both to their online space, so the space
lists them and an adviser sees them on Jordan's record without a code. Safe to run again."""

from __future__ import annotations

from signpost.accounts.models import User
from signpost.assessments import instrument, services, skills_check
from signpost.assessments.models import Assessment

DEMO_CUSTOMER_EMAIL = "jordan.hughes@example.com"
# Jordan leans to caring and organised: social care, administration and teaching are suggested.
DEMO_TRAITS = {"helper", "organiser", "leader"}
DEMO_RATINGS = {
    "working_with_others": 5,
    "solving_problems": 3,
    "communicating": 4,
    "planning": 4,
    "handling_pressure": 2,
    "using_technology": 1,
}


def load_demo_assessments() -> str:
    jordan = User.objects.filter(email=DEMO_CUSTOMER_EMAIL).first()
    if jordan is None:
        return "No demo assessments: run load_demo_data first (Jordan Hughes's account is missing)."
    made = 0
    for kind, answers in (
        (
            Assessment.Kind.INTERESTS,
            {s.code: (5 if (s.trait in DEMO_TRAITS) != s.reverse else 2) for s in instrument.STATEMENTS},
        ),
        (Assessment.Kind.SKILLS_CHECK, {area.code: DEMO_RATINGS[area.code] for area in skills_check.AREAS}),
    ):
        if Assessment.objects.filter(owner=jordan, kind=kind).exists():
            continue
        assessment = services.assessment_start(actor=jordan, kind=kind)
        assessment = services.assessment_answer(
            actor=jordan, assessment=assessment, answers=answers, page=instrument.PAGE_COUNT
        )
        services.assessment_save_to_space(actor=jordan, assessment=assessment)
        made += 1
    return f"Demo assessments ready: {made} added for {DEMO_CUSTOMER_EMAIL}."
