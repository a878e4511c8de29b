"""Run the scheduled jobs (signpost.core.scheduling): enqueue each when due, until interrupted.

``--once`` checks once and exits, for running from cron instead of as a long-lived process.
"""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from signpost.core import scheduling


class Command(BaseCommand):
    help = "Enqueue scheduled jobs (retention, reminders, daily reports) when they are due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Enqueue what is due now, then exit.")
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between checks (default 30).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            self._enqueue_due()
            return
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        self._enqueue_due()
        for job in scheduling.schedule_overview():
            next_run = timezone.localtime(job["next_run_at"]).strftime("%Y-%m-%d %H:%M") if job["next_run_at"] else "-"
            self.stdout.write(f"Scheduled: {job['name']} ({job['schedule']}), next run {next_run}")
        while not stop.wait(options["interval"]):
            # A long-lived process must not keep a connection the database has since dropped.
            close_old_connections()
            self._enqueue_due()

    def _enqueue_due(self) -> None:
        for name in scheduling.run_due_jobs():
            self.stdout.write(f"{timezone.localtime():%Y-%m-%d %H:%M:%S} enqueued {name}")
