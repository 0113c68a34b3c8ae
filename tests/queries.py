"""Query counts of pages, for the tests that a page makes as many queries for many rows as for
a few (compared between two states, not hard-coded)."""

from collections.abc import Callable

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(get: Callable[[], object]) -> int:
    """The SQL queries of one call of ``get`` (a request), after a warm-up call (sessions,
    content types); the response must be a 200. The page is counted as built: the warm-up's kept
    page (``partnerships.page_cache``) is dropped first."""
    get()
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = get()
    assert response.status_code == 200, getattr(response, "content", b"")[:300]
    return len(queries)


def page_queries(client, urls: dict[str, str]) -> dict[str, int]:
    """``queries_of`` for each named page, GET with ``client``."""
    return {name: queries_of(lambda url=url: client.get(url)) for name, url in urls.items()}
