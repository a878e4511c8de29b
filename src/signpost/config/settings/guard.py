"""Start-up refusal: production never runs with debug, the development secret or demo mode."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured


def refuse_unsafe_production(settings: dict[str, Any]) -> None:
    if settings["ENVIRONMENT"] not in {"development", "test", "production"}:
        raise ImproperlyConfigured("SIGNPOST_ENVIRONMENT must be development, test or production.")
    if settings["ENVIRONMENT"] != "production":
        return
    problems = []
    if settings["DEBUG"]:
        problems.append("SIGNPOST_DEBUG is on")
    secret = settings["SECRET_KEY"]
    if secret == settings["INSECURE_SECRET_KEY"] or len(secret) < 50 or secret.startswith("django-insecure"):
        problems.append("SIGNPOST_SECRET_KEY is missing, the development default, or shorter than 50 characters")
    if settings["DEMO_MODE"]:
        problems.append("SIGNPOST_DEMO is on")
    if not settings["ALLOWED_HOSTS"]:
        problems.append("SIGNPOST_ALLOWED_HOSTS is empty")
    if problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(problems) + ".")
