"""Find a customer, and create one after checking for likely duplicates.

The customer record is shared by every organisation (domain.md §2): any staff member with the
workspace permission may search and create.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from signpost.core.govuk_forms import date_input_params
from signpost.customers import selectors, services
from signpost.customers.models import Customer
from signpost.workspace.access import staff_view
from signpost.workspace.forms_customers import CustomerCreateForm, CustomerSearchForm

# Shown side by side on the duplicate check; more than this and the adviser should search instead.
DUPLICATES_SHOWN = 10
# Service field names that the create form calls something else.
FORM_FIELD_FOR = {"line_1": "address_line_1"}
IDENTITY_QUESTIONS = ("title", "given_name", "family_name", "date_of_birth", "gender", "customer_type", "introduced_by")


def _create_link(form: CustomerSearchForm, kind: str | None) -> str:
    """The create page, prefilled with the name, date of birth and postcode that were searched."""
    url = reverse("workspace:customer_create")
    if not form.is_valid():
        return url
    prefill: dict[str, str] = {}
    query = form.cleaned_data.get("q", "").strip()
    if kind == selectors.SearchKind.NAME and query:
        given, _, family = query.partition(" ")
        prefill.update({"given_name": given, "family_name": family.strip()})
    postcode = form.cleaned_data.get("postcode") or (query if kind == selectors.SearchKind.POSTCODE else "")
    if postcode:
        prefill["postcode"] = postcode
    date_of_birth = form.cleaned_data.get("date_of_birth")
    if date_of_birth:
        prefill.update(
            {
                "date_of_birth-day": str(date_of_birth.day),
                "date_of_birth-month": str(date_of_birth.month),
                "date_of_birth-year": str(date_of_birth.year),
            }
        )
    return f"{url}?{urlencode(prefill)}" if prefill else url


@staff_view()
def customer_search(request: HttpRequest) -> HttpResponse:
    form = CustomerSearchForm(request.GET)
    result = None
    if form.submitted and form.is_valid():
        try:
            result = selectors.customer_search(
                query=form.cleaned_data["q"],
                date_of_birth=form.cleaned_data["date_of_birth"],
                postcode=form.cleaned_data["postcode"],
            )
        except selectors.SearchTooBroad as error:
            form.add_error("q", str(error))
        else:
            narrowed_by = [name for name in ("date_of_birth", "postcode") if form.cleaned_data.get(name)]
            services.customers_searched(
                actor=request.user, kind=result.kind, filters=narrowed_by, results=len(result.rows)
            )
    context = {
        "form": form,
        "date_of_birth": date_input_params(form["date_of_birth"]),
        "result": result,
        "create_link": _create_link(form, result.kind if result else None),
        "active_nav": "home",
    }
    return render(request, "workspace/customers/search.html", context)


def _initial_from(query: QueryDict) -> dict[str, Any]:
    """What a search prefilled (name, date of birth, postcode), shown as typed and judged on submit."""
    initial: dict[str, Any] = {
        name: query[name][:100] for name in ("given_name", "family_name", "postcode") if query.get(name)
    }
    date_parts = [query.get(f"date_of_birth-{part}", "")[:4] for part in ("day", "month", "year")]
    if any(date_parts):
        initial["date_of_birth"] = date_parts
    return initial


def _create_customer(actor: Any, form: CustomerCreateForm) -> Customer:
    data = form.cleaned_data
    return services.customer_register(
        actor=actor,
        identity={name: data[name] for name in IDENTITY_QUESTIONS},
        contact=form.contact(),
        address={"line_1": data["address_line_1"], "postcode": data["postcode"]} if data["postcode"] else None,
    )


def _add_service_errors(form: CustomerCreateForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = FORM_FIELD_FOR.get(name, name)
        form.add_error(field if field in form.fields else None, errors)


def _duplicate_rows(matches: list[selectors.DuplicateMatch]) -> list[dict[str, Any]]:
    rows = []
    for match in matches[:DUPLICATES_SHOWN]:
        address = selectors.current_address(match.customer)
        contact = selectors.contact_details_of(match.customer)
        rows.append(
            {
                "customer": match.customer,
                "reasons": match.reasons,
                "postcode": address.postcode if address else "",
                "email": contact.email if contact else "",
                "mobile": contact.mobile if contact else "",
            }
        )
    return rows


@staff_view()
def customer_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = CustomerCreateForm(initial=_initial_from(request.GET))
        return _render_form(request, form)

    form = CustomerCreateForm(request.POST)
    choice = request.POST.get("choice", "")
    if choice == "change" or not form.is_valid():
        return _render_form(request, form)
    data = form.cleaned_data
    if choice != "new":
        matches = selectors.likely_duplicates(
            given_name=data["given_name"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            email=data["email"],
            phones=form.phones(),
            postcode=data["postcode"],
        )
        if matches:
            # Showing other customers' details is a read of their records: audited like a search.
            services.customers_searched(actor=request.user, kind="duplicate_check", results=len(matches))
            carried = [
                (name, value)
                for name, values in request.POST.lists()
                if name not in ("csrfmiddlewaretoken", "choice")
                for value in values
            ]
            context = {
                "form": form,
                "typed": data,
                "rows": _duplicate_rows(matches),
                "more": max(0, len(matches) - DUPLICATES_SHOWN),
                "carried": carried,
                "active_nav": "home",
            }
            return render(request, "workspace/customers/create_duplicates.html", context)
    try:
        customer = _create_customer(request.user, form)
    except ValidationError as error:
        _add_service_errors(form, error)
        return _render_form(request, form)
    messages.success(
        request, f"Customer record created for {customer.full_name}: reference {customer.display_reference}"
    )
    return redirect("workspace:customer_record", reference=customer.reference)


def _render_form(request: HttpRequest, form: CustomerCreateForm) -> HttpResponse:
    context = {"form": form, "date_of_birth": date_input_params(form["date_of_birth"]), "active_nav": "home"}
    return render(request, "workspace/customers/create.html", context)
