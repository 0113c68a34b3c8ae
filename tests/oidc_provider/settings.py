"""A tiny separate Django project: the OpenID Connect provider the sign-in tests log in at.

django-oidc-provider in its own process (``tests/oidc_provider/server.py`` starts it), with its own
PostgreSQL database on the server the tests use — PostgreSQL is the only engine here too. Its
cookies have their own names: it runs on the same loopback host as the application under test,
and browsers do not tell cookies apart by port.
"""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent

SECRET_KEY = "test-identity-provider-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "tests.oidc_provider.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["IDP_DB_NAME"],
        "HOST": os.environ.get("IDP_DB_HOST", ""),
        "PORT": os.environ.get("IDP_DB_PORT", ""),
        "USER": os.environ.get("IDP_DB_USER", ""),
        "PASSWORD": os.environ.get("IDP_DB_PASSWORD", ""),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
USE_TZ = True
LOGIN_URL = "/accounts/login/"
SESSION_COOKIE_NAME = "idp_sessionid"
CSRF_COOKIE_NAME = "idp_csrftoken"
SITE_URL = os.environ.get("IDP_SITE_URL")
# Subject ids the test can predict; userinfo says whether the address is verified.
OIDC_IDTOKEN_SUB_GENERATOR = "tests.oidc_provider.claims.subject"
OIDC_USERINFO = "tests.oidc_provider.claims.userinfo"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
