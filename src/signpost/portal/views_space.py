"""The customer's online space (issue 3, what a customer can do): link the account to the advice
record (date of birth, then a code sent to the record), accept an adviser's invitation, unlink,
change contact details and preferences (check answers, then save), and read the records of
their conversations with advisers.

Views stay thin: parse with forms_space, call signpost.space services and selectors, render.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any
from urllib.parse import urlencode

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from signpost.contacts.selectors import Cursor
from signpost.core.govuk_forms import date_input_params, field_params
from signpost.courses import selectors as course_selectors
from signpost.customers import selectors as customer_selectors
from signpost.customers.models import Customer
from signpost.portal import forms_space
from signpost.portal.access import customer_page, linked_customer_page
from signpost.space import rules, selectors, services
from signpost.space.models import SavedItem

CHANGE_SESSION_KEY = "space.contact_details_change"


def _posted(request: HttpRequest) -> Any:
    """The form data of a POST, even an empty one (which must still show its errors)."""
    return request.POST if request.method == "POST" else None


def _refusal_on(form: Any, error: ValidationError, field: str | None = None) -> None:
    for message in error.messages:
        form.add_error(field, message)


# Linking by date of birth and a code -------------------------------------------------------------


def _already_linked(request: HttpRequest) -> HttpResponse | None:
    if selectors.account_link_of(request.user) is not None:
        messages.info(request, "Your account is already linked to an advice record.")
        return redirect("portal:account")
    return None


@customer_page
@require_http_methods(["GET", "POST"])
def link_start(request: HttpRequest) -> HttpResponse:
    """Step 1: the date of birth, checked with the account's email against a live record."""
    if (linked := _already_linked(request)) is not None:
        return linked
    form = forms_space.DateOfBirthForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            link_request = services.link_request_start(
                actor=request.user, date_of_birth=form.cleaned_data["date_of_birth"]
            )
        except rules.LinkRefused as refusal:
            _refusal_on(form, refusal)
        else:
            if link_request.customer_id is None:
                return render(request, "portal/space/link_not_matched.html", {"message": rules.NOT_MATCHED})
            return redirect("portal:link_send_code")
    return render(
        request,
        "portal/space/link_date_of_birth.html",
        {
            "form": form,
            "date_of_birth": date_input_params(
                form["date_of_birth"],
                fieldset={
                    "legend": {
                        "text": "What is your date of birth?",
                        "isPageHeading": True,
                        "classes": "govuk-fieldset__legend--l",
                    }
                },
            ),
        },
    )


def _open_request_or_restart(request: HttpRequest) -> Any:
    link_request = selectors.open_link_request(request.user)
    if link_request is None:
        messages.info(request, "Your request to link your account has ended. Start again.")
    return link_request


@customer_page
@require_http_methods(["GET", "POST"])
def link_send_code(request: HttpRequest) -> HttpResponse:
    """Step 2: choose where the code goes (when the record has both an email and a mobile)."""
    if (linked := _already_linked(request)) is not None:
        return linked
    link_request = _open_request_or_restart(request)
    if link_request is None:
        return redirect("portal:link_start")
    destinations = selectors.code_destinations(
        Customer.objects.select_related("contact_details").get(pk=link_request.customer_id)
    )
    form = forms_space.CodeChannelForm(_posted(request), destinations=destinations)
    if request.method == "POST" and form.is_valid():
        try:
            services.link_code_send(actor=request.user, link_request=link_request, channel=form.cleaned_data["channel"])
        except ValidationError as refusal:
            _refusal_on(form, refusal, "channel" if hasattr(refusal, "error_dict") else None)
        else:
            return redirect("portal:link_code")
    return render(
        request,
        "portal/space/link_send_code.html",
        {
            "form": form,
            "channel": field_params(form["channel"], label_as_page_heading=True),
            "resend": link_request.codes_sent > 0,
        },
    )


