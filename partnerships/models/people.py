import datetime

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..glossary import (
    INSTITUTE_ROLES,
    PARTNERSHIP_ROLES,
    SCHOOL_ROLES,
    SUBJECT_ROLES,
    Grade,
    QualificationKind,
    QualificationStatus,
    Role,
)


class PersonManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        person = self.model(email=self.normalize_email(email).lower(), **extra)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class Person(AbstractBaseUser, PermissionsMixin):
    """A person and their user account; people log in with their e-mail address.

    One person can hold several roles in several partnerships (see RoleAssignment)."""

    email = models.EmailField(_("e-mail"), unique=True)
    first_name = models.CharField(_("first name"), max_length=100)
    tussenvoegsel = models.CharField(_("prefix (tussenvoegsel)"), max_length=20, blank=True)
    last_name = models.CharField(_("last name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    teaching_since = models.PositiveSmallIntegerField(
        _("teaching since (year)"), null=True, blank=True
    )
    language = models.CharField(
        _("language"), max_length=5, choices=[("nl", "Nederlands"), ("en", "English")], default="nl"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the Django admin"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(Lower("last_name"), name="person_last_name_lower")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.tussenvoegsel, self.last_name) if p)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.first_name

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()
        if self.teaching_since and self.teaching_since > timezone.localdate().year:
            raise ValidationError({"teaching_since": _("This year lies in the future.")})

    def years_teaching(self, on: datetime.date | None = None) -> int | None:
        if not self.teaching_since:
            return None
        return (on or timezone.localdate()).year - self.teaching_since


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None):
        """Roles valid on ``on`` of active people. The access layer reads the same rule as fixed
        SQL on every request (``access._MEMBERSHIP_SQL``); tests/partnerships/test_access.py
        (``test_role_validity``, inactive people) holds both."""
        on = on or timezone.localdate()
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on),
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=on),
            person__is_active=True,
        )


class RoleAssignment(models.Model):
    """A person holds a role in a partnership, at an organisation, optionally for a subject."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="roles", verbose_name=_("person")
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("organisation"),
    )
    subject = models.ForeignKey(
        "partnerships.Subject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subject"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["role", "organisation__name"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [models.Index(fields=["person", "partnership"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_until__isnull=True)
                | models.Q(valid_from__lte=models.F("valid_until")),
                name="role_valid_dates",
            )
        ]

    def __str__(self) -> str:
        where = self.organisation or self.partnership
        return f"{self.person} — {self.get_role_display()} ({where})"

    def clean(self):
        errors = {}
        org = self.organisation if self.organisation_id else None
        if self.role in PARTNERSHIP_ROLES and org is not None:
            errors["organisation"] = _("This role is held for the partnership as a whole.")
        if self.role in SCHOOL_ROLES and (org is None or not org.is_school):
            errors["organisation"] = _("This role is held at a school.")
        if self.role in INSTITUTE_ROLES and (org is None or not org.is_institute):
            errors["organisation"] = _("This role is held at an institute.")
        if org is not None and self.partnership_id and org.partnership_id != self.partnership_id:
            errors["organisation"] = _("The organisation belongs to another partnership.")
        if self.subject_id and self.role not in SUBJECT_ROLES:
            errors["subject"] = _("This role is not held per subject.")
        if self.subject_id and self.subject.partnership_id != self.partnership_id:
            errors["subject"] = _("The subject belongs to another partnership.")
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            errors["valid_until"] = _("The end date lies before the start date.")
        if errors:
            raise ValidationError(errors)

    def is_active_on(self, on: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or on <= self.valid_until
        )

    def get_absolute_url(self) -> str:
        return reverse(
            "partnerships:person_detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.person_id},
        )


class Qualification(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="qualifications", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=QualificationKind.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=QualificationStatus.choices,
        default=QualificationStatus.COMPLETED,
    )
    subject = models.ForeignKey(
        "partnerships.Subject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subject"),
    )
    grade = models.CharField(_("grade"), max_length=1, choices=Grade.choices, blank=True)
    obtained_on = models.DateField(_("obtained on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "-obtained_on"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self) -> str:
        label = self.get_kind_display()
        if self.subject_id:
            label += f" {self.subject} ({self.get_grade_display()})"
        return label

    def clean(self):
        errors = {}
        if self.kind == QualificationKind.TEACHING and not (self.subject_id and self.grade):
            errors["subject"] = _("A teaching qualification names its subject and grade.")
        if self.kind != QualificationKind.TEACHING and (self.subject_id or self.grade):
            errors["subject"] = _("Only teaching qualifications have a subject and grade.")
        if self.status == QualificationStatus.COMPLETED and not self.obtained_on:
            errors["obtained_on"] = _("A completed qualification has a date.")
        if self.obtained_on and self.valid_until and self.valid_until < self.obtained_on:
            errors["valid_until"] = _("The end date lies before the date obtained.")
        if errors:
            raise ValidationError(errors)
