from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from signpost.workspace.access import staff_view


@staff_view()
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/home.html", {"active_nav": "home"})
