"""Request context for auditing, the request log line, and headers Django does not set itself."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from signpost.core.request_context import reset_ip_address, set_ip_address

request_logger = logging.getLogger("signpost.request")


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        token = set_ip_address(request.META.get("REMOTE_ADDR"))
        try:
            response = self.get_response(request)
        finally:
            reset_ip_address(token)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        self._log(request, response, started)
        return response

    @staticmethod
    def _log(request: HttpRequest, response: HttpResponse, started: float) -> None:
        # The route pattern, not the path: paths and query strings can carry personal data.
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        fields = {
            "method": request.method,
            "route": match.route if match else "unmatched",
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "user_id": user.pk if user is not None and user.is_authenticated else None,
        }
        # The facts go in the message too: the text format prints only the message, not extras.
        request_logger.info("%(method)s %(route)s %(status)s %(duration_ms)sms", fields, extra=fields)
