"""Two-step verification for password logins (issue 17, item 2): who must use it, enrolment at
the first login, the second step with the app's code or a backup code, and what never counts."""

import datetime
import re

import pyotp
import pytest
import time_machine
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships import mfa
from partnerships.glossary import Role
from tests.factories import PASSWORD, PartnershipFactory, PersonFactory, RoleFactory, SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _enforce(settings):
    settings.MFA_ENFORCE = True
    settings.MFA_EXEMPT_EMAIL_DOMAINS = ["hos.example"]


@pytest.fixture
def partnership():
    return PartnershipFactory(slug="hos")


def person_with(partnership, role, email):
    person = PersonFactory(email=email)
    organisation = SchoolFactory(partnership=partnership) if role != Role.STAGECOORDINATOR else None
    RoleFactory(person=person, partnership=partnership, role=role, organisation=organisation)
    return person


def log_in(client, person):
    return client.post(reverse("login"), {"username": person.email, "password": PASSWORD})


def secret_of(client) -> str:
    page = client.get(reverse("mfa_setup")).content.decode()
    return re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")


def enrol(client, person) -> tuple[str, list[str]]:
    """Log in, set up the app, return its secret and the backup codes shown."""
    log_in(client, person)
    secret = secret_of(client)
    response = client.post(reverse("mfa_setup"), {"code": pyotp.TOTP(secret).now()}, follow=True)
    codes = re.findall(r'<li class="col mb-1">([a-z2-7]+)</li>', response.content.decode())
    client.post(reverse("logout"))
    return secret, codes


@pytest.mark.parametrize(
    "role",
    [Role.STAGECOORDINATOR, Role.SCHOOLCOORDINATOR, Role.SCHOOLOPLEIDER, Role.INSTITUUTSOPLEIDER],
)
def test_roles_that_see_personal_data_must_use_it(partnership, role):
    assert mfa.mfa_required(person_with(partnership, role, f"{role}@school.example"))


@pytest.mark.parametrize("role", [Role.WERKPLEKBEGELEIDER, Role.STUURGROEPLID, Role.CO_DOCENT])
def test_other_roles_may(partnership, role):
    assert not mfa.mfa_required(person_with(partnership, role, f"{role}@school.example"))


def test_platform_admins_must_and_demo_addresses_need_not(partnership, settings):
    assert mfa.mfa_required(PersonFactory(email="root@school.example", is_staff=True))
    demo = person_with(partnership, Role.STAGECOORDINATOR, "stagecoordinator@hos.example")
    assert not mfa.mfa_required(demo)
    settings.MFA_EXEMPT_EMAIL_DOMAINS = []
    assert mfa.mfa_required(demo)


