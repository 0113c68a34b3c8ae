"""Questionnaires: sections and questions of five kinds. A survey marked as a template is
copied to make a new one; a survey that a round has opened with is locked (copy it to change)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import QualityArea, QuestionKind


class Survey(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="surveys"
    )
    name = models.CharField(_("name"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    is_template = models.BooleanField(_("reusable template"), default=False)
    template_key = models.CharField(max_length=40, blank=True, editable=False)  # shipped templates
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    is_locked = models.BooleanField(_("locked"), default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="survey_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class SurveySection(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    quality_area = models.CharField(
        _("quality area"), max_length=20, choices=QualityArea.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["survey", "order", "pk"]
        verbose_name = _("survey section")
        verbose_name_plural = _("survey sections")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    section = models.ForeignKey(SurveySection, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))
    kind = models.CharField(_("kind"), max_length=14, choices=QuestionKind.choices)
    options = models.JSONField(_("options"), default=list, blank=True)  # choice questions
    allow_dont_know = models.BooleanField(_("offer “don't know”"), default=True)
    required = models.BooleanField(_("required"), default=False)
    quality_area = models.CharField(
        _("quality area"), max_length=20, choices=QualityArea.choices, blank=True
    )
    indicator = models.ForeignKey(
        "quality.Indicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("indicator"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["section__order", "section", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self):
        choice = self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
        options = self.options if isinstance(self.options, list) else []
        if choice and len([o for o in options if str(o).strip()]) < 2:
            raise ValidationError({"options": _("A choice question needs at least two options.")})
        if not choice and options:
            raise ValidationError({"options": _("Only choice questions have options.")})

    @property
    def area(self) -> str:
        """The question's KOOS area, inherited from its section when not set."""
        return self.quality_area or self.section.quality_area
