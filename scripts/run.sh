#!/usr/bin/env bash
# Starts the application on the embedded defaults: SQLite, a filesystem Celery broker,
# web server + Celery worker + Celery beat. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

$PY manage.py migrate --noinput
$PY manage.py seed_demo
$PY manage.py sync_schedule

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

.venv/bin/celery -A config worker --loglevel=INFO --concurrency=2 >var/worker.log 2>&1 & pids+=($!)
.venv/bin/celery -A config beat --loglevel=INFO >var/beat.log 2>&1 & pids+=($!)
$PY manage.py runserver "$HOST:$PORT" & pids+=($!)
sleep 2
cat <<MSG

  Opleidingsschool is running at http://$HOST:$PORT/
  Celery worker log: var/worker.log   Celery beat log: var/beat.log

$($PY manage.py seed_demo --logins)

  Press Ctrl-C to stop web, worker and beat.
MSG
wait -n "${pids[@]}"
