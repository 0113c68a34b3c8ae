import os

import pytest
from django.utils import translation

# Hashing passwords properly is slow by design; tests log in thousands of times.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _pin_language(settings):
    """Tests see the product as a Dutch user does unless they switch."""
    settings.LANGUAGE_CODE = "nl"
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.AXES_ENABLED = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with translation.override("nl"):
        yield


def require_service(name: str, available: bool):
    """Skip when a service is unreachable, unless REQUIRE_SERVICES=1 makes that a failure."""
    if available:
        return
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{name} is required (REQUIRE_SERVICES=1) but not reachable")
    pytest.skip(f"{name} not reachable")
