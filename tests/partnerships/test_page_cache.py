"""Whole pages kept for a repeat view (``partnerships.page_cache``, issue 18): a repeat costs no
page queries, any change in the database shows at once, access is checked on every request, and
what belongs to the request (CSP nonce, CSRF token) is the new request's own."""

import re
from types import SimpleNamespace

import psycopg
import pytest
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships import page_cache
from partnerships.glossary import Role
from partnerships.models import Organisation, RoleAssignment

pytestmark = pytest.mark.django_db

NONCE = re.compile(r'nonce="([^"]+)"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def organisations(world):
    return reverse("partnerships:organisation_list", args=[world.a.slug])


def request_bound(response) -> str:
    """The page without what belongs to its request: the CSP nonce and the CSRF tokens."""
    body = NONCE.sub("", response.content.decode())
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "", body)


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def test_a_repeat_view_is_served_without_the_pages_queries(client, world):
    client.force_login(world[Role.STAGECOORDINATOR])
    url = organisations(world)
    first, built = get(client, url)
    again, kept = get(client, url)
    # session, user, access, the object rule and the data version: nothing of the page itself
    assert kept < built and kept <= 5
    assert request_bound(again) == request_bound(first)
    assert "Alfa College" in again.content.decode()


def test_a_change_shows_at_once_also_without_signals(client, world):
    """An UPDATE that bypasses Django's signals (``QuerySet.update``) still moves the version."""
    client.force_login(world[Role.STAGECOORDINATOR])
    url = organisations(world)
    get(client, url)
    get(client, url)
    Organisation.objects.filter(pk=world.school1.pk).update(name="Alfa College Nieuw")
    response, _ = get(client, url)
    assert "Alfa College Nieuw" in response.content.decode()


def test_a_withdrawn_role_answers_403_on_the_repeat(client, world):
    coordinator = world[Role.STAGECOORDINATOR]
    client.force_login(coordinator)
    url = organisations(world)
    get(client, url)
    RoleAssignment.objects.filter(person=coordinator, partnership=world.a).delete()
    assert client.get(url).status_code in (403, 404)


def test_each_user_gets_their_own_page(client, world):
    url = organisations(world)
    client.force_login(world[Role.STAGECOORDINATOR])
    mine = client.get(url).content.decode()
    other = Client()
    other.force_login(world[Role.PROGRAMMAMANAGER])
    theirs = other.get(url).content.decode()
    assert world[Role.STAGECOORDINATOR].full_name in mine
    assert world[Role.STAGECOORDINATOR].full_name not in theirs
    assert world[Role.PROGRAMMAMANAGER].full_name in theirs


def test_the_repeat_carries_the_new_requests_nonce_and_csrf_token(world):
    """A second browser of the same user gets the kept page with its own CSP nonce (the one in
    its header) and a CSRF token of its own cookie, with which its forms post."""
    person = world[Role.STAGECOORDINATOR]
    url = organisations(world)
    first = Client(enforce_csrf_checks=True)
    second = Client(enforce_csrf_checks=True)
    first.force_login(person)
    second.force_login(person)  # (a login is a change: it writes the last login)
    built = first.get(url)
    with CaptureQueriesContext(connection) as queries:
        kept = second.get(url)
    assert len(queries) <= 5  # served from the kept page
    body = kept.content.decode()
    nonces = set(NONCE.findall(body))
    assert nonces and len(nonces) == 1
    (nonce,) = nonces
    assert f"'nonce-{nonce}'" in kept["Content-Security-Policy"]
    assert nonce not in built.content.decode()
    assert page_cache.NONCE_MARK not in body and page_cache.CSRF_MARK not in body
    secret = second.cookies["csrftoken"].value  # set by this response: a secret of its own
    assert secret != first.cookies["csrftoken"].value
    tokens = TOKEN.findall(body)
    assert tokens and all(_unmask_cipher_token(t) == secret for t in tokens)
    logout = second.post(reverse("logout"), {"csrfmiddlewaretoken": tokens[0]})
    assert logout.status_code == 302


