"""The test database from a migrated template: migrate once, copy for every run after that.

Migrating an empty database takes about 25 s, and ``make test`` makes five test databases (two
workers for the run, two for each day of the clock check, one process each). The first process
that finds no template migrates its own test database as usual and then copies it into
``test_<name>_template`` on the same server; the others make theirs with ``CREATE DATABASE …
TEMPLATE`` (a second or two). The template carries a fingerprint of the migrations (every
``*/migrations/*.py`` of the project and ``uv.lock`` for the installed apps' own): when a
migration changes, the next run migrates again and replaces it. Processes take turns through a
PostgreSQL advisory lock, so two workers never migrate or copy at the same time.

A test database made from the template is the same database ``migrate`` makes: the same schema,
the rows of the data migrations and of ``post_migrate`` (content types, permissions). Migrations
never read the date (the template is shared by runs on different days)."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import connections


def fingerprint() -> str:
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for path in sorted([*root.glob("*/migrations/*.py"), root / "uv.lock"]):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def setup_default_database(verbosity: int) -> list:
    """Make the default alias's test database from the template (migrating once if need be);
    returns the ``old_config`` that ``django.test.utils.teardown_databases`` takes."""
    connection = connections["default"]
    creation = connection.creation
    old_name = connection.settings_dict["NAME"]
    test_name = creation._get_test_db_name()
    template = f"test_{old_name}_template"[:63]
    wanted = fingerprint()
    with creation._nodb_cursor() as admin:
        admin.execute("SELECT pg_advisory_lock(hashtext(%s))", [template])
        try:
            admin.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                [template],
            )
            row = admin.fetchone()
            if row is not None and row[0] == wanted:
                admin.execute(f"DROP DATABASE IF EXISTS {_quoted(test_name)} WITH (FORCE)")
                admin.execute(f"CREATE DATABASE {_quoted(test_name)} TEMPLATE {_quoted(template)}")
                connection.close()
                settings.DATABASES["default"]["NAME"] = test_name
                connection.settings_dict["NAME"] = test_name
                connection.ensure_connection()
            else:
                creation.create_test_db(
                    verbosity=verbosity, autoclobber=True, serialize=False, keepdb=False
                )
                connection.close()
                admin.execute(f"DROP DATABASE IF EXISTS {_quoted(template)} WITH (FORCE)")
                admin.execute(f"CREATE DATABASE {_quoted(template)} TEMPLATE {_quoted(test_name)}")
                admin.execute(f"COMMENT ON DATABASE {_quoted(template)} IS %s", [wanted])
        finally:
            admin.execute("SELECT pg_advisory_unlock(hashtext(%s))", [template])
    return [(connection, old_name, True)]
