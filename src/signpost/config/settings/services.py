"""Cache, channel layer, background tasks and notifications: embedded by default, Redis when set."""

from django.core.exceptions import ImproperlyConfigured

from .env import env

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "signpost",
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "signpost"},
        }
    }
else:
    # Django's default of 300 entries is soon full: the course search alone keeps every place
    # looked up and its counts per keyword and area, and a place dropped early costs a file read.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env.int("SIGNPOST_CACHE_MAX_ENTRIES", default=10_000)},
        }
    }
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "notifications"],
    }
}

# Where each kind of message goes: "outbox" stores it only (the default), "smtp" and "notify"
# deliver it as well. Every message is stored in the outbox whichever adapter delivers it.
NOTIFICATIONS_EMAIL_ADAPTER = env.str("SIGNPOST_EMAIL_ADAPTER", default="outbox")
NOTIFICATIONS_SMS_ADAPTER = env.str("SIGNPOST_SMS_ADAPTER", default="outbox")
NOTIFICATIONS_LETTER_ADAPTER = env.str("SIGNPOST_LETTER_ADAPTER", default="outbox")
NOTIFICATIONS_MAX_ATTEMPTS = env.int("SIGNPOST_NOTIFICATION_ATTEMPTS", default=5)

NOTIFY_API_KEY = env.str("SIGNPOST_NOTIFY_API_KEY", default="")
NOTIFY_BASE_URL = env.str("SIGNPOST_NOTIFY_BASE_URL", default="https://api.notifications.service.gov.uk")
NOTIFY_EMAIL_TEMPLATE_ID = env.str("SIGNPOST_NOTIFY_EMAIL_TEMPLATE_ID", default="")
NOTIFY_SMS_TEMPLATE_ID = env.str("SIGNPOST_NOTIFY_SMS_TEMPLATE_ID", default="")
NOTIFY_LETTER_TEMPLATE_ID = env.str("SIGNPOST_NOTIFY_LETTER_TEMPLATE_ID", default="")

# A mistyped adapter or a missing Notify key would otherwise surface only when a message fails.
_adapter_choices = {
    "SIGNPOST_EMAIL_ADAPTER": (NOTIFICATIONS_EMAIL_ADAPTER, {"outbox", "smtp", "notify"}, NOTIFY_EMAIL_TEMPLATE_ID),
    "SIGNPOST_SMS_ADAPTER": (NOTIFICATIONS_SMS_ADAPTER, {"outbox", "notify"}, NOTIFY_SMS_TEMPLATE_ID),
    "SIGNPOST_LETTER_ADAPTER": (NOTIFICATIONS_LETTER_ADAPTER, {"outbox", "notify"}, NOTIFY_LETTER_TEMPLATE_ID),
}
for _variable, (_adapter, _allowed, _template_id) in _adapter_choices.items():
    if _adapter not in _allowed:
        raise ImproperlyConfigured(f"{_variable} must be one of {', '.join(sorted(_allowed))}, not {_adapter!r}.")
    if _adapter == "notify" and not (NOTIFY_API_KEY and _template_id):
        _kind = _variable.split("_")[1]
        raise ImproperlyConfigured(
            f"{_variable}=notify needs SIGNPOST_NOTIFY_API_KEY and SIGNPOST_NOTIFY_{_kind}_TEMPLATE_ID."
        )

DEFAULT_FROM_EMAIL = env.str("SIGNPOST_FROM_EMAIL", default="no-reply@signpost.example")
_email = env.email_url("SIGNPOST_SMTP_URL", default="smtp://localhost:25")
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20

# Virus scanning of uploaded files (signpost.core.uploads): "clamav" asks a ClamAV daemon at
# SIGNPOST_CLAMAV_ADDRESS (host:port); "signature" finds only the EICAR test file and is for tests
# and the embedded default. Production must use ClamAV.
ANTIVIRUS_SCANNER = env.str(
    "SIGNPOST_ANTIVIRUS",
    default="clamav" if env.str("SIGNPOST_ENVIRONMENT", default="development") == "production" else "signature",
)
CLAMAV_ADDRESS = env.str("SIGNPOST_CLAMAV_ADDRESS", default="127.0.0.1:3310")
if ANTIVIRUS_SCANNER not in {"clamav", "signature"}:
    raise ImproperlyConfigured(f"SIGNPOST_ANTIVIRUS must be clamav or signature, not {ANTIVIRUS_SCANNER!r}.")
if ANTIVIRUS_SCANNER != "clamav" and env.str("SIGNPOST_ENVIRONMENT", default="development") == "production":
    raise ImproperlyConfigured("SIGNPOST_ANTIVIRUS must be clamav in production: uploads must be scanned for viruses.")

# Data protection (domain.md §9): a record with no contact for this many complete financial years
# (1 April to 31 March) is anonymised by the daily retention job; with the job switched off,
# `manage.py retention` still reports and anonymises on demand.
RETENTION_FINANCIAL_YEARS = env.int("SIGNPOST_RETENTION_FINANCIAL_YEARS", default=6)
if RETENTION_FINANCIAL_YEARS < 1:
    raise ImproperlyConfigured("SIGNPOST_RETENTION_FINANCIAL_YEARS must be at least 1.")
RETENTION_JOB_ENABLED = env.bool("SIGNPOST_RETENTION_JOB", default=True)

# The careers "describe what you enjoy" search needs its optional extra (`make install-embeddings`);
# with the extra installed, this switches it off (the page then points to the keyword search).
CAREERS_DESCRIBE_SEARCH = env.bool("SIGNPOST_CAREERS_DESCRIBE_SEARCH", default=True)
