"""The survey builder's services and the shipped templates."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from partnerships.models import AuditEntry
from quality.choices import QualityArea, QuestionKind
from quality.demo.surveys import load as load_demo
from quality.models import Question, Survey, SurveySection
from quality.services import surveys as services
from quality.survey_templates import TEMPLATES
from tests.factories import PartnershipFactory, PersonFactory
from tests.quality.factories import (
    AmbitionFactory,
    IndicatorFactory,
    InstrumentFactory,
    QuestionFactory,
    SurveyFactory,
    SurveySectionFactory,
)
from tests.quality.surveys_world import every_kind_survey

pytestmark = pytest.mark.django_db
K = QuestionKind


@pytest.fixture
def partnership():
    return PartnershipFactory()


@pytest.fixture
def by():
    return PersonFactory()


def texts(survey):
    return [
        (q.section.title, q.text, q.kind, q.options)
        for q in Question.objects.filter(section__survey=survey)
    ]


def test_create_empty_survey_is_audited(partnership, by):
    survey = services.survey_create(partnership=partnership, name="Panel", by=by)
    assert survey.sections.count() == 0 and not survey.is_locked
    entry = AuditEntry.objects.get(object_type="quality.survey", object_id=str(survey.pk))
    assert entry.action == "create" and entry.person == by


def test_create_from_template_copies_sections_and_questions(partnership, by):
    template = every_kind_survey(partnership, name="Sjabloon")
    survey = services.survey_create(partnership=partnership, name="Nieuw", template=template, by=by)
    assert survey.copied_from == template and not survey.is_template
    assert texts(survey) == texts(template)
    assert survey.introduction == template.introduction


def test_create_from_another_partnerships_template_is_refused(partnership, by):
    other = SurveyFactory(is_template=True)
    with pytest.raises(ValidationError) as exc:
        services.survey_create(partnership=partnership, name="X", template=other, by=by)
    assert "template" in exc.value.message_dict
    assert not Survey.objects.filter(name="X").exists()


def test_duplicate_name_is_a_field_error(partnership, by):
    services.survey_create(partnership=partnership, name="Panel", by=by)
    with pytest.raises(ValidationError) as exc:
        services.survey_create(partnership=partnership, name="Panel", by=by)
    assert "name" in exc.value.message_dict


def test_copy_is_deep_unlocked_and_named(partnership, by):
    original = every_kind_survey(partnership, name="Enquête")
    original.is_locked = True
    original.is_template = True
    original.save()
    copy = services.survey_copy(survey=original, by=by)
    assert copy.name == "Enquête (kopie)" or copy.name == "Enquête (copy)"
    assert not copy.is_locked and not copy.is_template and copy.copied_from == original
    assert texts(copy) == texts(original)
    copied_ids = set(Question.objects.filter(section__survey=copy).values_list("pk", flat=True))
    original_ids = set(
        Question.objects.filter(section__survey=original).values_list("pk", flat=True)
    )
    assert not copied_ids & original_ids
    second = services.survey_copy(survey=original, by=by)
    assert second.name == f"{copy.name} (2)"


def test_sections_and_questions_are_added_in_order(partnership, by):
    survey = SurveyFactory(partnership=partnership)
    first = services.section_add(survey=survey, title="Een", by=by)
    second = services.section_add(survey=survey, title="Twee", quality_area="klimaat", by=by)
    assert [s.pk for s in survey.sections.all()] == [first.pk, second.pk]
    q1 = services.question_add(section=first, text="A?", kind=K.SCALE, by=by)
    q2 = services.question_add(
        section=first, text="B?", kind=K.SINGLE, options=[" ja ", "", "nee"], by=by
    )
    assert list(first.questions.all()) == [q1, q2]
    assert q2.options == ["ja", "nee"]
    assert q2.allow_dont_know is False  # "don't know" is for the scales only
    assert q1.allow_dont_know is True


def test_question_validation_is_a_field_error(partnership, by):
    section = SurveySectionFactory(survey__partnership=partnership)
    with pytest.raises(ValidationError) as exc:
        services.question_add(section=section, text="Keuze?", kind=K.SINGLE, options=["ja"], by=by)
    assert "options" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.question_add(section=section, text="", kind=K.SCALE, by=by)
    assert "text" in exc.value.message_dict
    assert section.questions.count() == 0


def test_indicator_of_another_partnership_is_refused(partnership, by):
    section = SurveySectionFactory(survey__partnership=partnership)
    own = IndicatorFactory(ambition=AmbitionFactory(partnership=partnership))
    foreign = IndicatorFactory()
    q = services.question_add(section=section, text="A?", kind=K.SCALE, indicator=own, by=by)
    assert q.indicator == own
    with pytest.raises(ValidationError) as exc:
        services.question_update(question=q, text="A?", kind=K.SCALE, indicator=foreign, by=by)
    assert "indicator" in exc.value.message_dict
    q.refresh_from_db()
    assert q.indicator == own


def test_question_update_changes_kind_and_options(partnership, by):
    q = QuestionFactory(section__survey__partnership=partnership)
    services.question_update(question=q, kind=K.MULTIPLE, options=["x", "y"], required=True, by=by)
    q.refresh_from_db()
    assert (q.kind, q.options, q.required) == (K.MULTIPLE, ["x", "y"], True)


def test_move_questions_and_sections(partnership, by):
    section = SurveySectionFactory(survey__partnership=partnership)
    a, b, c = (QuestionFactory(section=section, order=0) for _ in range(3))  # equal orders
    services.question_move(question=c, direction="up")
    assert list(section.questions.order_by("order", "pk")) == [a, c, b]
    services.question_move(question=a, direction="up")  # already first: nothing changes
    services.question_move(question=a, direction="down")
    assert list(section.questions.order_by("order", "pk")) == [c, a, b]
    with pytest.raises(ValidationError):
        services.question_move(question=a, direction="sideways")
    other = services.section_add(survey=section.survey, title="Later", by=by)
    services.section_move(section=other, direction="up")
    assert list(section.survey.sections.order_by("order", "pk")) == [other, section]


def test_delete_question_and_section(partnership, by):
    survey = every_kind_survey(partnership)
    first = survey.sections.first()
    services.question_delete(question=first.questions.first(), by=by)
    assert first.questions.count() == 2
    services.section_delete(section=first, by=by)
    assert survey.sections.count() == 1
    assert Question.objects.filter(section__survey=survey).count() == 3


def test_locked_survey_refuses_every_change(partnership, by):
    survey = every_kind_survey(partnership)
    Survey.objects.filter(pk=survey.pk).update(is_locked=True)
    survey.refresh_from_db()
    section = survey.sections.first()
    question = section.questions.first()
    calls = [
        lambda: services.survey_update(survey=survey, name="X", introduction="", is_template=False),
        lambda: services.section_add(survey=survey, title="X"),
        lambda: services.section_update(section=section, title="X"),
        lambda: services.section_delete(section=section),
        lambda: services.section_move(section=section, direction="down"),
        lambda: services.question_add(section=section, text="X", kind=K.SCALE),
        lambda: services.question_update(question=question, text="X"),
        lambda: services.question_delete(question=question),
        lambda: services.question_move(question=question, direction="down"),
    ]
    before = texts(survey)
    locked = gettext(
        "This survey is locked because a round has opened with it; make a copy to change it."
    )
    for call in calls:
        with pytest.raises(ValidationError, match=re.escape(locked)):
            call()
    assert texts(survey) == before and survey.sections.count() == 2
    copy = services.survey_copy(survey=survey, by=by)
    services.section_add(survey=copy, title="Nieuw", by=by)  # the copy is editable


# --- shipped templates -------------------------------------------------------------------------
def test_templates_install_is_idempotent(partnership, by):
    created = services.survey_templates_install(partnership=partnership, by=by)
    assert {s.template_key for s in created} == set(TEMPLATES)
    assert all(s.is_template for s in created)
    count = Question.objects.filter(section__survey__partnership=partnership).count()
    assert services.survey_templates_install(partnership=partnership, by=by) == []
    assert Question.objects.filter(section__survey__partnership=partnership).count() == count
    # a deleted template comes back, the others stay as the partnership edited them
    Survey.objects.get(partnership=partnership, template_key="mentors").delete()
    again = services.survey_templates_install(partnership=partnership, by=by)
    assert [s.template_key for s in again] == ["mentors"]


def test_koos_template_covers_every_area_with_double_questions(partnership):
    services.survey_templates_install(partnership=partnership)
    koos = Survey.objects.get(partnership=partnership, template_key="koos")
    sections = list(koos.sections.prefetch_related("questions"))
    assert {s.quality_area for s in sections} == set(QualityArea.values)
    assert len(sections) == 8
    for section in sections:
        questions = list(section.questions.all())
        assert 3 <= len(questions) <= 4, section.title
        assert all(q.kind == K.DOUBLE_SCALE and q.allow_dont_know for q in questions)
        assert all(q.area == section.quality_area for q in questions)


@pytest.mark.parametrize("key", ["students", "mentors"])
def test_student_and_mentor_templates_have_every_needed_kind(partnership, key):
    services.survey_templates_install(partnership=partnership)
    survey = Survey.objects.get(partnership=partnership, template_key=key)
    kinds = list(Question.objects.filter(section__survey=survey).values_list("kind", flat=True))
    assert kinds.count(K.OPEN) == 2
    assert kinds.count(K.SCALE) >= 10
    assert K.DOUBLE_SCALE not in kinds
    expected_choice = K.SINGLE if key == "students" else K.MULTIPLE
    assert expected_choice in kinds
    scale = Question.objects.filter(section__survey=survey, kind=K.SCALE)
    assert all(q.allow_dont_know for q in scale)
    assert survey.sections.count() >= 5


def test_student_template_asks_nothing_that_identifies(partnership):
    services.survey_templates_install(partnership=partnership)
    survey = Survey.objects.get(partnership=partnership, template_key="students")
    asked = " ".join(q.text.lower() for q in Question.objects.filter(section__survey=survey))
    for word in ("naam", "studiejaar", "leeftijd", "e-mail"):
        assert word not in asked


def test_demo_makes_three_surveys_and_links_instruments(partnership):
    students = InstrumentFactory(partnership=partnership, kind="survey", target_group="students")
    mentors = InstrumentFactory(partnership=partnership, kind="survey", target_group="mentors")
    panel = InstrumentFactory(partnership=partnership, kind="panel", target_group="students")
    assert load_demo(partnership)
    names = set(
        Survey.objects.filter(partnership=partnership, is_template=False).values_list(
            "name", flat=True
        )
    )
    assert names == {"Studentenenquête", "Enquête werkplekbegeleiders", "KOOS zelfevaluatie"}
    students.refresh_from_db()
    mentors.refresh_from_db()
    panel.refresh_from_db()
    assert students.survey.name == "Studentenenquête"
    assert mentors.survey.name == "Enquête werkplekbegeleiders"
    assert panel.survey is None
    counts = (Survey.objects.count(), Question.objects.count(), SurveySection.objects.count())
    assert load_demo(partnership) is None
    assert (Survey.objects.count(), Question.objects.count(), SurveySection.objects.count()) == (
        counts
    )
