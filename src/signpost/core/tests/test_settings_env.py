"""Settings read from the environment, in fresh processes as a deployment would start them."""

from __future__ import annotations

import json

import pytest

from signpost.core.tests.support import GOOD_SECRET, clean_env, production_env, run_manage, run_python

SETUP = "import django; django.setup()"


@pytest.fixture
def production(tmp_path):
    return production_env(tmp_path)


def print_settings(env: dict[str, str], expression: str) -> object:
    result = run_python(f"{SETUP}\nimport json\nfrom django.conf import settings\nprint(json.dumps({expression}))", env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_with_every_default_refuses_to_start_and_names_each_problem(tmp_path):
    env = clean_env(tmp_path, SIGNPOST_ENVIRONMENT="production", SIGNPOST_DEBUG="true", SIGNPOST_DEMO="true")
    result = run_python(SETUP, env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Refusing to start in production" in result.stderr
    for problem in (
        "SIGNPOST_DEBUG is on",
        "SIGNPOST_SECRET_KEY is missing, the development default, or shorter than 50 characters",
        "SIGNPOST_DEMO is on",
        "SIGNPOST_ALLOWED_HOSTS is empty",
    ):
        assert problem in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "problem"),
    [
        ("SIGNPOST_DEBUG", "true", "SIGNPOST_DEBUG is on"),
        ("SIGNPOST_SECRET_KEY", "too-short-a-secret", "SIGNPOST_SECRET_KEY is missing"),
        ("SIGNPOST_SECRET_KEY", "django-insecure-" + "x" * 50, "SIGNPOST_SECRET_KEY is missing"),
        ("SIGNPOST_SECRET_KEY", "django-insecure-signpost-development-only", "SIGNPOST_SECRET_KEY is missing"),
        ("SIGNPOST_DEMO", "true", "SIGNPOST_DEMO is on"),
        ("SIGNPOST_ALLOWED_HOSTS", "", "SIGNPOST_ALLOWED_HOSTS is empty"),
    ],
)
def test_production_refuses_each_unsafe_setting_on_its_own(production, variable, value, problem):
    production[variable] = value
    result = run_python(SETUP, production)
    assert result.returncode != 0
    assert problem in result.stderr
    assert result.stderr.count("SIGNPOST_") == result.stderr.count(variable), "only the spoiled setting is named"


def test_an_unknown_environment_is_refused(tmp_path):
    result = run_python(SETUP, clean_env(tmp_path, SIGNPOST_ENVIRONMENT="staging"))
    assert result.returncode != 0
    assert "SIGNPOST_ENVIRONMENT must be development, test or production" in result.stderr


def test_a_properly_configured_production_starts_with_secure_cookies_and_hsts(production):
    values = print_settings(
        production,
        "[settings.DEBUG, settings.ALLOWED_HOSTS, settings.SECURE_HSTS_SECONDS, settings.SECURE_SSL_REDIRECT,"
        " settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_SECURE,"
        " settings.LOGGING['handlers']['console']['formatter']]",
    )
    assert values == [False, ["signpost.example"], 63072000, True, True, "__Host-signpost-session", True, "json"]


def test_deploy_checks_pass_in_production(production):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_development_default_needs_no_variables(tmp_path):
    values = print_settings(
        clean_env(tmp_path), "[settings.ENVIRONMENT, settings.DEBUG, settings.DEMO_MODE, settings.SECRET_KEY]"
    )
    assert values == ["development", False, True, "django-insecure-signpost-development-only"]


# --- secrets from files -------------------------------------------------------------------------


def test_a_secret_is_read_from_its_file(production, tmp_path):
    secret_file = tmp_path / "secret_key"
    secret_file.write_text(GOOD_SECRET + "\n", encoding="utf-8")  # files usually end with a newline
    del production["SIGNPOST_SECRET_KEY"]
    production["SIGNPOST_SECRET_KEY_FILE"] = str(secret_file)
    assert print_settings(production, "settings.SECRET_KEY") == GOOD_SECRET


def test_the_database_url_is_read_from_its_file(tmp_path):
    url_file = tmp_path / "database_url"
    url_file.write_text("postgres://signpost:s3cret@db.internal:5433/signpost\n", encoding="utf-8")
    env = clean_env(tmp_path, DATABASE_URL_FILE=str(url_file))
    database = print_settings(env, "settings.DATABASES['default']")
    assert (database["HOST"], database["PORT"], database["PASSWORD"]) == ("db.internal", 5433, "s3cret")


def test_setting_a_secret_and_its_file_together_is_refused(production, tmp_path):
    secret_file = tmp_path / "secret_key"
    secret_file.write_text(GOOD_SECRET, encoding="utf-8")
    production["SIGNPOST_SECRET_KEY_FILE"] = str(secret_file)
    result = run_python(SETUP, production)
    assert result.returncode != 0
    assert "Set either SIGNPOST_SECRET_KEY or SIGNPOST_SECRET_KEY_FILE, not both." in result.stderr


def test_an_unreadable_secret_file_stops_start_up(production, tmp_path):
    del production["SIGNPOST_SECRET_KEY"]
    production["SIGNPOST_SECRET_KEY_FILE"] = str(tmp_path / "missing")
    result = run_python(SETUP, production)
    assert result.returncode != 0
    assert "SIGNPOST_SECRET_KEY_FILE points to a file that cannot be read" in result.stderr


