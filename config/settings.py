"""Settings, configured by environment variables only.

Embedded defaults (no env vars): a real PostgreSQL server from a wheel with its data in
``var/postgres`` (``config/embedded_db.py``), a filesystem Celery broker in ``var/broker``, mail to
the console. PostgreSQL is the only engine, in development, tests and production.
Production: set ``DJANGO_ENV=production`` plus ``SECRET_KEY``, ``DATABASE_URL``,
``CELERY_BROKER_URL``, ``ALLOWED_HOSTS`` and the ``EMAIL_*`` settings.
"""

import os
from pathlib import Path

import dj_database_url
from csp import constants as csp_constants
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


PRODUCTION = os.environ.get("DJANGO_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else "dev-only-insecure-key-change-me")
if PRODUCTION and not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DJANGO_ENV=production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Where the application is reached, for links in e-mails sent by background tasks.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "template_partials",
    "django_celery_beat",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "config",  # the schedule sync command lives with the schedule (config/schedule.py)
    "partnerships",
    "placements",
    "programme",
    "professionalisation",
    "quality",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.PrivacyHeadersMiddleware",
    "partnerships.sessions.SessionMiddleware",  # Django's, renewing the idle timeout (below)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "partnerships.middleware.DutchFirstLocaleMiddleware",
    "partnerships.middleware.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnerships.context_processors.navigation",
            ],
        },
    },
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    if PRODUCTION:
        raise RuntimeError("DATABASE_URL must be set when DJANGO_ENV=production")
    from config.embedded_db import ensure_running

    DATABASE_URL = ensure_running(VAR_DIR)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Client-side cursors for QuerySet.iterator(): a form's model choices (every filter form's
# school and subject lists, the guides on a placement) iterate with .iterator(), which
# PostgreSQL would otherwise answer through a server-side cursor WITH HOLD — DECLARE, FETCH and
# CLOSE, three round trips for a list of 40 schools (issue 18). Nothing in the product iterates
# more than a few thousand rows; a connection pooler in transaction mode needs this setting too.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise RuntimeError("DATABASE_URL must point to PostgreSQL, the only supported engine")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partnerships.Person"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "partnerships.oidc.ProviderBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in (README "Sign-in"). Identity providers (OpenID Connect) are rows of
# partnerships.IdentityProvider, edited in the admin; mozilla-django-oidc does the protocol
# (partnerships/oidc.py). Nobody is created by a sign-in.
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_MAX_STATES = 5
OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", "10"))
LOGIN_REDIRECT_URL_FAILURE = "login"
# Two-step verification for password logins (partnerships/mfa.py): required for the roles that
# see other people's personal data unless MFA_ENFORCE is off; people with an e-mail address at
# an MFA_EXEMPT_EMAIL_DOMAINS domain are not required to use it — by default the demo's domains,
# outside production only, so the demo logins of `make run` keep working.
MFA_ENFORCE = env_bool("MFA_ENFORCE", True)
MFA_EXEMPT_EMAIL_DOMAINS = env_list(
    "MFA_EXEMPT_EMAIL_DOMAINS", "" if PRODUCTION else "hos.example,osd.example"
)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Opleidingsschool")

# Failed-login lockout (django-axes, config/throttle.py): within 30 minutes of the last failure,
# at most 5 failures per e-mail address and client address, 20 per client address (any accounts)
# and 10 per account (any client addresses); the locked-out page says how long to wait.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_LIMIT_PER_IP = int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_IP", "20"))
LOGIN_FAILURE_LIMIT_PER_ACCOUNT = int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_ACCOUNT", "10"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
AXES_HANDLER = "config.throttle.LayeredLimitsHandler"
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_CALLABLE = "config.throttle.lockout_response"
# The client address the throttle counts (config.throttle.client_ip): REMOTE_ADDR, or behind
# TRUSTED_PROXY_COUNT proxies (a load balancer: 1) the address the outermost one appended to
# X-Forwarded-For. 0 (the default) believes no X-Forwarded-For at all.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "config.throttle.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Content-Security-Policy (django-csp): scripts and <style> elements only from this site and with
# the response's nonce (base.html puts it on its <script> tags); no inline scripts, no inline event
# handlers, no eval (htmx's allowEval is off, base.html). Inline style *attributes* are allowed
# (style-src-attr): progress bars take their width from data, and an attribute cannot run code.
# Images from this site and data: URIs (Bootstrap's icons); no plugins, no framing, forms post
# only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", csp_constants.NONCE],
        "style-src": ["'self'", csp_constants.NONCE],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# No page needs a device feature (config/middleware.py sends this on every response; logged-in
