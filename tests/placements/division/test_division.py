"""The division of places: the even split (pure), building it through the page, the flow from
draft to published with who may do each step, and who sees the places when."""

import datetime
from collections import Counter
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from partnerships.glossary import Role
from placements.division import services as service
from placements.division.rules import Offer, divide, split_even
from placements.models import Division, Place, PreferenceWindow, Quota
from tests.factories import (
    InstituteFactory,
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    SchoolFactory,
    StudentFactory,
    SubjectFactory,
    academic_year,
)
from tests.placements.factories import CapacityLineFactory, SchoolCapacityFactory

LABEL = "2030-2031"


# --- the rule (pure) ----------------------------------------------------------------------


def _shares(offers):
    return {(s.key, s.level): (s.places, s.maybe, s.split) for s in divide(offers)}


def test_fixed_levels_carry_over_and_either_is_split_evenly():
    shares = _shares(
        [Offer("a", "hbo", 3), Offer("b", "wo", 2, maybe=True), Offer("c", "either", 4)]
    )
    assert shares == {
        ("a", "hbo"): (3, False, False),
        ("b", "wo"): (2, True, False),
        ("c", "hbo"): (2, False, True),
        ("c", "wo"): (2, False, True),
    }


def test_an_odd_place_goes_to_the_level_with_fewer_places_ties_to_hbo():
    assert split_even(3, Counter()) == {"hbo": 2, "wo": 1}  # tie: hbo
    assert split_even(3, Counter(hbo=5, wo=2)) == {"hbo": 1, "wo": 2}
    assert split_even(1, Counter(hbo=1, wo=4)) == {"hbo": 1, "wo": 0}
    # Running totals: fixed lines first (hbo 1), then the splits in the order given.
    shares = _shares(
        [
            Offer("x", "either", 1),
            Offer("y", "either", 1),
            Offer("z", "hbo", 1),
            Offer("v", "either", 3),
        ]
    )
    assert shares[("x", "wo")][0] == 1 and shares[("x", "hbo")][0] == 0  # hbo 1 > wo 0
    assert shares[("y", "hbo")][0] == 1  # hbo 1, wo 1: tie → hbo
    assert (shares[("v", "hbo")][0], shares[("v", "wo")][0]) == (1, 2)  # hbo 2 > wo 1
    total = sum(p for (key, level), (p, *_rest) in shares.items())
    assert total == 6  # nothing lost or invented


def test_a_fixed_and_an_either_line_for_the_same_place_add_up():
    shares = _shares([Offer("a", "hbo", 1), Offer("a", "either", 2, maybe=True)])
    assert shares == {("a", "hbo"): (2, True, True), ("a", "wo"): (1, True, True)}


# --- through the pages --------------------------------------------------------------------


@pytest.fixture
def w(db):
    p = PartnershipFactory(slug="div")
    school1 = SchoolFactory(partnership=p, name="Alfa College")
    school2 = SchoolFactory(partnership=p, name="Beekdal")
    hbo = InstituteFactory(partnership=p, name="Hogeschool", institute_level="hbo")
    wo = InstituteFactory(partnership=p, name="Universiteit", institute_level="wo")
    maths = SubjectFactory(partnership=p, name="Wiskunde", code="wi")
    year = academic_year(2030)

    def person(role, org=None):
        someone = PersonFactory(email=f"{role}@div.example.org")
        RoleFactory(person=someone, partnership=p, role=role, organisation=org)
        return someone

    cap1 = SchoolCapacityFactory(school=school1, academic_year=year, total_cap=3)
    CapacityLineFactory(capacity=cap1, subject=maths, level="either", places=3)
    CapacityLineFactory(capacity=cap1, subject=maths, stage="bovenbouw", level="wo", places=1)
    cap2 = SchoolCapacityFactory(school=school2, academic_year=year)
    CapacityLineFactory(capacity=cap2, subject=maths, level="hbo", places=2, availability="maybe")
    return SimpleNamespace(
        p=p,
        year=year,
        school1=school1,
        school2=school2,
        maths=maths,
        stage=person(Role.STAGECOORDINATOR),
        pm=person(Role.PROGRAMMAMANAGER),
        board=person(Role.BESTUURSRAADLID),
        sc=person(Role.SCHOOLCOORDINATOR, school1),
        ic_hbo=person(Role.INSTITUUTSCOORDINATOR, hbo),
        io_wo=person(Role.INSTITUUTSOPLEIDER, wo),
    )


def url(name, w, *args):
    return reverse(f"placements:{name}", args=[w.p.slug, LABEL, *args])


def step(client, w, name):
    return client.post(url("division_step", w, name))


def places(w):
    return sorted(
        (p.school.name, p.stage, p.level, p.capacity, p.maybe)
        for p in Place.objects.filter(division__partnership=w.p)
    )


