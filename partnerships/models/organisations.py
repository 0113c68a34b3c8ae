from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..glossary import InstituteLevel, OrganisationKind


class Partnership(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), unique=True)
    email = models.EmailField(_("e-mail"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:dashboard", kwargs={"partnership": self.slug})


class SchoolType(models.Model):
    """vmbo-b, vmbo-k, vmbo-t, mavo, havo, vwo, gymnasium, isk, … (loaded by a migration)."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=60)
    is_vmbo = models.BooleanField(_("counts as vmbo"), default=False)
    is_havo_vwo = models.BooleanField(_("counts as havo/vwo"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("school type")
        verbose_name_plural = _("school types")

    def __str__(self) -> str:
        return self.name


class Cluster(models.Model):
    """Schools that act as one school in the partnership and share a coordinator."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="clusters")
    name = models.CharField(_("name"), max_length=200)
    acts_as_one_school = models.BooleanField(
        _("acts as one school for facilitation"),
        default=True,
        help_text=_(
            "The cluster gets the hours per school for coordination and the workplace "
            "curriculum once, not once per school."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="cluster_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="organisations"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    brin = models.CharField(_("BRIN code"), max_length=8, blank=True)
    board = models.CharField(_("school board"), max_length=200, blank=True)
    school_types = models.ManyToManyField(
        SchoolType, blank=True, related_name="schools", verbose_name=_("school types")
    )
    institute_level = models.CharField(
        _("institute level"), max_length=3, choices=InstituteLevel.choices, blank=True
    )
    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="schools",
        verbose_name=_("cluster"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # The school's profile for students choosing a placement (002 §3.1 voorlichting).
    profile_text = models.TextField(
        _("what the school offers student teachers"),
        blank=True,
        help_text=_("A short text for students who are choosing a school."),
    )
    contact_name = models.CharField(_("contact for students"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail of the contact for students"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"], name="organisation_unique_name"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="institute") | ~models.Q(institute_level=""),
                name="institute_has_level",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="school") | models.Q(institute_level=""),
                name="school_has_no_level",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "kind"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_school(self) -> bool:
        return self.kind == OrganisationKind.SCHOOL

    @property
    def is_institute(self) -> bool:
        return self.kind == OrganisationKind.INSTITUTE

    def get_absolute_url(self) -> str:
        return reverse(
            "partnerships:organisation_detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.pk},
        )

    def clean(self):
        if self.pk:
            self._refuse_kind_change_with_ties()
        if self.kind == OrganisationKind.INSTITUTE and not self.institute_level:
            raise ValidationError({"institute_level": _("An institute is either hbo or wo.")})
        if self.kind == OrganisationKind.SCHOOL:
            self.institute_level = ""
        if self.kind == OrganisationKind.INSTITUTE and self.cluster_id:
            raise ValidationError({"cluster": _("Only schools can be part of a cluster.")})
        if self.cluster_id and self.cluster.partnership_id != self.partnership_id:
            raise ValidationError({"cluster": _("The cluster belongs to another partnership.")})

    def _refuse_kind_change_with_ties(self):
        before = type(self).objects.filter(pk=self.pk).values_list("kind", flat=True).first()
        if before is None or before == self.kind:
            return
        tied = (
            self.role_assignments.exists()
            or self.sections.exists()
            or self.school_students.exists()
            or self.institute_students.exists()
        )
        if tied:
            raise ValidationError(
                {
                    "kind": _(
                        "People, sections or students are linked to it; its kind cannot change."
                    )
                }
            )


class PupilCount(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="pupil_counts"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    pupils = models.PositiveIntegerField(_("number of pupils"))

    class Meta:
        ordering = ["-academic_year__start_year"]
        verbose_name = _("pupil count")
        verbose_name_plural = _("pupil counts")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "academic_year"], name="pupilcount_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.academic_year}: {self.pupils}"


class Subject(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="subjects")
    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(_("code"), max_length=20)
    is_tekortvak = models.BooleanField(
        _("shortage subject (tekortvak)"),
        default=False,
        help_text=_("Placed through the separate shortage-subject table."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="subject_unique_code"),
            models.UniqueConstraint(fields=["partnership", "name"], name="subject_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Section(models.Model):
    """A subject section (vaksectie) at a school."""

    school = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("school"),
        limit_choices_to={"kind": OrganisationKind.SCHOOL},
    )
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, related_name="sections", verbose_name=_("subject")
    )
    contact = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    takes_students = models.BooleanField(_("takes students"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["subject__name"]
        verbose_name = _("subject section")
        verbose_name_plural = _("subject sections")
        constraints = [
            models.UniqueConstraint(fields=["school", "subject"], name="section_unique_subject")
        ]

    def __str__(self) -> str:
        return f"{self.subject} — {self.school}"

    def clean(self):
        if self.school_id and not self.school.is_school:
            raise ValidationError({"school": _("Sections belong to schools.")})
        if self.school_id and self.subject_id:
            if self.school.partnership_id != self.subject.partnership_id:
                raise ValidationError({"subject": _("The subject belongs to another partnership.")})
