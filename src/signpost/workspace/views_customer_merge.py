"""Merging two records of one person, and undoing a merge (issue 3, item 9).

An adviser starts on the record to keep: they name the other record (or pick a likely duplicate),
see both side by side and choose which value the kept record has wherever they differ, check
their answers, and merge (customers/merging.py moves everything and terminates the other record).
The record being kept is the one in the URL's first place; a link swaps them. The choices wait in
the session between the choose and check pages, keyed by both references.

System administrators see every merge, newest first, and can undo one with a reason; when undo is
no longer safe the page says why and offers no button.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from signpost.accounts.roles import MERGE_CUSTOMERS, UNDO_MERGE
from signpost.customers import codes, rules, selectors, services
from signpost.customers.merging import CURRENT_ADDRESS, FIELDS_BY_KEY, MergeComparison
from signpost.customers.models import Address, Customer
from signpost.workspace.access import staff_view
from signpost.workspace.customer_pages import customer_or_404, read_only
from signpost.workspace.forms import posted_data
from signpost.workspace.forms_customer_merge import MergeChoicesForm, MergeStartForm, MergeUndoForm
from signpost.workspace.paging import paginate
from signpost.workspace.views_customer_edit import _errors_to_form

TEMPLATES = "workspace/customers/merge/"


def _session_key(survivor: Customer, duplicate: Customer) -> str:
    return f"customer_merge:{survivor.reference}:{duplicate.reference}"


def _urls(survivor: Customer, duplicate: Customer) -> dict[str, str]:
    pair = {"reference": survivor.reference, "other": duplicate.reference}
    return {
        "compare": reverse("workspace:customer_merge_compare", kwargs=pair),
        "check": reverse("workspace:customer_merge_check", kwargs=pair),
        "swap": reverse(
            "workspace:customer_merge_compare", kwargs={"reference": duplicate.reference, "other": survivor.reference}
        ),
        "start": reverse("workspace:customer_merge_start", kwargs={"reference": survivor.reference}),
        "record": reverse("workspace:customer_record", kwargs={"reference": survivor.reference}),
    }


# How values are shown ----------------------------------------------------------------------------


def _day(value: datetime.date | None) -> str:
    return value.strftime("%-d %B %Y") if value else "Not known"


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _phone(number: str, extension: str = "") -> str:
    return rules.PhoneNumber(number, extension).national if number else "Not recorded"


def address_line(address: Address | None) -> str:
    if address is None:
        return "None"
    lines = [address.line_1, address.line_2, address.line_3, address.town, address.county, address.postcode]
    return ", ".join(line for line in lines if line)


def describe(key: str, value: Any) -> str:
    """A compared value as an adviser reads it; ``value`` is the tuple of a MergeField's fields,
    or, for a part, the row each record holds."""
    if key == CURRENT_ADDRESS:
        return address_line(value)
    if key not in FIELDS_BY_KEY:
        changed = getattr(value, "updated_at", None) or getattr(value, "created_at", None)
        return f"Recorded, last changed {changed:%-d %B %Y}" if changed else "Recorded"
    first = value[0]
    simple = {
        "title": lambda: _label(codes.Title, first),
        "gender": lambda: _label(codes.Gender, first),
        "customer_type": lambda: _label(codes.CustomerType, first),
        "preferred_method": lambda: _label(codes.ContactMethod, first),
        "date_of_birth": lambda: _day(first),
        "date_registered": lambda: _day(first),
        "mobile": lambda: _phone(first),
        "home_phone": lambda: _phone(*value),
        "alternative_phone": lambda: _phone(*value),
        "interpreter_needed": lambda: "Yes" if first else "No",
    }
    if key in simple:
        return simple[key]()
    if key == "introduced_by":
        label = _label(codes.IntroducedBy, first)
        return f"{label}: {value[1]}" if value[1] else label
    if key == "contact_permissions":
        ways = [name for name, allowed in zip(("Phone", "SMS", "Email", "Post"), value, strict=True) if allowed]
        return ", ".join(ways) if ways else "None given"
    return str(first) if first else "Not recorded"


def _rows(comparison: MergeComparison) -> list[dict[str, Any]]:
    """Every compared value, side by side, for the comparison table."""
    rows = [
        {
            "label": item.field.label,
            "survivor": describe(item.field.key, item.survivor),
            "duplicate": describe(item.field.key, item.duplicate),
            "differs": item.differs,
        }
        for item in comparison.fields
    ]
    parts = {part.key: part for part in comparison.parts}
    if CURRENT_ADDRESS not in parts:
        today = timezone.localdate()
        kept = selectors.current_address(comparison.survivor, today)
        other = selectors.current_address(comparison.duplicate, today)
        rows.append(
            {
                "label": "Current address",
                "survivor": address_line(kept),
                "duplicate": address_line(other),
                "differs": False,
            }
        )
    for part in comparison.parts:
        rows.append(
            {
                "label": part.label,
                "survivor": describe(part.key, part.survivor),
                "duplicate": describe(part.key, part.duplicate),
                "differs": True,
            }
        )
    return rows


# Pages -------------------------------------------------------------------------------------------


@staff_view(MERGE_CUSTOMERS)
def customer_merge_start(request: HttpRequest, reference: str) -> HttpResponse:
    """Name the other record: by its reference, or from this record's likely duplicates."""
    customer = customer_or_404(reference)
    if customer.is_terminated:
        return read_only(request, customer)
    form = MergeStartForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        other = selectors.customer_by_reference(form.cleaned_data["other"])
        if other is None:
            form.add_error("other", "No record has this reference. Check it, or find the record with the search")
        else:
            problems = selectors.merge_problems(customer, other)
            if problems:
                for problem in problems:
                    form.add_error("other", problem.removesuffix("."))
            else:
                return redirect(_urls(customer, other)["compare"])
    contact = selectors.contact_details_of(customer)
    address = selectors.current_address(customer)
    candidates = selectors.likely_duplicates(
        given_name=customer.given_name,
        family_name=customer.family_name,
        date_of_birth=customer.date_of_birth,
        email=contact.email if contact else "",
        phones=[contact.mobile, contact.home_phone, contact.alternative_phone] if contact else [],
        postcode=address.postcode if address else "",
        exclude=customer,
    )
    services.customer_record_viewed(actor=request.user, customer=customer, part="merge_start")
    return render(
        request,
        TEMPLATES + "start.html",
        {
            "customer": customer,
            "form": form,
            "candidates": [
                {
                    "match": match,
                    "href": reverse(
                        "workspace:customer_merge_compare",
                        kwargs={"reference": customer.reference, "other": match.customer.reference},
                    ),
                }
                for match in candidates
            ],
            "record_url": reverse("workspace:customer_record", kwargs={"reference": customer.reference}),
        },
    )


