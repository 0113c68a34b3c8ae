#!/usr/bin/env bash
# The whole suite: lint, migrations check, message catalogue check, deploy check, unit and
# integration tests (PostgreSQL and Redis when reachable), browser tests (Debian chromium).
# REQUIRE_SERVICES=1 turns "PostgreSQL/Redis not reachable" into a failure instead of a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=config.settings
export VAR_DIR="${VAR_DIR:-$(mktemp -d)}"
REQUIRE_SERVICES=${REQUIRE_SERVICES:-0}

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
    missing "PostgreSQL (127.0.0.1:5432)"
  fi
fi
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
DATABASE_URL="sqlite:///$VAR_DIR/migrations-check.sqlite3" $PY manage.py makemigrations --check --dry-run
echo "== message catalogue"
$PY scripts/check_messages.py
echo "== deploy check"
DJANGO_ENV=production SECRET_KEY="$(head -c 48 /dev/urandom | base64)" ALLOWED_HOSTS=example.org \
  $PY manage.py check --deploy --fail-level WARNING
echo "== tests"
$PY -m pytest --create-db "$@"
