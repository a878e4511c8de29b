"""Logging: one JSON line per request in production, readable lines elsewhere; no personal data."""

from .base import ENVIRONMENT
from .env import env

LOG_LEVEL = env.str("SIGNPOST_LOG_LEVEL", default="INFO")
LOG_FORMAT = env.str("SIGNPOST_LOG_FORMAT", default="json" if ENVIRONMENT == "production" else "text")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own request logger repeats the path with query string; ours replaces it.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "uvicorn.access": {"level": "WARNING"},
    },
}
