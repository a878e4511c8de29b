"""Health endpoints, security headers, styled error pages and the request log line."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re

import pytest
from django.test import RequestFactory
from pythonjsonlogger.json import JsonFormatter

from signpost.core.tests.support import clean_env, free_port, run_python
from signpost.core.tests.urls_probes import LEAKY_DETAIL
from signpost.core.views import server_error

pytestmark = pytest.mark.django_db


def test_healthz_says_the_process_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_says_the_database_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_readyz_is_503_when_the_database_cannot_be_reached_but_healthz_stays_up(tmp_path):
    # A real PostgreSQL URL whose port has no server behind it: the connection is refused.
    env = clean_env(
        tmp_path, SIGNPOST_ENVIRONMENT="test", DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/x"
    )
    code = (
        "import django; django.setup()\nfrom django.test import Client\nclient = Client()\n"
        "for path in ('/readyz', '/healthz'):\n"
        "    response = client.get(path); print(response.status_code, response.content.decode())\n"
    )
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    ready, healthy = result.stdout.strip().splitlines()
    assert ready == '503 {"status": "unavailable", "database": "unreachable"}'
    assert healthy == '200 {"status": "ok"}'


# --- security headers ---------------------------------------------------------------------------


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_pages_carry_the_security_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_every_inline_script_on_a_page_is_allowed_by_its_hash(client):
    # Without 'unsafe-inline' a browser runs an inline script only if the CSP names its hash;
    # a drifted hash silently breaks GOV.UK Frontend's JavaScript detection.
    response = client.get("/")
    script_src = csp_directives(response["Content-Security-Policy"])["script-src"]
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", response.content.decode(), re.S)
    assert inline_scripts, "expected GOV.UK Frontend's inline support script"
    for script in inline_scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src, script


# --- error pages --------------------------------------------------------------------------------


def test_unknown_page_shows_the_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert re.search(r"<h1[^>]*>\s*Page not found\s*</h1>", html)
    assert "govuk-template" in html
    assert "<title>Page not found" in html


def test_server_error_handler_renders_the_styled_page_without_details():
    response = server_error(RequestFactory().get("/anything"))
    assert response.status_code == 500
    html = response.content.decode()
    assert re.search(r"<h1[^>]*>\s*Sorry, there is a problem with the service\s*</h1>", html)
    assert "govuk-template" in html


@pytest.mark.urls("signpost.core.tests.urls_probes")
def test_an_unhandled_exception_shows_the_styled_500_without_leaking_details(client):
    client.raise_request_exception = False
    response = client.get("/probe/boom")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "govuk-template" in html
    assert LEAKY_DETAIL not in html
    assert "RuntimeError" not in html
    assert "Traceback" not in html


@pytest.mark.urls("signpost.core.tests.urls_probes")
def test_permission_denied_shows_the_styled_403(client):
    response = client.get("/probe/forbidden")
    assert response.status_code == 403
    html = response.content.decode()
    assert re.search(r"<h1[^>]*>\s*You do not have permission to see this page\s*</h1>", html)
    assert "govuk-template" in html
    assert LEAKY_DETAIL not in html


def test_a_request_for_an_unknown_host_shows_the_styled_400(client):
    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r"<h1[^>]*>\s*Sorry, there is a problem with your request\s*</h1>", html)
    assert "govuk-template" in html
    assert "attacker.example" not in html


# --- request log --------------------------------------------------------------------------------


def request_records(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "signpost.request"]


@pytest.mark.urls("signpost.core.tests.urls_probes")
def test_request_log_names_the_route_not_the_path_or_query(client, caplog):
    caplog.set_level(logging.INFO, logger="signpost.request")
    response = client.get("/probe/echo/jane.doe@example.com?email=jane.doe%40example.com&postcode=LS1+1AA")
    assert response.status_code == 200

    [record] = request_records(caplog)
    assert (record.method, record.route, record.status) == ("GET", "probe/echo/<str:value>", 200)
    # As production writes it: one JSON line, and nothing that came from the URL.
    line = JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s").format(record)
    assert json.loads(line)["route"] == "probe/echo/<str:value>"
    for personal in ("jane.doe", "example.com", "LS1", "email="):
        assert personal not in line


@pytest.mark.urls("signpost.core.tests.urls_probes")
def test_request_log_line_is_readable_in_the_text_format(client, caplog, settings):
    # Outside production the console shows the text format, which prints only the message.
    caplog.set_level(logging.INFO, logger="signpost.request")
    client.get("/probe/echo/jane.doe@example.com?email=jane.doe%40example.com")
    [record] = request_records(caplog)
    line = logging.Formatter(settings.LOGGING["formatters"]["text"]["format"]).format(record)
    assert "GET probe/echo/<str:value> 200" in line
    assert "jane.doe" not in line


def test_request_log_for_an_unknown_page(client, caplog):
    caplog.set_level(logging.INFO, logger="signpost.request")
    client.get("/no-such-page/?email=jane.doe@example.com")
    [record] = request_records(caplog)
    assert (record.method, record.route, record.status) == ("GET", "unmatched", 404)
    assert "jane.doe" not in JsonFormatter().format(record)


def test_request_log_records_the_signed_in_user_id_not_their_email(client, caplog):
    from tests.factories import make_customer

    user = make_customer(email="pat.jones@example.com")
    client.force_login(user)
    caplog.set_level(logging.INFO, logger="signpost.request")
    client.post("/healthz")
    [record] = request_records(caplog)
    assert (record.method, record.route, record.status, record.user_id) == ("POST", "healthz", 200, user.pk)
    assert "pat.jones" not in JsonFormatter().format(record)
