"""Governance data: bodies, members, meetings, agenda items, attendance, decisions, actions,
and the policy document's versions and chapters."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ActionStatus, BodyKind, MeetingKind, MeetingStatus, PlanStatus, Position


class Body(models.Model):
    """A governing body of the partnership: bestuursraad, stuurgroep, werkgroep samen opleiden,
    or a temporary preparation/development group with a mandate and an end date."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="bodies"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    meetings_per_year = models.PositiveSmallIntegerField(
        _("meetings per year (norm)"),
        default=0,
        help_text=_("For example: the steering group meets at least 6 times a year."),
    )
    mandate = models.TextField(_("mandate"), blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="body_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "governance:body_detail", kwargs={"partnership": self.partnership.slug, "pk": self.pk}
        )

    def is_active_on(self, day: datetime.date) -> bool:
        return self.ends_on is None or self.ends_on >= day


class MemberQuerySet(models.QuerySet):
    def current(self, day: datetime.date):
        return self.filter(
            models.Q(term_start__isnull=True) | models.Q(term_start__lte=day),
            models.Q(term_end__isnull=True) | models.Q(term_end__gte=day),
        )


class Member(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="body_memberships"
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("represents"),
        help_text=_("Empty: the member represents the partnership as a whole."),
    )
    position = models.CharField(
        _("position"), max_length=20, choices=Position.choices, default=Position.MEMBER
    )
    daily_board = models.BooleanField(_("member of the daily board"), default=False)
    term_start = models.DateField(_("term from"), null=True, blank=True)
    term_end = models.DateField(_("term until"), null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["body", "position", "person__last_name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return f"{self.person} ({self.get_position_display()})"


class Meeting(models.Model):
    """A meeting of a body, or a written procedure between meetings (its own record)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(
        _("kind"), max_length=10, choices=MeetingKind.choices, default=MeetingKind.MEETING
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    joint_with = models.ForeignKey(
        Body,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="joint_meetings",
        verbose_name=_("joint session with"),
    )
    agenda_sent_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_at = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_minutes",
        verbose_name=_("minutes approved at"),
    )
    minutes_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        day = timezone.localtime(self.starts_at).date()
        from django.utils.formats import date_format

        if self.kind == MeetingKind.WRITTEN:
            return _("%(body)s, written procedure of %(date)s") % {
                "body": self.body.name,
                "date": date_format(day),
            }
        return f"{self.body.name}, {date_format(day)}"

    def get_absolute_url(self) -> str:
        return reverse(
            "governance:meeting_detail",
            kwargs={"partnership": self.body.partnership.slug, "pk": self.pk},
        )

    @property
    def end(self) -> datetime.datetime:
        return self.ends_at or self.starts_at + datetime.timedelta(hours=2)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    description = models.TextField(_("explanation"), blank=True)
    link_label = models.CharField(_("linked page"), max_length=200, blank=True)
    link_url = models.CharField(_("link"), max_length=500, blank=True)
    document_name = models.CharField(_("document"), max_length=200, blank=True)
    document = models.BinaryField(null=True, blank=True, editable=False)
    document_type = models.CharField(max_length=100, blank=True)
    is_evaluation = models.BooleanField(_("evaluation (standing item)"), default=False)
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("partnerships.Person", on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.meeting_id}"


class Decision(models.Model):
    """One numbered decision of the partnership: ``number`` counts per partnership and calendar
    year. It may point at what was decided (any object, a generic relation) and keeps that
    object's label and address so the decision list links to it without knowing its app."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="decisions"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("decision"))
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject_label = models.CharField(_("about"), max_length=200, blank=True)
    subject_url = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year", "number"], name="decision_number_per_year"
            )
        ]

    def __str__(self) -> str:
        return _("Decision %(code)s") % {"code": self.code}

    @property
    def code(self) -> str:
        return f"{self.year}-{self.number:02d}"


class GovernanceAction(models.Model):
    """An action from a meeting: who does what by when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    text = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.PROTECT,
        related_name="governance_actions",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.text


class PlanVersion(models.Model):
    """One version of the policy document (opleidingsplan with professionaliserings- and
    kwaliteitszorgplan) for a school year: drafted, adopted by a decision, frozen as a PDF."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="plan_versions"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="plan_version"
    )
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    frozen_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-academic_year__start_year", "-pk"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "academic_year"], name="one_plan_per_year"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "governance:plan_detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.pk},
        )


class PlanChapter(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="chapters")
    key = models.CharField(max_length=20)
    text = models.TextField(_("text"), blank=True)
    frozen_data = models.TextField(blank=True)  # the data fragments' HTML at adoption

    class Meta:
        ordering = ["version", "key"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="one_chapter_per_key")
        ]

    def __str__(self) -> str:
        return self.key
