"""Changing a customer record (issue 3, items 2, 5 and 10): one small form per part of the record,
the phone identity check, and termination.

Views stay thin: parse with forms_customer_edit, call a customers service, and either go back to
the record's tab with a success banner or show the form again with what was typed and the
service's errors on its fields. A terminated record is read-only: every page here answers 409
with a page that says so (the services refuse too, should a termination slip in between).
The record is shared by every organisation (domain.md §2): any staff member with the workspace
permission may change it; the diversity part also needs the special category permission.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from signpost.accounts.roles import SPECIAL_CATEGORY
from signpost.core.govuk_forms import GovukDateField, date_input_params, field_params
from signpost.customers import codes, rules, selectors, services
from signpost.customers.models import Address, Customer, Diversity, IdentitySecret
from signpost.workspace import forms_customer_edit as edit_forms
from signpost.workspace.access import staff_view
from signpost.workspace.customer_pages import customer_or_404, read_only
from signpost.workspace.forms import posted_data

TEMPLATE = "workspace/customers/edit/form.html"


def _tab_url(customer: Customer, url_name: str) -> str:
    return reverse(url_name, kwargs={"reference": customer.reference})


def _field(bound: forms.BoundField) -> dict[str, Any]:
    """Which GOV.UK component shows a field, and its parameters (keeping what was typed)."""
    widget = bound.field.widget
    if isinstance(bound.field, GovukDateField):
        return {"component": "date", "params": date_input_params(bound)}
    if isinstance(widget, forms.HiddenInput):
        return {"component": "hidden", "name": bound.html_name, "value": bound.value() or ""}
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return {"component": "checkboxes", "params": field_params(bound)}
    if isinstance(widget, forms.RadioSelect):
        return {"component": "radios", "params": field_params(bound)}
    if isinstance(widget, forms.CheckboxInput):
        return {"component": "checkboxes", "params": field_params(bound)}
    if isinstance(widget, forms.Select):
        return {"component": "select", "params": field_params(bound)}
    if isinstance(widget, forms.Textarea):
        return {"component": "textarea", "params": field_params(bound)}
    if isinstance(widget, forms.PasswordInput):
        return {"component": "input", "params": field_params(bound, autocomplete="off", spellcheck=False)}
    if getattr(bound.field, "max_length", None) == 1:  # one character of a memorable word
        return {"component": "input", "params": field_params(bound, spellcheck=False, classes="govuk-input--width-2")}
    return {"component": "input", "params": field_params(bound, spellcheck=False)}


# Rules in services.rules that raise without naming a field, by code: the field they are about.
FIELD_FOR_CODE = {
    "no_health_consent": "disability_declaration",
    "no_ethnicity_consent": "ethnicity",
    "no_declaration": "primary_disability",
    "secondary_without_primary": "secondary_disability",
    "secondary_same": "secondary_disability",
}


def _errors_to_form(form: forms.Form, error: ValidationError) -> None:
    """A service's errors on the form's fields (or above the form when they name none)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for item in errors:
                form.add_error(name if name in form.fields else None, item.messages)
        return
    for item in error.error_list:
        name = FIELD_FOR_CODE.get(item.code or "", "")
        form.add_error(name if name in form.fields else None, item.messages)


def _render(
    request: HttpRequest,
    customer: Customer,
    form: forms.Form,
    *,
    title: str,
    back: str,
    intro: list[str] | None = None,
    button: str = "Save",
    warning: str = "",
) -> HttpResponse:
    context = {
        "customer": customer,
        "form": form,
        "fields": [_field(form[name]) for name in form.fields],
        "title": title,
        "back": back,
        "intro": intro or [],
        "button": button,
        "warning": warning,
        "action": request.get_full_path(),
    }
    return render(request, TEMPLATE, context)


# The parts of the record, each a form and a service call -------------------------------------


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    form_class: type[forms.Form]
    tab: str
    done: str
    save: Callable[[Any, Customer, dict[str, Any]], Any]
    initial: Callable[[Customer], dict[str, Any]] = lambda customer: {}
    intro: Callable[[Customer], list[str]] = lambda customer: []
    permissions: tuple[str, ...] = field(default=())


