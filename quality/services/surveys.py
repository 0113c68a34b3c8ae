"""Writing surveys: create, copy, edit sections and questions, lock, install the shipped
templates. A locked survey (a round has opened with it) refuses every change — copy it instead;
its questions keep their ids so results compare across rounds."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from partnerships.audit import record
from partnerships.models import Partnership, Person

from ..choices import QuestionKind
from ..models import Indicator, Question, Survey, SurveySection
from ..survey_templates import TEMPLATES

CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})
SCALE_KINDS = frozenset({QuestionKind.SCALE, QuestionKind.DOUBLE_SCALE})
QUESTION_FIELDS = (
    "text",
    "kind",
    "options",
    "allow_dont_know",
    "required",
    "quality_area",
    "indicator",
)


def ensure_unlocked(survey: Survey) -> None:
    if survey.is_locked:
        raise ValidationError(
            _("This survey is locked because a round has opened with it; make a copy to change it.")
        )


def _audit(by, action: str, obj, partnership, **details) -> None:
    record(person=by, action=action, obj=obj, partnership=partnership, **details)


def _unique_name(partnership: Partnership, name: str) -> str:
    """``name`` if free, else ``name (2)``, ``name (3)``… (names are unique per partnership)."""
    taken = set(
        Survey.objects.filter(partnership=partnership, name__startswith=name).values_list(
            "name", flat=True
        )
    )
    if name not in taken:
        return name
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"


def _check_name_free(partnership: Partnership, name: str, exclude_pk=None) -> None:
    taken = Survey.objects.filter(partnership=partnership, name=name).exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError({"name": _("Another survey already has this name.")})


# --- surveys ---------------------------------------------------------------------------------
@transaction.atomic
def survey_create(
    *,
    partnership: Partnership,
    name: str,
    introduction: str = "",
    is_template: bool = False,
    template: Survey | None = None,
    by: Person | None = None,
) -> Survey:
    """An empty survey, or a copy of ``template`` (one of this partnership's surveys)."""
    _check_name_free(partnership, name)
    if template is not None:
        if template.partnership_id != partnership.pk:
            raise ValidationError({"template": _("Choose one of this partnership's templates.")})
        survey = _deep_copy(template, name=name, introduction=introduction or template.introduction)
        survey.is_template = is_template
        survey.full_clean()
        survey.save(update_fields=["is_template"])
    else:
        survey = Survey(
            partnership=partnership, name=name, introduction=introduction, is_template=is_template
        )
        survey.full_clean()
        survey.save()
    _audit(by, "create", survey, partnership, copied_from=template.pk if template else None)
    return survey


@transaction.atomic
def survey_update(
    *, survey: Survey, name: str, introduction: str, is_template: bool, by: Person | None = None
) -> Survey:
    ensure_unlocked(survey)
    _check_name_free(survey.partnership, name, exclude_pk=survey.pk)
    survey.name, survey.introduction, survey.is_template = name, introduction, is_template
    survey.full_clean()
    survey.save(update_fields=["name", "introduction", "is_template"])
    _audit(by, "update", survey, survey.partnership)
    return survey


@transaction.atomic
def survey_copy(*, survey: Survey, name: str = "", by: Person | None = None) -> Survey:
    """A deep, unlocked copy (sections and questions with new ids), not a template."""
    name = name.strip() or _unique_name(
        survey.partnership, _("%(name)s (copy)") % {"name": survey.name}
    )
    _check_name_free(survey.partnership, name)
    copy = _deep_copy(survey, name=name, introduction=survey.introduction)
    _audit(by, "copy", copy, survey.partnership, copied_from=survey.pk)
    return copy


def _deep_copy(source: Survey, *, name: str, introduction: str) -> Survey:
    copy = Survey(
        partnership=source.partnership,
        name=name,
        introduction=introduction,
        copied_from=source,
    )
    copy.full_clean()
    copy.save()
    sections = list(source.sections.prefetch_related("questions"))
    for section in sections:
        new_section = SurveySection.objects.create(
            survey=copy,
            title=section.title,
            description=section.description,
            quality_area=section.quality_area,
            order=section.order,
        )
        Question.objects.bulk_create(
            Question(
                section=new_section,
                **{f: getattr(q, f) for f in QUESTION_FIELDS},
                order=q.order,
            )
            for q in section.questions.all()
        )
    return copy


# --- sections --------------------------------------------------------------------------------
def _next_order(queryset) -> int:
    top = queryset.aggregate(top=Max("order"))["top"]
    return 0 if top is None else top + 1


@transaction.atomic
def section_add(
    *,
    survey: Survey,
    title: str,
    description: str = "",
    quality_area: str = "",
    by: Person | None = None,
) -> SurveySection:
    ensure_unlocked(survey)
    section = SurveySection(
        survey=survey,
        title=title,
        description=description,
        quality_area=quality_area,
        order=_next_order(survey.sections.all()),
    )
    section.full_clean()
    section.save()
    _audit(by, "create", section, survey.partnership)
    return section


@transaction.atomic
def section_update(
    *,
    section: SurveySection,
    title: str,
    description: str = "",
    quality_area: str = "",
    by: Person | None = None,
) -> SurveySection:
    ensure_unlocked(section.survey)
    section.title, section.description, section.quality_area = title, description, quality_area
    section.full_clean()
    section.save(update_fields=["title", "description", "quality_area"])
    _audit(by, "update", section, section.survey.partnership)
    return section


@transaction.atomic
def section_delete(*, section: SurveySection, by: Person | None = None) -> None:
    ensure_unlocked(section.survey)
    _audit(by, "delete", section, section.survey.partnership, title=section.title)
    section.delete()


@transaction.atomic
def section_move(*, section: SurveySection, direction: str) -> SurveySection:
    ensure_unlocked(section.survey)
    _move(
        list(section.survey.sections.select_for_update().order_by("order", "pk")),
        section,
        direction,
    )
    return section


def _move(siblings: list, item, direction: str) -> None:
    """Renumber ``siblings`` 0..n-1 with ``item`` one place up or down (no-op at the ends)."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Move up or down."))
    ids = [s.pk for s in siblings]
    i = ids.index(item.pk)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(siblings):
        siblings[i], siblings[j] = siblings[j], siblings[i]
    changed = []
    for order, sibling in enumerate(siblings):
        if sibling.order != order:
            sibling.order = order
            changed.append(sibling)
        if sibling.pk == item.pk:
            item.order = order
    type(item).objects.bulk_update(changed, ["order"])


# --- questions -------------------------------------------------------------------------------
def _prepare(question: Question, fields: dict, partnership: Partnership) -> None:
    unknown = set(fields) - set(QUESTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown question fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(question, name, value)
    options = question.options if isinstance(question.options, list) else []
    question.options = [str(o).strip() for o in options if str(o).strip()]
    if question.kind not in SCALE_KINDS:
        question.allow_dont_know = False  # "don't know" exists on the scales only
    indicator = question.indicator
    if indicator is not None and indicator.ambition.partnership_id != partnership.pk:
        raise ValidationError({"indicator": _("Choose one of this partnership's indicators.")})
    question.full_clean(exclude=["section"])


@transaction.atomic
def question_add(*, section: SurveySection, by: Person | None = None, **fields) -> Question:
    """``fields``: text, kind, options (list of strings), allow_dont_know, required,
    quality_area, indicator."""
    survey = section.survey
    ensure_unlocked(survey)
    question = Question(section=section, order=_next_order(section.questions.all()))
    _prepare(question, fields, survey.partnership)
    question.save()
    _audit(by, "create", question, survey.partnership)
    return question


@transaction.atomic
def question_update(*, question: Question, by: Person | None = None, **fields) -> Question:
    survey = question.section.survey
    ensure_unlocked(survey)
    _prepare(question, fields, survey.partnership)
    question.save()
    _audit(by, "update", question, survey.partnership)
    return question


@transaction.atomic
def question_delete(*, question: Question, by: Person | None = None) -> None:
    survey = question.section.survey
    ensure_unlocked(survey)
    _audit(by, "delete", question, survey.partnership, text=question.text[:80])
    question.delete()


@transaction.atomic
def question_move(*, question: Question, direction: str) -> Question:
    """One place up or down within its section (sections move on their own)."""
    ensure_unlocked(question.section.survey)
    siblings = list(question.section.questions.select_for_update().order_by("order", "pk"))
    _move(siblings, question, direction)
    return question


# --- shipped templates -----------------------------------------------------------------------
@transaction.atomic
def survey_templates_install(*, partnership: Partnership, by: Person | None = None) -> list[Survey]:
    """The shipped templates (``quality.survey_templates``) as this partnership's templates;
    a template already installed (same ``template_key``) is left as it is. Returns the new ones."""
    installed = set(
        Survey.objects.filter(partnership=partnership)
        .exclude(template_key="")
        .values_list("template_key", flat=True)
    )
    created = []
    for key, data in TEMPLATES.items():
        if key in installed:
            continue
        survey = Survey(
            partnership=partnership,
            name=_unique_name(partnership, data["name"]),
            introduction=data["introduction"],
            is_template=True,
            template_key=key,
        )
        survey.full_clean()
        survey.save()
        for s_order, s in enumerate(data["sections"]):
            section = SurveySection.objects.create(
                survey=survey,
                title=s["title"],
                description=s.get("description", ""),
                quality_area=s.get("quality_area", ""),
                order=s_order,
            )
            questions = []
            for q_order, q in enumerate(s["questions"]):
                question = Question(
                    section=section,
                    text=q["text"],
                    kind=q["kind"],
                    options=list(q.get("options", [])),
                    allow_dont_know=q.get("allow_dont_know", q["kind"] in SCALE_KINDS),
                    required=q.get("required", False),
                    quality_area=q.get("quality_area", ""),
                    order=q_order,
                )
                question.full_clean(exclude=["section"])
                questions.append(question)
            Question.objects.bulk_create(questions)
        _audit(by, "create", survey, partnership, template_key=key)
        created.append(survey)
    return created


def indicators_of(partnership: Partnership):
    return Indicator.objects.filter(ambition__partnership=partnership).select_related("ambition")
