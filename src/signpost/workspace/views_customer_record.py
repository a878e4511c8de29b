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

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from signpost.accounts.roles import MERGE_CUSTOMERS, SPECIAL_CATEGORY, VIEW_ASSESSMENT_RESULTS, VIEW_PLANS
from signpost.customers import rules, selectors, services
from signpost.customers.models import (
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    Customer,
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
    """The record with what the identity bar needs; 404 for a reference nobody holds."""
    # The online account's link and latest invitation come with the record: no query of their own.
    customer = selectors.customer_for_record(reference, space_selectors.with_online_account(Customer.objects.all()))
    if customer is None:
        raise Http404("No customer has this reference.")
    return customer


def _identity(customer: Customer, today: datetime.date) -> dict[str, Any]:
    bar = selectors.identity_bar(customer, today)
    online_account = space_selectors.online_account_status(customer)
    return {
        **vars(bar),
        "online_account": online_account,
        "online_account_refusal": space_rules.invitation_refusal(
            customer, bar.contact, linked=online_account.linked_at is not None
        ),
    }


def _addresses(customer: Customer, today: datetime.date) -> dict[str, Any]:
    history = selectors.address_history(customer, today)
    return {"current_addresses": history.current, "future_addresses": history.future, "past_addresses": history.past}


def _histories(customer: Customer, today: datetime.date) -> dict[str, Any]:
    histories = selectors.status_histories(customer)
    return {
        "employment_history": histories.employment,
        "learning_history": histories.learning,
        "current": histories.current,
    }


def _consents(customer: Customer, today: datetime.date) -> dict[str, Any]:
    return {"consents": selectors.consent_history(customer)}


def _contact(customer: Customer, today: datetime.date) -> dict[str, Any]:
    """Phone numbers as people say them ("07700 900123"); stored in E.164."""
    contact = selectors.contact_details_or_none(customer)
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


def _details(customer: Customer, today: datetime.date) -> dict[str, Any]:
    """The recent phone identity checks (results only: the word is never readable)."""
    return {
        "identity_checks": selectors.recent_identity_checks(customer),
        "has_memorable_word": selectors.has_memorable_word(customer),
    }


TAB_CONTEXT: dict[str, Callable[[Customer, datetime.date], dict[str, Any]]] = {
    "details": _details,
    "contact": _contact,
    "addresses": _addresses,
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
        # Skills assessment results open from here, with the code the customer gives (views_assessments).
        "assessment_lookup_url": reverse("workspace:assessment_lookup", kwargs={"reference": customer.reference})
        if user.has_perm(VIEW_ASSESSMENT_RESULTS)
        else "",
        **(TAB_CONTEXT[tab.key](customer, today) if tab.key in TAB_CONTEXT else {}),
    }
    if tab.key == "diversity":
        # Special category data: the selector checks the viewer's permission itself.
        context["diversity"] = selectors.diversity_of(customer, viewer=user)
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
