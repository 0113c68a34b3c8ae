"""What a newcomer gets: the application started exactly as ``make run`` starts it (issue 10).

``scripts/run.sh`` runs with a fresh user's environment (no DATABASE_URL, no broker): it starts
its embedded PostgreSQL in a new VAR_DIR, migrates, loads the demo, and starts web, worker and
beat on the filesystem broker. Three demo logins sign in over HTTP and see their dashboards. A
Ctrl-C then stops everything, the embedded database included, and a second start finds the data
again."""

import signal
import subprocess
import time

from partnerships.demo import PASSWORD
from tests.deploy.processes import ROOT, Browser, clean_env, free_port, stop_group, wait_for_port

LOGINS = {
    "stagecoordinator@hos.example": "/p/hos/",
    "student@hos.example": "/p/hos/",
    "instituutsopleider@hos.example": "/",  # works in two partnerships: chooses one
}


def start(var_dir, port, log):
    with log.open("a") as out:
        return subprocess.Popen(
            ["bash", "scripts/run.sh"],
            cwd=ROOT,
            env=clean_env(VAR_DIR=str(var_dir), PORT=str(port), HOST="127.0.0.1"),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_for_line(log, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log.read_text():
            return
        time.sleep(0.5)
    raise AssertionError(f"{text!r} not in the log after {timeout} s:\n{log.read_text()[-3000:]}")


def test_make_run_serves_the_demo_and_stops_cleanly(tmp_path):
    var_dir, port, log = tmp_path / "var", free_port(), tmp_path / "run.log"
    run = start(var_dir, port, log)
    try:
        wait_for_port(port, run, timeout=240, log=log)
        wait_for_line(log, "Opleidingsschool is running at", timeout=60)
        for email, landing in LOGINS.items():
            browser = Browser(f"http://127.0.0.1:{port}")
            assert browser.log_in(email, PASSWORD).status_code == 302, email
            page = browser.follow("/")
            assert page.status_code == 200, f"{email}: {page.status_code}"
            assert page.url.path == landing, f"{email} landed on {page.url.path}"
        wait_for_line(var_dir / "worker.log", "ready", timeout=60)
        wait_for_line(var_dir / "beat.log", "beat: Starting", timeout=60)
    finally:
        code = stop_group(run, signal.SIGINT)
    output = log.read_text()
    assert "Stopped the embedded PostgreSQL." in output, output[-3000:]
    assert not (var_dir / "postgres" / "postmaster.pid").exists()
    assert "Traceback" not in output, output[-4000:]
    assert code == 0, code

    # The data survive: the second start migrates nothing and finds the demo loaded.
    port, log = free_port(), tmp_path / "run-again.log"
    run = start(var_dir, port, log)
    try:
        wait_for_line(log, "Opleidingsschool is running at", timeout=240)
        browser = Browser(f"http://127.0.0.1:{port}")
        assert browser.log_in("stagecoordinator@hos.example", PASSWORD).status_code == 302
    finally:
        stop_group(run, signal.SIGINT)
    assert "No migrations to apply." in log.read_text()