# --- notifications adapters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"SIGNPOST_EMAIL_ADAPTER": "smpt"}, "SIGNPOST_EMAIL_ADAPTER must be one of notify, outbox, smtp, not 'smpt'"),
        ({"SIGNPOST_SMS_ADAPTER": "smtp"}, "SIGNPOST_SMS_ADAPTER must be one of notify, outbox, not 'smtp'"),
        (
            {"SIGNPOST_LETTER_ADAPTER": "notify", "SIGNPOST_NOTIFY_API_KEY": "key"},
            "SIGNPOST_LETTER_ADAPTER=notify needs SIGNPOST_NOTIFY_API_KEY and SIGNPOST_NOTIFY_LETTER_TEMPLATE_ID",
        ),
        (
            {"SIGNPOST_EMAIL_ADAPTER": "notify", "SIGNPOST_NOTIFY_EMAIL_TEMPLATE_ID": "t"},
            "SIGNPOST_EMAIL_ADAPTER=notify needs SIGNPOST_NOTIFY_API_KEY",
        ),
    ],
)
def test_a_notifications_adapter_that_cannot_work_stops_start_up(tmp_path, variables, message):
    result = run_python(SETUP, clean_env(tmp_path, **variables))
    assert result.returncode != 0
    assert message in result.stderr


def test_notify_adapters_start_when_configured(tmp_path):
    env = clean_env(
        tmp_path,
        SIGNPOST_EMAIL_ADAPTER="smtp",
        SIGNPOST_SMS_ADAPTER="notify",
        SIGNPOST_NOTIFY_API_KEY="key",
        SIGNPOST_NOTIFY_SMS_TEMPLATE_ID="t",
    )
    values = print_settings(env, "[settings.NOTIFICATIONS_EMAIL_ADAPTER, settings.NOTIFICATIONS_SMS_ADAPTER]")
    assert values == ["smtp", "notify"]


# --- database, cache and channel layer ----------------------------------------------------------


def test_database_url_selects_postgresql(tmp_path):
    env = clean_env(tmp_path, DATABASE_URL="postgres://signpost@db.internal:5432/signpost")
    database = print_settings(env, "settings.DATABASES['default']")
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["HOST"]) == ("signpost", "signpost", "db.internal")
    assert database["CONN_HEALTH_CHECKS"] is True


def test_the_embedded_database_is_a_sqlite_file_in_wal_mode(tmp_path):
    code = (
        f"{SETUP}\nfrom django.conf import settings\nfrom django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    print(settings.DATABASES['default']['NAME'])\n"
        "    for pragma in ('journal_mode', 'synchronous', 'foreign_keys'):\n"
        "        c.execute(f'PRAGMA {pragma}'); print(c.fetchone()[0])\n"
    )
    result = run_python(code, clean_env(tmp_path))
    assert result.returncode == 0, result.stderr
    name, journal_mode, synchronous, foreign_keys = result.stdout.split()
    assert name == str(tmp_path / "signpost.sqlite3")
    assert (journal_mode, synchronous, foreign_keys) == ("wal", "1", "1")  # 1 = NORMAL
    # WAL is recorded in the file itself (header bytes 18 and 19 are 2), so every process gets it.
    assert (tmp_path / "signpost.sqlite3").read_bytes()[18:20] == bytes([2, 2])


def test_without_redis_the_cache_and_channel_layer_are_in_process(tmp_path):
    backends = print_settings(
        clean_env(tmp_path),
        "[settings.CACHES['default']['BACKEND'], settings.CHANNEL_LAYERS['default']['BACKEND']]",
    )
    assert backends == ["django.core.cache.backends.locmem.LocMemCache", "channels.layers.InMemoryChannelLayer"]


def test_the_in_process_cache_holds_more_than_djangos_300_entries_and_can_be_sized(tmp_path):
    expression = "settings.CACHES['default']['OPTIONS']['MAX_ENTRIES']"
    assert print_settings(clean_env(tmp_path), expression) == 10_000
    assert print_settings(clean_env(tmp_path, SIGNPOST_CACHE_MAX_ENTRIES="2500"), expression) == 2500


def test_redis_url_moves_the_cache_and_channel_layer_to_redis(tmp_path):
    url = "redis://127.0.0.1:6379/5"
    code = (
        f"{SETUP}\nimport json, uuid\nfrom django.conf import settings\nfrom django.core.cache import cache\n"
        "key = f'settings-test-{uuid.uuid4()}'\ncache.set(key, 'round trip', 30)\n"
        "print(json.dumps([settings.CACHES['default'], settings.CHANNEL_LAYERS['default'], cache.get(key)]))\n"
        "cache.delete(key)\n"
    )
    result = run_python(code, clean_env(tmp_path, REDIS_URL=url))
    assert result.returncode == 0, result.stderr
    cache, layer, round_trip = json.loads(result.stdout)
    assert (cache["BACKEND"], cache["LOCATION"]) == ("django_redis.cache.RedisCache", url)
    assert layer["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    assert layer["CONFIG"] == {"hosts": [url], "prefix": "signpost"}
    assert round_trip == "round trip"  # the real Redis answered
