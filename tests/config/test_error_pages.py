"""Error pages (issue 13, item 8): 400, 403, 404 and 500 in the product's layout, in Dutch, with a
way back to the start page and no technical detail — also when Django renders them without a
request (400, 500)."""

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db

HEADINGS = {
    400: "Request not understood",
    403: "You have no access to this page",
    404: "Page not found",
    500: "Something went wrong",
}


@pytest.fixture
def production_errors(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.config.error_urls"


def dutch(message: str) -> str:
    with translation.override("nl"):
        return gettext(message)


@pytest.mark.parametrize("status", sorted(HEADINGS))
@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "logged-in"])
def test_error_page(status, logged_in, production_errors):
    client = Client(raise_request_exception=False)
    if logged_in:
        person = PersonFactory(email="someone@example.org")
        client.force_login(person)
    response = client.get(f"/test-errors/{status}/")
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert '<html lang="nl">' in body
    assert dutch(HEADINGS[status]) != HEADINGS[status], "not translated"
    assert f'<h1 class="h3">{dutch(HEADINGS[status])}</h1>' in body
    # the product's layout and a way back
    assert 'href="/static/css/app.css"' in body
    assert "app-navbar" in body
    assert dutch("Back to the start page") in body
    assert 'href="/"' in body
    # nothing technical
    for leak in ("secret detail", "Traceback", "RuntimeError", "SuspiciousOperation", "SELECT"):
        assert leak not in body, leak
    # the error pages carry the same headers as every page
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_500_page_needs_nothing_from_the_request(production_errors):
    """Django renders 500.html without a request or context processors: the page must not depend
    on them (no menu, no user, no CSRF form)."""
    from django.template.loader import get_template

    with translation.override("nl"):
        html = get_template("500.html").render()
    assert dutch("Something went wrong") in html
    assert "csrfmiddlewaretoken" not in html


def test_a_logged_in_user_keeps_the_menu_on_403_and_404(production_errors):
    person = PersonFactory(email="someone@example.org", is_staff=True)
    client = Client(raise_request_exception=False)
    assert client.post("/accounts/login/", {"username": person.email, "password": PASSWORD})
    for status in (403, 404):
        body = client.get(f"/test-errors/{status}/").content.decode()
        assert dutch("Log out") in body, status
