"""Logging in and out, password reset, failed-login lockout, session timeouts, language."""

import re
import time
from datetime import timedelta

import pytest
from axes.utils import reset as axes_reset
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from partnerships.middleware import SESSION_LOGIN_KEY
from tests.factories import PASSWORD
from tests.partnerships.conftest import dutch, shows_dutch

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def login(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


# --- login and logout -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "email",
    [
        "stagecoordinator@example.org",
        "StageCoordinator@Example.org",
        "STAGECOORDINATOR@EXAMPLE.ORG",
    ],
)
def test_login_by_email_case_insensitive(client, shared_world, email):
    response = login(client, email)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert logged_in_user_id(client) == str(shared_world["stagecoordinator"].pk)
    # one partnership: home goes straight to its dashboard
    home = client.get("/")
    assert home["Location"] == reverse("partnerships:dashboard", args=[shared_world.a.slug])


def test_login_with_next(client, shared_world):
    target = reverse("partnerships:student_list", args=[shared_world.a.slug])
    response = client.get(target)
    assert response["Location"] == f"{LOGIN}?next={target}"
    response = login(client, "student@example.org", next=target)
    assert response["Location"] == target


def test_wrong_password_is_refused_in_dutch(client, shared_world):
    response = login(client, "stagecoordinator@example.org", "wrong-password")
    assert response.status_code == 200
    (error,) = response.context["form"].non_field_errors()
    assert logged_in_user_id(client) is None
    body = response.content.decode()
    assert '<html lang="nl">' in body
    assert "wachtwoord" in error  # Django's own message, in Dutch
    assert escape(error) in body
    assert "Please enter a correct" not in body


def test_inactive_person_cannot_log_in(client, world):
    person = world["stagecoordinator"]
    person.is_active = False
    person.save()
    login(client, person.email)
    assert logged_in_user_id(client) is None


def test_logout_by_post(client, shared_world):
    client.force_login(shared_world["stagecoordinator"])
    assert client.get(reverse("logout")).status_code == 405  # no logout by a stray link
    assert logged_in_user_id(client) is not None
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert logged_in_user_id(client) is None
    dashboard = client.get(reverse("partnerships:dashboard", args=[shared_world.a.slug]))
    assert dashboard["Location"].startswith(f"{LOGIN}?next=")


def test_logged_in_user_visiting_login_is_sent_on(client, shared_world):
    client.force_login(shared_world["student"])
    assert client.get(LOGIN)["Location"] == reverse("home")


