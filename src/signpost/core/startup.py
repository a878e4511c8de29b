"""Checks made when the web server starts."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_demo_accounts_in_production() -> None:
    if settings.ENVIRONMENT != "production":
        return
    from django.contrib.auth import get_user_model

    if get_user_model().objects.filter(is_demo=True).exists():
        raise ImproperlyConfigured(
            "Refusing to start in production: demo accounts exist. Remove them with "
            "`manage.py remove_demo_data`."
        )
