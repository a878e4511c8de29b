"""Sign-in for customers and staff: django-allauth with MFA, Argon2, throttling, staff idle timeout."""

from .base import SERVICE_NAME
from .env import env

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["signpost.accounts.backends.SignpostAuthenticationBackend"]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:account"

ACCOUNT_ADAPTER = "signpost.accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "signpost.accounts.forms.CustomerSignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"{SERVICE_NAME}: "
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_REDIRECT_URL = "portal:home"
# Throttling without permanent lockout: per address and per account, rolling windows.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("SIGNPOST_LOGIN_FAILED_LIMIT", default="20/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}

MFA_ADAPTER = "signpost.accounts.adapters.MFAAdapter"
# Security keys and passkeys (WebAuthn) are an optional second factor beside the authenticator app.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
# A key is only ever a second factor here: no signing in or signing up with a passkey alone.
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_PASSKEY_SIGNUP_ENABLED = False
# The password is the first factor, so a touch of the key is enough; no PIN or fingerprint prompt.
MFA_WEBAUTHN_USER_VERIFICATION = "discouraged"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False
MFA_TOTP_ISSUER = SERVICE_NAME
MFA_RECOVERY_CODE_COUNT = 10

# Staff sessions end after this many seconds without a request (quality.md).
STAFF_IDLE_TIMEOUT_SECONDS = env.int("SIGNPOST_STAFF_IDLE_TIMEOUT", default=30 * 60)
