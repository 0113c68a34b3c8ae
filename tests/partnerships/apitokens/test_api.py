"""The institutes' API through real calls with scoped tokens (issue 17, item 3): what a token
sees is what the institute's coordinator sees on the pages; wrong scope 403, another
institute's student 404, revoked token 401, another partnership 404; writes go through the
services; every call is audit-logged."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from partnerships.apitokens import services
from partnerships.apitokens.models import ApiToken
from partnerships.apitokens.scopes import Scope
from partnerships.models import AuditEntry, Student
from placements.models import PreferenceForm, PreferenceWindow
from tests.factories import academic_year
from tests.placements.factories import DivisionFactory, PlaceFactory, PlacementFactory

from .conftest import Api, make_token

# the preference window and the changes feed are dated: the day is fixed, whatever TEST_TODAY says
pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-12-07")]


def ids(response, key):
    assert response.status_code == 200, response.content
    return {item[key] for item in response.json()["items"]}


def test_persons_are_the_institutes_own_students(api, world):
    response = api("get", "persons/")
    assert ids(response, "personId") == {world.student1.pk}
    assert "no-store" in response["Cache-Control"]
    person = api("get", f"persons/{world.student1.pk}/").json()
    assert person["primaryCode"] == "S-0001"
    assert person["organisationId"] == world.institute.pk
    assert person["affiliations"] == ["student"]
    assert person["startAcademicSession"] == world.student1.start_year.label
    # the other institute's student and another partnership's student do not exist here
    assert api("get", f"persons/{world.student3.pk}/").status_code == 404
    assert api("get", f"persons/{world.student_b.pk}/").status_code == 404


def test_wrong_scope_is_forbidden(client, world):
    _token, secret = make_token(world, scopes=[Scope.PLACES_READ])
    api = Api(client, secret)
    assert api("get", "persons/").status_code == 403
    assert api("get", "placements/").status_code == 403
    assert api("post", "persons/", {}).status_code == 403
    assert api("get", "places/", academicSession=academic_year().label).status_code == 200


def test_read_only_token_cannot_write(client, world):
    _token, secret = make_token(world, scopes=[Scope.PERSONS_READ])
    api = Api(client, secret)
    assert api("get", f"persons/{world.student1.pk}/").status_code == 200
    assert api("patch", f"persons/{world.student1.pk}/", {"surname": "X"}).status_code == 403
    year = academic_year().label
    response = api("put", f"persons/{world.student1.pk}/preferences/{year}/", {})
    assert response.status_code == 403


def test_revoked_unknown_and_missing_tokens_are_refused(api, client, world):
    assert api("get", "persons/").status_code == 200
    services.api_token_revoke(token=api.token, by=world["instituutscoordinator"])
    response = api("get", "persons/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert Api(client, None)("get", "persons/").status_code == 401
    assert Api(client, "oos_00000000_forged")("get", "persons/").status_code == 401
    assert Api(client, api.secret + "x")("get", "persons/").status_code == 401


def test_session_login_does_not_open_the_api(client, world):
    client.force_login(world["instituutscoordinator"])
    assert client.get("/api/v1/partnerships/alfa/persons/").status_code == 401


def test_another_partnership_is_not_found(api, world):
    assert api("get", "/api/v1/partnerships/beta/persons/").status_code == 404
    assert api("get", "/api/v1/partnerships/no-such/places/").status_code == 404
    _token_b, secret_b = make_token(world, organisation=world.institute_b, by="other_partnership")
    api_b = Api(api.client, secret_b)
    assert ids(api_b("get", "/api/v1/partnerships/beta/persons/"), "personId") == {
        world.student_b.pk
    }
    assert api_b("get", "persons/").status_code == 404


def test_only_published_places_of_the_institutes_level(api, world):
    year = academic_year(2027)
    division = DivisionFactory(partnership=world.a, academic_year=year, status="published")
    hbo = PlaceFactory(division=division, school=world.school1, subject=world.subject)
    PlaceFactory(division=division, school=world.school2, subject=world.subject, level="wo")
    draft = DivisionFactory(partnership=world.a, academic_year=academic_year(2028))
    PlaceFactory(division=draft, school=world.school1, subject=world.subject)
    response = api("get", "places/", academicSession="2027-2028")
    assert ids(response, "placeId") == {hbo.pk}
    place = response.json()["items"][0]
    assert place["organisation"]["name"] == "Alfa College"
    assert place["subject"] == world.subject.code
    assert ids(api("get", "places/", academicSession="2028-2029"), "placeId") == set()
    assert api("get", "places/", academicSession="2027-2029").status_code == 404
    assert api("get", "places/").status_code == 404


def test_create_and_change_a_student_through_the_service(api, world):
    new = {
        "primaryCode": "S-0099",
        "givenName": "Noor",
        "surnamePrefix": "van",
        "surname": "Dijk",
        "mail": "Noor@Example.org",
        "programme": "hbo_bachelor_voltijd",
        "studyYear": 2,
        "subject": world.subject.code,
        "startAcademicSession": academic_year().label,
    }
    response = api("post", "persons/", new)
    assert response.status_code == 201, response.content
    student = Student.objects.get(pk=response.json()["personId"])
    assert student.institute == world.institute  # always the token's institute
    assert student.person.email == "noor@example.org"
    assert student.subsidy_category == "a"  # derived by the model, as on the page

    response = api("patch", f"persons/{student.pk}/", {"surname": "Dijkstra", "studyYear": 3})
    assert response.status_code == 200, response.content
    student.refresh_from_db()
    assert (student.person.last_name, student.hbo_year) == ("Dijkstra", 3)

    # the model's rules answer in the API's names
    response = api("patch", f"persons/{student.pk}/", {"studyYear": None})
    assert response.status_code == 400
    assert "studyYear" in response.json()["errors"]
    response = api("post", "persons/", new | {"mail": "other@example.org", "subject": "xx"})
    assert response.status_code == 400
    assert "subject" in response.json()["errors"]
    # the same person twice
    assert api("post", "persons/", new).status_code == 400


def test_another_institutes_student_cannot_be_changed(api, world):
    response = api("patch", f"persons/{world.student3.pk}/", {"surname": "X"})
    assert response.status_code == 404


@pytest.fixture
def window(world):
    year = academic_year(2027)
    return PreferenceWindow.objects.create(
        partnership=world.a,
        academic_year=year,
        opens_on=datetime.date(2026, 12, 1),
        closes_on=datetime.date(2027, 1, 31),
    )


def test_preferences_through_the_service(api, world, window):
    url = f"persons/{world.student1.pk}/preferences/2027-2028/"
    assert api("get", url).json()["preferredOrganisationIds"] == []
    wishes = {
        "preferredOrganisationIds": [world.school2.pk, world.school1.pk],
        "excludedOrganisationIds": [world.school3.pk],
        "motivation": "Dichtbij huis",
        "maxTravelMinutes": 45,
    }
    response = api("put", url, wishes)
    assert response.status_code == 200, response.content
    form = PreferenceForm.objects.get(student=world.student1, academic_year=window.academic_year)
    assert [p.school_id for p in form.preferences.all()] == [world.school2.pk, world.school1.pk]
    assert form.entered_by == world["instituutscoordinator"]
    assert api("get", url).json()["excludedOrganisationIds"] == [world.school3.pk]
    # the service's rules: a school of another partnership is refused
    bad = wishes | {"preferredOrganisationIds": [world.school_b.pk]}
    assert api("put", url, bad).status_code == 400
    assert (
        api("put", f"persons/{world.student3.pk}/preferences/2027-2028/", wishes).status_code == 404
    )


def test_preferences_only_while_the_window_is_open(api, world, window):
    url = f"persons/{world.student1.pk}/preferences/2027-2028/"
    with time_machine.travel(datetime.datetime(2027, 2, 3, 10, tzinfo=datetime.UTC)):
        response = api("put", url, {"preferredOrganisationIds": [world.school1.pk]})
    assert response.status_code == 403


def test_placements_changes_feed(api, world):
    year = academic_year()
    division = DivisionFactory(partnership=world.a, academic_year=year)
    place = PlaceFactory(division=division, school=world.school1, subject=world.subject)
    own = PlacementFactory(place=place, student=world.student1)
    PlacementFactory(place=place, student=world.student3)  # another institute's student
    response = api("get", "placements/")
    assert ids(response, "placementId") == {own.pk}
    assert response.json()["items"][0]["status"] == "proposed"

    later = timezone.now() + datetime.timedelta(hours=1)
    assert ids(api("get", "placements/", changed_since=later.isoformat()), "placementId") == set()
    with time_machine.travel(later + datetime.timedelta(minutes=5)):
        own.status = "confirmed"
        own.save()
    feed = api("get", "placements/", changed_since=later.isoformat())
    assert [(p["placementId"], p["status"]) for p in feed.json()["items"]] == [
        (own.pk, "confirmed")
    ]
    assert api("get", "placements/", changed_since="yesterday").status_code == 400
    assert api("get", "placements/", changed_since="2026-12-01T00:00:00").status_code == 400
    assert ids(api("get", "placements/", personId=world.student1.pk), "placementId") == {own.pk}


def test_every_call_is_audited(api, client, world):
    before = AuditEntry.objects.filter(action="api_call").count()
    api("get", "persons/")
    api("get", f"persons/{world.student3.pk}/")
    Api(client, "oos_forged")("get", "persons/")
    calls = AuditEntry.objects.filter(action="api_call").order_by("pk")
    assert calls.count() == before + 3
    ok, not_found, refused = calls[before:]
    assert ok.object_id == str(api.token.pk) and ok.partnership == world.a
    assert ok.details == {
        "method": "GET",
        "path": "/api/v1/partnerships/alfa/persons/",
        "status": 200,
        "organisation": world.institute.pk,
    }
    assert not_found.details["status"] == 404
    assert refused.details["status"] == 401 and refused.object_id == ""


def test_only_a_hash_is_stored(api):
    token = ApiToken.objects.get(pk=api.token.pk)
    assert api.secret.startswith(f"oos_{token.prefix}_")
    assert api.secret not in {token.key_hash, token.prefix, token.name}
    assert len(token.key_hash) == 64


def test_pagination(api, world):
    response = api("get", "organisations/", pageSize=2)
    body = response.json()
    assert (body["pageSize"], body["pageNumber"], body["hasNextPage"]) == (2, 1, True)
    names = {o["name"] for o in api("get", "organisations/").json()["items"]}
    assert names == {"Alfa College", "Alfa Lyceum", "Beekdal School", "Hogeschool Alfa"}
    assert api("get", "organisations/", pageSize=0).status_code == 400
    assert api("get", "organisations/", pageNumber=99).json()["items"] == []
