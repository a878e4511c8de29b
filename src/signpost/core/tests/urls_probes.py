"""A URLconf for tests: the real site plus views that fail or record on purpose.

Used with ``@pytest.mark.urls("signpost.core.tests.urls_probes")``; the error handlers are the
real site's, so the tests exercise the wiring users get.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from signpost.config import urls as site_urls
from signpost.core.audit import audit_record
from signpost.organisations.models import Organisation

LEAKY_DETAIL = "db password is hunter2 at /srv/secret/path"


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(LEAKY_DETAIL)


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(LEAKY_DETAIL)


def echo(request: HttpRequest, value: str) -> HttpResponse:
    return HttpResponse("ok")


def audited(request: HttpRequest, touchpoint_id: str) -> HttpResponse:
    organisation = Organisation.objects.get(touchpoint_id=touchpoint_id)
    event = audit_record(
        actor=request.user,
        action="organisation.viewed",
        target=organisation,
        reason="probe",
        details={"via": "test"},
    )
    return HttpResponse(str(event.pk))


urlpatterns = [
    path("probe/boom", boom),
    path("probe/forbidden", forbidden),
    path("probe/echo/<str:value>", echo),
    path("probe/audit/<str:touchpoint_id>", audited),
    *site_urls.urlpatterns,
]

handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500
