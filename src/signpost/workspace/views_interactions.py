"""Recording contacts (issue 3, items 6-8): a contact with a known customer, the service-improvement
questions after it, anonymous enquiries and attaching them, and sending the customer a summary.

The customer record is shared by every organisation (domain.md §2): any staff member with the
workspace permission may record a contact or send a summary. Views parse, call a contacts service
or selector, and render; rule failures come back as field errors on the form, keeping what was typed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from signpost.casework import selectors as casework_selectors
from signpost.casework import services as casework_services
from signpost.contacts import codes, rules, selectors, services, timeline
from signpost.contacts.models import Interaction
from signpost.customers import selectors as customer_selectors
from signpost.customers.models import Customer
from signpost.workspace.access import staff_view
from signpost.workspace.customer_pages import customer_or_404
from signpost.workspace.forms import posted_data
from signpost.workspace.forms_interactions import (
    AnonymousEnquiryForm,
    AttachForm,
    InteractionForm,
    ServiceImprovementForm,
)
from signpost.workspace.paging import paginate

# Service errors on fields the form shows under another name.
FORM_FIELD_FOR = {"occurred_at": "occurred_time"}


def _interaction(customer: Customer, pk: int) -> Interaction:
    interaction = selectors.customer_interaction(customer, pk)
    if interaction is None:
        raise Http404("This customer has no such contact.")
    return interaction


def _record_url(customer: Customer) -> str:
    return reverse("workspace:customer_record", kwargs={"reference": customer.reference}) + "#contact-history"


def _errors_to_form(form: forms.Form, error: ValidationError) -> None:
    """Put a service's errors on the form's fields (or above the form when they name none)."""
    if hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            field = FORM_FIELD_FOR.get(name, name)
            for message in messages_:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@staff_view()
def interaction_create(request: HttpRequest, reference: str) -> HttpResponse:
    customer = customer_or_404(reference)
    form = InteractionForm(posted_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            interaction = services.interaction_record(actor=request.user, customer=customer, **form.service_fields())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "The contact has been recorded")
            if rules.service_improvement_due(customer) or casework_selectors.follow_up_to_offer(interaction):
                return redirect("workspace:service_improvement", reference=customer.reference, pk=interaction.pk)
            return redirect(_record_url(customer))
    context = {"customer": customer, "form": form, "transcript_channels": _transcript_channel_names()}
    return render(request, "workspace/contacts/interaction_form.html", context)


def _transcript_channel_names() -> str:
    names = [str(codes.Channel(channel).label).lower() for channel in sorted(codes.TRANSCRIPT_CHANNELS)]
    return ", ".join(names[:-1]) + " or " + names[-1]


@staff_view()
def service_improvement(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """Offered after the advice, never before: skipped when not due; "ask later" leaves them due.
    The consent-to-follow-up question (casework) is asked at every eligible contact, with the other
    questions when they are due or on its own when they are not."""
    customer = customer_or_404(reference)
    interaction = _interaction(customer, pk)
    questions_due = rules.service_improvement_due(customer)
    follow_up = casework_selectors.follow_up_to_offer(interaction)
    if not questions_due and not follow_up:
        return redirect(_record_url(customer))
    if request.method == "POST" and request.POST.get("action") == "later" and questions_due:
        services.service_improvement_ask_later(actor=request.user, customer=customer, interaction=interaction)
        messages.success(request, "We will offer the service-improvement questions at their next contact")
        return redirect(_record_url(customer))
    current = customer_selectors.current_statuses(customer)
    initial = {
        "introduced_by": str(customer.introduced_by),
        "introduced_by_detail": customer.introduced_by_detail,
        "employment_status": str(current.employment.status if current.employment else 99),
        "learning_status": str(current.learning.status if current.learning else 99),
    }
    form = ServiceImprovementForm(
        posted_data(request), initial=initial, questions_due=questions_due, follow_up=follow_up is not None
    )
    if request.method == "POST" and form.is_valid():
        answers = dict(form.cleaned_data)
        wanted = answers.pop("follow_up_wanted", None)
        try:
            if questions_due:
                casework_services.service_improvement_with_follow_up_record(
                    actor=request.user, customer=customer, interaction=interaction, follow_up_wanted=wanted, **answers
                )
            else:
                casework_services.follow_up_offer_record(actor=request.user, interaction=interaction, wanted=wanted)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "The answers have been saved")
            return redirect(_record_url(customer))
    return render(
        request,
        "workspace/contacts/service_improvement.html",
        {"customer": customer, "interaction": interaction, "form": form, "questions_due": questions_due},
    )


@staff_view()
def summary_send(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """GET: where the summary would go (or why it cannot). POST: send it through the outbox."""
    customer = customer_or_404(reference)
    interaction = _interaction(customer, pk)
    refusal = destination = None
    try:
        destination = rules.summary_destination(
            customer, customer_selectors.contact_details_of(customer), customer_selectors.current_address(customer)
        )
    except rules.SummaryRefused as error:
        refusal = error.messages[0]
    if request.method == "POST" and destination is not None:
        try:
            services.interaction_summary_send(actor=request.user, interaction=interaction)
        except rules.SummaryRefused as error:
            refusal = error.messages[0]
        else:
            messages.success(request, f"The summary has been sent by {destination.method} to {destination.shown_to}")
            return redirect(_record_url(customer))
    context = {
        "customer": customer,
        "interaction": interaction,
        "destination": destination,
        "refusal": refusal,
        "include_transcript": bool(interaction.transcript) and destination is not None and destination.channel != "sms",
    }
    return render(request, "workspace/contacts/summary_send.html", context, status=200)


@staff_view()
def enquiry_create(request: HttpRequest) -> HttpResponse:
    form = AnonymousEnquiryForm(posted_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.anonymous_enquiry_record(actor=request.user, **form.service_fields())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "The anonymous enquiry has been recorded")
            return redirect("workspace:enquiry_list")
    return render(
        request,
        "workspace/contacts/enquiry_form.html",
        {"form": form, "transcript_channels": _transcript_channel_names(), "active_nav": "home"},
    )


@staff_view()
def enquiry_list(request: HttpRequest) -> HttpResponse:
    paged = paginate(request, selectors.unattached_enquiries())
    return render(request, "workspace/contacts/enquiry_list.html", {"paged": paged, "active_nav": "home"})


@staff_view()
def enquiry_attach(request: HttpRequest, pk: int) -> HttpResponse:
    interaction = selectors.anonymous_enquiry(pk)
    if interaction is None:
        raise Http404("No anonymous enquiry has this number.")
    if interaction.customer is not None:
        messages.info(request, "This enquiry is already attached to a customer record")
        return redirect(_record_url(interaction.customer))
    form = AttachForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        customer = customer_selectors.customer_by_reference(form.cleaned_data["reference"])
        if customer is None:
            form.add_error("reference", "No customer has this reference. Check it and try again")
        else:
            try:
                services.anonymous_enquiry_attach(
                    actor=request.user, interaction=interaction, customer=customer, summary=form.cleaned_data["summary"]
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, f"The enquiry has been attached to {customer.full_name}'s record")
                return redirect(_record_url(customer))
    return render(
        request,
        "workspace/contacts/enquiry_attach.html",
        {"form": form, "interaction": interaction, "active_nav": "home"},
    )


# The timeline on the customer record ---------------------------------------------------------


def contact_history(request: HttpRequest, customer: Customer) -> dict[str, Any]:
    """The record's "Contact history": one page of the timeline (contacts and events), filtered by
    the GET parameters channel, type and event (event groups; all repeatable), paged by the
    cursors after/before. Three queries."""
    channels = _codes(request.GET.getlist("channel"), codes.Channel)
    types = _codes(request.GET.getlist("type"), codes.InteractionType)
    groups = [group.slug for group in timeline.event_groups()]
    chosen_groups = [slug for slug in request.GET.getlist("event") if slug in groups]
    page = selectors.customer_timeline(
        customer,
        channels,
        types,
        timeline.kinds_of_groups(chosen_groups),
        after=selectors.Cursor.parse(request.GET.get("after")),
        before=selectors.Cursor.parse(request.GET.get("before")),
    )
    filters = request.GET.copy()
    for key in ("after", "before"):
        filters.pop(key, None)
    pagination: dict[str, Any] = {}
    if page.newer is not None:
        newer = filters.copy()
        newer["before"] = str(page.newer)
        pagination["previous"] = {"href": "?" + newer.urlencode() + "#contact-history", "text": "Newer contacts"}
    if page.older is not None:
        older = filters.copy()
        older["after"] = str(page.older)
        pagination["next"] = {"href": "?" + older.urlencode() + "#contact-history", "text": "Older contacts"}
    return {
        "timeline": page,
        "timeline_links": {
            entry.pk: _event_link(entry) for entry in page.entries if entry.timeline_source == "event"
        },
        "timeline_filters": {
            "channels": [(value, label, value in channels) for value, label in codes.Channel.choices],
            "types": [(value, label, value in types) for value, label in codes.InteractionType.choices],
            "events": [(group.slug, group.label, group.slug in chosen_groups) for group in timeline.event_groups()],
            "active": bool(channels or types or chosen_groups),
        },
        "timeline_pagination": pagination or None,
        "now": timezone.now(),
    }


def _event_link(event: Any) -> str:
    """The staff page an event points to; none when its page is gone or was never given."""
    if not event.link_name:
        return ""
    try:
        return reverse(event.link_name, kwargs=event.link_kwargs or {})
    except NoReverseMatch:
        return ""


def _codes(values: list[str], choices: Any) -> list[int]:
    """The valid codes among what was asked for; anything else is ignored (a filter, not a form)."""
    return [int(value) for value in values if value.isdigit() and int(value) in choices.values]
