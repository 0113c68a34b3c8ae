"""The introductory interview (kennismakingsgesprek, 002 Bijlage 2): the customer's full topic
list and preparation, who attended (named), the student's motivation and learning goals from the
preference form shown to the school, validation in Dutch, and a progress display that does not
claim an interview that never happened."""

import pytest
from django.urls import reverse

from placements import services
from placements.lifecycle.interview import INTERVIEW_TOPICS, PREPARATION, TOPIC_GROUPS
from placements.models import IntroductoryInterview, Placement
from tests.factories import academic_year
from tests.partnerships.conftest import dutch, shows_dutch
from tests.placements.factories import PlacementFactory
from tests.placements.preferences.test_preferences import edit_url, open_window, wishes

pytestmark = pytest.mark.django_db


def url(world, name, placement):
    return reverse(f"placements:{name}", kwargs={"partnership": world.a.slug, "pk": placement.pk})


def planned(world, **guides) -> Placement:
    """student1's placement at school1 with its interview planned; guides as given."""
    placement = PlacementFactory(
        student=world.student1,
        school=world.school1,
        subject=world.subject,
        academic_year=academic_year(),
        **guides,
    )
    services.placement_interview_plan(
        placement=placement, planned_at=placement.created_at, by=world["schoolcoordinator"]
    )
    return placement


def test_the_topic_list_is_the_customers_complete_list():
    assert len(INTERVIEW_TOPICS) == 18
    assert len({code for code, _label in INTERVIEW_TOPICS}) == 18
    assert [len(topics) for _heading, topics in TOPIC_GROUPS] == [5, 5, 3, 5]
    labels = [dutch(str(label)) for _code, label in INTERVIEW_TOPICS]
    for phrase in (
        "Motivatie voor het onderwijs",
        "Motivatie voor de opleidingsschool",
        "Leerdoelen",
        "Karakterisering van de school",
        "Kledingvoorschriften (hoofddoekjes etc.)",
        "Gedragsvoorschriften (hand geven e.d.)",
        "Geheimhouding / vertrouwelijkheid",
        "Hoe verloopt je studie?",
        "Waar wil je aan werken tijdens je stage?",
    ):
        assert phrase in labels, phrase
    assert "Op het stageadres hoor je bij het personeel en niet bij de leerlingen." in [
        dutch(str(line)) for line in PREPARATION
    ]


def test_the_interview_page_lists_every_topic_for_the_school(client, world):
    placement = planned(world, schoolopleider=world["schoolopleider"])
    client.force_login(world["schoolcoordinator"])
    page = client.get(url(world, "placement_interview", placement))
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count('name="topics"') == 18
    assert body.count('name="attended"') == 3
    assert shows_dutch(page, "Secrecy / confidentiality")
    assert shows_dutch(page, "At the placement school you belong to the staff, not to the pupils.")


