"""Failed-login throttling (issue 13, item 6): per address and client address, per client address,
per account; the wait shown on the locked-out page; the client address behind a proxy."""

import pytest
from axes.utils import reset as axes_reset
from django.conf import settings as django_settings
from django.test import Client, RequestFactory

from config.throttle import LOCKOUT_PARAMETERS, client_ip
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def axes(settings):
    settings.AXES_ENABLED = True
    axes_reset()
    yield settings
    axes_reset()


def attempt(client, email, password="wrong", ip="192.0.2.1", **headers):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip, **headers)


def logged_in(client) -> bool:
    return client.session.get("_auth_user_id") is not None


def test_the_settings_name_the_groups_the_handler_limits():
    assert django_settings.AXES_LOCKOUT_PARAMETERS == LOCKOUT_PARAMETERS
    assert django_settings.AXES_FAILURE_LIMIT == 5
    assert django_settings.LOGIN_FAILURE_LIMIT_PER_IP == 20
    assert django_settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT == 10


def test_one_address_cannot_try_five_passwords_on_every_account(axes):
    """20 failures from one client address, four on each of five accounts: the address is locked
    for every account, even a sixth one with the right password."""
    victim = PersonFactory(email="victim@example.org")
    client = Client()
    for n in range(axes.LOGIN_FAILURE_LIMIT_PER_IP - 1):
        response = attempt(client, f"account{n // 4}@example.org", f"wrong-{n}")
        assert response.status_code == 200, n  # the form again: no limit reached yet
    assert attempt(client, "account9@example.org").status_code == 429
    response = attempt(client, victim.email, PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    # the same account from another address is not locked: it had no failures there
    other = Client()
    assert attempt(other, victim.email, PASSWORD, ip="192.0.2.2").status_code == 302


def test_many_addresses_cannot_share_out_the_guesses_on_one_account(axes):
    """10 failures on one account, one from each of ten addresses: the account is locked from
    everywhere, also for the right password from an eleventh address."""
    victim = PersonFactory(email="victim@example.org")
    for n in range(axes.LOGIN_FAILURE_LIMIT_PER_ACCOUNT - 1):
        assert attempt(Client(), victim.email, ip=f"198.51.100.{n}").status_code == 200, n
    assert attempt(Client(), victim.email, ip="198.51.100.99").status_code == 429
    client = Client()
    assert attempt(client, victim.email, PASSWORD, ip="203.0.113.7").status_code == 429
    assert not logged_in(client)
    # another account from those addresses is not locked
    other = PersonFactory(email="colleague@example.org")
    assert attempt(Client(), other.email, PASSWORD, ip="198.51.100.1").status_code == 302


def test_logging_in_to_an_own_account_does_not_reset_the_address_count(axes):
    """A valid account must not buy an address unlimited guesses on the others."""
    own = PersonFactory(email="own@example.org")
    client = Client()
    for n in range(axes.LOGIN_FAILURE_LIMIT_PER_IP - 1):
        attempt(client, f"account{n // 4}@example.org", f"wrong-{n}")
    assert attempt(client, own.email, PASSWORD).status_code == 302
    client.post("/accounts/logout/", REMOTE_ADDR="192.0.2.1")
    assert attempt(client, "account9@example.org").status_code == 429


def test_the_locked_out_page_says_how_long_to_wait(axes):
    client = Client()
    for n in range(axes.AXES_FAILURE_LIMIT):
        response = attempt(client, "someone@example.org", f"wrong-{n}")
    assert response.status_code == 429
    body = response.content.decode()
    assert '<html lang="nl">' in body
    assert "Wacht 30 minuten" in body, body
    client.cookies["django_language"] = "en"
    body = attempt(client, "someone@example.org").content.decode()
    assert "Wait 30 minutes, then try again." in body


# --- the client address the throttle counts ----------------------------------------------
def meta_request(remote="10.0.0.5", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post(LOGIN, **headers)


def test_without_a_proxy_a_forged_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(meta_request("192.0.2.10")) == "192.0.2.10"
    assert client_ip(meta_request("192.0.2.10", "203.0.113.1")) == "192.0.2.10"


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # the load balancer (10.0.0.5) appended the client's address
    assert client_ip(meta_request("10.0.0.5", "192.0.2.10")) == "192.0.2.10"
    # a client that writes its own X-Forwarded-For only adds entries left of the real one
    assert client_ip(meta_request("10.0.0.5", "203.0.113.1, 192.0.2.10")) == "192.0.2.10"
    # not through the proxy, or nonsense from it: the peer
    assert client_ip(meta_request("192.0.2.77")) == "192.0.2.77"
    assert client_ip(meta_request("10.0.0.5", "not-an-address")) == "10.0.0.5"


def test_behind_two_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    forwarded = "203.0.113.1, 192.0.2.10, 10.0.0.4"  # forged, client, first proxy
    assert client_ip(meta_request("10.0.0.5", forwarded)) == "192.0.2.10"


def test_a_forged_forwarded_for_buys_no_attempts_without_a_proxy(axes):
    axes.TRUSTED_PROXY_COUNT = 0
    client = Client()
    for n in range(axes.AXES_FAILURE_LIMIT):
        response = attempt(client, "someone@example.org", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert response.status_code == 429


def test_behind_the_proxy_one_attacker_does_not_lock_out_everyone(axes):
    """Every request comes from the load balancer's address; the throttle counts the client's."""
    axes.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.5"
    attacker = Client()
    for n in range(axes.LOGIN_FAILURE_LIMIT_PER_IP):
        attempt(
            attacker, f"account{n // 4}@example.org", ip=proxy, HTTP_X_FORWARDED_FOR="192.0.2.66"
        )
    assert (
        attempt(
            attacker, "account9@example.org", ip=proxy, HTTP_X_FORWARDED_FOR="192.0.2.66"
        ).status_code
        == 429
    )
    # forging another address in front does not help the attacker
    forged = "198.51.100.1, 192.0.2.66"
    assert (
        attempt(attacker, "x@example.org", ip=proxy, HTTP_X_FORWARDED_FOR=forged).status_code == 429
    )
    person = PersonFactory(email="teacher@example.org")
    colleague = Client()
    response = attempt(
        colleague, person.email, PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="192.0.2.10"
    )
    assert response.status_code == 302