@customer_page
@require_http_methods(["GET", "POST"])
def link_code(request: HttpRequest) -> HttpResponse:
    """Step 3: the code; the right one links the account."""
    if (linked := _already_linked(request)) is not None:
        return linked
    link_request = _open_request_or_restart(request)
    if link_request is None:
        return redirect("portal:link_start")
    if link_request.code_sent_at is None:
        return redirect("portal:link_send_code")
    form = forms_space.CodeForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.link_code_confirm(actor=request.user, link_request=link_request, code=form.cleaned_data["code"])
        except rules.LinkRefused as refusal:
            _refusal_on(form, refusal, "code")
        else:
            messages.success(request, "Your account is now linked to your advice record.")
            return redirect("portal:account")
    destination = dict(selectors.code_destinations(link_request.customer)).get(link_request.channel, "")
    return render(
        request,
        "portal/space/link_code.html",
        {
            "form": form,
            "code": field_params(
                form["code"],
                label_as_page_heading=False,
                autocomplete="one-time-code",
                inputmode="numeric",
                spellcheck=False,
                classes="govuk-input--width-10",
            ),
            "sent_to": destination,
            "minutes": int(rules.CODE_LIFETIME.total_seconds() // 60),
            "can_resend": link_request.codes_sent < rules.CODES_PER_REQUEST,
        },
    )


@customer_page
@require_http_methods(["GET", "POST"])
def unlink(request: HttpRequest) -> HttpResponse:
    link = selectors.account_link_of(request.user)
    if link is None:
        return redirect("portal:account")
    if request.method == "POST":
        # Already unlinked (in another tab, say) ends the same way.
        with suppress(rules.LinkRefused):
            services.account_unlink(actor=request.user)
        messages.success(request, "Your account is no longer linked to your advice record.")
        return redirect("portal:account")
    return render(request, "portal/space/unlink.html", {"link": link})


# An adviser's invitation ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation email. Signed out: create an account (the email is already
    proved by the link) or sign in. Signed in: confirm the date of birth to link."""
    found = selectors.invitation_from_token(token)
    if found is None or not rules.invitation_open(found):
        return render(request, "portal/space/invitation_invalid.html", status=410)
    user: Any = request.user
    if not user.is_authenticated:
        # Whoever opened the link received it at this address: no need to confirm it again.
        get_adapter(request).stash_verified_email(request, found.email)
        here = request.get_full_path()
        return render(
            request,
            "portal/space/invitation_start.html",
            {
                "signup_url": f"{reverse('account_signup')}?{urlencode({'email': found.email, 'next': here})}",
                "login_url": f"{reverse('account_login')}?{urlencode({'next': here})}",
            },
        )
    if user.is_staff_member:
        return render(request, "portal/space/invitation_staff.html", status=403)
    if (linked := _already_linked(request)) is not None:
        return linked
    form = forms_space.DateOfBirthForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(actor=user, invitation=found, date_of_birth=form.cleaned_data["date_of_birth"])
        except rules.LinkRefused as refusal:
            if refusal.code == "invitation_closed":
                return render(request, "portal/space/invitation_invalid.html", status=410)
            _refusal_on(form, refusal, "date_of_birth")
        else:
            messages.success(request, "Your account is now linked to your advice record.")
            return redirect("portal:account")
    return render(
        request,
        "portal/space/invitation_date_of_birth.html",
        {
            "form": form,
            "date_of_birth": date_input_params(
                form["date_of_birth"],
                fieldset={
                    "legend": {
                        "text": "What is your date of birth?",
                        "isPageHeading": True,
                        "classes": "govuk-fieldset__legend--l",
                    }
                },
            ),
        },
    )


# Contact details and preferences ----------------------------------------------------------------


def _contact_form(customer: Customer, data: Any = None) -> forms_space.ContactDetailsForm:
    contact = customer_selectors.contact_details_of(customer)
    return forms_space.ContactDetailsForm(
        data,
        email=contact.email if contact else "",
        has_current_address=customer_selectors.current_address(customer) is not None,
    )


def _answers(data: dict[str, Any]) -> list[dict[str, str]]:
    """The details as the customer gave them (form data), each with a link to its question."""
    method = dict(forms_space.CONTACT_METHODS).get(str(data.get("preferred_method")), "No preference")
    labels = dict(forms_space.PERMISSIONS)
    allowed = [labels[key] for key in data.get("permissions") or [] if key in labels]
    rows = [
        ("Email address", "email", "email"),
        ("Mobile number", (data.get("mobile") or "").strip() or "Not given", "id_mobile"),
        ("Home phone number", (data.get("home_phone") or "").strip() or "Not given", "id_home_phone"),
        ("Other phone number", (data.get("alternative_phone") or "").strip() or "Not given", "id_alternative_phone"),
        ("How you would like us to contact you", method, "id_preferred_method"),
        ("How we may contact you", ", ".join(allowed) or "None of these", "id_permissions"),
        ("Preferred language", (data.get("preferred_language") or "").strip() or "Not given", "id_preferred_language"),
        ("Interpreter needed", "Yes" if data.get("interpreter_needed") == "yes" else "No", "id_interpreter_needed"),
        (
            "What would make it easier for you",
            (data.get("accessibility_needs") or "").strip() or "Nothing given",
            "id_accessibility_needs",
        ),
    ]
    change = reverse("portal:contact_details_change")
    return [
        {"key": key, "value": value, "href": f"{change}#{anchor}"} for key, value, anchor in rows if anchor != "email"
    ]


@linked_customer_page
def contact_details(request: HttpRequest, customer: Customer) -> HttpResponse:
    contact = customer_selectors.contact_details_of(customer)
    return render(
        request,
        "portal/space/contact_details.html",
        {
            "customer": customer,
            "email": contact.email if contact else "",
            "answers": _answers(forms_space.contact_details_data(contact)),
            "active_nav": "account",
        },
    )


@linked_customer_page
@require_http_methods(["GET", "POST"])
def contact_details_change(request: HttpRequest, customer: Customer) -> HttpResponse:
    """The questions; a valid answer goes to check answers (kept in the session, not yet saved)."""
    if request.method == "POST":
        data: dict[str, Any] = {name: request.POST.get(name, "") for name in forms_space.ContactDetailsForm.base_fields}
        data["permissions"] = request.POST.getlist("permissions")
        form = _contact_form(customer, data)
        if form.is_valid():
            request.session[CHANGE_SESSION_KEY] = {"customer": customer.pk, "data": data}
            return redirect("portal:contact_details_check")
    else:
        pending = request.session.get(CHANGE_SESSION_KEY)
        form = _contact_form(customer)
        if pending and pending.get("customer") == customer.pk:
            # Back from check answers: what they typed, not what is saved.
            form.initial = pending["data"]
        else:
            form.initial = forms_space.contact_details_data(customer_selectors.contact_details_of(customer))
    fields = {name: field_params(form[name]) for name in form.fields}
    return render(
        request,
        "portal/space/contact_details_change.html",
        {"form": form, "fields": fields, "customer": customer, "email": form.email, "active_nav": "account"},
    )


@linked_customer_page
@require_http_methods(["GET", "POST"])
def contact_details_check(request: HttpRequest, customer: Customer) -> HttpResponse:
    pending = request.session.get(CHANGE_SESSION_KEY)
    if not pending or pending.get("customer") != customer.pk:
        return redirect("portal:contact_details_change")
    form = _contact_form(customer, pending["data"])
    if not form.is_valid():
        return redirect("portal:contact_details_change")
    if request.method == "POST":
        try:
            services.my_contact_details_set(actor=request.user, **form.service_fields())
        except ValidationError as error:
            # Something changed since the questions were answered: show them again, as typed.
            for name, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, problem)
            fields = {name: field_params(form[name]) for name in form.fields}
            return render(
                request,
                "portal/space/contact_details_change.html",
                {"form": form, "fields": fields, "customer": customer, "email": form.email, "active_nav": "account"},
            )
        del request.session[CHANGE_SESSION_KEY]
        messages.success(request, "Your contact details have been updated. Your advisers will see the change.")
        return redirect("portal:contact_details")
    return render(
        request,
        "portal/space/contact_details_check.html",
        {"answers": _answers(pending["data"]), "email": form.email, "customer": customer, "active_nav": "account"},
    )


# Records of conversations ---------------------------------------------------------------------


@linked_customer_page
def my_contacts(request: HttpRequest, customer: Customer) -> HttpResponse:
    page = selectors.my_contacts(
        customer, after=Cursor.parse(request.GET.get("after")), before=Cursor.parse(request.GET.get("before"))
    )
    return render(request, "portal/space/contacts.html", {"page": page, "customer": customer, "active_nav": "account"})


@linked_customer_page
def my_contact(request: HttpRequest, customer: Customer, pk: int) -> HttpResponse:
    interaction = selectors.my_contact(customer, pk)
    if interaction is None:
        raise Http404("No such conversation on your record.")
    sent = list(interaction.summaries_sent.all())
    return render(
        request,
        "portal/space/contact.html",
        {"interaction": interaction, "sent": sent, "customer": customer, "active_nav": "account"},
    )


# Things saved from the public pages --------------------------------------------------------------


@customer_page
@require_http_methods(["GET"])
def saved_list(request: HttpRequest) -> HttpResponse:
    """Everything the person saved, grouped by kind, each with a way to remove it; courses that
    have been withdrawn since are marked (one query for all of them)."""
    groups: dict[str, list[Any]] = {}
    saved_items = selectors.saved_items(request.user)
    for saved in saved_items:
        groups.setdefault(saved.get_kind_display(), []).append(saved)
    gone = course_selectors.runs_no_longer_offered(
        saved.key for saved in saved_items if saved.kind == SavedItem.Kind.COURSE
    )
    return render(
        request,
        "portal/space/saved.html",
        {"groups": groups, "courses_gone": gone},
    )


@customer_page
@require_http_methods(["POST"])
def saved_remove(request: HttpRequest) -> HttpResponse:
    kind, key = request.POST.get("kind", ""), request.POST.get("key", "")
    saved = next((item for item in selectors.saved_items(request.user, kind) if item.key == key), None)
    if saved is None:
        messages.info(request, "That was not in your saved list.")
    else:
        services.saved_item_remove(actor=request.user, kind=kind, key=key)
        messages.success(request, f"‘{saved.title}’ has been removed from your saved list.")
    return redirect("portal:saved_list")
