"""Deny-by-default access to workspace pages: signed-in staff, second factor, named permission."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from signpost.accounts.roles import VIEW_CUSTOMERS, WORKSPACE

View = Callable[..., HttpResponse]


def staff_view(*permissions: str, providers_too: bool = False) -> Callable[[View], View]:
    """Allow only active staff holding the workspace permission and every permission named.

    Workspace pages are for the delivering organisations' staff, who share the customer record.
    ``providers_too`` opens a page to college and training-provider staff as well (the workspace
    home and the course directory), who must never reach a customer.
    """
    required = [WORKSPACE, *permissions] if providers_too else [WORKSPACE, VIEW_CUSTOMERS, *permissions]

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect(f"{reverse('workspace:sign_in')}?{urlencode({'next': request.get_full_path()})}")
            if not user.is_staff_member or not user.has_perms(required):  # type: ignore[union-attr]
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
