"""Survey rounds, personal invitations and anonymous responses.

Anonymity is structural: an ``Invitation`` records *that* a person responded (for reminders and
response rates) and on which day only; a ``Response`` records *what* was answered with the
respondent's group, school, institute, category and level for breakdowns, and nothing that leads
back to the person — no person, no invitation, no timestamp. Responses and answers have random
UUID keys and no ordering, so no stored column puts them in the order of participation; the two
are written in separate transactions (``quality.services.responses``), bridged by a ``Ballot``
that names neither."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import (
    AnswerPart,
    Audience,
    Half,
    OpenAnswerReview,
    RespondentGroup,
    ResultsState,
    RoundStatus,
)


class RoundPlan(models.Model):
    """Which survey goes to which audience in which months, every year: the beat scheduler
    creates a ``SurveyRound`` from it for each month (default January and June)."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="round_plans"
    )
    survey = models.ForeignKey(
        "quality.Survey", on_delete=models.PROTECT, related_name="plans", verbose_name=_("survey")
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    months = models.JSONField(_("months"), default=list)
    open_day = models.PositiveSmallIntegerField(_("opens on day of the month"), default=8)
    open_days = models.PositiveSmallIntegerField(_("days open"), default=21)
    is_active = models.BooleanField(_("active"), default=True)
    every_years = models.PositiveSmallIntegerField(
        _("every how many years"),
        default=1,
        help_text=_("1: every academic year. The KOOS self-evaluation usually every 4 years."),
    )
    first_year = models.PositiveSmallIntegerField(
        _("first academic year"),
        null=True,
        blank=True,
        help_text=_("The first calendar year of the first academic year (2026 for 2026-2027)."),
    )

    class Meta:
        ordering = ["survey__name"]
        verbose_name = _("round plan")
        verbose_name_plural = _("round plans")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "survey", "audience"], name="round_plan_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} → {self.get_audience_display()}"


class SurveyRound(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="survey_rounds"
    )
    survey = models.ForeignKey(
        "quality.Survey", on_delete=models.PROTECT, related_name="rounds", verbose_name=_("survey")
    )
    plan = models.ForeignKey(
        RoundPlan, on_delete=models.SET_NULL, null=True, blank=True, related_name="rounds"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    half = models.PositiveSmallIntegerField(_("half year"), choices=Half.choices)
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.SCHEDULED
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    results_state = models.CharField(
        _("open answers"),
        max_length=10,
        choices=ResultsState.choices,
        default=ResultsState.PENDING,
    )
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gt=models.F("opens_on")),
                name="round_closes_after_opening",
            ),
            models.UniqueConstraint(
                fields=["plan", "academic_year", "half"],
                condition=models.Q(plan__isnull=False),
                name="round_once_per_plan_and_half",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    """A personal invitation: one per person, or per e-mail address (alumni, an e-mail list),
    per round — never both. ``key`` is the secret in the personal link; ``responded_at``
    records participation only (never what was answered), and only the day: a time would let
    the order of participation be matched against the answers."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_invitations",
    )
    email = models.EmailField(_("e-mail address"), blank=True)  # lower case; only without person
    key = models.CharField(max_length=64, unique=True, editable=False)
    group = models.CharField(_("group"), max_length=20, choices=RespondentGroup.choices)
    school = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    institute = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.CharField(_("category"), max_length=2, blank=True)
    level = models.CharField(_("hbo/wo"), max_length=3, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminded_on = models.DateField(null=True, blank=True)
    responded_at = models.DateField(null=True, blank=True)  # the day only, never the time

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="invitation_once_per_round"),
            models.UniqueConstraint(
                fields=["round", "email"],
                condition=~models.Q(email=""),
                name="invitation_once_per_address",
            ),
            models.CheckConstraint(
                condition=(models.Q(person__isnull=False) & models.Q(email=""))
                | (models.Q(person__isnull=True) & ~models.Q(email="")),
                name="invitation_person_or_address",
            ),
        ]
        indexes = [models.Index(fields=["round", "responded_at"])]

    def __str__(self) -> str:
        return f"{self.round} → {self.person or self.email}"

    @property
    def address(self) -> str:
        return self.person.email if self.person_id else self.email

    @property
    def language(self) -> str:
        return self.person.language if self.person_id else ""


class Response(models.Model):
    """One anonymous set of answers. See the module docstring: nothing here identifies the
    respondent; the breakdown attributes are copied from the invitation at submission."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(_("group"), max_length=20, choices=RespondentGroup.choices)
    school = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    institute = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.CharField(_("category"), max_length=2, blank=True)
    level = models.CharField(_("hbo/wo"), max_length=3, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return str(self.pk)


class Answer(models.Model):
    """One value: a scale point (1–5) or "don't know", a chosen option's index (one row per
    chosen option), or a text. A KOOS double question gives a DESIRED and an ACTUAL row. A random
    UUID key: a sequential one would give the order in which answers came in."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey("quality.Question", on_delete=models.PROTECT, related_name="+")
    part = models.CharField(max_length=8, choices=AnswerPart.choices, default=AnswerPart.MAIN)
    value = models.SmallIntegerField(null=True, blank=True)
    dont_know = models.BooleanField(default=False)
    text = models.TextField(blank=True)
    review = models.CharField(
        _("review"),
        max_length=10,
        choices=OpenAnswerReview.choices,
        default=OpenAnswerReview.UNREVIEWED,
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "part", "value"])]

    def __str__(self) -> str:
        return f"{self.question_id}:{self.part}"


class Ballot(models.Model):
    """Between the two transactions of answering: the participation transaction marks the
    invitation as answered and leaves a ballot; the answers transaction spends it (deletes it)
    while storing the answers. ``digest`` is a hash of the invitation's key and a random token
    that only the respondent's form holds, so the ballot names no invitation and no response; a
    form sent again after a failure finds its unspent ballot and stores the answers once."""

    digest = models.CharField(max_length=64, primary_key=True)
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return self.digest[:8]