# pages also get Cache-Control: no-store there).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)

# Sessions: idle timeout and an absolute maximum since login. The idle timeout is renewed by a
# request when the stored expiry is more than SESSION_RENEW_AFTER seconds older than a renewal
# would make it (partnerships/sessions.py), not by a database write on every request
# (SESSION_SAVE_EVERY_REQUEST, three round trips per page; issue 18): an idle session ends
# between SESSION_IDLE_TIMEOUT - SESSION_RENEW_AFTER and SESSION_IDLE_TIMEOUT after the last
# request.
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(30 * 60)))
SESSION_ABSOLUTE_TIMEOUT = int(os.environ.get("SESSION_ABSOLUTE_TIMEOUT", str(10 * 60 * 60)))
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT
SESSION_ENGINE = "partnerships.sessions"
SESSION_RENEW_AFTER = min(60, SESSION_IDLE_TIMEOUT // 10)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Privacy and retention (partnerships/privacy/, README "Privacy and retention"): how long each
# kind of personal data is kept, as (amount, unit). The nightly task
# partnerships.privacy.tasks.apply_retention deletes or anonymises what is past its term, and
# the privacy statement (/privacy/) lists these same terms. Each can be set in the environment:
# RETENTION_<KIND>_<UNIT>, e.g. RETENTION_STUDENTS_YEARS=7.
_RETENTION_DEFAULTS = {
    "accounts": (1, "years"),  # after the last role has ended
    "students": (7, "years"),  # after the school year of the last placement (subsidy accounts)
    "subsidy_lists": (7, "years"),  # names in a subsidy list snapshot, after the snapshot
    "transfer_forms": (2, "years"),  # after the school year of the placement
    "guidance": (2, "years"),  # guidance log entries, after the school year of the placement
    "guidance_attachments": (1, "years"),  # attached files, after the school year
    "survey_invitations": (3, "months"),  # after the round's quality report is adopted
    "audit": (2, "years"),  # audit entries and the record of sign-ins
    "failed_logins": (30, "days"),
    "import_files": (30, "days"),
    "notifications": (12, "months"),  # e-mails sent by the application
    "outbox": (30, "days"),  # background tasks that have run
}
RETENTION = {
    key: (int(os.environ.get(f"RETENTION_{key.upper()}_{unit.upper()}", amount)), unit)
    for key, (amount, unit) in _RETENTION_DEFAULTS.items()
}
# Sessions end after SESSION_ABSOLUTE_TIMEOUT; expired ones are deleted every night.
RETENTION["sessions"] = (max(1, SESSION_ABSOLUTE_TIMEOUT // 3600), "hours")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date format for reading across the product: nl "7 december 2026" (config/formats/).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: EMAIL_HOST etc.; the console backend is the development default.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Opleidingsschool <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The file-based backend's folder (django.core.mail.backends.filebased.EmailBackend).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
# Where visitors ask for help (landing page, privacy statement).
SUPPORT_EMAIL = os.environ.get("SUPPORT_EMAIL", "support@opleidingsschool.example")

# Celery: Redis in production; a filesystem broker (no server needed) as the embedded default.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("out", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "data_folder_processed": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
    }
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "config.beat:OutboxScheduler"  # due tasks go through the outbox
# Background work goes through the outbox (partnerships/outbox.py); the relay (every 30 s) also
# delivers claimed mail still unsent this many seconds after its claim (the claimer died).
NOTIFICATION_RETRY_AFTER_S = int(os.environ.get("NOTIFICATION_RETRY_AFTER_S", "60"))

# The institutes' JSON API (config/api, issue 17): tokens only (no session, so no CSRF), JSON
# only; the OpenAPI schema at /api/schema/ with its docs served from this site (the sidecar).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["config.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["config.api.permissions.HasScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Opleidingsschool API",
    "DESCRIPTION": "Places, students, preferences and placements for the institutes of a "
    "partnership. Names follow the Open Education API (OOAPI) where they fit; see README, 'API'.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PUBLIC": True,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
}

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Whole pages for a repeat view (partnerships.page_cache): shared by the web processes in
    # Redis when REDIS_CACHE_URL is set (below), else a few hundred pages per process.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "500"))},
    },
}
PAGE_CACHE = os.environ.get("PAGE_CACHE", "1") not in ("0", "false", "no", "")
PAGE_CACHE_SECONDS = 15 * 60  # a kept page is dropped after this even if nothing changed
if os.environ.get("REDIS_CACHE_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_CACHE_URL"],
    }
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
