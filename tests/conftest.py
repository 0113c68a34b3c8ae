import os
from pathlib import Path

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
    if worker := os.environ.get("PYTEST_XDIST_WORKER"):
        _own_folders(worker)


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


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's test database, made from a migrated template (tests/template_db.py) when
    the run is the usual one: migrations on, no --reuse-db, only the default database."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    from tests import template_db

    aliases, serialized = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        if (
            aliases == {"default"}
            and not serialized
            and django_db_use_migrations
            and not (django_db_keepdb and not django_db_createdb)
        ):
            db_cfg = template_db.setup_default_database(verbosity)
        else:
            if not django_db_use_migrations:
                from pytest_django.fixtures import _disable_migrations

                _disable_migrations()
            db_cfg = setup_databases(
                verbosity=verbosity,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized,
                keepdb=django_db_keepdb and not django_db_createdb,
            )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            try:  # as pytest-django: a database still in use is a warning, not a failed test
                teardown_databases(db_cfg, verbosity=verbosity)
            except Exception as exc:
                request.node.warn(
                    pytest.PytestWarning(f"Error when trying to teardown test databases: {exc!r}")
                )


# Hashing passwords properly is slow by design; tests log in thousands of times.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def built_pages(settings):
    """Query-count tests count a page as built, not a repeat served from the kept page
    (``partnerships.page_cache``, tested in tests/partnerships/test_page_cache.py)."""
    settings.PAGE_CACHE = False


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


@pytest.fixture(autouse=True)
def _no_kept_pages(request):
    """Each test starts without pages kept by another test (``partnerships.page_cache``); a test
    that counts queries with pytest-django's fixtures counts the page as built."""
    from django.core.cache import caches

    caches["pages"].clear()
    if {"django_assert_num_queries", "django_assert_max_num_queries"} & set(request.fixturenames):
        request.getfixturevalue("built_pages")


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


# Two processes at once (pytest-xdist, ``scripts/test.sh`` runs ``-n 2``): each worker has its own
# test database (pytest-django adds _gw0, _gw1), its own live server on a free port, its own
# browser, and its own folders (below). A test module runs whole on one worker, so its
# module-scoped fixtures (the partnerships world, the demo) are built once. The modules that
# start real processes against Redis (Celery workers, ``make run``, the production release) share
# the Redis database and the machine's ports: they run one after another, on one worker.
SERVICE_MODULES = (
    "tests/config/test_worker.py",
    "tests/deploy/test_make_run.py",
    "tests/deploy/test_production.py",
    "tests/partnerships/test_import_limits.py",
    "tests/partnerships/test_outbox_broker.py",
    "tests/quality/test_rounds_worker.py",
)
# The longest units first, so neither worker is left with a long one at the end (CI durations).
LONGEST_FIRST = (
    "tests/partnerships/test_permissions.py",
    "tests/crawl/test_every_page.py",
    *SERVICE_MODULES,
    "tests/e2e/test_phone_width.py",
    "tests/e2e/test_page_sweep.py",
    "tests/e2e/",
    "tests/partnerships/test_xlsx_formulas.py",
)
ONE_UNIT_PER_TEST = ("tests/crawl/test_every_page.py",)  # the four days need no shared setup


def _own_folders(worker: str) -> None:
    """A worker's files (uploads, mail, the filesystem broker) in its own folder under VAR_DIR."""
    from django.conf import settings

    var = Path(settings.VAR_DIR) / f"xdist-{worker}"
    settings.VAR_DIR = var
    settings.MEDIA_ROOT = var / "media"
    settings.EMAIL_FILE_PATH = str(var / "mail")
    if options := getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", None):
        broker = var / "broker"
        for sub in ("out", "processed", "control"):
            (broker / sub).mkdir(parents=True, exist_ok=True)
        settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
            **options,
            "data_folder_in": str(broker / "out"),
            "data_folder_out": str(broker / "out"),
            "data_folder_processed": str(broker / "processed"),
            "control_folder": str(broker / "control"),
        }


def _module(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def _unit(nodeid: str) -> str:
    """The unit of work xdist hands to one worker."""
    module = _module(nodeid)
    if module in SERVICE_MODULES:
        return "services"
    if module in ONE_UNIT_PER_TEST:
        return nodeid
    return module


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class ByUnit(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _unit(nodeid)

    config.option.loadscopereorder = False  # keep the order of pytest_collection_modifyitems
    return ByUnit(config, log)


def _rank(item) -> int:
    module = _module(item.nodeid)
    for rank, prefix in enumerate(LONGEST_FIRST):
        if module.startswith(prefix):
            return rank
    return len(LONGEST_FIRST)


def pytest_collection_modifyitems(config, items):
    for path in {item.path for item in items}:
        module = path.relative_to(config.rootpath).as_posix()
        if module not in SERVICE_MODULES and "REDIS_URL" in path.read_text():
            raise pytest.UsageError(
                f"{module} uses Redis: add it to SERVICE_MODULES in tests/conftest.py"
            )
    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=_rank)  # stable: a module's own order stays


# The crawl's pages per login per day (tests/crawl/), printed at the end of the run. The crawl
# hands them over in its test report, so the table also comes out when the crawl ran in a worker.
_CRAWL_PAGES: dict[str, dict[str, int]] = {}


def pytest_runtest_logreport(report):
    if report.when != "call":
        return
    for name, value in report.user_properties:
        if name == "crawl_pages":
            for day, pages in value.items():
                _CRAWL_PAGES.setdefault(day, {}).update(pages)


def pytest_terminal_summary(terminalreporter, config):
    report = _CRAWL_PAGES
    if not report:
        return
    terminalreporter.section("pages crawled per demo login")
    dates = sorted(report)
    logins = list(dict.fromkeys(login for date in dates for login in report[date]))
    width = max(len(login) for login in logins)
    terminalreporter.write_line(" " * width + "".join(f"{date:>12}" for date in dates))
    for login in logins:
        counts = "".join(f"{report[date].get(login, '-'):>12}" for date in dates)
        terminalreporter.write_line(f"{login:<{width}}{counts}")
    totals = "".join(f"{sum(report[date].values()):>12}" for date in dates)
    terminalreporter.write_line(f"{'total':<{width}}{totals}")