def test_building_divides_the_declared_places(client, w):
    client.force_login(w.stage)
    assert client.get(url("division", w)).status_code == 200
    assert step(client, w, "build").status_code == 302
    assert places(w) == [
        ("Alfa College", "bovenbouw", "wo", 1, False),
        ("Alfa College", "onderbouw", "hbo", 1, False),  # hbo has 2 from Beekdal, wo 1: extra → wo
        ("Alfa College", "onderbouw", "wo", 2, False),
        ("Beekdal", "onderbouw", "hbo", 2, True),
    ]
    response = client.get(url("division", w))
    total = response.context["total"]
    assert (total.hbo, total.wo, total.maybe, total.declared, total.declared_maybe) == (
        3,
        3,
        2,
        4,
        2,
    )
    rows = {row.name: row for row in response.context["rows"]}
    assert rows["Alfa College"].over_cap  # 4 places against a total cap of 3


def test_reserved_places_are_edited_per_school_and_kept_on_rebuild(client, w):
    client.force_login(w.stage)
    step(client, w, "build")
    place = Place.objects.get(school=w.school2)
    edit = url("division_school", w, w.school2.pk)
    data = {f"capacity-{place.pk}": "2", f"reserved-{place.pk}": "3", f"maybe-{place.pk}": "on"}
    response = client.post(edit, data)
    assert response.status_code == 200 and response.context["form"].errors
    assert Place.objects.get(pk=place.pk).reserved == 0
    data[f"reserved-{place.pk}"] = "1"
    assert client.post(edit, data).status_code == 302
    step(client, w, "build")
    assert Place.objects.get(pk=place.pk).reserved == 1
    client.force_login(w.sc)
    assert client.get(edit).status_code == 403


def test_the_flow_and_who_may_take_each_step(client, w, django_capture_on_commit_callbacks):
    client.force_login(w.stage)
    step(client, w, "build")
    with django_capture_on_commit_callbacks(execute=True):
        step(client, w, "submit")
    division = Division.objects.get()
    assert division.status == "submitted" and division.submitted_at
    # The programme manager, the board council and the schools' coordinators are told, once.
    assert sorted(m.to[0].split("@")[0] for m in mail.outbox) == [
        "bestuursraadlid",
        "programmamanager",
        "schoolcoordinator",
    ]
    # Rebuilding or editing a submitted division needs the explicit step back to draft.
    step(client, w, "build")
    assert Division.objects.get().status == "submitted"
    # The stagecoördinator does not approve; the programme manager and the board council do.
    assert client.get(url("division_approve", w)).status_code == 403
    assert client.post(url("division_approve", w), {"note": "ok"}).status_code == 403
    client.force_login(w.board)
    assert client.get(url("division_approve", w)).status_code == 200
    response = client.post(url("division_approve", w), {"send_back": "1", "note": ""})
    assert response.status_code == 200 and response.context["form"].errors["note"]
    assert client.get(url("division", w)).status_code == 403
    assert client.post(url("division_step", w, "publish")).status_code == 403
    client.force_login(w.pm)
    response = client.post(url("division_approve", w), {"note": "Akkoord in het DB"})
    division = Division.objects.get()
    assert (division.status, division.approved_by, division.approval_note) == (
        "approved",
        w.pm,
        "Akkoord in het DB",
    )
    with django_capture_on_commit_callbacks(execute=True):
        step(client, w, "publish")
    division = Division.objects.get()
    assert division.status == "published" and division.published_at
    assert mail.outbox[-1].to == [w.ic_hbo.email]
    step(client, w, "reopen")
    assert Division.objects.get().status == "published"  # final


def test_send_back_and_reopen_return_to_draft(client, w):
    client.force_login(w.stage)
    step(client, w, "build")
    step(client, w, "submit")
    client.force_login(w.board)
    client.post(url("division_approve", w), {"send_back": "1", "note": "wo te weinig"})
    division = Division.objects.get()
    assert (division.status, division.approval_note) == ("draft", "wo te weinig")
    client.force_login(w.stage)
    step(client, w, "submit")
    client.force_login(w.pm)
    client.post(url("division_approve", w), {"note": ""})
    client.force_login(w.stage)
    step(client, w, "reopen")
    division = Division.objects.get()
    assert (division.status, division.approved_by, division.approved_at) == ("draft", None, None)
    assert step(client, w, "unknown").status_code == 404