def _identity_initial(customer: Customer) -> dict[str, Any]:
    return {name: getattr(customer, name) for name in services.IDENTITY_FIELDS}


def _save_identity(actor: Any, customer: Customer, data: dict[str, Any]) -> Any:
    return services.customer_update_identity(actor=actor, customer=customer, **data)


def _contact_initial(customer: Customer) -> dict[str, Any]:
    contact = selectors.contact_details_of(customer)
    if contact is None:
        return {"preferred_method": codes.ContactMethod.NOT_KNOWN}
    initial = {
        name: getattr(contact, name)
        for name in (
            "preferred_method",
            "email",
            "may_contact_by_phone",
            "may_contact_by_sms",
            "may_contact_by_email",
            "may_contact_by_post",
            "preferred_language",
            "interpreter_needed",
            "accessibility_needs",
        )
    }
    initial["mobile"] = rules.PhoneNumber(contact.mobile).national if contact.mobile else ""
    initial["home_phone"] = (
        rules.PhoneNumber(contact.home_phone, contact.home_phone_extension).national if contact.home_phone else ""
    )
    initial["alternative_phone"] = (
        rules.PhoneNumber(contact.alternative_phone, contact.alternative_phone_extension).national
        if contact.alternative_phone
        else ""
    )
    return initial


def _save_contact(actor: Any, customer: Customer, data: dict[str, Any]) -> Any:
    return services.contact_details_set(actor=actor, customer=customer, **data)


def _save_address(actor: Any, customer: Customer, data: dict[str, Any]) -> Any:
    return services.address_add(actor=actor, customer=customer, **data)


def _diversity_initial(customer: Customer) -> dict[str, Any]:
    diversity = Diversity.objects.filter(customer=customer).first() or Diversity()
    return {
        "health_consent": edit_forms.yes_no_initial(diversity.health_consent),
        "disability_declaration": diversity.disability_declaration,
        "primary_disability": diversity.primary_disability,
        "secondary_disability": diversity.secondary_disability,
        "ethnicity_consent": edit_forms.yes_no_initial(diversity.ethnicity_consent),
        "ethnicity": diversity.ethnicity,
    }


def _save_diversity(actor: Any, customer: Customer, data: dict[str, Any]) -> Any:
    return services.diversity_set(actor=actor, customer=customer, **data)


def _employment_initial(customer: Customer) -> dict[str, Any]:
    return {"hours": codes.HoursBand.NOT_KNOWN, "economic_shock": codes.EconomicShock.NOT_APPLICABLE}


def _save_employment(actor: Any, customer: Customer, data: dict[str, Any]) -> Any:
    return services.employment_status_record(actor=actor, customer=customer, **data)


def _learning_initial(customer: Customer) -> dict[str, Any]:
    return {"hours": codes.HoursBand.NOT_KNOWN}


def _save_learning(actor: Any, customer: Customer, data: dict[str, Any]) -> Any:
    return services.learning_status_record(actor=actor, customer=customer, **data)


def _suggested(customer: Customer) -> list[int]:
    return [int(group) for group in rules.suggest_priority_groups(customer, timezone.localdate())]


def _priority_initial(customer: Customer) -> dict[str, Any]:
    # What is confirmed now, or else the system's suggestion, for the adviser to confirm or change.
    return {"groups": selectors.current_priority_groups(customer) or _suggested(customer)}


def _priority_intro(customer: Customer) -> list[str]:
    labels = [str(codes.PriorityGroup(group).label) for group in _suggested(customer)]
    current = selectors.current_priority_groups(customer)
    lines = [f"Suggested from their age, status history and qualification level: {'; '.join(labels)}."]
    if not current:
        lines.append("Nothing is confirmed yet: the suggestion is ticked below. Confirm it or change it.")
    lines.append("‘Not known’ and ‘not a priority customer’ stand alone, and groups 1 and 6 cannot both apply.")
    return lines


def _save_priority(actor: Any, customer: Customer, data: dict[str, Any]) -> Any:
    return services.priority_groups_confirm(actor=actor, customer=customer, groups=data["groups"])


