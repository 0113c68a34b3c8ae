"""The guidance log of a placement (002 Bijlagen 3–4): talks, lesson observations,
consultations, the mid-placement evaluation, assessment talks and pair observations; the norms
per kind (data per partnership and year); the observation frames (kijkkader) a lesson
observation is filled in with. Who may read an entry: ``placements.guidance.access``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from placements.choices import Level


class GuidanceKind(models.TextChoices):
    TALK = "talk", _("guidance talk")
    OBSERVATION = "observation", _("lesson observation")
    CONSULTATION = "consultation", _("consultation")
    MID_EVALUATION = "mid_evaluation", _("mid-placement evaluation")
    ASSESSMENT = "assessment", _("assessment talk")
    PAIR_OBSERVATION = "pair_observation", _("pair observation")


# Kinds filled in with an observation frame (criteria with a scale and a comment).
OBSERVATION_KINDS = frozenset(
    {GuidanceKind.OBSERVATION, GuidanceKind.MID_EVALUATION, GuidanceKind.PAIR_OBSERVATION}
)


class GuidanceEntry(models.Model):
    placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.CASCADE,
        related_name="guidance_entries",
        verbose_name=_("placement"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=GuidanceKind.choices)
    date = models.DateField(_("date"))
    # Who took part, each kept with the name they had then: [{"role": …, "name": …}, …]
    participants = models.JSONField(_("who took part"), default=list, blank=True)
    others = models.CharField(_("others who took part"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    agreements = models.TextField(_("agreements"), max_length=2000, blank=True)
    frame = models.ForeignKey(
        "placements.ObservationFrame",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("observation frame"),
    )
    scale = models.JSONField(_("scale"), default=list, blank=True)  # the frame's, kept as it was
    author = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    author_role = models.CharField(_("recorded as"), max_length=30, blank=True)
    reflection = models.TextField(_("the student's reflection"), max_length=4000, blank=True)
    reflection_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("guidance entry")
        verbose_name_plural = _("guidance entries")
        indexes = [models.Index(fields=["placement", "kind", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date} ({self.placement_id})"

    @property
    def is_observation(self) -> bool:
        return self.kind in OBSERVATION_KINDS


class GuidanceAttachment(models.Model):
    """One file with an entry, kept in the database (web and worker need no shared disk)."""

    entry = models.OneToOneField(GuidanceEntry, on_delete=models.CASCADE, related_name="attachment")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class ObservationFrame(models.Model):
    """A partnership's kijkkader: criteria in groups, each scored on the frame's scale."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="observation_frames"
    )
    name = models.CharField(_("name"), max_length=120)
    scale = models.JSONField(_("scale"), default=list)  # labels, lowest first
    is_default = models.BooleanField(
        _("used for new observations"),
        default=False,
        help_text=_("New lesson observations are filled in with this frame."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("observation frame")
        verbose_name_plural = _("observation frames")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership"],
                condition=models.Q(is_default=True),
                name="one_default_frame",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ObservationCriterion(models.Model):
    frame = models.ForeignKey(ObservationFrame, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    group = models.CharField(_("group"), max_length=120, blank=True)
    text = models.CharField(_("criterion"), max_length=300)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.text


class ObservationScore(models.Model):
    """One criterion of an observation, kept with the criterion's text at the time (a frame
    edited later does not change an observation made with it)."""

    entry = models.ForeignKey(GuidanceEntry, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        ObservationCriterion, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)
    group = models.CharField(max_length=120, blank=True)
    text = models.CharField(max_length=300)
    score = models.PositiveSmallIntegerField(null=True, blank=True)  # 1-based on the scale
    comment = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("observation score")
        verbose_name_plural = _("observation scores")

    def __str__(self) -> str:
        return f"{self.text}: {self.score}"

    @property
    def score_label(self) -> str:
        scale = self.entry.scale
        if self.score and 0 < self.score <= len(scale):
            return scale[self.score - 1]
        return ""


class GuidanceNorm(models.Model):
    """How often a kind of guidance is due, per partnership, year and (optionally) level."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="guidance_norms"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=GuidanceKind.choices)
    level = models.CharField(
        _("level"), max_length=3, choices=Level.choices, blank=True, help_text=_("empty: all")
    )
    every_weeks = models.PositiveSmallIntegerField(
        _("at least once every … weeks"), null=True, blank=True
    )
    per_period = models.PositiveSmallIntegerField(
        _("at least … per placement period"), null=True, blank=True
    )

    class Meta:
        ordering = ["kind", "level"]
        verbose_name = _("guidance norm")
        verbose_name_plural = _("guidance norms")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "academic_year", "kind", "level"], name="guidance_norm_once"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(every_weeks__isnull=True, per_period__gte=1)
                    | models.Q(per_period__isnull=True, every_weeks__gte=1)
                ),
                name="guidance_norm_one_shape",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.level or '*'}"
