"""Run the whole service: the ASGI web server, the background task workers and the scheduler.

Run one scheduler per deployment: start extra web/worker hosts with ``--no-scheduler``.

Ctrl-C (or SIGTERM) stops every process this command started.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Signpost (uvicorn) with task workers until interrupted."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--web-workers", type=int, default=int(os.environ.get("SIGNPOST_WEB_WORKERS", "1")))
        parser.add_argument("--task-workers", type=int, default=int(os.environ.get("SIGNPOST_TASK_WORKERS", "1")))
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            default=os.environ.get("SIGNPOST_SCHEDULER", "on").lower() in {"off", "false", "0", "no"},
            help="Do not start the scheduler (another host runs it).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        python = sys.executable
        manage = os.path.join(os.getcwd(), "manage.py")
        commands = [
            [
                python,
                "-m",
                "uvicorn",
                "signpost.config.asgi:application",
                "--host",
                options["host"],
                "--port",
                str(options["port"]),
                "--workers",
                str(options["web_workers"]),
                "--proxy-headers",
                "--no-server-header",
            ]
        ]
        commands += [
            [python, manage, "db_worker", "--worker-id", f"worker-{index}", "--queue-name", "*"]
            for index in range(1, options["task_workers"] + 1)
        ]
        if not options["no_scheduler"]:
            commands.append([python, manage, "scheduler"])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, ["src", os.environ.get("PYTHONPATH")]))}
        processes = [subprocess.Popen(command, env=env) for command in commands]  # noqa: S603
        self.stdout.write(
            f"Signpost is running on http://{options['host']}:{options['port']}/ "
            f"with {options['task_workers']} task worker(s)"
            f"{'' if options['no_scheduler'] else ' and the scheduler'}. Press Ctrl-C to stop."
        )
        stopping = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(process.poll() is None for process in processes):
                time.sleep(0.5)
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 10
            for process in processes:
                try:
                    process.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    process.kill()
        failed = [
            command[2]
            for command, process in zip(commands, processes, strict=True)
            if process.returncode not in (0, -signal.SIGTERM, None)
        ]
        if failed and not stopping:
            self.stderr.write(f"A process stopped unexpectedly: {failed}")
            sys.exit(1)
