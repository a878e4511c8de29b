"""Framework wiring: apps, middleware, templates, static files, locale."""

from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .env import env

SRC_DIR = Path(__file__).resolve().parents[3]
PROJECT_DIR = SRC_DIR.parent
VAR_DIR = Path(env.str("SIGNPOST_VAR_DIR", default=str(PROJECT_DIR / "var")))
NODE_MODULES_DIR = PROJECT_DIR / "node_modules"

# development (the default, used by `make run`), test, or production.
ENVIRONMENT = env.str("SIGNPOST_ENVIRONMENT", default="development")
DEBUG = env.bool("SIGNPOST_DEBUG", default=False)
# Demo mode lets `load_demo_data` create the published demo accounts (shared TOTP secret).
DEMO_MODE = env.bool("SIGNPOST_DEMO", default=ENVIRONMENT != "production")

SERVICE_NAME = env.str("SIGNPOST_SERVICE_NAME", default="Signpost careers service")
SERVICE_PHONE = env.str("SIGNPOST_SERVICE_PHONE", default="0800 100 900")
SERVICE_HOURS = env.str("SIGNPOST_SERVICE_HOURS", default="8am to 10pm, 7 days a week")
SERVICE_EMAIL = env.str("SIGNPOST_SERVICE_EMAIL", default="help@signpost.example")
# The most a fee-paying advice session may cost, in pounds: never above what public funding pays
# for one (domain.md §6). Set it to the rate in the current funding agreement.
try:
    ADVICE_SESSION_PUBLIC_FUNDING_RATE = Decimal(
        env.str("SIGNPOST_ADVICE_SESSION_PUBLIC_FUNDING_RATE", default="45.00")
    )
except InvalidOperation:
    raise ImproperlyConfigured(
        "SIGNPOST_ADVICE_SESSION_PUBLIC_FUNDING_RATE must be an amount in pounds, like 45.00."
    ) from None

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "simple_history",
    "signpost.core",
    "signpost.search",
    "signpost.organisations",
    "signpost.customers",
    "signpost.contacts",
    "signpost.casework",
    "signpost.referrals",
    "signpost.courses",
    "signpost.plans",
    "signpost.space",
    "signpost.data_protection",
    "signpost.assessments",
    "signpost.careers",
    "signpost.funding",
    "signpost.accounts",
    "signpost.portal",
    "signpost.workspace",
    "signpost.api",
]

MIDDLEWARE = [
    "signpost.core.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "signpost.core.static_files.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "signpost.accounts.middleware.StaffSessionMiddleware",
]

ROOT_URLCONF = "signpost.config.urls"
ASGI_APPLICATION = "signpost.config.asgi.application"
WSGI_APPLICATION = "signpost.config.wsgi.application"

TEMPLATES = [
    {
        # Our pages are Jinja2 so the GOV.UK Frontend macros can be used as published.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "signpost.config.jinja2.environment",
            "trim_blocks": True,
            "lstrip_blocks": True,
        },
    },
    {
        # Kept for third-party templates we do not override (plain-text messages, API docs).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    ("govuk", NODE_MODULES_DIR / "govuk-frontend" / "dist" / "govuk"),
    ("moj", NODE_MODULES_DIR / "@ministryofjustice" / "frontend" / "moj"),
    ("htmx", NODE_MODULES_DIR / "htmx.org" / "dist"),
]
MEDIA_ROOT = Path(env.str("SIGNPOST_MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# The largest course directory CSV a provider may upload (about 3,000 rows a megabyte). The file
# streams to a temporary file on disk (signpost.core.uploads.SizeLimitHandler), so memory stays flat
# whatever the size; a web server or proxy in front must allow bodies this large too.
COURSE_UPLOAD_MAX_BYTES = env.int("SIGNPOST_COURSE_UPLOAD_MAX_MB", default=1024) * 1024 * 1024

_static_backend = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
    if ENVIRONMENT == "test"
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": _static_backend},
}
# Tests serve assets straight from node_modules; everything else serves what collectstatic built.
WHITENOISE_USE_FINDERS = ENVIRONMENT == "test"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

