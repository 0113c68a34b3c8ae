"""Answering through the personal link: the page, validation, the rows stored per question kind,
and the friendly pages for used, closed and unknown links."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnerships.models import AuditEntry
from quality.choices import AnswerPart
from quality.models import Answer, QualitySettings, Response
from quality.services.responses import DONT_KNOW, response_submit
from tests.factories import PartnershipFactory, PersonFactory, SchoolFactory
from tests.quality.surveys_world import every_kind_survey, invitation, questions

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def partnership():
    return PartnershipFactory()


@pytest.fixture
def inv(partnership):
    return invitation(partnership)


def url(inv):
    return reverse("survey:answer", kwargs={"key": inv.key})


def full_post(qs, **overrides):
    data = {
        f"q{qs['scale'].pk}": "4",
        f"q{qs['double_scale'].pk}_desired": "5",
        f"q{qs['double_scale'].pk}_actual": "?",
        f"q{qs['single'].pk}": "1",
        f"q{qs['multiple'].pk}": ["0", "2"],
        f"q{qs['open'].pk}": "  Meer intervisie graag.  ",
        f"q{qs['scale2'].pk}": "2",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def rows(response):
    return sorted(
        (a.question_id, a.part, a.value, a.dont_know, a.text) for a in response.answers.all()
    )


def test_page_shows_sections_questions_and_the_anonymity_rule(client, inv):
    QualitySettings.objects.create(partnership=inv.round.partnership, min_group=6)
    response = client.get(url(inv))
    assert response.status_code == 200
    html = response.content.decode()
    assert inv.round.title in html and "Welkom." in html
    assert html.count("<fieldset") == 2 + 5  # two sections, five grouped questions
    assert "<legend><h2" in html
    for q in questions(inv.round.survey).values():
        assert q.text in html
    qs = questions(inv.round.survey)
    assert f'name="q{qs["double_scale"].pk}_desired"' in html
    assert f'name="q{qs["double_scale"].pk}_actual"' in html
    assert response.context["min_group"] == 6
    assert "6" in html.split("border-start border-3")[1].split("</p>")[0]
    assert 'value="?"' in html
    assert "csrfmiddlewaretoken" in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_every_kind_is_stored_as_the_rule_says(client, inv):
    qs = questions(inv.round.survey)
    response = client.post(url(inv), full_post(qs))
    assert response.status_code == 302
    assert response["Location"] == reverse("survey:answer_done", kwargs={"key": inv.key})
    stored = Response.objects.get()
    M, D, A = AnswerPart.MAIN, AnswerPart.DESIRED, AnswerPart.ACTUAL
    assert rows(stored) == sorted(
        [
            (qs["scale"].pk, M, 4, False, ""),
            (qs["double_scale"].pk, D, 5, False, ""),
            (qs["double_scale"].pk, A, None, True, ""),
            (qs["single"].pk, M, 1, False, ""),
            (qs["multiple"].pk, M, 0, False, ""),
            (qs["multiple"].pk, M, 2, False, ""),
            (qs["open"].pk, M, None, False, "Meer intervisie graag."),
            (qs["scale2"].pk, M, 2, False, ""),
        ]
    )
    inv.refresh_from_db()
    assert inv.responded_at is not None
    assert client.get(response["Location"]).status_code == 200


def test_unanswered_optional_questions_store_no_row(client, inv):
    qs = questions(inv.round.survey)
    data = full_post(
        qs,
        **{
            f"q{qs['single'].pk}": None,
            f"q{qs['multiple'].pk}": None,
            f"q{qs['open'].pk}": "   ",
            f"q{qs['scale2'].pk}": None,
        },
    )
    assert client.post(url(inv), data).status_code == 302
    answered = set(Answer.objects.values_list("question_id", flat=True))
    assert answered == {qs["scale"].pk, qs["double_scale"].pk}


def test_response_copies_the_breakdown_and_nothing_about_the_person(client, partnership):
    school = SchoolFactory(partnership=partnership)
    inv = invitation(partnership)
    inv.school, inv.category, inv.level, inv.group = school, "A", "hbo", "mentor"
    inv.save()
    client.post(url(inv), full_post(questions(inv.round.survey)))
    stored = Response.objects.get()
    assert (stored.group, stored.school, stored.category, stored.level) == (
        "mentor",
        school,
        "A",
        "hbo",
    )
    fields = {f.name for f in Response._meta.get_fields()}
    assert not fields & {"person", "invitation", "created_at", "submitted_at"}
    # no audit entry ties the person (or the invitation) to the content
    assert not AuditEntry.objects.filter(object_type__in=["quality.response", "quality.answer"])
    assert not AuditEntry.objects.filter(person=inv.person)


def test_required_questions_get_field_errors_and_nothing_is_saved(client, inv):
    qs = questions(inv.round.survey)
    data = full_post(
        qs,
        **{f"q{qs['scale'].pk}": None, f"q{qs['double_scale'].pk}_actual": None},
    )
    response = client.post(url(inv), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {f"q{qs['scale'].pk}", f"q{qs['double_scale'].pk}_actual"}
    html = response.content.decode()
    assert "Beantwoord deze vraag" in html  # a statement is not a field name (form_defaults)
    assert f'href="#id_q{qs["scale"].pk}"' in html  # the summary links to the question
    assert f'aria-describedby="id_q{qs["scale"].pk}-error"' in html
    assert 'value="4"' in html and "checked" in html  # the other answers are kept
    assert not Response.objects.exists() and not Answer.objects.exists()
    inv.refresh_from_db()
    assert inv.responded_at is None


def test_values_out_of_range_are_refused(client, inv):
    qs = questions(inv.round.survey)
    for field, value in [
        (f"q{qs['scale'].pk}", "6"),
        (f"q{qs['single'].pk}", "7"),
        (f"q{qs['multiple'].pk}", ["9"]),
        (f"q{qs['scale2'].pk}", "?"),  # no "don't know" on this one
    ]:
        response = client.post(url(inv), full_post(qs, **{field: value}))
        assert response.status_code == 200
        assert field in response.context["form"].errors
    assert not Response.objects.exists()


def test_service_validates_without_the_form(inv):
    qs = questions(inv.round.survey)
    with pytest.raises(ValidationError) as exc:
        response_submit(
            invitation=inv,
            data={qs["scale"].pk: 9, qs["double_scale"].pk: {"desired": 3}},
        )
    assert set(exc.value.message_dict) == {f"q{qs['scale'].pk}", f"q{qs['double_scale'].pk}"}
    assert not Response.objects.exists()
    response_submit(
        invitation=inv,
        data={qs["scale"].pk: DONT_KNOW, qs["double_scale"].pk: {"desired": 3, "actual": 2}},
    )
    assert Answer.objects.filter(dont_know=True).count() == 1
    assert inv.responded_at is not None


def test_a_used_link_gets_the_already_answered_page(client, inv):
    qs = questions(inv.round.survey)
    client.post(url(inv), full_post(qs))
    again = client.get(url(inv))
    assert again.status_code == 200
    assert again.templates[0].name == "quality/answer/answered.html"
    post_again = client.post(url(inv), full_post(qs))
    assert post_again.status_code == 200
    assert post_again.templates[0].name == "quality/answer/answered.html"
    assert Response.objects.count() == 1
    with pytest.raises(ValidationError):
        response_submit(invitation=inv, data={})


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "scheduled", "opens_on": TODAY + datetime.timedelta(days=3)},
        {"status": "closed"},
        {"status": "cancelled"},
        # open, but the dates say otherwise (before the task closed it)
        {
            "opens_on": TODAY - datetime.timedelta(days=30),
            "closes_on": TODAY - datetime.timedelta(1),
        },
        {
            "opens_on": TODAY + datetime.timedelta(days=1),
            "closes_on": TODAY + datetime.timedelta(9),
        },
    ],
)
def test_a_round_that_is_not_open_gets_the_not_open_page(client, partnership, fields):
    fields.setdefault("closes_on", TODAY + datetime.timedelta(days=20))
    inv = invitation(partnership, **fields)
    qs = questions(inv.round.survey)
    for response in (client.get(url(inv)), client.post(url(inv), full_post(qs))):
        assert response.status_code == 200
        assert response.templates[0].name == "quality/answer/not_open.html"
    assert not Response.objects.exists()
    with pytest.raises(ValidationError):
        response_submit(invitation=inv, data={})


def test_unknown_key_is_404(client, inv):
    assert client.get(reverse("survey:answer", kwargs={"key": "not-a-key"})).status_code == 404
    done = reverse("survey:answer_done", kwargs={"key": "not-a-key"})
    assert client.get(done).status_code == 404


def test_done_page_before_answering_goes_to_the_survey(client, inv):
    done = client.get(reverse("survey:answer_done", kwargs={"key": inv.key}))
    assert done.status_code == 302 and done["Location"] == url(inv)


def test_the_page_speaks_the_invitees_language_unless_switched(client, partnership):
    english = PersonFactory(language="en")
    inv = invitation(partnership, person=english)
    html = client.get(url(inv)).content.decode()
    assert '<html lang="en">' in html and "Send my answers" in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    assert '<html lang="nl">' in client.get(url(inv)).content.decode()
    dutch = invitation(partnership, person=PersonFactory(language="nl"))
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    assert '<html lang="nl">' in client.get(url(dutch)).content.decode()


def test_preview_form_is_disabled(partnership):
    from quality.forms.answer import AnswerForm

    form = AnswerForm(survey=every_kind_survey(partnership), disabled=True)
    assert form.fields and all(f.disabled for f in form.fields.values())
