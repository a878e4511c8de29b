"""Health endpoints and the styled error pages."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means not ready
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _render_error(request: HttpRequest, template: str, status: int) -> HttpResponse:
    # Some errors are raised before the authentication middleware has run (a bad Host header is
    # refused by CommonMiddleware), but the page layout asks whether someone is signed in.
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    return render(request, template, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render_error(request, "core/errors/400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render_error(request, "core/errors/403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render_error(request, "core/errors/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: the page must render even when the failure came from middleware.
    return HttpResponse(render_to_string("core/errors/500.html"), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # Usually a form left open too long or cookies blocked; say how to recover, not why in detail.
    return _render_error(request, "core/errors/csrf.html", 403)
