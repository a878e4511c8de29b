"""Content editors' job profile form (careers.services validates the profile again)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import RegexValidator

from signpost.careers.models import JobCategory, JobProfile

LIST_HELP = "One on each line."


def _lines(value: str) -> list[str]:
    return [line.strip().removeprefix("- ").strip() for line in value.splitlines() if line.strip()]


class ProfileForm(forms.Form):
    title = forms.CharField(label="Job title", max_length=200, error_messages={"required": "Enter the job title"})
    alternative_titles = forms.CharField(
        label="Other titles (optional)", help_text=LIST_HELP, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    hidden_titles = forms.CharField(
        label="Search words (optional)",
        help_text="Other words people search for, such as misspellings or slang. Not shown. " + LIST_HELP,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    overview = forms.CharField(
        label="Overview",
        help_text="One or two sentences on what the job is.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter an overview of the job"},
    )
    salary_starter = forms.IntegerField(
        label="Starter salary in pounds a year (optional)",
        required=False,
        min_value=0,
        max_value=1_000_000,
        error_messages={"invalid": "Enter the starter salary as a whole number of pounds, like 21000"},
    )
    salary_experienced = forms.IntegerField(
        label="Experienced salary in pounds a year (optional)",
        required=False,
        min_value=0,
        max_value=1_000_000,
        error_messages={"invalid": "Enter the experienced salary as a whole number of pounds, like 35000"},
    )
    hours_min = forms.DecimalField(
        label="Fewest hours a week (optional)",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(99),
        decimal_places=1,
        error_messages={"invalid": "Enter the fewest hours as a number, like 37.5"},
    )
    hours_max = forms.DecimalField(
        label="Most hours a week (optional)",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(99),
        decimal_places=1,
        error_messages={"invalid": "Enter the most hours as a number, like 40"},
    )
    working_pattern = forms.CharField(
        label="When you work (optional)", help_text="For example, evenings / weekends", max_length=200, required=False
    )
    tasks = forms.CharField(
        label="Day-to-day tasks", help_text=LIST_HELP, required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    career_path = forms.CharField(
        label="Career path and progression (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    categories = forms.ModelMultipleChoiceField(
        label="Job categories",
        queryset=JobCategory.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one job category"},
    )
    soc2020_code = forms.CharField(
        label="SOC 2020 code (optional)",
        help_text="The 4-digit occupation code, like 5315",
        max_length=4,
        required=False,
        validators=[RegexValidator(r"^\d{4}$", "Enter the SOC 2020 code as 4 digits, like 5315")],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starter, experienced = data.get("salary_starter"), data.get("salary_experienced")
        if starter is not None and experienced is not None and starter > experienced:
            self.add_error("salary_experienced", "The experienced salary must be at least the starter salary")
        fewest, most = data.get("hours_min"), data.get("hours_max")
        if fewest is not None and most is not None and fewest > most:
            self.add_error("hours_max", "The most hours must be at least the fewest hours")
        return data

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "alternative_titles": _lines(data["alternative_titles"]),
            "hidden_titles": _lines(data["hidden_titles"]),
            "overview": data["overview"].strip(),
            "salary_starter": data["salary_starter"],
            "salary_experienced": data["salary_experienced"],
            "hours_min": data["hours_min"],
            "hours_max": data["hours_max"],
            "working_pattern": data["working_pattern"].strip(),
            "tasks": _lines(data["tasks"]),
            "career_path": data["career_path"].strip(),
            "soc2020_code": data["soc2020_code"],
        }

    @staticmethod
    def initial_for(profile: JobProfile) -> dict[str, Any]:
        return {
            "title": profile.title,
            "alternative_titles": "\n".join(profile.alternative_titles),
            "hidden_titles": "\n".join(profile.hidden_titles),
            "overview": profile.overview,
            "salary_starter": profile.salary_starter,
            "salary_experienced": profile.salary_experienced,
            "hours_min": profile.hours_min,
            "hours_max": profile.hours_max,
            "working_pattern": profile.working_pattern,
            "tasks": "\n".join(profile.tasks),
            "career_path": profile.career_path,
            "categories": [category.pk for category in profile.categories.all()],
            "soc2020_code": profile.soc2020_code,
        }


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="What needs to change?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what needs to change before it can be published"},
    )
