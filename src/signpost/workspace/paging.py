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
        return self.showing("result", "results")

    def showing(self, one: str, many: str) -> str:
        """'Showing 51 to 100 of 1,234 removed courses', naming what is listed."""
        count = self.page.paginator.count
        if count == 0:
            return ""
        return (
            f"Showing {self.page.start_index()} to {self.page.end_index()} of {count:,} {one if count == 1 else many}"
        )


def _page_href(request: HttpRequest, param: str, number: int, anchor: str) -> str:
    # Keep the search, filters and any other list's page when moving between pages.
    query = request.GET.copy()
    query[param] = str(number)
    return "?" + query.urlencode() + (f"#{anchor}" if anchor else "")


def _page_number(asked: str | None) -> str | int | None:
    """A page number below 1 means the first page (Paginator.get_page would give the last)."""
    try:
        return 1 if asked is not None and int(asked) < 1 else asked
    except ValueError:
        return asked


class _CountedPaginator(Paginator):
    """A paginator told how many results there are, by a page that has already counted them."""

    def __init__(self, object_list: QuerySet[Any], per_page: int, known_count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = known_count

    @cached_property
    def count(self) -> int:
        return self.known_count


def paginate(
    request: HttpRequest,
    queryset: QuerySet[Any],
    per_page: int = PAGE_SIZE,
    *,
    count: int | None = None,
    param: str = "page",
    anchor: str = "",
) -> Paged:
    """A page of the results; ``count``, when the caller already knows it, saves counting again.
    ``param`` names the page number in the address, so that two lists on one page keep their own;
    ``anchor`` is where the page links land (the list's id)."""
    paginator = Paginator(queryset, per_page) if count is None else _CountedPaginator(queryset, per_page, count)
    # get_page copes with missing, non-numeric and out-of-range page numbers without a 404.
    page = paginator.get_page(_page_number(request.GET.get(param)))
    if page.paginator.num_pages <= 1:
        return Paged(page, None)
    items: list[dict[str, Any]] = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == Paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append(
                {
                    "number": number,
                    "href": _page_href(request, param, int(number), anchor),
                    "current": number == page.number,
                }
            )
    params: dict[str, Any] = {"items": items}
    if page.has_previous():
        params["previous"] = {"href": _page_href(request, param, page.previous_page_number(), anchor)}
    if page.has_next():
        params["next"] = {"href": _page_href(request, param, page.next_page_number(), anchor)}
    return Paged(page, params)
