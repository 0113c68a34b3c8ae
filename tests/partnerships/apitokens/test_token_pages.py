"""The token pages (issue 17, item 3): the coordinator fills in the form, checks, creates; the
secret is shown once and works in the API; pressing create twice makes one token; revoking
asks first and refuses the next call. Dutch on every page."""

import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

from partnerships.apitokens.models import ApiToken
from partnerships.models import AuditEntry
from tests.partnerships.conftest import shows_dutch

from .conftest import Api

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"partnerships:{name}", kwargs={"partnership": world.a.slug, **kwargs})


def test_create_check_show_once_and_revoke(client, world):
    client.force_login(world["instituutscoordinator"])
    page = client.get(url("api_token_list", world))
    assert shows_dutch(page, "API tokens") and shows_dutch(page, "No API tokens yet.")

    form = client.get(url("api_token_create", world))
    assert list(form.context["form"].fields["organisation"].queryset) == [world.institute]
    response = client.post(
        url("api_token_create", world),
        {"organisation": world.institute.pk, "name": "Osiris", "scopes": ["persons:read"]},
    )
    check_url = response["Location"]
    assert check_url.startswith(url("api_token_check", world))
    assert not ApiToken.objects.exists()  # nothing is created before the check

    check = client.get(check_url)
    assert shows_dutch(check, "Check before creating the token")
    assert shows_dutch(check, "Read the institute's students and their preferences")
    data = check.context["token"]
    shown = client.post(url("api_token_check", world), {"data": data})
    token = ApiToken.objects.get()
    assert (token.organisation, token.scopes) == (world.institute, ["persons:read"])
    assert shows_dutch(shown, "The token has been created")
    assert "no-store" in shown["Cache-Control"]
    secret = re.search(r'value="(oos_[^"]+)"', shown.content.decode()).group(1)
    assert Api(client, secret)("get", "persons/").status_code == 200
    # pressing the button again creates nothing and shows the token's page, without the secret
    again = client.post(url("api_token_check", world), {"data": data}, follow=True)
    assert ApiToken.objects.count() == 1
    assert again.redirect_chain[-1][0] == url("api_token_detail", world, pk=token.pk)
    assert secret not in again.content.decode()
    assert secret not in str(dict(client.session))  # not even in the session

    detail = client.get(url("api_token_detail", world, pk=token.pk))
    assert "/api/v1/partnerships/alfa/persons/" in detail.content.decode()  # the recent call

    ask = client.get(url("api_token_revoke", world, pk=token.pk))
    assert shows_dutch(ask, "Revoke the token")
    client.post(url("api_token_revoke", world, pk=token.pk))
    token.refresh_from_db()
    assert token.revoked_by == world["instituutscoordinator"]
    assert Api(client, secret)("get", "persons/").status_code == 401
    actions = set(
        AuditEntry.objects.filter(object_id=str(token.pk)).values_list("action", flat=True)
    )
    assert {"api_token_create", "api_token_revoke", "api_call"} <= actions


def test_a_forged_check_page_creates_nothing(client, world):
    client.force_login(world["instituutscoordinator"])
    response = client.post(url("api_token_check", world), {"data": "forged"})
    assert response["Location"] == url("api_token_create", world)
    assert not ApiToken.objects.exists()


def test_the_check_refuses_another_institute(client, world):
    """Signed values for an institute the coordinator does not hold (e.g. the role ended)."""
    client.force_login(world["stagecoordinator"])
    response = client.post(
        url("api_token_create", world),
        {"organisation": world.institute2.pk, "name": "X", "scopes": ["places:read"]},
    )
    client.force_login(world["instituutscoordinator"])
    data = response["Location"].split("data=")[1]
    client.post(url("api_token_check", world), {"data": unquote(data)})
    assert not ApiToken.objects.exists()


def test_the_form_needs_a_permission(client, world):
    client.force_login(world["instituutscoordinator"])
    response = client.post(
        url("api_token_create", world), {"organisation": world.institute.pk, "name": "X"}
    )
    assert shows_dutch(response, "Choose at least one permission.")


def test_demo_tokens_once(client, world):
    from partnerships.demo.apitokens import load

    assert load(world.a) == "  API tokens: 2 for Hogeschool Alfa (1 revoked)"
    assert load(world.a) == ""
    assert ApiToken.objects.filter(partnership=world.a).count() == 2
    client.force_login(world["instituutscoordinator"])
    page = client.get(url("api_token_list", world))
    assert shows_dutch(page, "revoked") and "Studentenadministratie" in page.content.decode()
