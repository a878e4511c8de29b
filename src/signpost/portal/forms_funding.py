"""The funding eligibility checker's questions, one form per page (funding.facts.QUESTIONS).

Each form has one field named after the answer it keeps; ``answer_value`` turns what was chosen
into what the session keeps (strings and lists), ``initial_from`` the other way.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from signpost.core.govuk_forms import GovukDateField
from signpost.funding import facts

OLDEST_YEAR = 1900
YOUNGEST_AGE = 16


class QuestionForm(forms.Form):
    """A question page: ``key`` names the answer, ``heading`` is the page's h1 (the legend)."""

    key = ""
    heading = ""
    hint = ""

    def __init__(self, *args: Any, answers: dict[str, Any], low_wage_threshold: int | None = None, **kwargs: Any):
        self.answers = answers
        self.low_wage_threshold = low_wage_threshold
        kwargs.setdefault("initial", self.initial_from(answers))
        super().__init__(*args, **kwargs)

    def initial_from(self, answers: dict[str, Any]) -> dict[str, Any]:
        return {self.key: answers[self.key]} if self.key in answers else {}

    def answer_value(self) -> Any:
        return self.cleaned_data[self.key]


def _radios(label: str, choices: list[tuple[str, str]], message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


class _DateQuestion(QuestionForm):
    def initial_from(self, answers: dict[str, Any]) -> dict[str, Any]:
        value = answers.get(self.key)
        return {self.key: datetime.date.fromisoformat(value)} if value else {}

    def answer_value(self) -> Any:
        return self.cleaned_data[self.key].isoformat()


class DateOfBirthForm(_DateQuestion):
    key = "date_of_birth"
    heading = "What is your date of birth?"
    hint = "For example, 27 3 2001"

    date_of_birth = GovukDateField(label="Date of birth")

    def clean_date_of_birth(self) -> datetime.date:
        born = self.cleaned_data["date_of_birth"]
        if born is None:
            raise forms.ValidationError("Enter your date of birth")
        if born >= timezone.localdate():
            raise forms.ValidationError("Date of birth must be in the past")
        if born.year < OLDEST_YEAR:
            raise forms.ValidationError(f"Date of birth must be after {OLDEST_YEAR}")
        start = self.answers.get("course_start")
        if start and facts.age_on(born, datetime.date.fromisoformat(start)) < YOUNGEST_AGE:
            raise forms.ValidationError(
                f"You must be {YOUNGEST_AGE} or over on the day the course starts to use this checker"
            )
        return born


class CourseStartForm(_DateQuestion):
    key = "course_start"
    heading = "When do you expect to start the course?"
    hint = "If you do not know the exact day, give the first day of the month. For example, 1 9 2027"

    course_start = GovukDateField(label="Course start date")

    def clean_course_start(self) -> datetime.date:
        start = self.cleaned_data["course_start"]
        if start is None:
            raise forms.ValidationError("Enter the date you expect to start the course")
        today = timezone.localdate()
        if start < today - datetime.timedelta(days=365):
            raise forms.ValidationError("Course start date must be within the last year, or in the future")
        if start > today + datetime.timedelta(days=3 * 365):
            raise forms.ValidationError("Course start date must be within the next 3 years")
        born = self.answers.get("date_of_birth")
        if born and facts.age_on(datetime.date.fromisoformat(born), start) < YOUNGEST_AGE:
            raise forms.ValidationError(
                f"You must be {YOUNGEST_AGE} or over on the day the course starts to use this checker"
            )
        return start


class LivesInForm(QuestionForm):
    key = "lives_in"
    heading = "Where do you live?"
    lives_in = _radios(heading, facts.LIVES_IN, "Select where you live")


class ResidencyForm(QuestionForm):
    key = "residency"
    heading = "Which of these describes you?"
    hint = "Most funding depends on how long you have lived in the UK and your right to stay here."
    residency = _radios(heading, facts.RESIDENCY, "Select the one that describes you, or 'I am not sure'")


class EmploymentForm(QuestionForm):
    key = "employment"
    heading = "Are you working?"
    employment = _radios(heading, facts.EMPLOYMENT, "Select whether you are working")


class LowWageForm(QuestionForm):
    key = "low_wage"
    heading = "Do you earn less than the low-wage threshold?"
    low_wage = _radios(heading, facts.YES_NO, "Select yes if you earn less than the low-wage threshold")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.low_wage_threshold:
            amount = f"£{self.low_wage_threshold:,}"
            self.heading = f"Do you earn less than {amount} a year?"
            self.fields["low_wage"].error_messages["required"] = f"Select yes if you earn less than {amount} a year"
        self.hint = "Your pay before tax from all your jobs, not counting benefits."


class HighestQualificationForm(QuestionForm):
    key = "highest_qualification"
    heading = "What is the highest qualification you have?"
    hint = "Include qualifications from outside the UK at the level you think they match."
    highest_qualification = _radios(heading, facts.HIGHEST_QUALIFICATION, "Select your highest qualification")


class GcseEnglishAndMathsForm(QuestionForm):
    key = "gcse_english_and_maths"
    heading = "Do you have GCSE English and maths at grade 4 (C) or higher?"
    hint = "Or a qualification at the same level, such as functional skills level 2."
    gcse_english_and_maths = _radios(
        heading, facts.GCSE_ENGLISH_AND_MATHS, "Select which of GCSE English and maths you have, or 'I am not sure'"
    )


class CourseTypeForm(QuestionForm):
    key = "course_type"
    heading = "What kind of course do you want to do?"
    course_type = _radios(heading, facts.COURSE_TYPE, "Select the kind of course you want to do")


class CourseLevelForm(QuestionForm):
    key = "course_level"
    heading = "What level is the course?"
    hint = (
        "Level 2 is like GCSEs at grades 9 to 4, level 3 like A levels. The course's page or the college can tell you."
    )
    course_level = _radios(heading, facts.COURSE_LEVEL, "Select the level of the course, or 'I am not sure'")


class CaringForm(QuestionForm):
    key = "caring"
    heading = "Do you need childcare or look after someone?"
    hint = "Select all that apply."
    caring = forms.MultipleChoiceField(
        label=heading,
        choices=facts.CARING,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select whether you need childcare or look after someone, or 'Neither of these'",
            "invalid_choice": "Select from the list",
        },
    )

    def clean_caring(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["caring"]
        if "none" in chosen and len(chosen) > 1:
            raise forms.ValidationError("Select 'Neither of these' on its own, or the ones that apply to you")
        return chosen


class CostsForm(QuestionForm):
    key = "help_with_costs"
    heading = "Would you find the costs of studying hard to pay?"
    hint = "For example travel, books, equipment, meals or a uniform."
    help_with_costs = _radios(heading, facts.YES_NO, "Select yes if the costs of studying would be hard to pay")


FORMS: dict[str, type[QuestionForm]] = {
    form.key: form
    for form in (
        DateOfBirthForm,
        CourseStartForm,
        LivesInForm,
        ResidencyForm,
        EmploymentForm,
        LowWageForm,
        HighestQualificationForm,
        GcseEnglishAndMathsForm,
        CourseTypeForm,
        CourseLevelForm,
        CaringForm,
        CostsForm,
    )
}
# The answers as people read them, on check your answers and the statement.
SHORT_QUESTIONS = {
    "date_of_birth": "Date of birth",
    "course_start": "Course starts",
    "lives_in": "Where you live",
    "residency": "Your residency",
    "employment": "Work and benefits",
    "low_wage": "Earn less than the low-wage threshold",
    "highest_qualification": "Highest qualification",
    "gcse_english_and_maths": "GCSE English and maths at grade 4 (C) or higher",
    "course_type": "Kind of course",
    "course_level": "Level of the course",
    "caring": "Childcare or caring",
    "help_with_costs": "Costs of studying hard to pay",
}


def answer_text(key: str, value: Any) -> str:
    form = FORMS[key]
    field = form.base_fields[key]
    if isinstance(field, GovukDateField):
        return datetime.date.fromisoformat(value).strftime("%-d %B %Y")
    labels = dict(field.choices)  # type: ignore[attr-defined]
    if isinstance(value, list):
        return "; ".join(str(labels.get(item, item)) for item in value)
    return str(labels.get(value, value))
