#!/usr/bin/env bash
# The whole suite: lint, migrations check, message catalogue check, deploy check, unit and
# integration tests, browser tests (Debian chromium), then the clock check.
# PostgreSQL: DATABASE_URL, else the machine's server on 127.0.0.1:5432, else the embedded server
# (config/embedded_db.py) in a temporary folder — the database tests never skip.
# Redis: TEST_REDIS_URL, else 127.0.0.1:6379; without it the tests that need Redis are skipped,
# unless REQUIRE_SERVICES=1 (what CI runs) makes that a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=config.settings
export VAR_DIR="${VAR_DIR:-$(mktemp -d)}"
REQUIRE_SERVICES=${REQUIRE_SERVICES:-0}
CLOCK_CHECK_DAYS="2027-07-20 2027-02-01"
CLOCK_CHECK_TESTS="tests/placements tests/quality tests/programme tests/professionalisation"
# pytest runs in two processes (pytest-xdist; tests/conftest.py says what each one owns and which
# tests run one after another). TEST_WORKERS=0 runs everything in this one process.
TEST_WORKERS=${TEST_WORKERS:-2}

reachable() { $PY - "$1" "$2" <<'PY'
import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=2).close()
except OSError:
    sys.exit(1)
PY
}

missing() {
  if [ "$REQUIRE_SERVICES" = "1" ]; then echo "FAIL: $1 is not reachable (REQUIRE_SERVICES=1)"; exit 1; fi
  echo "NOTE: $1 is not reachable; the tests that need it are skipped."
}

if [ -z "${DATABASE_URL:-}" ]; then
  if reachable 127.0.0.1 5432; then
    export DATABASE_URL="postgres://postgres@127.0.0.1:5432/opleidingsschool"
  else
    echo "NOTE: no PostgreSQL on 127.0.0.1:5432; starting the embedded one in $VAR_DIR/postgres."
    DATABASE_URL="$($PY -m config.embedded_db start "$VAR_DIR")"
    export DATABASE_URL
    trap '$PY -m config.embedded_db stop "$VAR_DIR"' EXIT
  fi
fi
# The database itself (pytest makes its own test_… copy; makemigrations looks at this one).
$PY - "$DATABASE_URL" <<'PY'
import sys
from urllib.parse import urlsplit
import psycopg
url = urlsplit(sys.argv[1])
with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as conn:
    name = url.path.lstrip("/")
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        conn.execute(f'CREATE DATABASE "{name}"')
PY
if [ -z "${TEST_REDIS_URL:-}" ]; then
  if reachable 127.0.0.1 6379; then
    export TEST_REDIS_URL="redis://127.0.0.1:6379/15"
  else
    missing "Redis (127.0.0.1:6379)"
  fi
fi
export REQUIRE_SERVICES

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  if [ "$(id -u)" = "0" ]; then
    (apt-get install -y -qq chromium >/dev/null 2>&1) || (apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null)
  else
    sudo apt-get install -y -qq chromium
  fi
fi

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== migrations"
$PY manage.py makemigrations --check --dry-run
echo "== message catalogue"
$PY scripts/check_messages.py
echo "== deploy check"
DJANGO_ENV=production SECRET_KEY="$(head -c 48 /dev/urandom | base64)" ALLOWED_HOSTS=example.org \
  $PY manage.py check --deploy --fail-level WARNING
echo "== tests (today is ${TEST_TODAY:-the default day of tests/clock.py} for the whole run)"
$PY -m pytest --create-db --durations=15 -n "$TEST_WORKERS" "$@"
if [ "$#" -eq 0 ]; then
  # The clock check: the date-sensitive tests again on two other days of the academic year. A
  # test that passes only on the default day without saying so (@pytest.mark.today) fails here.
  for day in $CLOCK_CHECK_DAYS; do
    echo "== clock check: $CLOCK_CHECK_TESTS on $day"
    TEST_TODAY=$day $PY -m pytest --create-db -q -n "$TEST_WORKERS" -m "not e2e" $CLOCK_CHECK_TESTS
  done
fi
