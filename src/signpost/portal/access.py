"""Who may open the customer's online-space pages: deny by default.

Customer pages are for customers: anonymous visitors are sent to sign in, staff are refused (they
see records in the workspace, where every read is audited), and pages about the record need an
account linked to one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from signpost.space import selectors

View = Callable[..., HttpResponse]


def customer_page(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user: Any = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if user.is_staff_member:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def linked_customer_page(view: View) -> View:
    """A customer page about their record; ``customer`` (theirs, never another's) is passed in."""

    @customer_page
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        customer = selectors.linked_customer(request.user)
        if customer is None:
            return redirect("portal:account")
        return view(request, customer, *args, **kwargs)

    return wrapped