def _consent_initial(customer: Customer) -> dict[str, Any]:
    consent = selectors.current_consent(customer)
    if consent is None:
        return {}
    return {
        "user_research": edit_forms.yes_no_initial(consent.user_research),
        "market_research": edit_forms.yes_no_initial(consent.market_research),
        "lawful_basis": consent.lawful_basis,
    }


def _save_consent(actor: Any, customer: Customer, data: dict[str, Any]) -> Any:
    return services.consent_record(actor=actor, customer=customer, **data)


PARTS = {
    part.key: part
    for part in (
        Part(
            "identity",
            "Change personal details",
            edit_forms.IdentityForm,
            "workspace:customer_record",
            "Personal details saved",
            _save_identity,
            _identity_initial,
        ),
        Part(
            "contact",
            "Change contact details and preferences",
            edit_forms.ContactDetailsForm,
            "workspace:customer_record_contact",
            "Contact details saved",
            _save_contact,
            _contact_initial,
        ),
        Part(
            "address_add",
            "Add an address",
            edit_forms.AddressAddForm,
            "workspace:customer_record_addresses",
            "Address added",
            _save_address,
            lambda customer: {"ends_previous": True},
        ),
        Part(
            "diversity",
            "Change diversity information",
            edit_forms.DiversityForm,
            "workspace:customer_record_diversity",
            "Diversity information saved",
            _save_diversity,
            _diversity_initial,
            lambda customer: [
                "This is special category data. Without the customer’s consent every answer must be ‘not provided’."
            ],
            permissions=(SPECIAL_CATEGORY,),
        ),
        Part(
            "employment_status",
            "Record an employment status",
            edit_forms.EmploymentStatusForm,
            "workspace:customer_record_employment_and_learning",
            "Employment status recorded",
            _save_employment,
            _employment_initial,
        ),
        Part(
            "learning_status",
            "Record a learning status",
            edit_forms.LearningStatusForm,
            "workspace:customer_record_employment_and_learning",
            "Learning status recorded",
            _save_learning,
            _learning_initial,
        ),
        Part(
            "priority_groups",
            "Confirm priority groups",
            edit_forms.PriorityGroupsForm,
            "workspace:customer_record",
            "Priority groups confirmed",
            _save_priority,
            _priority_initial,
            _priority_intro,
        ),
        Part(
            "consents",
            "Record consent",
            edit_forms.ConsentForm,
            "workspace:customer_record_consents",
            "Consent recorded",
            _save_consent,
            _consent_initial,
        ),
    )
}


def _part_view(part: Part) -> Callable[..., HttpResponse]:
    @staff_view(*part.permissions)
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        customer = customer_or_404(reference)
        if customer.is_terminated:
            return read_only(request, customer)
        form = part.form_class(posted_data(request), initial=part.initial(customer))
        if request.method == "POST" and form.is_valid():
            try:
                part.save(request.user, customer, dict(form.cleaned_data))
            except rules.CustomerTerminated:
                return read_only(request, customer)
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, part.done)
                return redirect(_tab_url(customer, part.tab))
        if request.method != "POST":
            # The form shows the record's values: a read, audited like a tab.
            services.customer_record_viewed(actor=request.user, customer=customer, part=f"change_{part.key}")
        return _render(
            request, customer, form, title=part.title, back=_tab_url(customer, part.tab), intro=part.intro(customer)
        )

    view.__name__ = view.__qualname__ = f"customer_edit_{part.key}"
    view.__doc__ = f"{part.title} on a customer record."
    return view


customer_edit_identity = _part_view(PARTS["identity"])
customer_edit_contact = _part_view(PARTS["contact"])
customer_edit_address_add = _part_view(PARTS["address_add"])
customer_edit_diversity = _part_view(PARTS["diversity"])
customer_edit_employment_status = _part_view(PARTS["employment_status"])
customer_edit_learning_status = _part_view(PARTS["learning_status"])
customer_edit_priority_groups = _part_view(PARTS["priority_groups"])
customer_edit_consents = _part_view(PARTS["consents"])


