"""Cache, channel layer, background tasks and notifications: embedded by default, Redis when set."""

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
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
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

DEFAULT_FROM_EMAIL = env.str("SIGNPOST_FROM_EMAIL", default="no-reply@signpost.example")
_email = env.email_url("SIGNPOST_SMTP_URL", default="smtp://localhost:25")
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20
