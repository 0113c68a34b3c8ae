"""Answers cannot be put in the order people answered, and participation is written apart from
the answers (issue 13, item 3b).

The attack from the issue: 16 people answer one after the other; ordering the answers by a stored
column (then a sequential ``Answer.id``) against the invitations ordered by ``responded_at`` (then
a timestamp) re-identified all 16. Now no stored column of a response or an answer carries an
order or a time, participation keeps the day only, and the two are committed in separate
transactions: participation first, then the answers with the ballot that bridges them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.urls import reverse

from quality.models import Answer, Ballot, Invitation, Response
from quality.services import responses as service
from tests.factories import PartnershipFactory
from tests.quality.factories import InvitationFactory
from tests.quality.surveys_world import every_kind_survey, invitation, questions

ORDERED = (models.AutoField, models.BigAutoField, models.DateTimeField, models.TimeField)


def test_responses_and_answers_store_no_order_and_no_time():
    for model in (Response, Answer):
        assert isinstance(model._meta.pk, models.UUIDField), model
        assert model._meta.pk.default is not None
        assert not model._meta.ordering, model  # no default order by key or creation
        for field in model._meta.concrete_fields:
            assert not isinstance(field, ORDERED), (model, field.name)
            assert not getattr(field, "auto_now", False)
            assert not getattr(field, "auto_now_add", False)
    # participation: the day, never the time
    field = Invitation._meta.get_field("responded_at")
    assert type(field) is models.DateField
    assert not any(isinstance(f, ORDERED) for f in Ballot._meta.concrete_fields)


@pytest.mark.django_db(transaction=True)
def test_the_reidentification_by_order_fails():
    """16 respondents, one after the other, each with an answer that identifies them."""
    partnership = PartnershipFactory()
    survey = every_kind_survey(partnership)
    first = invitation(partnership, survey=survey)
    survey_round = first.round
    invitations = [first] + [InvitationFactory(round=survey_round) for _ in range(15)]
    scale = questions(survey)["scale"]
    text = questions(survey)["open"]
    required = {
        q.pk: {"desired": 3, "actual": 3} if q.kind == "double_scale" else 1
        for q in questions(survey).values()
        if q.required and q.pk not in (scale.pk, text.pk)
    }
    for i, inv in enumerate(invitations):  # answer i says "respondent i"
        service.response_submit(
            invitation=inv, data=required | {scale.pk: (i % 5) + 1, text.pk: f"respondent {i}"}
        )

    participation = list(
        Invitation.objects.filter(round=survey_round, responded_at__isnull=False).values_list(
            "responded_at", flat=True
        )
    )
    assert len(participation) == 16 and len(set(participation)) == 1  # one day: no order at all
    texts = Answer.objects.filter(question=text)
    # every stored column of the answers and their responses, as an attacker would sort them
    columns = [f.attname for f in Answer._meta.concrete_fields] + [
        f"response__{f.attname}" for f in Response._meta.concrete_fields
    ]
    for column in columns:
        ordered = [a.text for a in texts.order_by(column, "text")]
        matched = sum(t == f"respondent {i}" for i, t in enumerate(ordered))
        # a sequential id matched 16 of 16; a random order matches about one (never 8 but once in
        # ~10^5 runs)
        assert matched < 8, (column, matched)
    # nor do PostgreSQL's transaction ids tell which rows came last: every answer of the round
    # was rewritten by the last submission (as EvaP does)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(DISTINCT a.xmin::text) FROM quality_answer a "
            "JOIN quality_response r ON r.id = a.response_id WHERE r.round_id = %s",
            [survey_round.pk],
        )
        assert cursor.fetchone()[0] == 1
        cursor.execute(
            "SELECT count(DISTINCT xmin::text) FROM quality_response WHERE round_id = %s",
            [survey_round.pk],
        )
        assert cursor.fetchone()[0] == 1


def _data(survey):
    qs = questions(survey)
    return {
        q.pk: {"desired": 4, "actual": 2} if q.kind == "double_scale" else 1
        for q in qs.values()
        if q.required
    }


@pytest.mark.django_db(transaction=True)
def test_participation_and_answers_are_committed_separately_and_an_answer_is_never_lost(
    monkeypatch,
):
    inv = invitation(PartnershipFactory())
    data = _data(inv.round.survey)
    token = service.new_ballot_token()

    def fail(*args, **kwargs):
        raise ConnectionError("the database went away after participation was committed")

    # the answers transaction fails: participation stays committed, nothing of the answers
    with monkeypatch.context() as m:
        m.setattr(service.Answer.objects, "bulk_create", fail)
        with pytest.raises(ConnectionError):
            service.response_submit(invitation=inv, data=data, token=token)
    inv.refresh_from_db()
    assert inv.responded_at is not None  # committed in its own transaction
    assert not Response.objects.exists() and not Answer.objects.exists()
    assert Ballot.objects.count() == 1  # names neither the invitation nor a response
    assert inv.key not in Ballot.objects.get().digest

    # another form (another token) for the same link is refused: never twice
    with pytest.raises(ValidationError) as refused:
        service.response_submit(invitation=inv, data=data, token=service.new_ballot_token())
    assert refused.value.code == "answered"

    # the same form sent again stores the answers, once
    response = service.response_submit(invitation=inv, data=data, token=token)
    assert response is not None and Response.objects.count() == 1
    assert not Ballot.objects.exists()
    with pytest.raises(ValidationError):
        service.response_submit(invitation=inv, data=data, token=token)
    assert Response.objects.count() == 1

    # separate transactions: the invitation row and the response rows carry different
    # transaction ids
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM quality_invitation WHERE id = %s", [inv.pk])
        participation_xid = cursor.fetchone()[0]
        cursor.execute("SELECT xmin::text FROM quality_response WHERE id = %s", [response.pk])
        assert cursor.fetchone()[0] != participation_xid


@pytest.mark.django_db(transaction=True)
def test_a_refused_participation_stores_no_answers():
    inv = invitation(PartnershipFactory(), closed=True)
    with pytest.raises(ValidationError) as refused:
        service.response_submit(invitation=inv, data=_data(inv.round.survey))
    assert refused.value.code == "not_open"
    assert not Response.objects.exists() and not Ballot.objects.exists()
    inv.refresh_from_db()
    assert inv.responded_at is None


@pytest.mark.django_db
def test_the_answering_page_sends_the_same_form_again_after_a_failure(client, monkeypatch):
    inv = invitation(PartnershipFactory())
    qs = questions(inv.round.survey)
    page = client.get(reverse("survey:answer", kwargs={"key": inv.key}))
    token = page.context["form"]["ballot"].value()
    assert f'name="ballot" value="{token}"' in page.content.decode()
    post = {f"q{q.pk}": "1" for q in qs.values() if q.required and q.kind == "scale"}
    for q in qs.values():
        if q.required and q.kind == "double_scale":
            post |= {f"q{q.pk}_desired": "4", f"q{q.pk}_actual": "2"}
        elif q.required and q.kind in ("single", "multiple"):
            post[f"q{q.pk}"] = "0"
        elif q.required and q.kind == "open":
            post[f"q{q.pk}"] = "text"
    post["ballot"] = token
    # the first attempt dies between the two transactions
    service.record_participation(invitation=inv, token=token)
    inv.refresh_from_db()
    assert inv.responded_at is not None and not Response.objects.exists()
    again = client.post(reverse("survey:answer", kwargs={"key": inv.key}), post)
    assert again.status_code == 302 and Response.objects.count() == 1
    # a fresh form for the used link gets the "already answered" page
    fresh = client.post(
        reverse("survey:answer", kwargs={"key": inv.key}),
        post | {"ballot": service.new_ballot_token()},
    )
    assert fresh.templates[0].name == "quality/answer/answered.html"
    assert Response.objects.count() == 1
