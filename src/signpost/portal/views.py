from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from signpost.space import selectors as space_selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


def information_page(request: HttpRequest, page: str) -> HttpResponse:
    return render(request, f"portal/information/{page}.html")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    if request.user.is_staff_member:  # type: ignore[union-attr]
        return redirect("workspace:home")
    link = space_selectors.account_link_of(request.user)
    record = space_selectors.linked_customer(request.user) if link else None
    return render(request, "portal/account.html", {"active_nav": "account", "link": link, "record": record})
