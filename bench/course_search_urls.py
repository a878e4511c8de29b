"""The service's URLs plus a bare public view: the floor the course search page is compared with
(same middleware, no work, no sign-in: course search is public)."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench-floor-public/", floor),
    path("", include("signpost.config.urls")),
]
