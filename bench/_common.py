"""Shared set-up for the benchmarks: a throwaway database filled by generate_load_data, a signed-in
adviser on Django's test Client (the real middleware), and timing with percentiles.

SQLite by default (a file in a temporary directory); PostgreSQL when DATABASE_URL is set, in which
case the named database is dropped and created afresh (use a name like bench_customer_search),
unless --existing says to use the data already there (generated once, benchmarked many times).
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

FLOOR_URL = "/workspace/bench-floor/"


def arguments(
    description: str, customers: int = 50_000, interactions: int = 500_000, concurrency: int = 1
) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--customers", type=int, default=customers)
    parser.add_argument("--interactions", type=int, default=interactions)
    parser.add_argument("--requests", type=int, default=300, help="timed requests per case")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards")
    parser.add_argument(
        "--existing",
        action="store_true",
        help="PostgreSQL: use the data already in DATABASE_URL's database (migrated, not regenerated, kept)",
    )
    parser.add_argument(
        "--concurrency", type=int, default=concurrency, help="requests in flight at once (worker processes)"
    )
    return parser.parse_args()


def _recreate_postgres(url: str) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    if not name.startswith("bench"):
        sys.exit(f"Refusing to drop database {name!r}: benchmark databases are named bench_…")
    admin = urlparse(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _drop_postgres(url: str) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin = urlparse(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database(options: argparse.Namespace) -> Iterator[str]:
    """Set up Django on a fresh database, migrate it and generate the data; yields the vendor."""
    url = os.environ.get("DATABASE_URL", "")
    if options.existing and not url:
        sys.exit("--existing needs DATABASE_URL (a PostgreSQL database filled by generate_load_data)")
    if url and not options.existing:
        _recreate_postgres(url)
    # The SQLite file (when there is no DATABASE_URL) and the collected static files live here.
    temporary = tempfile.TemporaryDirectory(prefix="signpost-bench-")
    os.environ["SIGNPOST_VAR_DIR"] = temporary.name
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "signpost.config.settings")
    os.environ.setdefault("SIGNPOST_DEMO", "true")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    logging.disable(logging.INFO)  # one log line per request would be timed too
    setup_test_environment()  # testserver host, in-memory email: what the test Client expects
    settings.ROOT_URLCONF = "bench.floor_urls"
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # pages link hashed asset names
    print(f"Migrated and collected static files in {time.monotonic() - started:.1f} s")
    if options.existing:
        from signpost.contacts.models import Interaction
        from signpost.customers.models import Customer

        options.customers = Customer.objects.count()
        options.interactions = Interaction.objects.count()
    else:
        call_command(
            "generate_load_data",
            customers=options.customers,
            interactions=options.interactions,
            seed=options.seed,
            batch=50_000,
        )
    try:
        yield connection.vendor
    finally:
        connection.close()
        if url and not options.keep and not options.existing:
            _drop_postgres(url)
        temporary.cleanup()


def signed_in_adviser() -> Any:
    """A Django test Client signed in as an adviser of the London organisation."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Group
    from django.test import Client

    from signpost.accounts.models import User
    from signpost.accounts.roles import Role
    from signpost.organisations.models import Organisation

    user, _ = User.objects.get_or_create(
        email="bench.adviser@bench.signpost.example",
        defaults={
            "given_name": "Bench",
            "family_name": "Adviser",
            "organisation": Organisation.objects.get(touchpoint_id="0000000103"),
            "is_demo": True,
        },
    )
    user.groups.set([Group.objects.get(name=Role.ADVISER)])
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, "BENCHMARKTOTPSECRET234567")  # staff need a second factor for the workspace
    client = Client()
    client.force_login(user)
    return client


@dataclass
class Timing:
    name: str
    seconds: list[float]
    # Concurrent runs: the wall-clock time of all the requests, for the throughput.
    wall: float | None = None

    def percentile(self, share: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]

    def row(self, floor: Timing | None = None) -> str:
        p50, p95, worst = self.percentile(0.5), self.percentile(0.95), max(self.seconds)
        rate = len(self.seconds) / (self.wall if self.wall is not None else sum(self.seconds))
        over = f"  p50 {p50 / floor.percentile(0.5):5.1f}× floor" if floor else ""
        return (
            f"{self.name:<48} p50 {p50 * 1000:7.2f} ms  p95 {p95 * 1000:7.2f} ms  "
            f"max {worst * 1000:7.2f} ms  {rate:8.0f}/s{over}"
        )


def time_calls(name: str, calls: list[Callable[[], Any]], warm_up: int = 10) -> Timing:
    for call in calls[:warm_up]:
        call()
    seconds = []
    for call in calls:
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return Timing(name, seconds)


_CALLS: list[Callable[[], Any]] = []


def _time_share(share: tuple[int, int]) -> list[float]:
    """In a worker process: time every ``step``-th call from ``first`` (after two to warm up)."""
    first, step = share
    mine = _CALLS[first::step]
    for call in mine[:2]:
        call()
    seconds = []
    for call in mine:
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return seconds


def time_concurrently(name: str, calls: list[Callable[[], Any]], concurrency: int) -> Timing:
    """``concurrency`` processes (forked, each with its own database connection) make the calls
    between them, each one after another, so that many requests are in flight at once."""
    if concurrency <= 1:
        return time_calls(name, calls)
    from django.db import connections

    _CALLS[:] = calls
    connections.close_all()  # each process opens its own
    context = multiprocessing.get_context("fork")
    started = time.perf_counter()
    with context.Pool(concurrency) as pool:
        shares = pool.map(_time_share, [(first, concurrency) for first in range(concurrency)])
    wall = time.perf_counter() - started
    return Timing(f"{name} ×{concurrency}", [seconds for share in shares for seconds in share], wall)


def checked_get(client: Any, url: str, data: dict[str, str] | None = None) -> Callable[[], Any]:
    def call() -> Any:
        response = client.get(url, data or {})
        if response.status_code != 200:
            raise SystemExit(f"{url} {data or ''} answered {response.status_code}")
        return response

    return call


def median_of(values: list[float]) -> float:
    return statistics.median(values)
