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


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Transactional tests (live server, real worker) end with a flush that also empties the rows
    data migrations loaded (the school types); put them back once every fixture of the test has
    been torn down — the flush itself is one of those teardowns — for the tests that follow."""
    yield
    marker = item.get_closest_marker("django_db")
    names = set(getattr(item, "fixturenames", ()))
    transactional = {"transactional_db", "live_server"} & names or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional and nextitem is not None:  # after the last test the database is gone
        from django.apps import apps
        from pytest_django.plugin import blocking_manager_key

        from partnerships.migrations import _school_types

        with item.config.stash[blocking_manager_key].unblock():
            _school_types.load(apps, None)
