"""The customer record (read): an identity bar over six tabs, each at its own URL (no JavaScript).

Every page shown is audited through services.customer_record_viewed, naming the tab, never a
value. Special category data (the diversity tab) needs its own permission; roles without it get a
403 and never see the tab. Each tab reads a small, fixed number of sets of rows: the page's query count
does not grow with the customer's history (except where that history is the tab itself).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from signpost.accounts.roles import MERGE_CUSTOMERS, SPECIAL_CATEGORY, VIEW_PLANS
from signpost.customers import codes, rules, selectors, services
from signpost.customers.models import (
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    Address,
    Customer,
    Diversity,
)
from signpost.data_protection import selectors as data_protection_selectors
from signpost.space import rules as space_rules
from signpost.space import selectors as space_selectors
from signpost.workspace.access import staff_view
from signpost.workspace.views_data_protection import data_protection_links
from signpost.workspace.views_interactions import contact_history
from signpost.workspace.views_plans import plans_tab_context
from signpost.workspace.views_referrals import referrals_tab
from signpost.workspace.views_sessions import sessions_tab_context


class ReferenceConverter:
    """What a record URL accepts as a reference: the alphabet in either case, optionally split by
    a hyphen as it is shown ("c4hk-7wmr"). Anything else is not a record page, so the other
    customer pages' routes ("new/") stay free; the view redirects to the canonical form."""

    _symbols = "".join(sorted(set(REFERENCE_ALPHABET + REFERENCE_ALPHABET.lower())))
    _half = REFERENCE_LENGTH // 2
    regex = f"[{_symbols}]{{{_half}}}-?[{_symbols}]{{{REFERENCE_LENGTH - _half}}}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


@dataclass(frozen=True)
class Tab:
    key: str
    text: str
    url_name: str
    template: str
    permission: str | None = None


TABS = (
    Tab("details", "Details", "workspace:customer_record", "workspace/customers/record/details.html"),
    Tab("contact", "Contact", "workspace:customer_record_contact", "workspace/customers/record/contact.html"),
    Tab("addresses", "Addresses", "workspace:customer_record_addresses", "workspace/customers/record/addresses.html"),
    Tab(
        "diversity",
        "Diversity",
        "workspace:customer_record_diversity",
        "workspace/customers/record/diversity.html",
        permission=SPECIAL_CATEGORY,
    ),
    Tab(
        "employment_and_learning",
        "Employment and learning",
        "workspace:customer_record_employment_and_learning",
        "workspace/customers/record/employment_and_learning.html",
    ),
    Tab("consents", "Consents", "workspace:customer_record_consents", "workspace/customers/record/consents.html"),
    Tab("sessions", "Sessions", "workspace:customer_record_sessions", "workspace/sessions/record_tab.html"),
    Tab("referrals", "Referrals", "workspace:customer_record_referrals", "workspace/customers/record/referrals.html"),
    Tab(
        "plans",
        "Plans and outcomes",
        "workspace:customer_record_plans",
        "workspace/plans/record_tab.html",
        permission=VIEW_PLANS,
    ),
)
TABS_BY_KEY = {tab.key: tab for tab in TABS}


def _customer(reference: str) -> Customer:
    """The record with its one-to-one parts; 404 for a reference nobody holds."""
    customer = (
        # The online account's link and latest invitation come with the record: no query of their own.
        space_selectors.with_online_account(Customer.objects.select_related("contact_details", "identity_secret"))
        .filter(reference=selectors.normalise_reference(reference))
        .first()
    )
    if customer is None:
        raise Http404("No customer has this reference.")
    return customer


def _contact_details(customer: Customer) -> Any:
    # select_related leaves the reverse one-to-one cached as missing when there is none.
    try:
        return customer.contact_details
    except Customer.contact_details.RelatedObjectDoesNotExist:
        return None


def _identity(customer: Customer, today: datetime.date) -> dict[str, Any]:
    """What the identity bar shows: who, how old, where, priority groups and flags."""
    address = selectors.current_address(customer, on=today)
    contact = _contact_details(customer)
    groups = selectors.current_priority_groups(customer)
    online_account = space_selectors.online_account_status(customer)
    flags: list[dict[str, str]] = []
    if customer.is_terminated:
        flags.append({"text": "Terminated", "colour": "red"})
    if contact is not None and contact.interpreter_needed:
        language = f" ({contact.preferred_language})" if contact.preferred_language else ""
        flags.append({"text": f"Interpreter needed{language}", "colour": "purple"})
    if contact is not None and contact.accessibility_needs.strip():
        flags.append({"text": "Accessibility needs", "colour": "purple"})
    return {
        "age": rules.age_on(customer.date_of_birth, today) if customer.date_of_birth else None,
        "address": address,
        "area": address.get_area_display() if address is not None and address.area else "",
        "priority_groups": [_code_label(codes.PriorityGroup, group) for group in groups],
        "flags": flags,
        "contact": contact,
        "online_account": online_account,
        "online_account_refusal": space_rules.invitation_refusal(
            customer, contact, linked=online_account.linked_at is not None
        ),
    }


