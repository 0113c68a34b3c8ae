import pytest


@pytest.fixture
def crawl_report(request) -> dict:
    """Where the crawl records pages per login per date; tests/conftest.py prints them at the end
    of the run (they travel in the test's report, also from an xdist worker)."""
    report: dict[str, dict[str, int]] = {}
    request.node.user_properties.append(("crawl_pages", report))
    return report
