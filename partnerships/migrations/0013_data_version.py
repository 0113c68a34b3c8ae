"""The data version: a sequence that every statement changing the product's data moves on, read
by the page cache (``partnerships.page_cache``, issue 18) to know that a kept page is still what
the database says.

``os_track_tables()`` puts a statement-level trigger on every table of the schema that does not
have it yet, except the tables that change without changing what a kept page shows (sessions, the
migration log, Celery beat's schedule, the outbox, django-axes' login log, and the audit log, which
every view of a transfer form writes and which only the privacy export and the API token page
read, never kept). This migration runs it for the tables that exist now; ``PartnershipsConfig``
runs it again after every ``migrate``, so tables added later are tracked too.

The trigger first takes a shared transaction-level advisory lock (``os_writing``: shared, so
writers never wait for each other; released at commit or rollback), then moves the sequence on
(``nextval`` takes no lock and is not undone by a rollback: a rolled-back change only costs a
cache miss). ``os_page_version()`` reads the sequence and then looks in ``pg_locks`` whether
another session of this database holds that lock, i.e. has changed tracked data it has not
committed yet: then it answers NULL and no page is kept. ``pg_locks`` is readable by every role;
transactions that write only untracked tables (a login, an audit entry) do not count."""

from django.db import migrations

FUNCTIONS = r"""
CREATE SEQUENCE IF NOT EXISTS os_data_version;

CREATE OR REPLACE FUNCTION os_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(1330, 1);  -- os_writing, until this transaction ends
  PERFORM nextval('os_data_version');
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION os_track_tables() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  t record;
  n integer := 0;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND ns.nspname = current_schema()
      AND c.relname NOT IN (
        'django_session', 'django_migrations', 'partnerships_outboxmessage',
        'partnerships_auditentry'
      )
      AND c.relname NOT LIKE 'django\_celery\_beat\_%'
      AND c.relname NOT LIKE 'axes\_%'
      AND NOT EXISTS (
        SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'os_data_version'
      )
  LOOP
    EXECUTE format(
      'CREATE TRIGGER os_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION os_bump_data_version()', t.relname);
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;

SELECT os_track_tables();

-- The version for a page to be kept under, or NULL while another session of this database has
-- changed tracked data it has not committed (it holds os_writing). In this order: the version
-- first, then the check, so a write whose version step came before the read is still in progress
-- (seen) or committed (its data is read); a later one moves the version on.
CREATE OR REPLACE FUNCTION os_page_version() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v bigint;
BEGIN
  SELECT last_value INTO v FROM os_data_version;
  IF EXISTS (
    SELECT 1 FROM pg_locks
    WHERE locktype = 'advisory' AND classid = 1330 AND objid = 1 AND objsubid = 2
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND pid <> pg_backend_pid()
  ) THEN
    RETURN NULL;
  END IF;
  RETURN v;
END $$;
"""

REVERSE = r"""
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
           WHERE g.tgname = 'os_data_version'
  LOOP
    EXECUTE format('DROP TRIGGER os_data_version ON %I', t.relname);
  END LOOP;
END $$;
DROP FUNCTION IF EXISTS os_page_version();
DROP FUNCTION IF EXISTS os_track_tables();
DROP FUNCTION IF EXISTS os_bump_data_version();
DROP SEQUENCE IF EXISTS os_data_version;
"""


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0012_finance")]

    operations = [migrations.RunSQL(FUNCTIONS, REVERSE)]