def _code_label(choices: Any, value: Any) -> str:
    """The label of a stored code; an unknown code is shown as itself rather than failing."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _addresses(customer: Customer, today: datetime.date) -> dict[str, Any]:
    addresses = list(Address.objects.filter(customer=customer).order_by("-effective_from", "-id"))
    current = [
        address
        for address in addresses
        if address.effective_from <= today and (address.effective_to is None or address.effective_to >= today)
    ]
    return {
        "current_addresses": current,
        "future_addresses": [address for address in addresses if address.effective_from > today],
        "past_addresses": [
            address for address in addresses if address.effective_to is not None and address.effective_to < today
        ],
    }


def _diversity(customer: Customer, today: datetime.date) -> dict[str, Any]:
    return {"diversity": Diversity.objects.filter(customer=customer).first()}


def _histories(customer: Customer, today: datetime.date) -> dict[str, Any]:
    employment = list(customer.employment_statuses.select_related("recorded_by").order_by("-recorded_on", "-id"))
    learning = list(customer.learning_statuses.select_related("recorded_by").order_by("-recorded_on", "-id"))
    # The newest entries are the current ones (selectors.current_statuses' rule, on rows in hand).
    current = selectors.CurrentStatuses(
        employment=employment[0] if employment else None, learning=learning[0] if learning else None
    )
    return {"employment_history": employment, "learning_history": learning, "current": current}


def _consents(customer: Customer, today: datetime.date) -> dict[str, Any]:
    consents: QuerySet[Any] = customer.consents.select_related("recorded_by").order_by("-recorded_at", "-id")
    return {"consents": list(consents)}


def _contact(customer: Customer, today: datetime.date) -> dict[str, Any]:
    """Phone numbers as people say them ("07700 900123"); stored in E.164."""
    contact = _contact_details(customer)
    if contact is None:
        return {"phones": {}}
    return {
        "phones": {
            "mobile": rules.PhoneNumber(contact.mobile).national if contact.mobile else "",
            "home": rules.PhoneNumber(contact.home_phone, contact.home_phone_extension).national
            if contact.home_phone
            else "",
            "alternative": rules.PhoneNumber(contact.alternative_phone, contact.alternative_phone_extension).national
            if contact.alternative_phone
            else "",
        }
    }


def _has_memorable_word(customer: Customer) -> bool:
    # Read with the record (select_related); only whether there is one, never its hashes.
    try:
        return customer.identity_secret is not None
    except Customer.identity_secret.RelatedObjectDoesNotExist:
        return False


def _details(customer: Customer, today: datetime.date) -> dict[str, Any]:
    """The recent phone identity checks (results only: the word is never readable)."""
    checks = customer.identity_checks.select_related("checked_by").order_by("-checked_at", "-id")[:5]
    return {
        "identity_checks": list(checks),
        "has_memorable_word": _has_memorable_word(customer),
    }


TAB_CONTEXT: dict[str, Callable[[Customer, datetime.date], dict[str, Any]]] = {
    "details": _details,
    "contact": _contact,
    "addresses": _addresses,
    "diversity": _diversity,
    "employment_and_learning": _histories,
    "consents": _consents,
    "sessions": sessions_tab_context,
    "referrals": referrals_tab,
    "plans": plans_tab_context,
}


def _show(request: HttpRequest, reference: str, tab: Tab) -> HttpResponse:
    customer = _customer(reference)
    if reference != customer.reference:
        # One address per record: "c4hk-7wmr" and "C4HK-7WMR" lead to ".../C4HK7WMR/".
        return redirect(reverse(tab.url_name, kwargs={"reference": customer.reference}), permanent=True)
    today = timezone.localdate()
    user: Any = request.user
    tabs = [
        {
            "href": reverse(item.url_name, kwargs={"reference": customer.reference}),
            "text": item.text,
            "active": item.key == tab.key,
        }
        for item in TABS
        if item.permission is None or user.has_perm(item.permission)
    ]
    context = {
        "customer": customer,
        "identity": _identity(customer, today),
        "tab": tab,
        "tabs": tabs,
        "today": today,
        "can_merge": user.has_perm(MERGE_CUSTOMERS),
        # A record merged into another says which (one query, and only on terminated records).
        "merged_into": selectors.merge_of_duplicate(customer) if customer.is_terminated else None,
        # An anonymised record is terminated too; the banner says which (one query, terminated only).
        "anonymisation": data_protection_selectors.anonymisation_of(customer) if customer.is_terminated else None,
        "data_protection_links": data_protection_links(user, customer),
        **TAB_CONTEXT[tab.key](customer, today),
    }
    if tab.key == "details":
        # The contact history (views_interactions): one page of the timeline, two queries.
        context.update(contact_history(request, customer))
    services.customer_record_viewed(actor=user, customer=customer, part=tab.key)
    return render(request, tab.template, context)


def _tab_view(key: str) -> Callable[..., HttpResponse]:
    tab = TABS_BY_KEY[key]

    # Signed-in staff with the workspace permission and the tab's own, if it has one.
    @staff_view(*([tab.permission] if tab.permission else []))
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        return _show(request, reference, tab)

    view.__name__ = view.__qualname__ = f"customer_record_{key}"
    view.__doc__ = f"The customer record's {tab.text.lower()} tab."
    return view


customer_record = _tab_view("details")
customer_record_contact = _tab_view("contact")
customer_record_addresses = _tab_view("addresses")
customer_record_diversity = _tab_view("diversity")
customer_record_employment_and_learning = _tab_view("employment_and_learning")
customer_record_consents = _tab_view("consents")
customer_record_sessions = _tab_view("sessions")
customer_record_referrals = _tab_view("referrals")
customer_record_plans = _tab_view("plans")