def test_a_page_with_a_pending_message_is_built_and_not_kept(client, world):
    client.force_login(world[Role.STAGECOORDINATOR])
    url = organisations(world)
    get(client, url)
    storage = CookieStorage(SimpleNamespace(COOKIES={}))
    client.cookies["messages"] = storage._encode([Message(25, "Opgeslagen.")])
    response, built = get(client, url)
    assert built > 5 and "Opgeslagen." in response.content.decode()
    _, kept = get(client, url)  # the message has been shown; the kept page serves again
    assert kept <= 5


def _other_session():
    params = connection.get_connection_params()
    return psycopg.connect(
        **{k: params[k] for k in ("dbname", "user", "host", "port") if k in params}
    )


def test_nothing_is_kept_while_another_transaction_writes(client, world):
    """While another session has changed tracked data and not committed, pages are built and not
    kept: the version may already say "changed" while that change cannot be read yet."""
    client.force_login(world[Role.STAGECOORDINATOR])
    url = organisations(world)
    other = _other_session()
    try:
        other.execute("UPDATE partnerships_partnership SET name = name WHERE id = %s", [world.b.pk])
        assert page_cache.data_version() is None
        _, built1 = get(client, url)
        _, built2 = get(client, url)
        assert built2 == built1 > 5
    finally:
        other.rollback()
        other.close()
    assert page_cache.data_version() is not None
    get(client, url)
    _, kept = get(client, url)
    assert kept <= 5


def test_an_open_transaction_without_tracked_changes_does_not_count(client, world):
    """A transaction that wrote only untracked tables (a login's session, an audit entry) or
    nothing at all leaves pages kept (the transfer form writes an audit entry on every view)."""
    client.force_login(world[Role.STAGECOORDINATOR])
    url = organisations(world)
    other = _other_session()
    try:
        other.execute("SELECT pg_current_xact_id()")  # open, with a transaction id
        other.execute("DELETE FROM django_session WHERE session_key = 'none'")
        assert page_cache.data_version() is not None
        get(client, url)
        _, kept = get(client, url)
        assert kept <= 5
    finally:
        other.rollback()
        other.close()


def test_off_when_page_cache_is_off(client, world, settings):
    settings.PAGE_CACHE = False
    client.force_login(world[Role.STAGECOORDINATOR])
    url = organisations(world)
    _, first = get(client, url)
    _, second = get(client, url)
    assert second == first


def test_every_product_table_is_tracked_and_sessions_are_not(world):
    before = page_cache.data_version()
    Organisation.objects.filter(pk=world.school1.pk).update(city="Zwolle")
    after = page_cache.data_version()
    assert after > before
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c WHERE c.relkind = 'r' "
            "AND c.relnamespace = current_schema()::regnamespace "
            "AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid "
            "AND g.tgname = 'os_data_version') ORDER BY 1"
        )
        untracked = [name for (name,) in cursor.fetchall()]
    assert [n for n in untracked if not n.startswith(("django_celery_beat_", "axes_"))] == [
        "django_migrations",
        "django_session",
        "partnerships_auditentry",  # every view of a transfer form; no kept page shows it
        "partnerships_outboxmessage",
    ]
    store = SessionStore()
    store["x"] = 1
    store.save()
    assert page_cache.data_version() == after


def test_an_htmx_fragment_and_the_page_are_kept_apart(client, world):
    client.force_login(world[Role.STAGECOORDINATOR])
    url = organisations(world)
    get(client, url)
    with CaptureQueriesContext(connection) as queries:
        fragment = client.get(url, headers={"HX-Request": "true", "HX-Target": "results"})
    assert fragment.status_code == 200 and len(queries) > 5  # built, not the page
    _, kept = get(client, url)
    assert kept <= 5
