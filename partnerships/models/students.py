from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..categories import derive_facilitation_category, derive_subsidy_category
from ..glossary import (
    HBO_BACHELOR_VARIANTS,
    FacilitationCategory,
    Grade,
    ProgrammeVariant,
    SubsidyCategory,
)


class Student(models.Model):
    """A student teacher in a partnership.

    ``school``, ``werkplekbegeleider``, ``schoolopleider`` and ``instituutsopleider`` hold who
    guides the student *now*; the access layer reads them. The placements app keeps them in step
    with the student's active placement (placement history lives there).

    ``subsidy_category`` and ``facilitation_category`` are derived (see ``categories.py``) and
    stored so lists can filter on them; an administrator's override wins and is shown as such.
    """

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="students"
    )
    person = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.PROTECT,
        related_name="student_records",
        verbose_name=_("person"),
    )
    student_number = models.CharField(_("student number"), max_length=30, blank=True)
    institute = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="institute_students",
        verbose_name=_("institute"),
    )
    programme_variant = models.CharField(
        _("programme variant"), max_length=40, choices=ProgrammeVariant.choices
    )
    hbo_year = models.PositiveSmallIntegerField(_("hbo year"), null=True, blank=True)
    wo_programme = models.CharField(_("wo programme"), max_length=120, blank=True)
    subject = models.ForeignKey(
        "partnerships.Subject",
        on_delete=models.PROTECT,
        related_name="students",
        verbose_name=_("subject"),
    )
    grade = models.CharField(_("grade"), max_length=1, choices=Grade.choices, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    learning_goals = models.TextField(_("learning goals"), blank=True)
    start_year = models.ForeignKey(
        "partnerships.AcademicYear",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("started in"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    school = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="school_students",
        verbose_name=_("current school"),
    )
    werkplekbegeleider = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guided_students",
        verbose_name=_("werkplekbegeleider"),
    )
    schoolopleider = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="school_trained_students",
        verbose_name=_("schoolopleider"),
    )
    instituutsopleider = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="institute_trained_students",
        verbose_name=_("instituutsopleider"),
    )

    subsidy_category = models.CharField(
        _("subsidy category"), max_length=1, choices=SubsidyCategory.choices, editable=False
    )
    subsidy_category_override = models.CharField(
        _("subsidy category (override)"), max_length=1, choices=SubsidyCategory.choices, blank=True
    )
    facilitation_category = models.CharField(
        _("facilitation category"),
        max_length=4,
        choices=FacilitationCategory.choices,
        blank=True,
        editable=False,
    )
    facilitation_category_override = models.CharField(
        _("facilitation category (override)"),
        max_length=4,
        choices=FacilitationCategory.choices,
        blank=True,
    )
    override_reason = models.CharField(_("reason for the override"), max_length=300, blank=True)
    override_by = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    override_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        verbose_name = _("student")
        verbose_name_plural = _("students")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "person"], name="student_once_per_partnership"
            ),
            models.CheckConstraint(
                condition=models.Q(hbo_year__isnull=True)
                | models.Q(hbo_year__gte=1, hbo_year__lte=4),
                name="student_hbo_year_1_4",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "is_active"])]

    def __str__(self) -> str:
        return str(self.person)

    def get_absolute_url(self) -> str:
        return reverse(
            "partnerships:student_detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.pk},
        )

    @property
    def effective_subsidy_category(self) -> str:
        return self.subsidy_category_override or self.subsidy_category

    @property
    def effective_facilitation_category(self) -> str:
        return self.facilitation_category_override or self.facilitation_category

    @property
    def has_override(self) -> bool:
        return bool(self.subsidy_category_override or self.facilitation_category_override)

    @property
    def is_hbo_bachelor(self) -> bool:
        return self.programme_variant in HBO_BACHELOR_VARIANTS

    def derive_categories(self) -> None:
        self.subsidy_category = derive_subsidy_category(self.programme_variant)
        self.facilitation_category = (
            derive_facilitation_category(self.programme_variant, self.hbo_year) or ""
        )

    def save(self, *args, **kwargs):
        if self.programme_variant:
            self.derive_categories()
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.is_hbo_bachelor and not self.hbo_year:
            errors["hbo_year"] = _("An hbo bachelor student has a year (1–4).")
        if not self.is_hbo_bachelor and self.hbo_year:
            errors["hbo_year"] = _("Only hbo bachelor students have an hbo year.")
        if self.institute_id:
            if not self.institute.is_institute:
                errors["institute"] = _("Choose an institute, not a school.")
            elif self.partnership_id and self.institute.partnership_id != self.partnership_id:
                errors["institute"] = _("The institute belongs to another partnership.")
        if self.school_id and not self.school.is_school:
            errors["school"] = _("Choose a school, not an institute.")
        if self.subject_id and self.partnership_id:
            if self.subject.partnership_id != self.partnership_id:
                errors["subject"] = _("The subject belongs to another partnership.")
        if (
            self.subsidy_category_override or self.facilitation_category_override
        ) and not self.override_reason:
            errors["override_reason"] = _("Give a reason for the override.")
        if errors:
            raise ValidationError(errors)
