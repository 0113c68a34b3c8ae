"""The public pages: the landing page at ``/`` for anonymous visitors and the privacy statement."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.partnerships.conftest import dutch, shows_dutch

pytestmark = pytest.mark.django_db

HOME = reverse("home")
PRIVACY = reverse("privacy")
LOGIN = reverse("login")


def meta_description(body: str) -> str:
    match = re.search(r'<meta name="description" content="([^"]*)">', body)
    assert match, "the page has no meta description"
    return match.group(1)


# --- the landing page -----------------------------------------------------------------------
def test_landing_page_explains_the_product_in_dutch(client):
    response = client.get(HOME)
    assert response.status_code == 200
    assert response.templates[0].name == "public/landing.html"
    body = response.content.decode()
    assert '<html lang="nl">' in body
    for text in (
        "The online workplace of your teacher-training partnership",
        "What you can do with it",
        "Placements",
        "Transfer forms",
        "Subsidy lists",
        "Training programme",
        "Professionalisation",
        "Quality cycle",
        "Who uses it",
        "How do I get an account?",
        "Help and contact",
    ):
        assert shows_dutch(response, text), text
    assert shows_dutch(
        response,
        "You cannot register yourself. Ask the coordinator of your partnership (opleidingsschool) "
        "to add you; they record your name, e-mail address and role.",
    )
    assert "What you can do with it" not in body


def test_landing_page_has_a_prominent_login_button_and_the_privacy_link(client):
    body = client.get(HOME).content.decode()
    login_button = f'<a class="btn btn-primary btn-lg px-4" href="{LOGIN}">{dutch("Log in")}</a>'
    assert login_button in body
    assert f'href="{PRIVACY}"' in body
    # anonymous visitors see no partnership navigation, only the way in and the language switch
    assert 'id="mainnav"' not in body
    assert escape(dutch("Log out")) not in body


def test_landing_page_shows_the_support_address(client, settings):
    settings.SUPPORT_EMAIL = "hulp@os-voorbeeld.nl"
    body = client.get(HOME).content.decode()
    assert '<a href="mailto:hulp@os-voorbeeld.nl">hulp@os-voorbeeld.nl</a>' in body


def test_support_address_has_a_default():
    from django.conf import settings

    assert "@" in settings.SUPPORT_EMAIL


def test_landing_page_has_its_own_meta_description(client):
    description = meta_description(client.get(HOME).content.decode())
    english = (
        "Opleidingsschool is where a teacher-training partnership of schools and institutes runs "
        "its placements, transfer forms, subsidy lists, training programme, professionalisation "
        "and quality cycle."
    )
    assert dutch(english) != english
    assert description == escape(dutch(english))


def test_other_pages_get_the_general_meta_description(client):
    description = meta_description(client.get(LOGIN).content.decode())
    assert description == escape(
        dutch(
            "Opleidingsschool: placements, guidance and quality for teacher-training partnerships "
            "of schools and institutes."
        )
    )


def test_landing_page_in_english_after_the_switch(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": HOME})
    assert response["Location"] == HOME
    response = client.get(HOME)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "The online workplace of your teacher-training partnership" in body
    assert "How do I get an account?" in body
    assert f'href="{LOGIN}">Log in</a>' in body
    assert dutch("What you can do with it") not in body
    assert 'value="nl" lang="nl">Nederlands</button>' in body
    assert meta_description(body).startswith("Opleidingsschool is where a teacher-training")


# --- logged-in users keep today's behaviour -------------------------------------------------
def test_a_user_with_one_partnership_is_still_sent_to_it(client, shared_world):
    client.force_login(shared_world["stagecoordinator"])
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:dashboard", args=[shared_world.a.slug])


def test_a_user_with_several_partnerships_still_chooses(client, shared_world):
    client.force_login(shared_world["superuser"])
    response = client.get(HOME)
    assert response.status_code == 200
    assert response.templates[0].name == "partnerships/choose_partnership.html"
    assert not shows_dutch(response, "What you can do with it")


# --- the privacy statement ------------------------------------------------------------------
def test_privacy_statement_for_anonymous_visitors(client, settings):
    settings.SUPPORT_EMAIL = "privacy@os-voorbeeld.nl"
    response = client.get(PRIVACY)
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "Privacy statement",
        "Who is responsible",
        "Which personal data is kept",
        "Why",
        "How long data is kept",
        "Your rights",
        "Questions and complaints",
        "Account, roles and qualifications",
        "Student records: institute, study year, categories, placements, preferences",
        "access: see which data is kept about you;",
        "correction: have incorrect or incomplete data corrected;",
        "deletion: have data deleted that is no longer needed;",
    ):
        assert shows_dutch(response, text), text
    # the retention terms are the partnership's policy, which the controller may set
    assert shows_dutch(
        response,
        "The terms below are the default policy. The partnership, as the controller, sets the "
        "retention terms that apply and may choose other ones; ask your coordinator which terms "
        "your partnership uses. When a term ends, the data is deleted or made anonymous.",
    )
    # survey answers are anonymous, participation is kept apart
    assert "anoniem" in body
    assert "Autoriteit Persoonsgegevens" in body
    assert 'href="https://www.autoriteitpersoonsgegevens.nl/"' in body
    assert '<a href="mailto:privacy@os-voorbeeld.nl">privacy@os-voorbeeld.nl</a>' in body
    assert meta_description(body) != meta_description(client.get(LOGIN).content.decode())


def test_privacy_statement_in_english(client):
    client.post("/i18n/setlang/", {"language": "en"})
    body = client.get(PRIVACY).content.decode()
    assert '<html lang="en">' in body
    assert "Privacy statement" in body
    assert "How long data is kept" in body
    assert "Autoriteit Persoonsgegevens" in body


def test_privacy_statement_for_a_logged_in_user(client, shared_world):
    client.force_login(shared_world["student"])
    response = client.get(PRIVACY)
    assert response.status_code == 200
    assert shows_dutch(response, "Your rights")


@pytest.mark.parametrize("url", [HOME, LOGIN, PRIVACY])
def test_privacy_statement_is_linked_from_the_public_pages_and_the_footer(client, url):
    body = client.get(url).content.decode()
    footer = body[body.index("<footer") :]
    assert f'<a href="{PRIVACY}">{escape(dutch("Privacy statement"))}</a>' in footer


def test_login_page_says_there_is_no_self_registration(client):
    response = client.get(LOGIN)
    assert shows_dutch(
        response,
        "No account yet? Ask the coordinator of your partnership to add you; "
        "you cannot register yourself.",
    )
    assert f'href="{PRIVACY}"' in response.content.decode().split("<footer")[0]
