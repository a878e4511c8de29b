"""The ASGI application a server loads: imports, checks start-up, and serves HTTP.

asgiref's ApplicationCommunicator speaks the ASGI protocol directly (channels.testing would
pull in daphne just for this).
"""

from __future__ import annotations

import json

import pytest
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator

pytestmark = pytest.mark.django_db


async def http_get(application, path: str) -> tuple[int, dict[bytes, bytes], bytes]:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
    start = await communicator.receive_output(10)
    body = b""
    while True:
        chunk = await communicator.receive_output(10)
        body += chunk.get("body", b"")
        if not chunk.get("more_body"):
            break
    await communicator.wait()
    return start["status"], dict(start["headers"]), body


def test_the_asgi_application_serves_healthz():
    # Imported here: importing runs the start-up check, which reads the database.
    from signpost.config.asgi import application

    status, headers, body = async_to_sync(http_get)(application, "/healthz")
    assert status == 200
    assert json.loads(body) == {"status": "ok"}
    assert headers[b"X-Content-Type-Options"] == b"nosniff"


def test_the_asgi_application_serves_the_styled_404():
    from signpost.config.asgi import application

    status, _, body = async_to_sync(http_get)(application, "/no-such-page/")
    assert status == 404
    assert b"Page not found" in body
    assert b"govuk-template" in body
