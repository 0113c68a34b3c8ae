"""Whole pages kept for a repeat view, for as long as the database says the same (issue 18).

A coordinator, student or steering-group member opens the same few pages many times a day while
the data under them changes a few times an hour. A page whose view says ``page_cache = True``
(``PartnershipMixin``) is kept per user under:

* the **data version**: the sequence ``os_data_version``, which every statement that changes a
  tracked table moves on (a trigger, migration ``partnerships.0013_data_version``). It is read by
  ``os_page_version()``, which then looks whether another session of the database has changed
  tracked data it has not committed yet (the trigger holds a shared advisory lock until the end
  of the writing transaction; ``pg_locks``); if so the page is built as usual and not
  kept, so a page is never kept with data that is about to change under the same version. Any
  change after the version was read moves the version on, so at worst a page newer than its
  version is kept, never an older one;
* the **user**, the **path with its query string**, htmx's request headers (a fragment is not
  the page), the **language**, **today's date** (deadlines and "overdue" read the date) and the
  **session's data** (a choice kept in the session shows; not its expiry or login time, which
  differ per login and show nowhere);
* and only after the view's access check has passed, so a withdrawn role answers 403 at once.

Not kept: requests other than GET, responses other than a 200 HTML page, a page with a pending
message (it would be shown once and then again). Two things in a page belong to the request, not
to the data: the CSP nonce and the CSRF token of its forms. Both are kept as marks and filled in
with the new request's own on every repeat, so the same user's pages serve each of their browser
sessions.

Kept in the ``pages`` cache (``settings.CACHES``): Redis shared by the web processes when
``REDIS_CACHE_URL`` is set (production), else local memory per process. The key also holds a
fingerprint of the deployed code (``release``), so a deploy never serves a page of the templates
before it. ``PAGE_CACHE=0`` turns it off."""

import functools
import hashlib
import os
import re
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH, _unmask_cipher_token, get_token
from django.utils import timezone, translation

from .middleware import SESSION_LOGIN_KEY

ALIAS = "pages"
NONCE_MARK = "{{os-page-cache-nonce}}"
CSRF_MARK = "{{os-page-cache-csrf}}"
_TOKEN = re.compile(rf"\b[A-Za-z0-9]{{{CSRF_TOKEN_LENGTH}}}\b")
_VERSION_SQL = "SELECT os_page_version()"
_SESSION_KEYS_IGNORED = {"_session_expiry", SESSION_LOGIN_KEY}
_HEADERS_NOT_KEPT = {"content-length", "set-cookie"}  # the middleware add the rest again


def data_version() -> int | None:
    """The data version, or None while another transaction is writing (nothing may be kept)."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL)
        return cursor.fetchone()[0]


@functools.cache
def release() -> str:
    """A fingerprint of the code and templates this process runs: names, sizes and modification
    times of the project's Python files, templates and compiled messages."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    skip = {".venv", "var", "node_modules", ".git", "tests", "staticfiles"}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in skip and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".py", ".html", ".mo", ".txt")):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def _key(request, version: int) -> str:
    session = request.session
    state = sorted((k, repr(v)) for k, v in session.items() if k not in _SESSION_KEYS_IGNORED)
    parts = (
        release(),
        version,
        request.user.pk,
        translation.get_language(),
        timezone.localdate().isoformat(),
        request.get_full_path(),
        sorted((k, v) for k, v in request.headers.items() if k.lower().startswith("hx-")),
        state,
    )
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _usable(request) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method == "GET"
        and request.user.is_authenticated
        and not request.COOKIES.get("messages")
        and "_messages" not in request.session
    )


def serve(request, build):
    """The response of ``build()`` (the view), or the page kept for this request."""
    if not _usable(request):
        return build()
    version = data_version()
    if version is None:
        return build()
    key = _key(request, version)
    cache = caches[ALIAS]
    kept = cache.get(key)
    if kept is not None:
        body, headers = kept
        if CSRF_MARK in body:
            body = body.replace(CSRF_MARK, get_token(request))
        if NONCE_MARK in body:
            body = body.replace(NONCE_MARK, str(request.csp_nonce))
        return HttpResponse(body, headers=headers)
    response = build()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if _keepable(response):
        body = _marked(request, response.content.decode(response.charset))
        headers = {k: v for k, v in response.items() if k.lower() not in _HEADERS_NOT_KEPT}
        cache.set(key, (body, headers), settings.PAGE_CACHE_SECONDS)
    return response


def _marked(request, body: str) -> str:
    """The page with this request's CSP nonce and CSRF tokens (masks of the CSRF secret) as
    marks."""
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str):
        body = body.replace(nonce, NONCE_MARK)
    secret = request.META.get("CSRF_COOKIE")
    if secret:
        body = _TOKEN.sub(
            lambda m: CSRF_MARK if _unmask_cipher_token(m[0]) == secret else m[0], body
        )
    return body


def _keepable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and "no-store" not in response.get("Cache-Control", "")
    )
