"""`manage.py serve` end to end: a real web server and task worker, stopped cleanly by Ctrl-C."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from signpost.core.tests.support import PROJECT_DIR, clean_env, free_port, production_env, run_manage, run_python


def children_of(pid: int) -> dict[int, str]:
    """Live child processes of ``pid`` with their command lines, from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        # Fields after the command name (which may contain spaces) start at the last ")".
        state, parent = stat.rsplit(")", 1)[1].split()[:2]
        if int(parent) == pid and state != "Z":
            found[int(entry.name)] = cmdline
    return found


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; it only waits to be reaped


def healthz_status(port: int) -> int | None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


@pytest.fixture(scope="module")
def migrated_env(tmp_path_factory):
    """An environment with its own migrated SQLite file, shared by this module's runs."""
    env = clean_env(tmp_path_factory.mktemp("serve-var"))
    migrated = run_manage("migrate", "--noinput", "-v0", env=env)
    assert migrated.returncode == 0, migrated.stderr
    return env


def start_serve(env: dict[str, str]) -> tuple[subprocess.Popen[str], int]:
    """Start `manage.py serve` and return once it answers /healthz over real HTTP."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "serve", "--port", str(port), "--task-workers", "1"],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so signalling it never reaches pytest
    )
    deadline = time.monotonic() + 20
    while healthz_status(port) != 200:
        if server.poll() is not None:
            pytest.fail(f"serve stopped before answering: {server.communicate()[1][-3000:]}")
        if time.monotonic() > deadline:
            kill_all(server, children_of(server.pid))
            pytest.fail("serve did not answer /healthz within 20 seconds")
        time.sleep(0.1)
    return server, port


def kill_all(server: subprocess.Popen[str], children: dict[int, str]) -> None:
    """Never leave processes behind when a test fails part-way."""
    for pid in [server.pid, *children]:
        if is_running(pid):
            os.kill(pid, signal.SIGKILL)
    if server.poll() is None:
        server.wait(5)


needs_proc = pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find child processes")


@needs_proc
@pytest.mark.parametrize(
    "whole_group",
    [
        pytest.param(True, id="ctrl-c-in-a-terminal"),  # the terminal signals every process in the group
        pytest.param(False, id="signal-to-serve-only"),  # e.g. `kill -INT`: serve must pass it on
    ],
)
def test_serve_runs_the_web_server_and_a_worker_and_ctrl_c_stops_them_all(migrated_env, whole_group):
    server, port = start_serve(migrated_env)
    children = children_of(server.pid)
    try:
        assert any("uvicorn" in command for command in children.values()), children
        assert any("db_worker" in command for command in children.values()), children
        assert any("scheduler" in command for command in children.values()), children

        if whole_group:
            os.killpg(server.pid, signal.SIGINT)
        else:
            server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=15)
        assert server.returncode == 0, stderr
        assert "stopped unexpectedly" not in stderr
        deadline = time.monotonic() + 5
        while any(is_running(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in children if is_running(pid)], "a child outlived serve"
        assert healthz_status(port) is None
    finally:
        kill_all(server, children)


@needs_proc
def test_serve_starts_its_processes_when_secrets_come_from_files(migrated_env, tmp_path):
    # serve's own settings import has already copied the file into SIGNPOST_SECRET_KEY; the
    # web server and worker it starts must still see a configuration they accept.
    secret_file = tmp_path / "secret_key"
    secret_file.write_text("x" * 60, encoding="utf-8")
    server, _ = start_serve({**migrated_env, "SIGNPOST_SECRET_KEY_FILE": str(secret_file)})
    children = children_of(server.pid)
    try:
        workers = [pid for pid, command in children.items() if "db_worker" in command]
        assert workers, children
        # The worker is slower to start than the web server; give it time to fail if it will.
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and all(is_running(pid) for pid in workers):
            time.sleep(0.1)
        assert all(is_running(pid) for pid in workers), "the task worker did not start"
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=15)
        assert server.returncode == 0, stderr
    finally:
        kill_all(server, children)


def test_the_asgi_application_refuses_to_load_in_production_while_demo_accounts_exist(migrated_env):
    production = production_env(Path(migrated_env["SIGNPOST_VAR_DIR"]))
    load = "import signpost.config.asgi; print('loaded')"
    assert run_python(load, production).stdout.strip() == "loaded"

    setup = "import django; django.setup()\nfrom signpost.accounts.models import User\n"
    created = run_python(setup + "User.objects.create(email='demo@signpost.example', is_demo=True)", migrated_env)
    assert created.returncode == 0, created.stderr
    try:
        refused = run_python(load, production)
        assert refused.returncode != 0
        assert "Refusing to start in production: demo accounts exist" in refused.stderr
    finally:
        run_python(setup + "User.objects.filter(is_demo=True).delete()", migrated_env)
