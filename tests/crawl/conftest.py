import pytest

REPORT = pytest.StashKey[dict]()


@pytest.fixture
def crawl_report(request) -> dict:
    """Where the crawl records pages per login per date, printed at the end of the run."""
    return request.config.stash.setdefault(REPORT, {})


def pytest_terminal_summary(terminalreporter, config):
    report = config.stash.get(REPORT, {})
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
