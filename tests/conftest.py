import os

import pytest
import time_machine
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from tests.clock import DEFAULT_TODAY, at_morning

# "Today" for the whole run (issue 10: no test depends on the real clock). The suite runs on this
# day unless TEST_TODAY says another; a test that needs a particular day says so itself with
# ``@pytest.mark.today("2027-05-01")`` or ``time_machine.travel``. scripts/test.sh runs the
# date-sensitive packages again on other days (the clock check), which catches a test that only
# passes on the default day without saying so.
_CLOCK = pytest.StashKey[time_machine.travel]()

# Property tests draw the same examples on every run, so a red run says something about the
# change and not about luck; HYPOTHESIS_PROFILE=explore draws new ones (run it now and then).
hypothesis_settings.register_profile("repeatable", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def pytest_configure(config):
    config.addinivalue_line("markers", "today(day): run this test with today frozen at day")
    # Started before collection, so module-level code, session fixtures and live-server threads
    # all see the same day. The clock ticks from there (durations and timeouts still work).
    traveller = time_machine.travel(at_morning(os.environ.get("TEST_TODAY", DEFAULT_TODAY)))
    traveller.start()
    config.stash[_CLOCK] = traveller


def pytest_unconfigure(config):
    if traveller := config.stash.get(_CLOCK, None):
        traveller.stop()


@pytest.fixture(autouse=True)
def _today_marker(request):
    marker = request.node.get_closest_marker("today")
    if marker is None:
        yield
        return
    with time_machine.travel(at_morning(marker.args[0])):
        yield


# Hashing passwords properly is slow by design; tests log in thousands of times.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _pin_language(settings):
    """Tests see the product as a Dutch user does unless they switch."""
    settings.LANGUAGE_CODE = "nl"
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.AXES_ENABLED = False
    # Two-step verification is not required unless a test asks for it (test_mfa.py,
    # e2e/test_mfa_login.py): the other tests log coordinators in with just a password.
    settings.MFA_ENFORCE = False
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