def test_attendance_is_recorded_with_names_and_shown(client, world):
    placement = planned(
        world,
        schoolopleider=world["schoolopleider"],
        werkplekbegeleider=world["werkplekbegeleider"],
    )
    client.force_login(world["schoolcoordinator"])
    response = client.post(
        url(world, "placement_interview_held", placement),
        {
            "attended": ["student", "schoolopleider"],
            "topics": ["motivation_school", "vog", "study_progress"],
            "notes": "Werkplekbegeleider was ziek.",
        },
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.status == "interview_held"
    interview = IntroductoryInterview.objects.get(placement=placement)
    assert interview.attendance == {
        "student": world.student1.person.full_name,
        "schoolopleider": world["schoolopleider"].full_name,
    }
    assert interview.checklist == ["motivation_school", "vog", "study_progress"]

    page = client.get(url(world, "placement_interview", placement))
    body = page.content.decode()
    assert world["schoolopleider"].full_name in body
    assert world["werkplekbegeleider"].full_name in body
    assert shows_dutch(page, "not present")  # the werkplekbegeleider
    assert body.count("✓") == 2 + 3  # two present, three topics
    detail = client.get(url(world, "placement_detail", placement))
    assert world["schoolopleider"].full_name in detail.content.decode()
    assert detail.context["topics_discussed"] == 3


def test_the_motivation_on_the_preference_form_reaches_the_school(client, world):
    open_window(world)
    client.force_login(world["student"])
    page = client.get(edit_url(world, world.student1))
    assert 'name="motivation"' in page.content.decode()
    motivation = "Ik wil leerlingen enthousiast maken voor wiskunde."
    response = client.post(
        edit_url(world, world.student1),
        wishes(world, world.school1, motivation=motivation, learning_goals="Differentiëren"),
    )
    assert response.status_code == 302
    placement = planned(world, schoolopleider=world["schoolopleider"])

    client.force_login(world["schoolcoordinator"])
    page = client.get(url(world, "placement_interview", placement))
    body = page.content.decode()
    assert motivation in body
    assert "Differentiëren" in body
    assert shows_dutch(page, "The student's motivation and learning goals")


@pytest.mark.parametrize(
    ("attended", "message"),
    [
        (["schoolopleider"], "The student takes part in the interview: tick the student."),
        (
            ["student"],
            "Tick who was there for the school: the schoolopleider, the werkplekbegeleider or "
            "both.",
        ),
    ],
)
def test_attendance_rules_answer_in_dutch(client, world, attended, message):
    placement = planned(world, schoolopleider=world["schoolopleider"])
    client.force_login(world["schoolcoordinator"])
    page = client.post(
        url(world, "placement_interview_held", placement),
        {"attended": attended, "topics": ["vog"], "notes": "x"},
    )
    assert page.status_code == 200
    assert shows_dutch(page, message)
    assert shows_dutch(page, "There is a problem")
    placement.refresh_from_db()
    assert placement.status == "interview_planned"
    assert 'value="vog" id="id_topics_vog" checked' in page.content.decode()


def test_a_guide_not_assigned_cannot_be_ticked(client, world):
    placement = planned(world, schoolopleider=world["schoolopleider"])
    client.force_login(world["schoolcoordinator"])
    page = client.post(
        url(world, "placement_interview_held", placement),
        {"attended": ["student", "schoolopleider", "werkplekbegeleider"]},
    )
    assert page.status_code == 200
    expected = dutch(
        "No %(role)s has been assigned to this placement yet; assign one under Guides or leave "
        "it unticked."
    ) % {"role": dutch("Werkplekbegeleider").lower()}
    assert expected in page.content.decode()


def test_the_placements_own_schoolopleider_records_the_interview(client, world):
    placement = planned(world, schoolopleider=world["schoolopleider"])
    client.force_login(world["schoolopleider"])
    page = client.get(url(world, "placement_interview", placement))
    assert page.context["form"] is not None
    response = client.post(
        url(world, "placement_interview_held", placement),
        {"attended": ["student", "schoolopleider"], "topics": ["learning_goals"]},
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.status == "interview_held"


def test_a_schoolopleider_of_another_placement_only_reads(client, world):
    placement = planned(world)
    client.force_login(world["schoolopleider"])
    page = client.get(url(world, "placement_interview", placement))
    assert page.status_code == 200 and page.context["form"] is None
    response = client.post(
        url(world, "placement_interview_held", placement), {"attended": ["student"]}
    )
    assert response.status_code == 403


def test_confirmed_straight_from_proposed_does_not_show_the_interview_as_done(client, world):
    placement = PlacementFactory(
        student=world.student1,
        school=world.school1,
        subject=world.subject,
        academic_year=academic_year(),
    )
    services.placement_confirm(placement=placement, by=world["stagecoordinator"])
    client.force_login(world["stagecoordinator"])
    page = client.get(url(world, "placement_detail", placement))
    states = [state for _label, state in page.context["progress"]]
    assert states == ["done", "skipped", "skipped", "current", "todo", "todo"]
    assert shows_dutch(page, "skipped")
