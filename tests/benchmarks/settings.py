"""Settings for the benchmark server: the application's own settings, plus the baseline pages."""

from config.settings import *  # noqa: F403
from config.settings import LOGGING

ROOT_URLCONF = "tests.benchmarks.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}
# The bench logins (seed_demo --scale, *@bench.example) log in with a password only, like the
# demo's: two-step verification would stop the load driver at its setup page.
MFA_EXEMPT_EMAIL_DOMAINS = [*MFA_EXEMPT_EMAIL_DOMAINS, "bench.example"]  # noqa: F405
