#!/usr/bin/env bash
# Starts the application on the embedded defaults: a PostgreSQL server from a wheel (data in
# var/postgres), a filesystem Celery broker, web server + Celery worker + Celery beat.
# Ctrl-C stops all of them, the embedded database included; the data stay for the next run.
# DATABASE_URL / CELERY_BROKER_URL, when set, are used instead; HOST, PORT and VAR_DIR too.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
export VAR_DIR="${VAR_DIR:-$PWD/var}"
mkdir -p "$VAR_DIR"

embedded=0
if [ -z "${DATABASE_URL:-}" ]; then
  echo "Starting the embedded PostgreSQL (data in $VAR_DIR/postgres)…"
  DATABASE_URL="$($PY -m config.embedded_db start "$VAR_DIR")"
  export DATABASE_URL
  embedded=1
fi

pids=()
tree() {  # a process and everything it started (runserver's autoreloader, Celery's pool)
  local pid=$1 child
  echo "$pid"
  for child in $(pgrep -P "$pid" 2>/dev/null); do tree "$child"; done
}
alive() { local pid; for pid in "$@"; do kill -0 "$pid" 2>/dev/null && return 0; done; return 1; }
cleanup() {
  # Ask politely: the web server's whole tree, Celery's main processes only (a warm shutdown
  # lets the pool finish its current task). After STOP_GRACE seconds whatever is left is killed,
  # so a long task never keeps Ctrl-C waiting (with Redis and acks late it is delivered again).
  trap - EXIT INT TERM
  local all=() polite=("${pids[@]}") pid
  for pid in "${pids[@]}"; do all+=($(tree "$pid")); done
  if [ -n "${web:-}" ]; then polite+=($(tree "$web")); fi
  kill -TERM "${polite[@]}" 2>/dev/null || true
  for _ in $(seq $((${STOP_GRACE:-20} * 4))); do alive "${all[@]}" || break; sleep 0.25; done
  if alive "${all[@]}"; then
    echo "Still running after ${STOP_GRACE:-20} s; stopping the rest."
    kill -KILL "${all[@]}" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  if [ "$embedded" = "1" ]; then
    $PY -m config.embedded_db stop "$VAR_DIR" && echo "Stopped the embedded PostgreSQL."
  fi
}
trap cleanup EXIT
trap 'exit 0' INT TERM  # stopping on request is a clean end (no make error)

$PY manage.py migrate --noinput
$PY manage.py seed_demo
$PY manage.py sync_schedule

.venv/bin/celery -A config worker --loglevel=INFO --concurrency=2 >"$VAR_DIR/worker.log" 2>&1 &
pids+=($!)
.venv/bin/celery -A config beat --loglevel=INFO >"$VAR_DIR/beat.log" 2>&1 &
pids+=($!)
$PY manage.py runserver "$HOST:$PORT" &
web=$!
pids+=($web)

# Wait until the web server answers before saying it runs.
$PY - "$HOST" "$PORT" <<'PY'
import socket, sys, time
for _ in range(120):
    try:
        socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=1).close()
        break
    except OSError:
        time.sleep(0.5)
PY
cat <<MSG

  Opleidingsschool is running at http://$HOST:$PORT/
  Celery worker log: $VAR_DIR/worker.log   Celery beat log: $VAR_DIR/beat.log

$($PY manage.py seed_demo --logins)

  Press Ctrl-C to stop web, worker, beat and the embedded database.
MSG
wait -n "${pids[@]}"