def test_institutes_see_places_only_once_published_and_only_their_level(client, w):
    client.force_login(w.stage)
    step(client, w, "build")
    client.force_login(w.ic_hbo)
    assert list(client.get(url("places", w)).context["object_list"]) == []
    client.force_login(w.sc)
    seen = {p.school.name for p in client.get(url("places", w)).context["object_list"]}
    assert seen == {"Alfa College"}  # schools see their own places, also as a draft
    Division.objects.update(status="published", published_at=timezone.now())
    client.force_login(w.ic_hbo)
    levels = {p.level for p in client.get(url("places", w)).context["object_list"]}
    assert levels == {"hbo"}
    client.force_login(w.io_wo)
    levels = {p.level for p in client.get(url("places", w)).context["object_list"]}
    assert levels == {"wo"}


def test_the_division_shows_the_quota(client, w):
    Quota.objects.create(partnership=w.p, academic_year=w.year, places=5)
    client.force_login(w.stage)
    step(client, w, "build")
    response = client.get(url("division", w))
    assert response.context["quota"].places == 5


@pytest.mark.parametrize("page", ["division", "places", "division_approve"])
def test_list_pages_cost_the_same_queries_at_1_10_and_50_schools(client, w, page):
    actor = w.pm if page == "division_approve" else w.stage
    client.force_login(w.stage)
    counts = []
    for size in (1, 10, 50):
        while w.p.organisations.filter(kind="school").count() < size + 2:
            school = SchoolFactory(partnership=w.p)
            capacity = SchoolCapacityFactory(school=school, academic_year=w.year)
            CapacityLineFactory(capacity=capacity, subject=w.maths, level="either", places=3)
            CapacityLineFactory(capacity=capacity, subject=w.maths, stage="bovenbouw")
        Division.objects.filter(partnership=w.p).update(status="draft")
        step(client, w, "build")
        client.force_login(actor)
        client.get(url(page, w))
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(page, w))
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
        client.force_login(w.stage)
    assert len(set(counts)) == 1, counts


def test_rotating_hbo_students_are_counted_per_subject(w):
    StudentFactory(partnership=w.p, subject=w.maths, school=w.school1, hbo_year=2)
    StudentFactory(partnership=w.p, subject=w.maths, school=w.school1, hbo_year=4)
    StudentFactory(partnership=w.p, subject=w.maths, school=None, hbo_year=1)
    assert service.rotating_students(w.p) == {w.maths.pk: 1}


# --- check before publishing, and the confirmation ------------------------------------------


def _approved(client, w):
    client.force_login(w.stage)
    step(client, w, "build")
    client.get(url("division", w))  # shows (and uses up) the build's message
    Division.objects.update(status="approved", approved_by=w.pm, approved_at=timezone.now())


def test_the_publish_check_page_shows_who_sees_what_and_changes_nothing(client, w):
    _approved(client, w)
    response = client.get(url("division_publish", w))
    assert response.status_code == 200
    levels = {row.level: row for row in response.context["levels"]}
    assert (levels["hbo"].places, levels["wo"].places) == (
        sum(p.capacity for p in Place.objects.filter(level="hbo")),
        sum(p.capacity for p in Place.objects.filter(level="wo")),
    )
    assert [(i.name, n) for i, n in levels["hbo"].institutes] == [("Hogeschool", 1)]
    assert [(i.name, n) for i, n in levels["wo"].institutes] == [("Universiteit", 1)]
    assert response.context["emailed"] == [w.ic_hbo]
    page = response.content.decode()
    assert "Hogeschool" in page and w.ic_hbo.full_name in page
    division = Division.objects.get()
    assert division.status == "approved" and division.published_at is None
    assert len(mail.outbox) == 0
    # The division page links to the check page; a draft is sent back to the division.
    assert url("division_publish", w) in client.get(url("division", w)).content.decode()
    Division.objects.update(status="draft")
    assert client.get(url("division_publish", w)).url == url("division", w)
    assert client.get(url("division_published", w)).url == url("division", w)


def test_publishing_happens_once_and_ends_on_the_confirmation(
    client, w, django_capture_on_commit_callbacks
):
    _approved(client, w)
    PreferenceWindow.objects.create(
        partnership=w.p,
        academic_year=w.year,
        opens_on=datetime.date(2031, 1, 10),
        closes_on=datetime.date(2031, 1, 31),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("division_publish", w))
    assert response.url == url("division_published", w)
    published = Division.objects.get()
    assert published.status == "published" and len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url("division_publish", w))
    assert again.url == url("division_published", w)
    assert Division.objects.get().published_at == published.published_at
    assert len(mail.outbox) == 1
    # GET of the check page of a published division goes to the confirmation.
    assert client.get(url("division_publish", w)).url == url("division_published", w)
    response = client.get(url("division_published", w))
    assert list(response.context["messages"]) == []
    with translation.override("nl"):
        page = response.content.decode()
        assert "is gepubliceerd" in page
        assert formats.date_format(datetime.date(2031, 1, 10), "DATE_FORMAT") in page
        assert "Wat er nu gebeurt" in page
    assert url("preference_window", w) in page
