"""Sign-in through an identity provider (issue 17, item 1), through the real redirect flow.

A real OpenID Connect provider (django-oidc-provider, its own Django project in
``tests/oidc_provider/`` with its own PostgreSQL database) runs in its own process on loopback;
the application runs on pytest-django's live server. One HTTP client follows every redirect:
the login page's button, the provider's login form, the code back to the application, the
token exchange behind it (server to server, RS256-signed ID token checked against the provider's
JWKS), the dashboard.
"""

import re
from html import unescape

import httpx
import pytest
from django.conf import settings

from partnerships.glossary import Role
from partnerships.models import ExternalIdentity, IdentityProvider
from tests.factories import (
    InstituteFactory,
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    SchoolFactory,
    StudentFactory,
)
from tests.oidc_provider.server import running_provider

pytestmark = pytest.mark.django_db(transaction=True)

BUTTON = r'href="([^"]+)"[^>]*>Inloggen met Entree \(Segbroek\)<'

CLIENT_ID, SECRET = "opleidingsschool", "client-secret-for-tests"
IDP_USERS = [
    "anne:anne@segbroek.example",  # a schoolopleider at the school the provider vouches for
    "sanne:sanne@hhs.example",  # a student of the institute: not vouched for by the school's IdP
    "nieuw:nieuw@segbroek.example",  # nobody here has this address
    "unverified-anne:anne@segbroek.example",  # the provider did not verify this address
]


@pytest.fixture(scope="module")
def identity_provider(live_server, tmp_path_factory):
    with running_provider(
        settings.DATABASES["default"],
        tmp_path_factory.mktemp("idp"),
        CLIENT_ID,
        SECRET,
        f"{live_server.url}/accounts/oidc/callback/",
        IDP_USERS,
    ) as issuer:
        yield issuer


@pytest.fixture
def world(identity_provider, settings):
    settings.MFA_ENFORCE = True  # a schoolopleider must use it with a password, not through OIDC
    partnership = PartnershipFactory(slug="hos")
    school = SchoolFactory(partnership=partnership, name="Segbroek College")
    institute = InstituteFactory(partnership=partnership, name="Haagse Hogeschool")
    anne = PersonFactory(email="anne@segbroek.example", first_name="Anne", last_name="Smit")
    RoleFactory(person=anne, partnership=partnership, role=Role.SCHOOLOPLEIDER, organisation=school)
    sanne = PersonFactory(email="sanne@hhs.example", first_name="Sanne", last_name="Kok")
    StudentFactory(partnership=partnership, institute=institute, school=None, person=sanne)
    provider = IdentityProvider.objects.create(
        name="Entree (Segbroek)",
        slug="entree",
        issuer=identity_provider,
        client_id=CLIENT_ID,
        client_secret=SECRET,
    )
    provider.organisations.set([school])
    return {"partnership": partnership, "anne": anne, "sanne": sanne, "provider": provider}


def sign_in(base_url: str, username: str) -> httpx.Response:
    """Click "Inloggen met Entree (Segbroek)", log in at the provider, follow it all back."""
    with httpx.Client(base_url=base_url, follow_redirects=True, timeout=20) as client:
        login_page = client.get("/accounts/login/")
        assert login_page.status_code == 200
        button = re.search(BUTTON, login_page.text)
        assert button, "no provider button on the login page"
        at_provider = client.get(unescape(button.group(1)))
        assert at_provider.url.port != httpx.URL(base_url).port
        assert "Test identity provider" in at_provider.text
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', at_provider.text).group(1)
        next_url = re.search(r'name="next" value="([^"]*)"', at_provider.text).group(1)
        return client.post(
            at_provider.url,
            data={
                "csrfmiddlewaretoken": csrf,
                "username": username,
                "password": "idp-password",
                "next": unescape(next_url),
            },
        )


def test_a_known_person_with_a_verified_address_lands_on_their_dashboard(live_server, world):
    response = sign_in(live_server.url, "anne")
    assert response.status_code == 200
    assert response.url.path == "/p/hos/"
    assert "Anne Smit" in response.text  # no second step: the provider does its own
    link = ExternalIdentity.objects.get(provider=world["provider"])
    assert (link.person, link.subject) == (world["anne"], "idp-anne")
    assert link.last_login is not None


def test_the_stored_subject_matches_when_the_address_changed(live_server, world):
    ExternalIdentity.objects.create(
        provider=world["provider"], person=world["anne"], subject="idp-unverified-anne"
    )
    world["anne"].email = "a.smit@elders.example"
    world["anne"].save()
    response = sign_in(live_server.url, "unverified-anne")
    assert response.url.path == "/p/hos/"
    assert "Anne Smit" in response.text


def test_an_unknown_person_is_told_to_ask_their_coordinator(live_server, world):
    response = sign_in(live_server.url, "nieuw")
    assert response.status_code == 403
    assert "We kennen je nog niet" in response.text
    assert "Vraag de coördinator" in response.text
    assert "Ask the coordinator of your partnership" in response.text  # and in English
    assert not ExternalIdentity.objects.exists()
    assert "Uitloggen" not in response.text  # not logged in


def test_an_unverified_address_matches_nobody(live_server, world):
    response = sign_in(live_server.url, "unverified-anne")
    assert response.status_code == 403
    assert "We kennen je nog niet" in response.text
    assert not ExternalIdentity.objects.exists()


def test_a_person_of_another_organisation_is_refused(live_server, world):
    response = sign_in(live_server.url, "sanne")
    assert response.status_code == 403
    assert "Log op een andere manier in" in response.text
    assert "Uitloggen" not in response.text
    assert not ExternalIdentity.objects.exists()
