#!/usr/bin/env bash
# `make benchmark`: load a large partnership into PostgreSQL, serve it with gunicorn on
# 127.0.0.1 and drive the main pages with 4 and 16 concurrent logged-in clients, next to a
# baseline page per page (tests/benchmarks/baseline.py, baseline_apps.py). Each page is requested
# as the bench login of the role that opens it (drive.py). Prints a table; stops gunicorn itself.
#   SCALE=10      seed_demo --scale: 4·SCALE schools, 200·SCALE students (10: 40 and 2,000)
#   REQUESTS=200  requests per page, per concurrency level
#   WORKERS=3     gunicorn workers (2–4 on a small machine)
#   PAGES=        only these pages (comma-separated names or parts of names, e.g. "placement,subsidy")
#   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/opleidingsschool_bench
#   REDIS_CACHE_URL=redis://127.0.0.1:6379/13   the caches (subsidy tables, kept pages)
#   PAGE_CACHE=0  measure every page as built, without the kept pages (partnerships.page_cache)
set -euo pipefail
cd "$(dirname "$0")/../.."

SCALE=${SCALE:-10}
REQUESTS=${REQUESTS:-200}
WORKERS=${WORKERS:-3}
export DATABASE_URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/opleidingsschool_bench}
export DJANGO_SETTINGS_MODULE=tests.benchmarks.settings
# The caches in Redis, shared by the gunicorn workers, as in production (deploy/env.example).
export REDIS_CACHE_URL=${REDIS_CACHE_URL:-redis://127.0.0.1:6379/13}
SCRATCH=$(mktemp -d)  # gunicorn's pid file and log; removed at the end
export VAR_DIR=${VAR_DIR:-$SCRATCH}
PIDFILE="$SCRATCH/gunicorn.pid"
cleanup() {
  if [ -f "$PIDFILE" ]; then kill "$(cat "$PIDFILE")" 2>/dev/null || true; fi
  if [ -n "${WEB_PID:-}" ]; then kill "$WEB_PID" 2>/dev/null || true; wait "$WEB_PID" 2>/dev/null || true; fi
  if [ -s "$SCRATCH/gunicorn.log" ]; then echo "gunicorn log:"; tail -n 20 "$SCRATCH/gunicorn.log"; fi
  rm -rf "$SCRATCH"
}
trap cleanup EXIT INT TERM

BIN=.venv/bin  # the locked environment `make deps` (a prerequisite of `make benchmark`) built

PORT=$($BIN/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"

$BIN/python - "$DATABASE_URL" <<'PY'
import sys
import psycopg
from urllib.parse import urlsplit

url = urlsplit(sys.argv[1])
name = url.path.lstrip("/")
admin = url._replace(path="/postgres").geturl()
with psycopg.connect(admin, autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        conn.execute(f'CREATE DATABASE "{name}"')
        print(f"Created database {name}.")
PY
echo "== migrate and seed (scale $SCALE)"
$BIN/python manage.py migrate --noinput -v 0
$BIN/python manage.py seed_demo --scale "$SCALE"
# Fresh planner statistics after the bulk load, as autovacuum would eventually gather them.
$BIN/python manage.py shell -c "from django.db import connection; connection.cursor().execute('ANALYZE')"

echo "== gunicorn on $BASE ($WORKERS workers)"
$BIN/gunicorn config.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" --pid "$PIDFILE" \
  --log-level warning --error-logfile "$SCRATCH/gunicorn.log" &
WEB_PID=$!
for _ in $(seq 60); do
  if $BIN/python -c "import httpx; httpx.get('$BASE/accounts/login/', timeout=2).raise_for_status()" 2>/dev/null; then
    break
  fi
  sleep 0.5
done

echo "== $REQUESTS requests per page and concurrency level; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
$BIN/python -m tests.benchmarks.drive --base "$BASE" --requests "$REQUESTS" --concurrency 4,16 \
  ${PAGES:+--pages "$PAGES"}
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other processes on the machine count too)"