def _pair(reference: str, other: str) -> tuple[Customer, Customer]:
    survivor, duplicate = customer_or_404(reference), customer_or_404(other)
    if survivor.pk == duplicate.pk:
        raise Http404("A record cannot be merged with itself.")
    return survivor, duplicate


def _cannot_merge(request: HttpRequest, survivor: Customer, duplicate: Customer, problems: list[str]) -> HttpResponse:
    """409: the request is understood, the records' state forbids it (one was terminated)."""
    context = {"survivor": survivor, "duplicate": duplicate, "problems": problems, "urls": _urls(survivor, duplicate)}
    return render(request, TEMPLATES + "cannot_merge.html", context, status=409)


def _compare_page(
    request: HttpRequest, comparison: MergeComparison, form: MergeChoicesForm, *, status: int = 200
) -> HttpResponse:
    survivor, duplicate = comparison.survivor, comparison.duplicate
    context = {
        "survivor": survivor,
        "duplicate": duplicate,
        "comparison": comparison,
        "rows": _rows(comparison),
        "form": form,
        "urls": _urls(survivor, duplicate),
    }
    return render(request, TEMPLATES + "compare.html", context, status=status)


@staff_view(MERGE_CUSTOMERS)
def customer_merge_compare(request: HttpRequest, reference: str, other: str) -> HttpResponse:
    """Both records side by side; one question per differing value, the kept record's preselected."""
    survivor, duplicate = _pair(reference, other)
    comparison = selectors.merge_comparison(survivor, duplicate)
    if comparison.problems:
        return _cannot_merge(request, survivor, duplicate, comparison.problems)
    key = _session_key(survivor, duplicate)
    initial = {**comparison.defaults(), **request.session.get(key, {})}
    form = MergeChoicesForm(posted_data(request), comparison=comparison, describe=describe, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            selectors.merge_choices_check(comparison, form.choices())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            request.session[key] = form.choices()
            return redirect(_urls(survivor, duplicate)["check"])
    if request.method != "POST":
        for record in (survivor, duplicate):
            services.customer_record_viewed(actor=request.user, customer=record, part="merge_compare")
    return _compare_page(request, comparison, form)


@staff_view(MERGE_CUSTOMERS)
def customer_merge_check(request: HttpRequest, reference: str, other: str) -> HttpResponse:
    """Check the answers, then merge."""
    survivor, duplicate = _pair(reference, other)
    comparison = selectors.merge_comparison(survivor, duplicate)
    if comparison.problems:
        return _cannot_merge(request, survivor, duplicate, comparison.problems)
    key = _session_key(survivor, duplicate)
    urls = _urls(survivor, duplicate)
    if key not in request.session:
        return redirect(urls["compare"])
    chosen = {**comparison.defaults(), **request.session[key]}
    if request.method == "POST":
        try:
            services.customer_merge(actor=request.user, survivor=survivor, duplicate=duplicate, choices=chosen)
        except ValidationError as error:
            # Something changed since the choices were made: choose again, with the reason shown.
            form = MergeChoicesForm(chosen, comparison=comparison, describe=describe, initial=chosen)
            form.is_valid()
            _errors_to_form(form, error)
            return _compare_page(request, comparison, form)
        del request.session[key]
        messages.success(
            request,
            f"Records merged: {duplicate.display_reference} is now part of this record, and was terminated as a "
            "duplicate.",
        )
        return redirect(urls["record"])
    labels = {**{item.field.key: item.field.label for item in comparison.differing}}
    labels.update({part.key: part.label for part in comparison.parts})
    values = {item.field.key: item for item in comparison.differing}
    parts = {part.key: part for part in comparison.parts}
    answers = []
    for name in comparison.choice_keys():
        side = chosen.get(name)
        if name in values:
            value = values[name].duplicate if side == "duplicate" else values[name].survivor
        else:
            value = parts[name].duplicate if side == "duplicate" else parts[name].survivor
        record = duplicate if side == "duplicate" else survivor
        answers.append(
            {"key": name, "label": labels[name], "value": describe(name, value), "from": record.display_reference}
        )
    staying_parts = [
        {
            "label": part.label,
            "value": describe(part.key, part.duplicate if chosen[part.key] != "duplicate" else part.survivor),
        }
        for part in comparison.parts
        if part.key != CURRENT_ADDRESS
    ]
    return render(
        request,
        TEMPLATES + "check.html",
        {
            "survivor": survivor,
            "duplicate": duplicate,
            "comparison": comparison,
            "answers": answers,
            "staying_parts": staying_parts,
            "urls": urls,
        },
    )


# Administrators: every merge, and undo ---------------------------------------------------------


@staff_view(UNDO_MERGE)
def customer_merge_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        TEMPLATES + "list.html",
        {"paged": paginate(request, selectors.merges_newest_first()), "active_nav": "merges"},
    )


@staff_view(UNDO_MERGE)
def customer_merge_undo(request: HttpRequest, pk: int) -> HttpResponse:
    merge = selectors.merge_by_id(pk)
    if merge is None:
        raise Http404("No merge has this number.")
    form = MergeUndoForm(posted_data(request))
    if request.method == "POST" and not merge.is_undone and form.is_valid():
        try:
            result = services.customer_merge_undo(actor=request.user, merge=merge, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            text = (
                f"Merge undone: {merge.duplicate.display_reference} is a live record again, with what it had before "
                f"the merge."
            )
            if result.kept_changes:
                text += f" Changed since the merge, so left as they are: {', '.join(result.kept_changes).lower()}."
            messages.success(request, text)
            return redirect("workspace:customer_merge_list")
        merge = selectors.merge_by_id(pk) or merge
    problems = [] if form.errors else selectors.merge_undo_problems(merge)
    return render(
        request,
        TEMPLATES + "undo.html",
        {
            "merge": merge,
            "form": form,
            "problems": problems,
            "active_nav": "merges",
            "moved": selectors.merge_moved_counts(merge),
        },
    )
