"""Paging for workspace lists: a page of results and the GOV.UK pagination component's parameters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property

PAGE_SIZE = 25


@dataclass(frozen=True)
class Paged:
    page: Page[Any]
    # Parameters for govukPagination, or None when everything fits on one page.
    pagination: dict[str, Any] | None

    @property
    def summary(self) -> str:
        """'Showing 26 to 50 of 112 results', as the MOJ pagination pattern words it."""
        count = self.page.paginator.count
        if count == 0:
            return ""
        return f"Showing {self.page.start_index()} to {self.page.end_index()} of {count} results"


def _page_href(request: HttpRequest, number: int) -> str:
    # Keep the search and filters when moving between pages.
    query = request.GET.copy()
    query["page"] = str(number)
    return "?" + query.urlencode()


class _CountedPaginator(Paginator):
    """A paginator told how many results there are, by a page that has already counted them."""

    def __init__(self, object_list: QuerySet[Any], per_page: int, known_count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = known_count

    @cached_property
    def count(self) -> int:
        return self.known_count


def paginate(
    request: HttpRequest, queryset: QuerySet[Any], per_page: int = PAGE_SIZE, *, count: int | None = None
) -> Paged:
    """A page of the results; ``count``, when the caller already knows it, saves counting again."""
    paginator = Paginator(queryset, per_page) if count is None else _CountedPaginator(queryset, per_page, count)
    # get_page copes with missing, non-numeric and out-of-range page numbers without a 404.
    page = paginator.get_page(request.GET.get("page"))
    if page.paginator.num_pages <= 1:
        return Paged(page, None)
    items: list[dict[str, Any]] = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == Paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "href": _page_href(request, int(number)), "current": number == page.number})
    params: dict[str, Any] = {"items": items}
    if page.has_previous():
        params["previous"] = {"href": _page_href(request, page.previous_page_number())}
    if page.has_next():
        params["next"] = {"href": _page_href(request, page.next_page_number())}
    return Paged(page, params)
