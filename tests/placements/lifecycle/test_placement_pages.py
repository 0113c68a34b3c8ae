"""The placement lifecycle through its pages: propose, plan and hold the introductory interview,
confirm, assign guides, start, complete, cancel — each as the people who may (and may not)."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from placements.models import IntroductoryInterview, Place, Placement, PlacementEvent
from tests.factories import StudentFactory, academic_year
from tests.partnerships.conftest import dutch
from tests.placements.factories import DivisionFactory, PlacementFactory

pytestmark = pytest.mark.django_db
# The world of tests/partnerships (partnerships A and B, an actor for every role) serves here too.
_serial = itertools.count()


def url(world, name, pk):
    return reverse(f"placements:{name}", kwargs={"partnership": world.a.slug, "pk": pk})


def year_url(world, name, year=None):
    label = (year or academic_year()).label
    return reverse(f"placements:{name}", kwargs={"partnership": world.a.slug, "year": label})


def place_at(world, school, capacity=1, published=True):
    division = DivisionFactory(partnership=world.a, academic_year=academic_year())
    if published and division.status != "published":
        division.status = "published"
        division.save()
    return Place.objects.get_or_create(
        division=division,
        school=school,
        subject=world.subject,
        stage="onderbouw",
        level="hbo",
        start="september",
        defaults={"capacity": capacity},
    )[0]


def placement_for(world, student, school=None, **extra):
    place = place_at(world, school or world.school1, capacity=extra.pop("capacity", 1))
    return PlacementFactory(place=place, student=student, **extra)


def new_student(world, **extra):
    i = next(_serial)
    return StudentFactory(
        partnership=world.a,
        institute=world.institute,
        subject=world.subject,
        student_number=f"P-{i}",
        **extra,
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_whole_lifecycle_through_the_pages(client, world):
    client.force_login(world["schoolcoordinator"])
    place = place_at(world, world.school1)
    response = client.post(
        year_url(world, "placement_create"),
        {"student": world.student1.pk, "place": place.pk},
    )
    placement = Placement.objects.get(student=world.student1)
    assert response["Location"] == placement.get_absolute_url()
    assert (placement.school, placement.subject, placement.start) == (
        world.school1,
        world.subject,
        "september",
    )

    steps = [
        (
            "placement_guides",
            {
                "werkplekbegeleider": world["werkplekbegeleider"].pk,
                "schoolopleider": world["schoolopleider"].pk,
                "instituutsopleider": world["instituutsopleider"].pk,
            },
            "proposed",
        ),
        ("placement_plan_interview", {"planned_at": "2027-06-10T14:30"}, "interview_planned"),
        (
            "placement_interview_held",
            {
                "attended": ["student", "schoolopleider", "werkplekbegeleider"],
                "topics": ["practical", "vog", "learning_goals"],
                "notes": "Goed gesprek",
            },
            "interview_held",
        ),
        ("placement_confirm", {}, "confirmed"),
        ("placement_activate", {}, "active"),
        ("placement_complete", {}, "completed"),
    ]
    for name, data, status in steps:
        response = client.post(url(world, name, placement.pk), data)
        assert response.status_code == 302, (name, getattr(response, "context", None))
        placement.refresh_from_db()
        assert placement.status == status, name

    interview = IntroductoryInterview.objects.get(placement=placement)
    assert interview.checklist == ["practical", "learning_goals", "vog"]  # in the list's order
    assert placement.werkplekbegeleider == world["werkplekbegeleider"]
    assert (
        PlacementEvent.objects.filter(placement=placement).count() == 7
    )  # created, 5 moves, guides

    page = client.get(url(world, "placement_interview", placement.pk))
    assert "Goed gesprek" in page.content.decode()
    page = client.get(url(world, "placement_detail", placement.pk))
    body = page.content.decode()
    assert "Van Schoolcoordinator" in body
    assert len(page.context["events"]) == 7
    assert all(sentence for _event, sentence in page.context["events"])
    assert page.context["steps"] == {}  # completed: nothing left to do
    assert 'aria-current="step"' in body


def test_confirming_beyond_capacity_shows_the_reason(client, world):
    taken = placement_for(world, world.student3, status="confirmed")
    placement = PlacementFactory(place=taken.place, student=world.student1)
    client.force_login(world["stagecoordinator"])
    response = client.post(url(world, "placement_confirm", placement.pk), follow=True)
    placement.refresh_from_db()
    assert placement.status == "proposed"
    [message] = messages_of(response)
    assert str(taken.place) in message
    assert message in response.content.decode()


def test_a_step_the_status_no_longer_allows_explains_why(client, world):
    placement = placement_for(world, world.student1, status="confirmed")
    client.force_login(world["schoolcoordinator"])
    response = client.post(url(world, "placement_confirm", placement.pk), follow=True)
    assert response.redirect_chain == [(url(world, "placement_detail", placement.pk), 302)]
    [message] = messages_of(response)
    assert str(placement.get_status_display()) in message
    placement.refresh_from_db()
    assert placement.status == "confirmed"
    assert PlacementEvent.objects.filter(placement=placement).count() == 0


def test_cancel_needs_a_reason_in_dutch(client, world):
    placement = placement_for(world, world.student1)
    client.force_login(world["schoolcoordinator"])
    response = client.post(url(world, "placement_cancel", placement.pk), {"cancel_reason": "  "})
    assert response.status_code == 200
    assert "Vul reden van annulering in" in response.content.decode()
    placement.refresh_from_db()
    assert placement.status == "proposed"

    response = client.post(
        url(world, "placement_cancel", placement.pk), {"cancel_reason": "Student stopt"}
    )
    placement.refresh_from_db()
    assert response.status_code == 302
    assert (placement.status, placement.cancel_reason) == ("cancelled", "Student stopt")


def test_guides_come_from_the_school_and_the_institute(client, world):
    placement = placement_for(world, world.student1)
    client.force_login(world["stagecoordinator"])
    form = client.get(url(world, "placement_guides", placement.pk)).context["form"]
    mentors = set(form.fields["werkplekbegeleider"].queryset)
    trainers = set(form.fields["schoolopleider"].queryset)
    institute = set(form.fields["instituutsopleider"].queryset)
    assert mentors == {world["werkplekbegeleider"]}
    assert trainers == {world["schoolopleider"], world["schoolcoordinator"]}
    assert institute == {world["instituutsopleider"]}

    response = client.post(
        url(world, "placement_guides", placement.pk),
        {"werkplekbegeleider": world["wpb_other_school"].pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["werkplekbegeleider"]
    placement.refresh_from_db()
    assert placement.werkplekbegeleider is None


def test_institute_coordinator_proposes_but_does_not_confirm(client, world):
    client.force_login(world["instituutscoordinator"])
    form = client.get(year_url(world, "placement_create")).context["form"]
    assert world.student1 in form.fields["student"].queryset
    assert world.student3 not in form.fields["student"].queryset  # another institute's

    response = client.post(
        year_url(world, "placement_create"),
        {
            "student": world.student1.pk,
            "school": world.school2.pk,
            "subject": world.subject.pk,
            "stage": "onderbouw",
            "level": "hbo",
            "start": "september",
        },
    )
    placement = Placement.objects.get(student=world.student1)
    assert response.status_code == 302 and placement.school == world.school2
    page = client.get(placement.get_absolute_url())
    assert set(page.context["steps"]) == {"cancel", "guides"}
    assert list(page.context["step_forms"]["guides"].fields) == ["instituutsopleider"]
    assert client.post(url(world, "placement_confirm", placement.pk)).status_code == 403
    placement.refresh_from_db()
    assert placement.status == "proposed"


def test_a_second_live_placement_for_the_same_start_is_refused(client, world):
    placement_for(world, world.student1)
    client.force_login(world["stagecoordinator"])
    place = place_at(world, world.school2)
    response = client.post(
        year_url(world, "placement_create"), {"student": world.student1.pk, "place": place.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["student"]
    assert Placement.objects.filter(student=world.student1).count() == 1


def test_another_schools_placement_is_not_found(client, world):
    placement = placement_for(world, world.student1)
    client.force_login(world["schoolcoordinator_other_school"])
    assert client.get(url(world, "placement_detail", placement.pk)).status_code == 404
    assert client.post(url(world, "placement_confirm", placement.pk)).status_code == 404
    placement.refresh_from_db()
    assert placement.status == "proposed"


def test_readers_see_no_buttons(client, world):
    placement = placement_for(world, world.student1)
    client.force_login(world["schoolopleider"])
    page = client.get(url(world, "placement_detail", placement.pk))
    assert page.status_code == 200 and page.context["steps"] == {}
    assert "placement_confirm" not in page.content.decode()
    assert client.post(url(world, "placement_confirm", placement.pk)).status_code == 403


def test_a_wpb_sees_only_the_placements_they_guide(client, world):
    wpb = world["werkplekbegeleider"]
    mine = placement_for(world, world.student3, werkplekbegeleider=wpb)
    other = placement_for(world, new_student(world, school=world.school1))
    client.force_login(wpb)
    response = client.get(year_url(world, "placement_list"))
    assert list(response.context["object_list"]) == [mine]
    assert client.get(url(world, "placement_detail", other.pk)).status_code == 404
    assert client.get(url(world, "placement_detail", mine.pk)).status_code == 200


def test_lock_and_unlock(client, world):
    placement = placement_for(world, world.student1)
    client.force_login(world["stagecoordinator"])
    client.post(url(world, "placement_lock", placement.pk), {"locked": "on"})
    placement.refresh_from_db()
    assert placement.locked
    client.post(url(world, "placement_lock", placement.pk), {})
    placement.refresh_from_db()
    assert not placement.locked
    assert client.get(url(world, "placement_lock", placement.pk)).status_code == 405


def test_list_filters_search_and_sort(client, world):
    confirmed = placement_for(world, world.student1, status="confirmed")
    proposed = placement_for(world, world.student3, school=world.school3)
    client.force_login(world["stagecoordinator"])
    list_url = year_url(world, "placement_list")

    def listed(**params):
        return list(client.get(list_url, params).context["object_list"])

    assert listed(status="confirmed") == [confirmed]
    assert listed(school=world.school3.pk) == [proposed]
    assert listed(q="S-0001") == [confirmed]
    assert listed(o="-school") == [proposed, confirmed]
    assert listed(year=academic_year().label) == listed()
    other_year = year_url(world, "placement_list", academic_year(academic_year().start_year + 1))
    assert list(client.get(other_year).context["object_list"]) == []


def test_dashboard_cards_for_school_and_mentor(client, world):
    waiting = placement_for(world, world.student1)
    guided = placement_for(world, world.student3, werkplekbegeleider=world["werkplekbegeleider"])
    dashboard = reverse("partnerships:dashboard", args=[world.a.slug])

    def card(actor, title):
        client.force_login(world[actor])
        cards = client.get(dashboard).context["cards"]
        return next(c for c in cards if str(c.title) == dutch(title))

    waiting_title = "Placements at your school waiting for an interview or confirmation"
    school = card("schoolcoordinator", waiting_title)
    assert {u for _label, u in school.items} == {
        url(world, "placement_detail", waiting.pk),
        url(world, "placement_detail", guided.pk),
    }
    assert school.count == 2  # read with the rows (a window count)
    assert card("schoolcoordinator_other_school", waiting_title).items == []
    mentor = card("werkplekbegeleider", "Placements you guide")
    assert [u for _label, u in mentor.items] == [url(world, "placement_detail", guided.pk)]
    student = card("student", "Your placements")
    assert [u for _label, u in student.items] == [url(world, "placement_detail", waiting.pk)]


# --- query counts --------------------------------------------------------------------------------
SIZES = (1, 10, 50)


@pytest.mark.parametrize("actor", ["stagecoordinator", "schoolcoordinator"])
def test_placement_list_query_count_is_flat(client, world, actor):
    client.force_login(world[actor])
    list_url = year_url(world, "placement_list")
    place = place_at(world, world.school3, capacity=60)
    client.get(list_url)
    counts, total = {}, 0
    for size in SIZES:
        for _ in range(size - total):
            PlacementFactory(
                place=place,
                student=new_student(world),
                werkplekbegeleider=world["werkplekbegeleider"],
            )
        total = size
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(list_url, {"o": "school"})
        assert response.context["paginator"].count == size
        counts[size] = len(ctx.captured_queries)
    assert len(set(counts.values())) == 1, counts