def test_a_coordinator_sets_up_the_app_before_the_first_login_completes(client, partnership):
    coordinator = person_with(partnership, Role.STAGECOORDINATOR, "sc@school.example")
    response = log_in(client, coordinator)
    assert response["Location"] == reverse("mfa_setup")
    assert client.get(reverse("partnerships:dashboard", args=["hos"])).status_code == 302
    page = client.get(reverse("mfa_setup")).content.decode()
    assert "<svg" in page and "Tweestapsverificatie instellen" in page
    assert not TOTPDevice.objects.exists()  # looking at the page saves nothing
    secret = secret_of(client)

    wrong = client.post(reverse("mfa_setup"), {"code": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    assert client.get(reverse("partnerships:dashboard", args=["hos"])).status_code == 302

    response = client.post(reverse("mfa_setup"), {"code": pyotp.TOTP(secret).now()}, follow=True)
    codes = re.findall(r'<li class="col mb-1">([a-z2-7]+)</li>', response.content.decode())
    assert len(codes) == mfa.BACKUP_CODE_COUNT
    assert client.get(reverse("partnerships:dashboard", args=["hos"])).status_code == 200
    assert client.get(reverse("mfa_backup_codes")).status_code == 302  # shown once


def test_the_second_step_takes_the_apps_code_once(client, partnership):
    coordinator = person_with(partnership, Role.STAGECOORDINATOR, "sc@school.example")
    secret, _ = enrol(client, coordinator)
    dashboard = reverse("partnerships:dashboard", args=["hos"])

    response = client.post(
        reverse("login") + f"?next={dashboard}",
        {"username": coordinator.email, "password": PASSWORD},
    )
    assert response["Location"] == reverse("mfa_verify")
    assert client.get(dashboard).status_code == 302
    wrong = client.post(reverse("mfa_verify"), {"code": "123456"})
    assert "Deze code klopt niet of is verlopen" in wrong.content.decode()
    device = TOTPDevice.objects.get(user=coordinator)
    device.throttle_reset()  # the failure above made the next attempt wait
    # The code used at setup may not be used again: the app's next one (one step of clock
    # difference is allowed either way).
    code = pyotp.TOTP(secret).at(datetime.datetime.now() + datetime.timedelta(seconds=30))
    response = client.post(reverse("mfa_verify"), {"code": code})
    assert response["Location"] == dashboard
    assert client.get(dashboard).status_code == 200

    client.post(reverse("logout"))
    log_in(client, coordinator)
    again = client.post(reverse("mfa_verify"), {"code": code})
    assert again.status_code == 200, "a code that logged in once must not log in again"


def later(seconds: int):
    return time_machine.travel(
        datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=seconds), tick=True
    )


def test_a_backup_code_works_once(client, partnership):
    coordinator = person_with(partnership, Role.STAGECOORDINATOR, "sc@school.example")
    _, codes = enrol(client, coordinator)
    log_in(client, coordinator)
    response = client.post(reverse("mfa_verify"), {"code": codes[0].upper()}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/")
    assert "Reservecodes over: 9" in response.content.decode()
    client.post(reverse("logout"))
    log_in(client, coordinator)
    assert client.post(reverse("mfa_verify"), {"code": codes[0]}).status_code == 200


def test_optional_roles_log_in_directly_and_may_switch_it_on_and_off(client, partnership):
    wpb = person_with(partnership, Role.WERKPLEKBEGELEIDER, "wpb@school.example")
    assert log_in(client, wpb)["Location"] == reverse("home")
    assert "Authenticator-app instellen" in client.get(reverse("mfa_settings")).content.decode()
    client.post(reverse("logout"))
    secret, _ = enrol(client, wpb)
    assert secret
    assert log_in(client, wpb)["Location"] == reverse("mfa_verify")  # on from now on
    client.force_login(wpb)
    client.post(reverse("mfa_remove"))
    assert not mfa.has_mfa(wpb)


def test_a_required_role_cannot_switch_it_off(client, partnership):
    coordinator = person_with(partnership, Role.STAGECOORDINATOR, "sc@school.example")
    enrol(client, coordinator)
    client.force_login(coordinator)
    client.post(reverse("mfa_remove"))
    assert mfa.has_mfa(coordinator)


def test_demo_logins_and_an_unenforced_installation_skip_it(client, partnership, settings):
    demo = person_with(partnership, Role.STAGECOORDINATOR, "stagecoordinator@hos.example")
    assert log_in(client, demo)["Location"] == reverse("home")
    client.post(reverse("logout"))
    settings.MFA_ENFORCE = False
    coordinator = person_with(partnership, Role.STAGECOORDINATOR, "sc@school.example")
    assert log_in(client, coordinator)["Location"] == reverse("home")


def test_the_pending_step_expires(client, partnership):
    coordinator = person_with(partnership, Role.STAGECOORDINATOR, "sc@school.example")
    log_in(client, coordinator)
    with later(seconds=mfa.PENDING_MAX_AGE_S + 1):
        assert client.get(reverse("mfa_setup"))["Location"] == reverse("login")


def test_the_admin_logs_in_through_the_products_login(client, partnership):
    response = client.get("/admin/login/?next=/admin/")
    assert response["Location"] == f"{reverse('login')}?next=/admin/"
    client.force_login(person_with(partnership, Role.WERKPLEKBEGELEIDER, "wpb@school.example"))
    assert client.get("/admin/login/?next=/admin/").status_code == 403