@staff_view()
def customer_edit_address_end(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    customer = customer_or_404(reference)
    address = Address.objects.filter(customer=customer, pk=pk).first()
    if address is None:
        raise Http404("This customer has no such address.")
    if customer.is_terminated:
        return read_only(request, customer)
    back = _tab_url(customer, "workspace:customer_record_addresses")
    form = edit_forms.AddressEndForm(posted_data(request), initial={"effective_to": address.effective_to})
    if request.method == "POST" and form.is_valid():
        try:
            services.address_end(actor=request.user, address=address, effective_to=form.cleaned_data["effective_to"])
        except rules.CustomerTerminated:
            return read_only(request, customer)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"Address ended: {address.line_1}, {address.postcode}")
            return redirect(back)
    lines = [address.line_1, address.line_2, address.line_3, address.town, address.county, address.postcode]
    return _render(
        request,
        customer,
        form,
        title="End an address",
        back=back,
        intro=[", ".join(line for line in lines if line)],
        button="End address",
    )


# Identity check (issue 3, item 2) -------------------------------------------------------------


@staff_view()
def customer_edit_memorable_word(request: HttpRequest, reference: str) -> HttpResponse:
    """Set or replace the memorable word; it is stored hashed and never shown, even on error."""
    customer = customer_or_404(reference)
    if customer.is_terminated:
        return read_only(request, customer)
    form = edit_forms.MemorableWordForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.identity_secret_set(actor=request.user, customer=customer, word=form.cleaned_data["word"])
        except rules.CustomerTerminated:
            return read_only(request, customer)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Memorable word saved")
            return redirect(_tab_url(customer, "workspace:customer_record"))
    has_word = IdentitySecret.objects.filter(customer=customer).exists()
    intro = [
        "Ask the customer to choose a memorable word. We store it so that nobody, including you, can read it back."
    ]
    if has_word:
        intro.append("This replaces their current memorable word.")
    return _render(
        request,
        customer,
        form,
        title="Replace the memorable word" if has_word else "Set a memorable word",
        back=_tab_url(customer, "workspace:customer_record"),
        intro=intro,
    )


@staff_view()
def customer_edit_identity_check(request: HttpRequest, reference: str) -> HttpResponse:
    """Ask for characters at positions the service chooses; record whether the answers were right."""
    customer = customer_or_404(reference)
    if customer.is_terminated:
        return read_only(request, customer)
    if not IdentitySecret.objects.filter(customer=customer).exists():
        messages.info(request, "This customer has no memorable word yet. Set one to check their identity by phone.")
        return redirect("workspace:customer_edit_memorable_word", reference=customer.reference)
    back = _tab_url(customer, "workspace:customer_record")
    if request.method == "POST":
        positions = edit_forms.parse_positions(request.POST.get("positions", ""))
        if not positions:
            # A tampered or lost hidden field: ask again for fresh positions.
            return redirect("workspace:customer_edit_identity_check", reference=customer.reference)
        form = edit_forms.IdentityCheckForm(request.POST, positions=positions)
        if form.is_valid():
            try:
                result = services.identity_check(actor=request.user, customer=customer, answers=form.answers())
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                if result.passed:
                    messages.success(request, "Identity check passed")
                else:
                    messages.error(request, "Identity check failed: the characters given were not all right")
                return redirect(back)
    else:
        form = edit_forms.IdentityCheckForm(positions=selectors.identity_challenge_positions(customer))
    return _render(
        request,
        customer,
        form,
        title="Check identity",
        back=back,
        intro=[
            "Ask the caller for these characters of their memorable word. You will only see whether the answers "
            "were right, never the word."
        ],
        button="Check answers",
    )


# Termination (issue 3, item 10) ----------------------------------------------------------------


@staff_view()
def customer_edit_terminate(request: HttpRequest, reference: str) -> HttpResponse:
    customer = customer_or_404(reference)
    if customer.is_terminated:
        return read_only(request, customer)
    form = edit_forms.TerminateForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.customer_terminate(actor=request.user, customer=customer, reason=form.cleaned_data["reason"])
        except rules.CustomerTerminated:
            return read_only(request, customer)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "The record has been terminated. It is now read-only.")
            return redirect(_tab_url(customer, "workspace:customer_record"))
    return _render(
        request,
        customer,
        form,
        title="Terminate this record",
        back=_tab_url(customer, "workspace:customer_record"),
        warning="A terminated record is read-only: nobody can change it afterwards.",
        button="Terminate record",
    )
