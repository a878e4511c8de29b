"""Helpers for tests that start real processes or servers on the loopback interface."""

from __future__ import annotations

import os
import secrets
import socket
import string
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[4]

# Variables our settings read; a child process must see only what the test gives it, not
# whatever the suite itself runs with (e.g. DATABASE_URL on the PostgreSQL run).
_OURS = ("SIGNPOST_", "DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")


# A production-grade secret: 60 characters, many distinct (what `check --deploy` looks for).
GOOD_SECRET = "".join(secrets.choice(string.ascii_letters + string.digits + "!@#%^&*(-_=+)") for _ in range(60))


def clean_env(var_dir: Path, **overrides: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith(_OURS)}
    env.update(
        {
            "PYTHONPATH": "src",
            "DJANGO_SETTINGS_MODULE": "signpost.config.settings",
            "SIGNPOST_VAR_DIR": str(var_dir),
        }
    )
    env.update(overrides)
    return env


def production_env(var_dir: Path, **overrides: str) -> dict[str, str]:
    """A production environment that should start; tests spoil one thing at a time."""
    return clean_env(
        var_dir,
        SIGNPOST_ENVIRONMENT="production",
        SIGNPOST_SECRET_KEY=GOOD_SECRET,
        SIGNPOST_DEMO="false",
        SIGNPOST_ALLOWED_HOSTS="signpost.example",
        **overrides,
    )


def run_python(code: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - fixed interpreter, test-controlled code
        [sys.executable, "-c", code], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )


def run_manage(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )


def free_port() -> int:
    """A loopback port nobody is listening on (the kernel picks it; we release it at once)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