# --- password reset -------------------------------------------------------------------------
def _reset_link(message) -> str:
    match = re.search(r"https?://[^/]+(/accounts/reset/[^/]+/[^/]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_password_reset_flow(client, world, mailoutbox):
    person = world["werkplekbegeleider"]
    response = client.post(reverse("password_reset"), {"email": person.email.upper()})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [person.email]
    link = _reset_link(message)

    response = client.get(link)
    assert response.status_code == 302  # Django hides the token behind a set-password URL
    set_password_url = response["Location"]
    assert set_password_url.endswith("/set-password/")
    new_password = "Werkplek-Nieuw-Wachtwoord-2025"
    response = client.post(
        set_password_url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert response["Location"] == reverse("password_reset_complete")

    person.refresh_from_db()
    assert person.check_password(new_password)
    assert logged_in_user_id(client) is None
    login(client, person.email, new_password)
    assert logged_in_user_id(client) == str(person.pk)
    # the link works once
    client.post(reverse("logout"))
    response = client.get(link, follow=True)
    assert response.context["validlink"] is False


def test_a_person_added_without_a_password_chooses_one_through_the_reset_link(
    client, world, mailoutbox
):
    """Coordinators add people without a password; "Forgot your password?" is their way in."""
    person = world["werkplekbegeleider"]
    person.set_unusable_password()
    person.save()
    client.post(reverse("password_reset"), {"email": person.email})
    assert len(mailoutbox) == 1
    set_password_url = client.get(_reset_link(mailoutbox[0]))["Location"]
    chosen = "Eerste-Wachtwoord-Gekozen-2026"
    response = client.post(set_password_url, {"new_password1": chosen, "new_password2": chosen})
    assert response["Location"] == reverse("password_reset_complete")
    person.refresh_from_db()
    assert person.check_password(chosen)


def test_an_inactive_person_gets_no_reset_link(client, world, mailoutbox):
    person = world["werkplekbegeleider"]
    person.is_active = False
    person.save()
    client.post(reverse("password_reset"), {"email": person.email})
    assert mailoutbox == []


def test_password_reset_unknown_address_sends_nothing_and_says_the_same(
    client, shared_world, mailoutbox
):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert mailoutbox == []


def test_password_reset_weak_password_is_refused(client, world, mailoutbox):
    person = world["student"]
    client.post(reverse("password_reset"), {"email": person.email})
    set_password_url = client.get(_reset_link(mailoutbox[0]))["Location"]
    response = client.post(set_password_url, {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


# --- failed-login lockout (django-axes) -----------------------------------------------------
@pytest.fixture
def axes(settings):
    settings.AXES_ENABLED = True
    axes_reset()
    yield settings
    axes_reset()


def test_lockout_after_too_many_failures(client, shared_world, axes):
    email = "schoolcoordinator@example.org"
    for attempt in range(axes.AXES_FAILURE_LIMIT - 1):
        response = login(client, email, f"wrong-{attempt}")
        assert response.status_code == 200, attempt  # the form again, not yet locked
    response = login(client, email, "wrong-last")
    assert response.status_code == 429

    response = login(client, email, PASSWORD)  # the right password no longer helps
    assert response.status_code == 429
    assert logged_in_user_id(client) is None
    body = response.content.decode()
    assert '<html lang="nl">' in body
    assert shows_dutch(response, "Too many failed login attempts")
    assert shows_dutch(response, "Reset your password")

    # another account from the same address is not locked
    assert login(client, "schoolopleider@example.org")["Location"] == reverse("home")

    axes_reset()
    client.post(reverse("logout"))
    assert login(client, email)["Location"] == reverse("home")


def test_lockout_counts_every_spelling_of_the_address(client, shared_world, axes):
    """Changing the case of the e-mail address must not buy more attempts."""
    spellings = ["leidinggevende@example.org", "Leidinggevende@Example.org"]
    for attempt in range(axes.AXES_FAILURE_LIMIT):
        email = spellings[attempt % 2]
        login(client, email, f"wrong-{attempt}")
    for email in ("leidinggevende@example.org", "LeidingGevende@Example.ORG"):
        response = login(client, email, PASSWORD)
        assert response.status_code == 429, email
        assert logged_in_user_id(client) is None


def test_success_resets_the_failure_count(client, shared_world, axes):
    email = "co.docent@example.org"
    for _round in range(2):
        for attempt in range(axes.AXES_FAILURE_LIMIT - 1):
            login(client, email, f"wrong-{attempt}")
        assert login(client, email)["Location"] == reverse("home")
        client.post(reverse("logout"))


# --- session timeouts -----------------------------------------------------------------------
def test_idle_timeout_is_configured():
    assert django_settings.SESSION_COOKIE_AGE == django_settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert django_settings.SESSION_ABSOLUTE_TIMEOUT == 10 * 60 * 60
    # Renewed by partnerships.sessions when due (at most a minute late), not by a write on
    # every request.
    assert django_settings.SESSION_ENGINE == "partnerships.sessions"
    assert "partnerships.sessions.SessionMiddleware" in django_settings.MIDDLEWARE
    assert django_settings.SESSION_RENEW_AFTER == 60
    assert django_settings.SESSION_SAVE_EVERY_REQUEST is False


def _session_row(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_a_request_renews_the_idle_timeout_when_it_is_due(client, shared_world):
    client.force_login(shared_world["stagecoordinator"])
    url = reverse("partnerships:dashboard", args=[shared_world.a.slug])
    client.get(url)
    row = _session_row(client)
    row.expire_date = timezone.now() + timedelta(minutes=1)
    row.save()
    assert client.get(url).status_code == 200
    renewed = _session_row(client).expire_date - timezone.now()
    assert timedelta(minutes=29) < renewed <= timedelta(minutes=30)


@pytest.mark.parametrize("renewed_ago", [timedelta(seconds=5), timedelta(seconds=50)])
def test_a_request_within_a_minute_of_the_last_renewal_writes_nothing(
    client, shared_world, renewed_ago
):
    """The session row is written only when a renewal would move its expiry by more than
    SESSION_RENEW_AFTER (a minute): the idle timeout then ends the session between 29 and 30
    minutes after the last request, never later."""
    client.force_login(shared_world["stagecoordinator"])
    url = reverse("partnerships:dashboard", args=[shared_world.a.slug])
    client.get(url)
    row = _session_row(client)
    stored = timezone.now() + timedelta(minutes=30) - renewed_ago
    row.expire_date = stored
    row.save()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert _session_row(client).expire_date == stored


def test_the_session_is_renewed_once_a_minute_has_passed(client, shared_world):
    client.force_login(shared_world["stagecoordinator"])
    url = reverse("partnerships:dashboard", args=[shared_world.a.slug])
    client.get(url)
    row = _session_row(client)
    row.expire_date = timezone.now() + timedelta(minutes=30) - timedelta(seconds=61)
    row.save()
    assert client.get(url).status_code == 200
    renewed = _session_row(client).expire_date - timezone.now()
    # Unrenewed it would be under 28:59.
    assert timedelta(minutes=29, seconds=30) < renewed <= timedelta(minutes=30)


def test_idle_session_ends(client, shared_world):
    client.force_login(shared_world["stagecoordinator"])
    url = reverse("partnerships:dashboard", args=[shared_world.a.slug])
    assert client.get(url).status_code == 200
    row = _session_row(client)
    row.expire_date = timezone.now() - timedelta(seconds=1)
    row.save()
    response = client.get(url)
    assert response["Location"] == f"{LOGIN}?next={url}"


def _set_login_at(client, seconds_ago):
    session = client.session
    session[SESSION_LOGIN_KEY] = time.time() - seconds_ago
    session.save()


def test_absolute_timeout_ends_an_active_session(client, shared_world):
    client.force_login(shared_world["stagecoordinator"])
    url = reverse("partnerships:dashboard", args=[shared_world.a.slug])
    assert client.get(url).status_code == 200
    assert SESSION_LOGIN_KEY in client.session  # stamped on the first request

    _set_login_at(client, django_settings.SESSION_ABSOLUTE_TIMEOUT - 60)
    assert client.get(url).status_code == 200  # busy, and not yet ten hours

    _set_login_at(client, django_settings.SESSION_ABSOLUTE_TIMEOUT + 60)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert logged_in_user_id(client) is None
    page = client.get(response["Location"])
    assert shows_dutch(page, "Your session has ended. Please log in again.")
    assert client.get(url)["Location"] == f"{LOGIN}?next={url}"


# --- language -------------------------------------------------------------------------------
def test_dutch_by_default_and_english_on_request(client, shared_world):
    client.force_login(shared_world["stagecoordinator"])
    url = reverse("partnerships:dashboard", args=[shared_world.a.slug])
    body = client.get(url).content.decode()
    assert '<html lang="nl">' in body
    assert 'value="en" lang="en">English</button>' in body  # the switch offers English
    assert shows_dutch(client.get(url), "What needs your attention")
    assert "What needs your attention" not in body

    response = client.post("/i18n/setlang/", {"language": "en", "next": url})
    assert response["Location"] == url
    body = client.get(url).content.decode()
    assert '<html lang="en">' in body
    assert "What needs your attention" in body
    assert dutch("What needs your attention") not in body
    assert 'value="nl" lang="nl">Nederlands</button>' in body

    client.post("/i18n/setlang/", {"language": "nl", "next": url})
    assert '<html lang="nl">' in client.get(url).content.decode()


def test_login_page_in_english(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": LOGIN})
    response = login(client, "nobody@example.org", "wrong")
    assert '<html lang="en">' in response.content.decode()
    assert "Please enter a correct" in response.content.decode()


def test_dutch_first_whatever_the_browser_asks(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl">' in page.content.decode()


def test_the_persons_own_language_and_the_switch_win(client):
    from tests.factories import PersonFactory

    person = PersonFactory(language="en")
    client.force_login(person)
    assert '<html lang="en">' in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "nl"})
    assert '<html lang="nl">' in client.get("/").content.decode()
