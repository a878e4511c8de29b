"""Typed reading of configuration from the environment.

Every setting that varies between deployments comes through here, so a bad value fails loudly at
start-up rather than surfacing later as odd behaviour. A secret may be given directly or as a path
in ``<NAME>_FILE`` (the container-secrets convention).
"""

from __future__ import annotations

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

# Only our own variables are read from files; other tools' *_FILE variables are left alone.
SECRET_PREFIXES = ("SIGNPOST_", "DATABASE_URL", "REDIS_URL")


def read_file_secrets() -> None:
    """Copy ``<NAME>_FILE`` contents into ``<NAME>`` for every such variable.

    Runs once at settings import; a file that cannot be read stops start-up. The ``_FILE``
    variable is then dropped, so processes we start (``serve``'s web server and workers) inherit
    the value once instead of seeing both names and refusing to start.
    """
    for name, value in list(os.environ.items()):
        if not name.endswith("_FILE") or not value or not name.startswith(SECRET_PREFIXES):
            continue
        target = name[: -len("_FILE")]
        if target in os.environ:
            raise ImproperlyConfigured(f"Set either {target} or {name}, not both.")
        try:
            os.environ[target] = Path(value).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name} points to a file that cannot be read: {error}") from error
        del os.environ[name]


read_file_secrets()
