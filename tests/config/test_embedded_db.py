"""The embedded PostgreSQL of ``make run`` (config/embedded_db.py): a real server from a wheel,
started on first use, reused while it runs, stopped on request, with its data kept."""

import psycopg

from config import embedded_db


def test_start_reuse_stop_and_start_again_keeps_the_data(tmp_path):
    url = embedded_db.ensure_running(tmp_path)
    try:
        assert url == embedded_db.ensure_running(tmp_path), "a running server is reused"
        with psycopg.connect(url, autocommit=True) as conn:
            assert conn.execute("SHOW server_version_num").fetchone()[0] >= "150000"
            conn.execute("CREATE TABLE kept (note text)")
            conn.execute("INSERT INTO kept VALUES ('survives a restart')")
        embedded_db.stop(tmp_path)
        assert not (tmp_path / "postgres" / "postmaster.pid").exists()

        url = embedded_db.ensure_running(tmp_path)
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT note FROM kept").fetchone() == ("survives a restart",)
    finally:
        embedded_db.stop(tmp_path)


def test_stop_without_a_server_does_nothing(tmp_path):
    embedded_db.stop(tmp_path)
    assert not (tmp_path / "postgres").exists()
