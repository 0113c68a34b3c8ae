"""Start the test OpenID Connect provider in its own process, on loopback, with its own database.

``running_provider`` creates a PostgreSQL database beside the test database, migrates the
provider project into it, seeds a client and users, runs ``runserver`` on a free port and yields
the issuer URL; afterwards it stops the server and drops the database.
"""

import contextlib
import datetime
import os
import subprocess
import sys
from pathlib import Path

import psycopg

from tests.deploy.processes import ROOT, free_port, stop_group, wait_for_port

RUN = "tests.oidc_provider.run"


def _connect(db: dict, name: str):
    return psycopg.connect(
        dbname=name,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        autocommit=True,
    )


@contextlib.contextmanager
def running_provider(db: dict, log_dir: Path, client_id: str, secret: str, redirect_uri: str,
                     users: list[str]):  # fmt: skip
    name = f"{db['NAME']}_idp"[:63]
    with _connect(db, "postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    port = free_port()
    issuer = f"http://127.0.0.1:{port}/openid"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "IDP_DB_NAME": name,
        "IDP_DB_HOST": str(db.get("HOST") or ""),
        "IDP_DB_PORT": str(db.get("PORT") or ""),
        "IDP_DB_USER": str(db.get("USER") or ""),
        "IDP_DB_PASSWORD": str(db.get("PASSWORD") or ""),
        "IDP_SITE_URL": f"http://127.0.0.1:{port}",
        # The test run's clock (tests/clock.py): its ID tokens must not look expired here.
        "IDP_NOW": datetime.datetime.now(datetime.UTC).isoformat(),
    }
    python = sys.executable
    log = log_dir / "identity-provider.log"
    try:
        done = subprocess.run(
            [python, "-m", RUN, "setup", client_id, secret, redirect_uri, *users],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        with log.open("w") as out:
            server = subprocess.Popen(
                [python, "-m", RUN, "serve", str(port)],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        try:
            wait_for_port(port, server, 30, log)
            yield issuer
        finally:
            stop_group(server, timeout=10)
    finally:
        with _connect(db, "postgres") as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
