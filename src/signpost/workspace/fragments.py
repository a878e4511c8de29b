"""Pieces of a page that depend only on a few inputs (not on the person or the data), rendered
once per process for each set of inputs and reused.

GOV.UK macros are costly to call, and a busy list page would otherwise rebuild the same filter
fields on every request. The cache is per process, so a new release never serves old HTML; the
template file's modification time is part of the key so edits show at once in development.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from threading import Lock
from typing import Any

from django.http import HttpRequest
from django.template.loader import get_template
from markupsafe import Markup

# Filter fields have a few hundred combinations at most; bound the memory all the same.
MAX_FRAGMENTS = 512

_fragments: OrderedDict[tuple[str, int, str], Markup] = OrderedDict()
_lock = Lock()


def reusable_fragment(request: HttpRequest, template_name: str, context: dict[str, Any], *, key: str | None) -> Markup:
    """The template rendered with ``context``; ``key`` must name everything the HTML depends on,
    or be None for a one-off (a form showing errors, say), which is rendered and not kept."""
    template = get_template(template_name)
    if key is None:
        return Markup(template.render(context, request))  # noqa: S704  # nosec B704 - an autoescaped template's output
    origin = getattr(template, "origin", None)
    version = os.stat(origin.name).st_mtime_ns if origin is not None and origin.name else 0
    cache_key = (template_name, version, key)
    with _lock:
        if cache_key in _fragments:
            _fragments.move_to_end(cache_key)
            return _fragments[cache_key]
    html = Markup(template.render(context, request))  # noqa: S704  # nosec B704 - an autoescaped template's output
    with _lock:
        _fragments[cache_key] = html
        while len(_fragments) > MAX_FRAGMENTS:
            _fragments.popitem(last=False)
    return html
