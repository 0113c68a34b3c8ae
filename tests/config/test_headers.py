"""The protective headers (issue 13, item 7), case by case; the crawl checks them on every page
(``tests/crawl/crawler.py``, ``header_problems``) and chromium checks the policy holds
(``tests/e2e/test_csp.py``)."""

import re

import pytest
from django.test import Client

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_scripts_need_the_nonce_of_the_response():
    client = Client()
    first, second = client.get("/accounts/login/"), client.get("/accounts/login/")
    policy = directives(first)
    nonce = next(s for s in policy["script-src"] if s.startswith("'nonce-"))[7:-1]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    html = first.content.decode()
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts), scripts
    assert nonce not in second["Content-Security-Policy"]  # a new nonce for every response
    # no inline event handlers, no hx-on, htmx evaluates nothing
    assert not re.search(r"\son[a-z]+=|hx-on", html)
    assert '"allowEval": false' in html and '"includeIndicatorStyles": false' in html


def test_permissions_policy_everywhere():
    for path in ("/", "/accounts/login/", "/privacy/", "/no-such-page/"):
        policy = Client().get(path)["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in policy, (path, feature)


def test_logged_in_pages_are_not_stored_public_pages_are():
    person = PersonFactory(email="someone@example.org")
    anonymous = Client()
    for path in ("/", "/privacy/"):  # (the login form is never cached: Django's own choice)
        assert "no-store" not in anonymous.get(path).get("Cache-Control", ""), path
    client = Client()
    client.force_login(person)
    for path in ("/", "/privacy/", "/accounts/password/change/", "/no-such-page/"):
        response = client.get(path)
        assert "no-store" in response["Cache-Control"], path
        assert "private" in response["Cache-Control"], path


def test_a_view_that_chooses_its_own_caching_keeps_it(rf, settings):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from config.middleware import PrivacyHeadersMiddleware

    person = PersonFactory(email="someone@example.org")

    def view(request):
        response = HttpResponse("ok")
        response["Cache-Control"] = "private, max-age=60"
        return response

    request = rf.get("/")
    request.user = person
    assert PrivacyHeadersMiddleware(view)(request)["Cache-Control"] == "private, max-age=60"
    request.user = AnonymousUser()
    assert PrivacyHeadersMiddleware(lambda r: HttpResponse())(request).get("Cache-Control") is None


def test_static_files_stay_cacheable(settings):
    settings.WHITENOISE_USE_FINDERS = True  # serve from static/ as in development
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client()
    client.force_login(PersonFactory(email="someone@example.org"))
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
