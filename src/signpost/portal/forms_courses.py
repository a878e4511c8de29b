"""The course search form: every part of a search is a GET parameter, so a search is a link.

What someone types or chooses in the search box (keyword, place, distance) is checked, and a
mistake is an error in the error summary that says what to do: searching for something else
would show courses they did not ask for. The refinements below it (filters, start date, sort and
page) come from links we wrote, which may be old or edited: a value we do not offer is dropped and
a page past the last is the last, so the link still finds courses, and the page shows what was used.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict

from signpost.courses.search import DEFAULT_DISTANCE, DISTANCES, START_DATES
from signpost.courses.search_selectors import (
    FACETS,
    SORT_DISTANCE,
    SORT_RELEVANCE,
    SORT_START_DATE,
    Criteria,
    PlaceNotFound,
    place_for,
)

SORTS = ((SORT_DISTANCE, "Distance"), (SORT_RELEVANCE, "Relevance"), (SORT_START_DATE, "Start date"))
# The parameters that make up a search, in the order a saved link spells them.
FILTER_PARAMETERS = (*(facet.name for facet in FACETS), "start")
PARAMETERS = ("keyword", "place", "distance", "sort", *FILTER_PARAMETERS)


class RefinementChoiceField(forms.ChoiceField):
    """A choice from a link: a value we do not offer is dropped, not refused."""

    def to_python(self, value: Any) -> str:
        chosen = super().to_python(value)
        return chosen if self.valid_value(chosen) else ""


class RefinementMultipleChoiceField(forms.MultipleChoiceField):
    """Filter options from a link: those we do not offer are dropped, not refused; each is kept once."""

    def to_python(self, value: Any) -> list[str]:
        return [chosen for chosen in dict.fromkeys(super().to_python(value)) if self.valid_value(chosen)]


class PageField(forms.IntegerField):
    """A page from a link: anything but a page number is the first page (the search clamps the rest)."""

    def to_python(self, value: Any) -> int | None:
        try:
            page = super().to_python(value)
        except forms.ValidationError:
            return None
        return page if page is not None and page >= 1 else None


class CourseSearchForm(forms.Form):
    keyword = forms.CharField(
        label="What do you want to learn?",
        help_text="For example, maths, ESOL, plumbing or digital skills",
        required=False,
        max_length=200,
        error_messages={"max_length": "What you want to learn must be 200 characters or fewer"},
    )
    place = forms.CharField(
        label="Town or postcode",
        help_text="For example, Leeds, LS1 4AP or LS1",
        required=False,
        max_length=100,
        error_messages={"max_length": "Town or postcode must be 100 characters or fewer"},
    )
    distance = forms.TypedChoiceField(
        label="Distance",
        choices=[(miles, f"{miles} miles") for miles in DISTANCES],
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Select a distance from the list"},
    )
    sort = RefinementChoiceField(label="Sort by", choices=SORTS, required=False)
    start = RefinementChoiceField(
        label="Start date",
        choices=[("", "Any time"), *START_DATES],
        required=False,
        widget=forms.RadioSelect,
    )
    page = PageField(required=False)

    def __init__(self, data: QueryDict, *args: Any, **kwargs: Any) -> None:
        super().__init__(data, *args, **kwargs)
        for facet in FACETS:
            self.fields[facet.name] = RefinementMultipleChoiceField(
                label=facet.label,
                choices=[(str(value), label) for value, label in facet.choices],
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        self.place_found: Any = None
        self.place_not_found: PlaceNotFound | None = None

    def clean_place(self) -> str:
        typed = " ".join(self.cleaned_data.get("place", "").split())
        if typed:
            try:
                self.place_found = place_for(typed)
            except PlaceNotFound as problem:
                # Kept for the places it offers, which the page shows as links.
                self.place_not_found = problem
                raise forms.ValidationError(str(problem), code="unknown_place") from problem
        return typed

    def criteria(self) -> Criteria:
        """What to search for: the valid parts of what was asked (see the module docstring)."""
        self.is_valid()
        cleaned: dict[str, Any] = {
            name: value for name, value in getattr(self, "cleaned_data", {}).items() if name not in self.errors
        }
        filters: dict[str, list[Any]] = {}
        for facet in FACETS:
            valid = {str(value): value for value, _ in facet.choices}
            filters[facet.criteria_attribute] = [valid[chosen] for chosen in cleaned.get(facet.name, [])]
        return Criteria(
            keyword=cleaned.get("keyword") or "",
            place=self.place_found,
            distance=cleaned.get("distance") or DEFAULT_DISTANCE,
            sort=cleaned.get("sort") or "",
            start_date=cleaned.get("start") or "",
            page=cleaned.get("page") or 1,
            **filters,
        )

    def refinements(self) -> list[tuple[str, str]]:
        """The filters, start date and sort asked for that we offer, as (parameter, value) pairs:
        the page keeps them in the form while the search box has an error, so fixing it keeps them."""
        self.is_valid()
        cleaned = self.cleaned_data
        pairs = [(name, value) for name in (facet.name for facet in FACETS) for value in cleaned.get(name, [])]
        pairs.extend((name, cleaned[name]) for name in ("start", "sort") if cleaned.get(name))
        return pairs


def search_query(data: QueryDict, **changes: Any) -> str:
    """The search's query string with only the parameters of a search, each as typed; ``changes``
    replace some (``page=2``); empty values are left out."""
    pairs: list[tuple[str, str]] = []
    for name in (*PARAMETERS, "page"):
        if name in changes:
            value = changes[name]
            if value not in (None, "") and not (name == "page" and value == 1):
                pairs.append((name, str(value)))
            continue
        pairs.extend((name, value) for value in data.getlist(name) if value.strip())
    return urlencode(pairs)
