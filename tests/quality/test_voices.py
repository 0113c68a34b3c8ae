"""Every voice (issue 15, item 3): alumni with consent and e-mail lists invited by address (one
invitation per address per round, the personal link unchanged), the bestuursraad and the
werkgroep through the governance bodies, institute trainers and school leaders, the e-mail list
read row by row (all or nothing), and plans every N years."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from partnerships.governance.choices import BodyKind
from partnerships.governance.models import Body, Member
from quality import address_list
from quality.audiences import PRIORITY, audience_members
from quality.choices import Audience, ConsentSource, RespondentGroup, RoundStatus
from quality.models import AlumniContact, Invitation, Response, RoundAddress, RoundPlan
from quality.periods import plan_due_in
from quality.services import rounds as services
from quality.services import voices
from quality.tasks.rounds import advance_rounds
from tests.factories import academic_year
from tests.quality.rounds_world import (  # noqa: F401
    CLOSES,
    OPENS,
    inline_fixture,
    mentor_round,
    outbox_handlers_fixture,
    survey_of,
)

pytestmark = pytest.mark.django_db
G = RespondentGroup
TODAY = datetime.date.today()


def alumnus(world, email, *, consent_on=None, withdrawn_on=None, **extra):
    return AlumniContact.objects.create(
        partnership=world.a,
        email=email,
        consent_on=consent_on or TODAY - datetime.timedelta(days=30),
        consent_source=ConsentSource.EXIT_FORM,
        withdrawn_on=withdrawn_on,
        **extra,
    )


def members(world, audience, survey_round=None):
    return audience_members(
        partnership=world.a,
        audience=audience,
        year=academic_year(),
        today=TODAY,
        survey_round=survey_round,
    )


def open_round(capture, survey_round, day=OPENS):
    with capture(execute=True):
        return advance_rounds(on=day.isoformat())


def test_every_new_group_has_a_place_in_the_priority_and_the_anonymity_tree():
    assert set(PRIORITY) == set(RespondentGroup.values)
    # the tree splits by group first: a new group is one more value of that dimension
    from quality.anonymity import HIERARCHY

    assert HIERARCHY[0] == "group"


def test_alumni_with_consent_only_by_address_and_institute(world):
    alumnus(world, "oud@example.org", institute=world.institute)
    alumnus(world, "weg@example.org", withdrawn_on=TODAY - datetime.timedelta(days=1))
    alumnus(world, "later@example.org", consent_on=TODAY + datetime.timedelta(days=1))
    found = members(world, Audience.ALUMNI)
    assert [(m.person_id, m.email, m.group, m.institute_id) for m in found] == [
        (None, "oud@example.org", G.ALUMNUS, world.institute.pk)
    ]


def test_bodies_school_leaders_and_institute_trainers(world):
    board = Body.objects.create(partnership=world.a, kind=BodyKind.BESTUURSRAAD, name="BR")
    group = Body.objects.create(partnership=world.a, kind=BodyKind.WERKGROEP, name="WG")
    Member.objects.create(body=board, person=world["leidinggevende"])
    Member.objects.create(
        body=board, person=world["stuurgroeplid"], term_end=TODAY - datetime.timedelta(days=1)
    )
    Member.objects.create(body=group, person=world["schoolopleider"])
    assert [(m.person_id, m.group) for m in members(world, Audience.BOARD_COUNCIL)] == [
        (world["leidinggevende"].pk, G.BOARD)
    ]
    assert [(m.person_id, m.group) for m in members(world, Audience.WORKING_GROUP)] == [
        (world["schoolopleider"].pk, G.WORKING_GROUP)
    ]
    leaders = members(world, Audience.SCHOOL_LEADERS)
    assert {(m.person_id, m.group) for m in leaders} == {(world["leidinggevende"].pk, G.LEADER)}
    trainers = members(world, Audience.INSTITUTE_TRAINERS)
    assert {m.group for m in trainers} == {G.INSTITUTE_TRAINER}
    assert world["instituutsopleider"].pk in {m.person_id for m in trainers}


def test_an_alumni_round_invites_each_address_once_mails_it_and_the_link_works(
    world, inline, django_capture_on_commit_callbacks, client
):
    alumnus(world, "a@example.org", institute=world.institute)
    alumnus(world, "b@example.org")
    closes = TODAY + datetime.timedelta(days=21)
    survey_round = mentor_round(world, audience=Audience.ALUMNI, opens_on=TODAY, closes_on=closes)
    open_round(django_capture_on_commit_callbacks, survey_round, TODAY)
    open_round(django_capture_on_commit_callbacks, survey_round, TODAY)  # the beat runs again
    invitations = Invitation.objects.filter(round=survey_round)
    assert sorted(invitations.values_list("email", "person_id", "group")) == [
        ("a@example.org", None, G.ALUMNUS),
        ("b@example.org", None, G.ALUMNUS),
    ]
    assert all(inv.sent_at for inv in invitations)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    first = invitations.get(email="a@example.org")
    link = reverse("survey:answer", kwargs={"key": first.key})
    message = next(m for m in mail.outbox if m.to == ["a@example.org"])
    assert link in message.body and message.extra_headers["Message-ID"]
    assert "Beste ," not in message.body and "Dear ," not in message.body
    # one invitation per address per round, in the database too
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(
            round=survey_round, email="a@example.org", key="x" * 43, group=G.ALUMNUS
        )
    # neither a person nor an address, or both: refused
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(round=survey_round, key="y" * 43, group=G.ALUMNUS)

    page = client.get(link)
    assert page.status_code == 200
    question = survey_round.survey.sections.first().questions.first()
    answered = client.post(
        link, {f"q{question.pk}": "4", "ballot": page.context["form"]["ballot"].value()}
    )
    assert answered.status_code == 302
    first.refresh_from_db()
    assert first.responded_at == TODAY
    response = Response.objects.get(round=survey_round)
    assert (response.group, response.institute_id) == (G.ALUMNUS, world.institute.pk)


def test_reminders_reach_addresses_once_a_day(world, inline, django_capture_on_commit_callbacks):
    alumnus(world, "a@example.org")
    survey_round = mentor_round(world, audience=Audience.ALUMNI)
    open_round(django_capture_on_commit_callbacks, survey_round)
    invitation = Invitation.objects.get(round=survey_round)
    day = CLOSES - datetime.timedelta(days=2)
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=invitation.sent_at - datetime.timedelta(days=30)
    )
    assert services.invitation_remind(invitation_id=invitation.pk, days=2, today=day)
    assert not services.invitation_remind(invitation_id=invitation.pk, days=2, today=day)
    assert len(mail.outbox) == 2


def test_the_list_is_read_row_by_row_all_or_nothing():
    schools = {"alfa college": 1, "alfa": 1}
    rows, problems = address_list.parse(
        "E-mail; school\nA@Example.org; Alfa\n\nb@example.org\n", schools
    )
    assert problems == [] and [(r.email, r.school_id) for r in rows] == [
        ("a@example.org", 1),
        ("b@example.org", None),
    ]
    rows, problems = address_list.parse(
        "a@example.org\ngeen-adres\na@example.org\nc@example.org; Onbekend\n", schools
    )
    assert rows == []
    assert [(p.line, p.code) for p in problems] == [(2, "email"), (3, "duplicate"), (4, "school")]


def test_an_email_list_round(world, inline, django_capture_on_commit_callbacks):
    survey_round = mentor_round(world, audience=Audience.EMAIL_LIST)
    with pytest.raises(ValidationError):
        services.round_open_now(round=survey_round, by=world["programmamanager"], today=OPENS)
    with pytest.raises(ValidationError) as bad:
        voices.round_addresses_replace(
            round=survey_round, by=world["programmamanager"], text="x@example.org\nfout\n"
        )
    assert "Rij 2" in " ".join(bad.value.message_dict["addresses"]) or "Row 2" in " ".join(
        bad.value.message_dict["addresses"]
    )
    assert not RoundAddress.objects.filter(round=survey_round).exists()  # nothing taken
    count = voices.round_addresses_replace(
        round=survey_round,
        by=world["programmamanager"],
        text=f"x@example.org; {world.school1.name}\ny@example.org\n",
    )
    assert count == 2
    open_round(django_capture_on_commit_callbacks, survey_round)
    found = sorted(
        Invitation.objects.filter(round=survey_round).values_list("email", "group", "school_id")
    )
    assert found == [
        ("x@example.org", G.TEACHER, world.school1.pk),
        ("y@example.org", G.TEACHER, None),
    ]
    assert len(mail.outbox) == 2
    survey_round.refresh_from_db()
    with pytest.raises(ValidationError):  # the list is fixed once the round is open
        voices.round_addresses_replace(
            round=survey_round, by=world["programmamanager"], text="z@example.org"
        )


def test_alumni_register_keeps_one_row_per_address(world):
    pm = world["programmamanager"]
    voices.alumni_contact_save(
        partnership=world.a,
        by=pm,
        email=" Oud@Example.org ",
        consent_on=TODAY,
        consent_source=ConsentSource.EMAIL,
    )
    with pytest.raises(ValidationError):
        voices.alumni_contact_save(
            partnership=world.a,
            by=pm,
            email="oud@example.org",
            consent_on=TODAY,
            consent_source=ConsentSource.EMAIL,
        )
    contact = AlumniContact.objects.get()
    assert contact.email == "oud@example.org"
    voices.alumni_consent_withdraw(contact=contact, by=pm, today=TODAY)
    assert members(world, Audience.ALUMNI) == []


def test_plan_every_n_years():
    assert plan_due_in(2026, None, 1) and plan_due_in(2030, 2026, 1)
    assert [y for y in range(2026, 2036) if plan_due_in(y, 2026, 4)] == [2026, 2030, 2034]
    assert not plan_due_in(2025, 2026, 4)


def test_a_koos_plan_every_four_years_schedules_only_in_its_years(world):
    pm = world["programmamanager"]
    survey = survey_of(world.a, name="KOOS")
    start = academic_year().start_year
    today = datetime.date(start, 9, 1)
    plan = services.round_plan_save(
        partnership=world.a,
        by=pm,
        today=today,
        survey=survey,
        audience=Audience.SCHOOL_COMMUNITY,
        months=[3],
        open_day=1,
        open_days=21,
        is_active=True,
        every_years=4,
        first_year=start + 1,
    )
    assert plan.rounds.count() == 0  # not this academic year
    later = datetime.date(start + 1, 9, 1)
    academic_year(start + 1)
    services.rounds_schedule(partnership=world.a, today=later)
    assert plan.rounds.count() == 1
    academic_year(start + 2)
    services.rounds_schedule(partnership=world.a, today=datetime.date(start + 2, 9, 1))
    assert plan.rounds.count() == 1
    assert RoundPlan.objects.get(pk=plan.pk).every_years == 4


def test_round_status_is_untouched_by_the_new_audiences():
    assert RoundStatus.values == ["scheduled", "open", "closed", "cancelled"]


def test_a_scheduled_list_round_points_to_its_list_and_the_list_opens_with_its_rows(world, client):
    survey_round = mentor_round(world, audience=Audience.EMAIL_LIST)
    client.force_login(world["programmamanager"])
    detail = reverse("quality:round_detail", args=[world.a.slug, survey_round.pk])
    addresses = reverse("quality:round_addresses", args=[world.a.slug, survey_round.pk])
    page = client.get(detail).content.decode()
    assert "De uitnodigingen gaan uit als de ronde opent op" in page
    assert "streefwaarde" not in page.split("Respons", 1)[1].split("</p>", 2)[0]  # no verdict yet
    assert f'href="{addresses}"' in page and "E-maillijst toevoegen" in page

    voices.round_addresses_replace(
        round=survey_round,
        by=world["programmamanager"],
        text=f"y@example.org\nx@example.org; {world.school1.name}\n",
    )
    form = client.get(addresses).context["form"]
    assert form.initial["addresses"] == f"x@example.org; {world.school1.name}\ny@example.org"
    assert "E-maillijst toevoegen" not in client.get(detail).content.decode()


def test_the_list_as_text_reads_back_as_the_same_rows():
    """What the list page opens with is what ``parse`` takes; a school whose name holds a
    separator is written by its short name."""
    text = address_list.as_text(
        [
            ("x@example.org", "Het Lyceum", ""),
            ("y@example.org", "Lucas, locatie Rijswijk", "Lucas R"),
            ("z@example.org", "", ""),
        ]
    )
    schools = {"het lyceum": 1, "lucas, locatie rijswijk": 2, "lucas r": 2}
    rows, problems = address_list.parse(text, schools)
    assert problems == []
    assert [(r.email, r.school_id) for r in rows] == [
        ("x@example.org", 1),
        ("y@example.org", 2),
        ("z@example.org", None),
    ]
