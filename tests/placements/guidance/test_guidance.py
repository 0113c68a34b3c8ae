"""The guidance log: recording (and what is refused), the student's reflection, attachments kept
in the database, observations with the kijkkader and their copy of it, the portfolio and PDF,
the norms page, the dashboards (who is behind, in a fixed number of queries) and the quality
cycle's facts (numbers only).

The world of tests/partnerships serves here: student1 at school1 is guided by A's wpb,
schoolopleider and instituutsopleider (``guidance_world.guided``)."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from partnerships.access import Access
from partnerships.glossary import Role
from placements import selectors as public
from placements.guidance import services
from placements.guidance.access import entries_visible
from placements.guidance.dashboard import guidance_cards
from placements.guidance.selectors import period_of, with_february
from placements.models import GuidanceEntry, GuidanceNorm, ObservationScore, Placement
from tests.factories import StudentFactory, academic_year
from tests.partnerships.conftest import dutch
from tests.placements.guidance.guidance_world import PDF, entry_of, guided
from tests.placements.transfer.transfer_world import placement

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-12-07")]
TODAY = datetime.date(2026, 12, 7)
WPB, SO, SC, IO = (
    Role.WERKPLEKBEGELEIDER,
    Role.SCHOOLOPLEIDER,
    Role.SCHOOLCOORDINATOR,
    Role.INSTITUUTSOPLEIDER,
)


def record(w, kind="talk", *, by=WPB, date=TODAY, **extra):
    return services.entry_record(
        placement=guided(w),
        by=w[by] if isinstance(by, str) else by,
        kind=kind,
        date=date,
        participants=["student", "werkplekbegeleider"],
        **extra,
    )


def dashboard(client, w, person):
    client.force_login(person)
    response = client.get(reverse("partnerships:dashboard", args=[w.a.slug]))
    assert response.status_code == 200
    return {card.title: card for card in response.context["cards"]}


# --- recording -------------------------------------------------------------------------------
def test_a_guide_records_a_talk_with_the_names_of_that_day(world):
    entry = record(world, notes="Goed gesprek", agreements="Exit ticket")
    assert entry.author_role == WPB
    assert [p["role"] for p in entry.participants] == ["student", WPB]
    assert entry.participants[0]["name"] == world.student1.person.full_name


def test_what_is_refused(world):
    with pytest.raises(PermissionDenied):  # the student records only a pair observation
        record(world, by=world.student1.person)
    with pytest.raises(PermissionDenied):  # not a guide of this placement
        record(world, by=world["wpb_other_school"])
    with pytest.raises(ValidationError):
        record(world, date=TODAY + datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.entry_record(
            placement=guided(world),
            by=world[WPB],
            kind="talk",
            date=TODAY,
            participants=["stagecoordinator"],
        )
    pair = record(world, "pair_observation", by=world.student1.person, others="Daan")
    assert pair.author_role == "student"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("notes.exe", b"MZ", "Only PDF"),
        ("notes.pdf", b"<html>", "does not match"),
        ("notes.pdf", PDF + b"0" * (5 * 1024 * 1024), "larger than 5 MB"),
    ],
)
def test_attachments_are_checked(world, name, content, problem):
    upload = SimpleUploadedFile(name, content)
    with translation.override("en"), pytest.raises(ValidationError, match=problem):
        record(world, attachment=upload)
    assert not GuidanceEntry.objects.exists()  # nothing is saved


def test_the_attachment_is_kept_in_the_database_and_downloaded_by_readers(client, world):
    entry = entry_of(world)
    url = reverse("placements:guidance_attachment", args=[world.a.slug, entry.pk])
    client.force_login(world.student1.person)
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_quick_entry_form_saves_and_shows_the_entry(client, world):
    client.force_login(world[WPB])
    p = guided(world)
    url = reverse("placements:guidance_new", args=[world.a.slug, p.pk, "talk"])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "date": "2026-12-04",
            "participants": ["student", WPB],
            "notes": "Lesvoorbereiding",
            "agreements": "Exit ticket",
            "attachment": SimpleUploadedFile("verslag.pdf", PDF),
        },
    )
    entry = GuidanceEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "placements:guidance_entry", args=[world.a.slug, entry.pk]
    )
    assert entry.attachment.size == len(PDF)
    log = client.get(reverse("placements:guidance_log", args=[world.a.slug, p.pk]))
    assert "Lesvoorbereiding" in log.content.decode()


def test_a_future_date_is_an_error_on_the_form(client, world):
    client.force_login(world[WPB])
    url = reverse("placements:guidance_new", args=[world.a.slug, guided(world).pk, "talk"])
    response = client.post(url, {"date": "2027-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    assert not GuidanceEntry.objects.exists()


def test_the_student_adds_a_reflection_and_the_guides_read_it(client, world):
    entry = entry_of(world)
    url = reverse("placements:guidance_entry", args=[world.a.slug, entry.pk])
    client.force_login(world.student1.person)
    assert client.post(url, {"reflection": "Ik ga korter uitleggen."}).status_code == 302
    entry.refresh_from_db()
    assert entry.reflection == "Ik ga korter uitleggen." and entry.reflection_at
    client.force_login(world[SO])
    page = client.get(url).content.decode()
    assert "Ik ga korter uitleggen." in page
    assert 'name="reflection"' not in page  # guides read it, only the student writes
    with pytest.raises(PermissionDenied):
        services.reflection_save(entry=entry, by=world[SO], text="x")


def test_only_the_student_and_the_guides_see_entries(world):
    entry_of(world)
    for person in (world.student1.person, world[WPB], world[SO], world[IO]):
        assert entries_visible(user=person, partnership=world.a).count() == 1
    for actor in (SC, "stagecoordinator", "wpb_other_school", "schoolopleider_other_school"):
        assert not entries_visible(user=world[actor], partnership=world.a).exists()
    assert not entries_visible(user=world.student2.person, partnership=world.a).exists()


# --- observations, the frame and the portfolio ----------------------------------------------
def test_an_observation_keeps_its_copy_of_the_frame(client, world):
    entry = entry_of(world, "observation", attachment=False)
    frame = entry.frame
    first = frame.criteria.first()
    assert entry.scores.count() == frame.criteria.count() == 10
    assert entry.scale == frame.scale
    first.text = "Iets heel anders"
    first.save()
    frame.scale = ["nee", "ja"]
    frame.save()
    score = ObservationScore.objects.get(entry=entry, criterion=first)
    assert score.text != "Iets heel anders"
    assert score.score_label == "zichtbaar"  # step 3 of the scale it was made with


def test_the_observation_form_scores_each_criterion(client, world):
    client.force_login(world[WPB])
    p = guided(world)
    frame = services.default_frame_ensure(world.a)
    criteria = list(frame.criteria.all())
    url = reverse("placements:guidance_new", args=[world.a.slug, p.pk, "observation"])
    data = {"date": "2026-12-07", "participants": ["student"], "notes": "Les 3H"}
    data |= {f"score_{criteria[0].pk}": "4", f"comment_{criteria[0].pk}": "Sterk begin"}
    assert client.post(url, data).status_code == 302
    scores = {s.text: s for s in GuidanceEntry.objects.get().scores.all()}
    assert scores[criteria[0].text].score == 4
    assert scores[criteria[0].text].comment == "Sterk begin"
    assert scores[criteria[1].text].score is None


def test_the_portfolio_lists_observations_and_prints_them(client, world):
    entry_of(world, "observation", attachment=False)
    client.force_login(world[WPB])  # a guide without any transfer form yet still opens it
    url = reverse("placements:transfer_portfolio", args=[world.a.slug, world.student1.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert len(page.context["observations"]) == 1
    pdf = client.get(
        reverse("placements:guidance_observations_pdf", args=[world.a.slug, world.student1.pk])
    )
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    client.force_login(world[SC])  # the coordinator reads the transfer forms, not observations
    assert client.get(url).status_code == 404


# --- norms -----------------------------------------------------------------------------------
def test_the_norms_page_starts_from_the_defaults_and_saves(client, world):
    client.force_login(world["stagecoordinator"])
    url = reverse("placements:guidance_norms", args=[world.a.slug, academic_year().label])
    page = client.get(url)
    assert page.status_code == 200
    norms = list(GuidanceNorm.objects.filter(partnership=world.a))
    assert {(n.kind, n.level, n.every_weeks, n.per_period) for n in norms} == {
        ("talk", "wo", 1, None),
        ("talk", "hbo", 2, None),
        ("consultation", "", None, 2),
        ("mid_evaluation", "", None, 1),
    }
    data = {"n-TOTAL_FORMS": len(norms) + 1, "n-INITIAL_FORMS": len(norms)}
    for i, n in enumerate(page.context["formset"].queryset):
        data |= {
            f"n-{i}-id": n.pk,
            f"n-{i}-kind": n.kind,
            f"n-{i}-level": n.level,
            f"n-{i}-every_weeks": 3
            if n.kind == "talk" and n.level == "hbo"
            else n.every_weeks or "",
            f"n-{i}-per_period": n.per_period or "",
        }
    both = {f"n-{len(norms)}-kind": "assessment", f"n-{len(norms)}-every_weeks": "2"}
    both[f"n-{len(norms)}-per_period"] = "1"
    response = client.post(url, data | both)
    assert response.status_code == 200  # both shapes at once: refused
    assert client.post(url, data).status_code == 302
    assert GuidanceNorm.objects.get(partnership=world.a, kind="talk", level="hbo").every_weeks == 3


# --- dashboards ------------------------------------------------------------------------------
WPB_CARD = dutch("Your students without a guidance talk in the norm period")
SO_CARD = dutch("Guidance at your school: students behind on the norm")


def test_a_talk_moves_the_student_from_behind_to_on_track(client, world):
    guided(world)
    cards = dashboard(client, world, world[WPB])
    assert str(world.student1) in cards[WPB_CARD].items[0][0]
    cards = dashboard(client, world, world[SO])
    assert str(world.student1) in cards[SO_CARD].items[0][0]
    record(world, date=TODAY - datetime.timedelta(days=3))
    assert not dashboard(client, world, world[WPB])[WPB_CARD].items
    so_card = dashboard(client, world, world[SO])[SO_CARD]
    assert not so_card.items
    assert "1" in so_card.empty  # on track: 1 of 1


def test_the_coordinator_sees_numbers_only(client, world):
    entry_of(world)
    cards = dashboard(client, world, world[SC])
    card = cards[dutch("Guidance at your school against the norms")]
    assert [url for _label, url in card.items] == [""]
    assert world.school1.name in card.items[0][0]
    assert "Lesvoorbereiding" not in str(card.items)


def test_dashboards_read_a_fixed_number_of_queries(world):
    def queries(person):
        access = Access(person, TODAY)
        access.roles(world.a)  # the memberships, read once per request anyway
        with CaptureQueriesContext(connection) as ctx:
            cards = guidance_cards(access, world.a)
        assert cards
        return len(ctx)

    guided(world)
    before = {actor: queries(world[actor]) for actor in (WPB, SO, SC)}
    for n in range(4):
        student = StudentFactory(partnership=world.a, institute=world.student1.institute)
        p = placement(
            student,
            world.school1,
            level="wo" if n % 2 else "hbo",
            werkplekbegeleider=world[WPB],
            schoolopleider=world[SO],
        )
        services.entry_record(
            placement=p, by=world[WPB], kind="talk", date=TODAY, participants=["student"]
        )
    after = {actor: queries(world[actor]) for actor in (WPB, SO, SC)}
    assert after == before
    assert all(n <= 6 for n in after.values()), after


# --- facts for the quality cycle -------------------------------------------------------------
def test_facts_are_numbers_per_school_and_window(world, django_assert_num_queries):
    entry_of(world)  # a talk today
    record(world, "consultation", by=SO, date=datetime.date(2026, 10, 1))
    other = placement(world.student2, world.school2, werkplekbegeleider=world["wpb_other_school"])
    placement(world.student3, world.school1, status="proposed")  # not under guidance
    with django_assert_num_queries(4):
        facts = public.guidance_facts(
            partnership=world.a, start=datetime.date(2026, 9, 1), end=datetime.date(2026, 12, 31)
        )
    by_school = {row["school"]: row for row in facts}
    alfa = by_school[world.school1.name]
    assert alfa["placements"] == 1
    assert (alfa["talk"], alfa["consultation"], alfa["observation"]) == (1, 1, 0)
    assert alfa["due_talk"] == 8  # 17 weeks of hbo placement by 31 December: 8 fortnights
    assert alfa["due_consultation"] == 1  # the first is due on 10 December
    assert alfa["behind"] == 1  # on 31 December the last talk is more than two weeks ago
    beek = by_school[world.school2.name]
    assert (beek["placements"], beek["talk"], beek["behind"]) == (1, 0, 1)
    assert other.level == "hbo"
    assert all(isinstance(v, int) for row in facts for k, v in row.items() if k != "school")
    assert not any("notes" in row or "agreements" in row for row in facts)


def test_a_september_placement_followed_in_february_ends_in_january(world):
    first = guided(world)
    placement(world.student1, world.school2, start="february", status="confirmed")
    row = with_february(Placement.objects.filter(pk=first.pk)).select_related("academic_year")[0]
    assert period_of(row, row.academic_year).end == datetime.date(2027, 1, 31)


# --- demo ------------------------------------------------------------------------------------
def test_the_demo_has_guidance_for_the_demo_logins():
    call_command("seed_demo", stdout=io.StringIO())
    entries = GuidanceEntry.objects.filter(placement__student__partnership__slug="hos")
    assert entries.filter(placement__werkplekbegeleider__email="wpb@hos.example").exists()
    assert entries.filter(placement__student__person__email="student@hos.example").exists()
    assert entries.filter(kind="observation", scores__isnull=False).exists()
    n = entries.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert entries.count() == n
