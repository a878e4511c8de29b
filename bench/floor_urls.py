"""The service's URLs plus a bare view: the floor a page is compared with (same middleware, no work).

Under /workspace/ so the staff checks (second factor, idle timeout) run for it as for the pages."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("workspace/bench-floor/", floor),
    path("", include("signpost.config.urls")),
]
