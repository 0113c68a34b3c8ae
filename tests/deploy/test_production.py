"""The production deploy, end to end, as an operator runs it (issue 10).

The README's release steps are the ``release:`` line of ``deploy/Procfile``; this test runs that
line as it stands, with ``DJANGO_ENV=production``, into a fresh database and a temporary static
folder, then starts the ``web:`` line (gunicorn) and talks HTTP to it the way a TLS-terminating
proxy does (``X-Forwarded-Proto: https``): the login page, a login, a dashboard and a static
file. Without the proxy header the site redirects to https."""

import os
import re
import secrets
import subprocess
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from partnerships.demo import PASSWORD
from tests.deploy.processes import (
    ROOT,
    Browser,
    clean_env,
    free_port,
    stop_group,
    wait_for_port,
)


def procfile() -> dict[str, str]:
    lines = (ROOT / "deploy" / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if ": " in line and not line.startswith("#"))


@pytest.fixture
def production_database():
    """A new, empty database on the server the tests use."""
    server = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x"))
    name = f"release_smoke_{secrets.token_hex(4)}"
    admin = urlunsplit(server._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(server._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_release_steps_and_gunicorn_serve_a_logged_in_dashboard(production_database, tmp_path):
    port = free_port()
    env = clean_env(
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=production_database,
        CELERY_BROKER_URL=os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        VAR_DIR=str(tmp_path / "var"),
        PORT=str(port),
        WEB_CONCURRENCY="2",
    )
    steps = procfile()
    release = subprocess.run(
        ["bash", "-c", steps["release"]], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert release.returncode == 0, f"release failed:\n{release.stdout[-3000:]}{release.stderr}"
    assert (tmp_path / "static" / "staticfiles.json").exists(), "collectstatic wrote no manifest"
    # An account to log in with: the demo partnership (loading it is not a release step).
    subprocess.run(
        ["python", "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True, capture_output=True
    )

    log = tmp_path / "web.log"
    with log.open("w") as out:
        web = subprocess.Popen(
            ["bash", "-c", f"exec {steps['web']}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_port(port, web, timeout=60, log=log)
        base = f"http://127.0.0.1:{port}"
        plain = Browser(base).get("/accounts/login/")
        assert plain.status_code == 301
        assert plain.headers["location"].startswith("https://")

        browser = Browser(
            base, headers={"X-Forwarded-Proto": "https"}, origin=f"https://127.0.0.1:{port}"
        )
        login_page = browser.get("/accounts/login/")
        assert login_page.status_code == 200
        assert "Strict-Transport-Security" in login_page.headers
        # Production requires two-step verification of a coordinator (README "Sign-in"); a
        # student may log in with just the password.
        coordinator = browser.log_in("stagecoordinator@hos.example", PASSWORD)
        assert coordinator.headers["location"] == "/accounts/mfa/setup/"
        assert browser.log_in("student@hos.example", PASSWORD).status_code == 302
        dashboard = browser.follow("/")
        assert dashboard.status_code == 200, dashboard.text[-2000:]
        assert urlsplit(str(dashboard.url)).path == "/p/hos/"

        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', login_page.text).group(1)
        assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet), "static names are not hashed"
        static = browser.get(stylesheet)
        assert static.status_code == 200
        assert static.headers["content-type"].startswith("text/css")
    finally:
        stop_group(web)
    assert "Traceback" not in log.read_text(), log.read_text()[-4000:]
