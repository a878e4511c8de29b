"""Secrets, hosts, cookies and HTTP security headers (quality.md, OWASP ASVS level 2)."""

import base64
import hashlib

from csp.constants import NONE, SELF

from .base import ENVIRONMENT
from .env import env

INSECURE_SECRET_KEY = "django-insecure-signpost-development-only"  # noqa: S105 - refused in production
SECRET_KEY = env.str("SIGNPOST_SECRET_KEY", default=INSECURE_SECRET_KEY)

ALLOWED_HOSTS = env.list(
    "SIGNPOST_ALLOWED_HOSTS",
    default=[] if ENVIRONMENT == "production" else ["127.0.0.1", "localhost", "[::1]", "testserver"],
)
CSRF_TRUSTED_ORIGINS = env.list("SIGNPOST_CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "signpost.core.views.csrf_failure"

PRODUCTION = ENVIRONMENT == "production"
# Behind a TLS-terminating proxy in production; the proxy must set this header.
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = PRODUCTION and env.bool("SIGNPOST_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 63072000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The __Host- prefix pins the cookie to this host over HTTPS; browsers refuse it over plain HTTP.
SESSION_COOKIE_NAME = "__Host-signpost-session" if PRODUCTION else "signpost-session"
CSRF_COOKIE_NAME = "__Host-signpost-csrf" if PRODUCTION else "signpost-csrf"
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# GOV.UK Frontend's template adds one fixed line of inline script to mark JavaScript support;
# allow exactly that line by its hash rather than allowing inline scripts.
GOVUK_SUPPORT_SCRIPT = (
    "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype"
    " ? ' govuk-frontend-supported' : '');"
)
_govuk_support_hash = base64.b64encode(hashlib.sha256(GOVUK_SUPPORT_SCRIPT.encode()).digest()).decode()

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, f"'sha256-{_govuk_support_hash}'"],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
