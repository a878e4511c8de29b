"""Content editors' job profile form (careers.services validates the profile again)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.urls import Resolver404, resolve

from signpost.careers.codes import onet_code_problem, soc_code_problem
from signpost.careers.models import DigitalSkillsLevel, JobCategory, JobProfile, RouteKind

LIST_HELP = "One on each line."
# Routes that list entry requirements; the others are a description alone.
ROUTES_WITH_REQUIREMENTS = (RouteKind.UNIVERSITY, RouteKind.COLLEGE, RouteKind.APPRENTICESHIP)
# The lists an editor keeps as one item a line.
LIST_FIELDS = {
    "working_environment": "Working environment (optional)",
    "working_locations": "Where you could work (optional)",
    "uniform": "Uniform (optional)",
    "restrictions": "Restrictions and requirements (optional)",
    "registrations": "Registrations (optional)",
}
TEXT_FIELDS = {
    "professional_bodies": "Professional and industry bodies (optional)",
    "career_tips": "Career tips (optional)",
}


LINK_HELP = (
    "One link on each line: the link's words, a bar, then the full address, like "
    "Find an apprenticeship | https://www.gov.uk/apply-apprenticeship. "
    "For a page on this service, the address can start with a slash, like /courses/"
)
_web_address = URLValidator(schemes=["https", "http"])


def _link_address_problem(url: str) -> str:
    """Empty when the address is a web address or a page of this service (the national profiles
    link to "/find-a-course", their own course search, which ours answers)."""
    if url.startswith("/") and not url.startswith("//"):
        try:
            resolve(url.split("?", 1)[0].split("#", 1)[0])
        except Resolver404:
            return "there is no page on this service at that address"
        return ""
    try:
        _web_address(url)
    except ValidationError:
        return "enter the full address, starting https:// or http://"
    return ""


def _lines(value: str) -> list[str]:
    return [line.strip().removeprefix("- ").strip() for line in value.splitlines() if line.strip()]


def _links(value: str) -> list[dict[str, str]]:
    """Links typed one a line as "words | address"; says which line is wrong and how."""
    links = []
    for number, line in enumerate(_lines(value), start=1):
        text, bar, url = (part.strip() for part in line.rpartition("|"))
        if not bar or not text or not url:
            raise ValidationError(f"Link {number}: write the words of the link, a bar ( | ), then its address")
        problem = _link_address_problem(url)
        if problem:
            raise ValidationError(f"Link {number}: {problem}")
        links.append({"text": text, "url": url})
    return links


def _code_field(label: str, hint: str, max_length: int) -> forms.CharField:
    return forms.CharField(label=label, help_text=hint, max_length=max_length, required=False)


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
    skills = forms.CharField(
        label="Skills (optional)",
        help_text="One on each line, the most important first. Move a line to change the order.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    digital_skills_level = forms.ChoiceField(
        label="Digital skills needed (optional)",
        choices=DigitalSkillsLevel.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    soc2010_code = _code_field("SOC 2010 code (optional)", "The 4-digit occupation code, like 5314", 4)
    soc2020_code = _code_field("SOC 2020 code (optional)", "The 4-digit occupation code, like 5315", 4)
    onet_code = _code_field("O*NET-SOC code (optional)", "Like 47-2152.00", 10)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in LIST_FIELDS.items():
            self.fields[name] = forms.CharField(
                label=label, help_text=LIST_HELP, required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
        for name, label in TEXT_FIELDS.items():
            self.fields[name] = forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}))
        for kind, name in RouteKind.choices:
            self.fields[f"route_{kind}"] = forms.CharField(
                label=f"{name} route (optional)",
                help_text="How people get in this way. Leave it empty if this is not a way in."
                + (" Links are written [words](https://address)." if kind == RouteKind.OTHER else ""),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            if kind in ROUTES_WITH_REQUIREMENTS:
                self.fields[f"route_{kind}_requirements"] = forms.CharField(
                    label=f"{name} route: entry requirements (optional)",
                    help_text=LIST_HELP,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            self.fields[f"route_{kind}_links"] = forms.CharField(
                label=f"{name} route: links (optional)",
                help_text=LINK_HELP,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean_soc2010_code(self) -> str:
        return self._code("soc2010_code", lambda code: soc_code_problem(code, version="2010"))

    def clean_soc2020_code(self) -> str:
        return self._code("soc2020_code", lambda code: soc_code_problem(code, version="2020"))

    def clean_onet_code(self) -> str:
        return self._code("onet_code", onet_code_problem)

    def _code(self, name: str, problem: Any) -> str:
        code = str(self.cleaned_data.get(name) or "").strip()
        message = problem(code) if code else ""
        if message:
            raise ValidationError(message)
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starter, experienced = data.get("salary_starter"), data.get("salary_experienced")
        if starter is not None and experienced is not None and starter > experienced:
            self.add_error("salary_experienced", "The experienced salary must be at least the starter salary")
        fewest, most = data.get("hours_min"), data.get("hours_max")
        if fewest is not None and most is not None and fewest > most:
            self.add_error("hours_max", "The most hours must be at least the fewest hours")
        for kind in RouteKind.values:
            name = f"route_{kind}_links"
            try:
                data[f"{name}_parsed"] = _links(data.get(name) or "")
            except ValidationError as error:
                self.add_error(name, error)
        return data

    def ranked_skills(self, current: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The skills in the order typed, ranked 1 first; a skill kept keeps its description and O*NET element."""
        known = {str(skill.get("name", "")).casefold(): skill for skill in current}
        skills: list[dict[str, Any]] = []
        typed: dict[str, str] = {}
        for line in _lines(self.cleaned_data["skills"]):
            typed.setdefault(line.casefold(), line)  # a skill typed twice keeps its first place
        for name in typed.values():
            skill = known.get(name.casefold(), {})
            skills.append(
                {
                    "name": name,
                    "description": skill.get("description", ""),
                    "onet_element_id": skill.get("onet_element_id", ""),
                    "rank": len(skills) + 1,
                }
            )
        return skills

    def entry_routes(self, current: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The routes as typed, keeping each route's other parts the form does not show."""
        routes = []
        for kind in RouteKind.values:
            text = self.cleaned_data[f"route_{kind}"].strip()
            requirements = _lines(self.cleaned_data.get(f"route_{kind}_requirements", ""))
            links = self.cleaned_data[f"route_{kind}_links_parsed"]
            if not text and not requirements and not links:
                continue
            route: dict[str, Any] = next(
                (dict(route) for route in current if route.get("kind") == kind), {"kind": kind}
            )
            route.setdefault("requirements_intro", "You'll usually need:" if requirements else "")
            for name in ("subjects", "description", "further_information"):
                route.setdefault(name, "")
            route["links"] = links
            route["subjects" if kind in ROUTES_WITH_REQUIREMENTS else "description"] = text
            route["requirements"] = requirements
            routes.append(route)
        return routes

    def changes(self, current: JobProfile | None = None) -> dict[str, Any]:
        data = self.cleaned_data
        lists = {name: _lines(data[name]) for name in LIST_FIELDS}
        texts = {name: data[name].strip() for name in TEXT_FIELDS}
        return {
            **lists,
            **texts,
            "entry_routes": self.entry_routes(current.entry_routes if current else []),
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
            "skills": self.ranked_skills(current.skills if current else []),
            "digital_skills_level": data["digital_skills_level"],
            "soc2010_code": data["soc2010_code"],
            "soc2020_code": data["soc2020_code"],
            "onet_code": data["onet_code"],
        }

    @staticmethod
    def initial_for(profile: JobProfile) -> dict[str, Any]:
        routes: dict[str, Any] = {}
        for route in profile.entry_routes:
            kind = route.get("kind", "")
            routes[f"route_{kind}"] = route.get("subjects") or route.get("description") or ""
            routes[f"route_{kind}_requirements"] = "\n".join(route.get("requirements", []))
            routes[f"route_{kind}_links"] = "\n".join(
                f"{link.get('text', '')} | {link.get('url', '')}" for link in route.get("links", [])
            )
        return {
            **{name: "\n".join(getattr(profile, name)) for name in LIST_FIELDS},
            **{name: getattr(profile, name) for name in TEXT_FIELDS},
            **routes,
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
            "skills": "\n".join(skill.get("name", "") for skill in sorted(profile.skills, key=_rank)),
            "digital_skills_level": profile.digital_skills_level,
            "soc2010_code": profile.soc2010_code,
            "soc2020_code": profile.soc2020_code,
            "onet_code": profile.onet_code,
        }


def _rank(skill: dict[str, Any]) -> int:
    return int(skill.get("rank") or 0)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="What needs to change?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what needs to change before it can be published"},
    )
