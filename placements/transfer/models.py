from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class TransferFormStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for remarks")
    FINAL = "final", _("final")
    SHARED = "shared", _("shared with the new school")
    ACKNOWLEDGED = "acknowledged", _("acknowledged by the new school")


class TransferForm(models.Model):
    """The doorstroomformulier: written by the student at the end of a placement with their
    wpb, schoolopleider and institute trainer, and handed to the next school (warm handover).

    One form per ending placement (the unique ``placement`` makes creation idempotent). The facts
    the system knows are shown live while the form is open and frozen in ``snapshot`` when it
    becomes final, so a signed-off form never changes afterwards."""

    placement = models.OneToOneField(
        "placements.Placement",
        on_delete=models.CASCADE,
        related_name="transfer_form",
        verbose_name=_("placement"),
    )
    student = models.ForeignKey(
        "partnerships.Student",
        on_delete=models.CASCADE,
        related_name="transfer_forms",
        verbose_name=_("student"),
    )
    next_placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incoming_transfer_forms",
        verbose_name=_("next placement"),
    )
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=TransferFormStatus.choices,
        default=TransferFormStatus.DRAFT,
    )
    suits_me = models.TextField(_("what suits me"), blank=True)
    strengths = models.TextField(_("my strengths"), blank=True)
    points_of_attention = models.TextField(_("points of attention"), blank=True)
    learning_goals_next_year = models.TextField(_("learning goals for next year"), blank=True)
    other_remarks = models.TextField(_("other remarks"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    share_with_employer = models.BooleanField(_("share with my first employer"), default=False)
    employer_name = models.CharField(_("employer (school)"), max_length=200, blank=True)
    employer_email = models.EmailField(_("employer's e-mail"), blank=True)
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("transfer form (doorstroomformulier)")
        verbose_name_plural = _("transfer forms (doorstroomformulieren)")

    def __str__(self) -> str:
        return f"{self.student} — {self.placement.academic_year}"

    def get_absolute_url(self) -> str:
        return reverse(
            "placements:transfer_form",
            kwargs={"partnership": self.student.partnership.slug, "pk": self.pk},
        )


class TransferFormRemark(models.Model):
    """A remark (or agreement) by the wpb, schoolopleider or institute trainer; the student
    sees them."""

    form = models.ForeignKey(TransferForm, on_delete=models.CASCADE, related_name="remarks")
    author = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    role = models.CharField(_("as"), max_length=40)
    agrees = models.BooleanField(_("agrees with the form"), default=False)
    text = models.TextField(_("remark"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("remark on a transfer form")
        verbose_name_plural = _("remarks on transfer forms")

    def __str__(self) -> str:
        return f"{self.form}: {self.role}"


class TransferSettings(models.Model):
    """When transfer forms are created each year (default 15 May) and how long students have."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="transfer_settings"
    )
    create_month = models.PositiveSmallIntegerField(_("create forms in month"), default=5)
    create_day = models.PositiveSmallIntegerField(_("create forms on day"), default=15)
    deadline_days = models.PositiveSmallIntegerField(_("days to submit"), default=28)
    reminder_days = models.PositiveSmallIntegerField(_("remind this many days before"), default=7)

    class Meta:
        verbose_name = _("transfer form settings")
        verbose_name_plural = _("transfer form settings")

    def __str__(self) -> str:
        return f"{self.partnership}: {self.create_day}-{self.create_month}"
