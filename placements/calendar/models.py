from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.glossary import Role
from placements.choices import StepStatus


class ProcedureStep(models.Model):
    """One of the 15 steps of the yearly placement procedure, generated per academic year from
    ``placements.calendar.procedure.STEPS``; its owner role gets reminders before the due date."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="procedure_steps"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("for academic year"),
    )
    number = models.PositiveSmallIntegerField(_("step"))
    occurrence = models.PositiveSmallIntegerField(default=1)
    code = models.SlugField(max_length=40)
    owner_role = models.CharField(_("owner"), max_length=40, choices=Role.choices)
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=8, choices=StepStatus.choices, default=StepStatus.OPEN
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["due_date", "number"]
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "academic_year", "number", "occurrence"],
                name="procedure_step_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.code} ({self.due_date})"
