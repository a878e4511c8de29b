"""The Jinja2 environment for every page: GOV.UK Frontend macros, URL and static helpers."""

from collections import Counter
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import json_script as django_json_script
from django.utils.safestring import SafeString
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape

from signpost.core import govuk_forms
from signpost.workspace.navigation import workspace_navigation


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def local_datetime(value: Any, fmt: str = "%-d %B %Y at %H:%M") -> str:
    """Show a stored UTC time in Europe/London (architecture.md, time rule)."""
    if value is None:
        return ""
    return timezone.localtime(value).strftime(fmt)


def mfa_enabled(user: Any) -> bool:
    from allauth.mfa.utils import is_mfa_enabled

    return bool(user.is_authenticated and is_mfa_enabled(user))


def json_script(value: Any, element_id: str) -> SafeString:
    """Data for a page's script as <script type="application/json">: never run, so the CSP allows it."""
    return django_json_script(value, element_id)


def authenticator_types(user: Any) -> Counter[str]:
    """How many of each kind of second factor a person has ("totp", "webauthn", "recovery_codes")."""
    from allauth.mfa.models import Authenticator

    if user is None or not user.pk:
        return Counter()
    return Counter(Authenticator.objects.filter(user_id=user.pk).values_list("type", flat=True))


def can_remove_authenticator(authenticator: Any) -> bool:
    """Whether the MFA adapter lets this second factor be removed (staff keep their app)."""
    from allauth.mfa.adapter import get_adapter

    return get_adapter().can_delete_authenticator(authenticator)


def environment(**options: Any) -> Environment:
    # Django passes a loader over the apps' jinja2/ folders; the GOV.UK macros load from their package.
    options["loader"] = ChoiceLoader(
        [
            options["loader"],
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")}),
        ]
    )
    options.setdefault("extensions", []).append("jinja2.ext.do")
    # Escape HTML pages; leave plain-text messages (*.txt) as written so links survive intact.
    # (bandit cannot see that autoescape is set through the options, hence the nosec.)
    options["autoescape"] = select_autoescape(enabled_extensions=("html", "xml"), default=False)
    env = Environment(**options)  # noqa: S701  # nosec B701
    env.globals.update(
        {
            "static": static,
            "static_url": settings.STATIC_URL,
            "url": url,
            "get_messages": get_messages,
            "mfa_enabled": mfa_enabled,
            "json_script": json_script,
            "authenticator_types": authenticator_types,
            "can_remove_authenticator": can_remove_authenticator,
            "session_cookie_name": settings.SESSION_COOKIE_NAME,
            "csrf_cookie_name": settings.CSRF_COOKIE_NAME,
            "service_name": settings.SERVICE_NAME,
            "service_phone": settings.SERVICE_PHONE,
            "service_hours": settings.SERVICE_HOURS,
            "service_email": settings.SERVICE_EMAIL,
            "govuk_field": govuk_forms.field_params,
            "govuk_error_summary": govuk_forms.error_summary_params,
            "form_has_errors": govuk_forms.has_errors,
            "workspace_navigation": workspace_navigation,
        }
    )
    env.filters["local_datetime"] = local_datetime
    return env
