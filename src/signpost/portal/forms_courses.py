"""The course search form: every part of a search is a GET parameter, so a search is a link.

Filters and sorting that do not make sense (an unknown option, a page that is not a number) are
dropped rather than refused: a link someone shared or edited still finds courses. Only a place we
cannot find is an error, with a message that says what to do.
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


class CourseSearchForm(forms.Form):
    keyword = forms.CharField(
        label="What do you want to learn?",
        help_text="For example, maths, ESOL, plumbing or digital skills",
        required=False,
        max_length=200,
    )
    place = forms.CharField(
        label="Town or postcode",
        help_text="For example, Leeds, LS1 4AP or LS1",
        required=False,
        max_length=100,
    )
    distance = forms.TypedChoiceField(
        label="Distance",
        choices=[(miles, f"{miles} miles") for miles in DISTANCES],
        coerce=int,
        required=False,
        empty_value=None,
    )
    sort = forms.ChoiceField(label="Sort by", choices=SORTS, required=False)
    start = forms.ChoiceField(
        label="Start date",
        choices=[("", "Any time"), *START_DATES],
        required=False,
        widget=forms.RadioSelect,
    )
    page = forms.IntegerField(required=False, min_value=1)

    def __init__(self, data: QueryDict, *args: Any, **kwargs: Any) -> None:
        super().__init__(data, *args, **kwargs)
        for facet in FACETS:
            self.fields[facet.name] = forms.MultipleChoiceField(
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
        asked: Any = self.data  # a QueryDict: a filter may be chosen more than once
        filters: dict[str, list[Any]] = {}
        for facet in FACETS:
            valid = {str(value): value for value, _ in facet.choices}
            filters[facet.criteria_attribute] = [
                valid[v] for v in dict.fromkeys(asked.getlist(facet.name)) if v in valid
            ]
        return Criteria(
            keyword=cleaned.get("keyword") or "",
            place=self.place_found,
            distance=cleaned.get("distance") or DEFAULT_DISTANCE,
            sort=cleaned.get("sort") or "",
            start_date=cleaned.get("start") or "",
            page=cleaned.get("page") or 1,
            **filters,
        )


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
