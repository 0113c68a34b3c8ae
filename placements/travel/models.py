from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def postcode_area(postcode: str) -> str:
    """The postcode area: the four digits of a Dutch postcode ('2514 AB' -> '2514'), or ''."""
    digits = "".join(ch for ch in (postcode or "")[:5] if ch.isdigit())
    return digits[:4] if len(digits) >= 4 else ""


class TravelTime(models.Model):
    """Minutes (one way) from a student, or from a postcode area, to a school of the
    partnership. A student's own time wins over the time from their postcode area."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="travel_times"
    )
    school = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, related_name="travel_times"
    )
    student = models.ForeignKey(
        "partnerships.Student",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="travel_times",
    )
    area = models.CharField(_("postcode area"), max_length=4, blank=True)
    minutes = models.PositiveSmallIntegerField(_("travel time (minutes)"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["school__name", "area", "student"]
        verbose_name = _("travel time")
        verbose_name_plural = _("travel times")
        constraints = [
            models.CheckConstraint(
                condition=(Q(student__isnull=True) & ~Q(area=""))
                | (Q(student__isnull=False) & Q(area="")),
                name="travel_time_student_or_area",
            ),
            models.UniqueConstraint(
                fields=["school", "student"],
                condition=Q(student__isnull=False),
                name="travel_time_unique_student",
            ),
            models.UniqueConstraint(
                fields=["school", "area"],
                condition=Q(student__isnull=True),
                name="travel_time_unique_area",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student or self.area} → {self.school}: {self.minutes}"

    def clean(self):
        if (self.student_id is None) == (not self.area):
            raise ValidationError(_("Give either a postcode area or a student, not both."))
        if self.area and (len(self.area) != 4 or not self.area.isdigit()):
            raise ValidationError({"area": _("A postcode area is the four digits of a postcode.")})
        if self.school_id and self.school.partnership_id != self.partnership_id:
            raise ValidationError({"school": _("This school is not in the partnership.")})
        if self.student_id and self.student.partnership_id != self.partnership_id:
            raise ValidationError({"student": _("This student is not in the partnership.")})
        if self.minutes is not None and self.minutes > 600:
            raise ValidationError({"minutes": _("Enter at most 600 minutes.")})


class TravelLookup:
    """Travel times of a partnership in memory, from (school, student, area, minutes) rows:
    the student's own row first, else their postcode area's."""

    def __init__(self, rows):
        self.by_student: dict[tuple[int, int], int] = {}
        self.by_area: dict[tuple[int, str], int] = {}
        self.schools: set[int] = set()
        for school, student, area, minutes in rows:
            self.schools.add(school)
            if student is not None:
                self.by_student[(student, school)] = minutes
            else:
                self.by_area[(area, school)] = minutes

    def minutes(self, *, student_id: int, postcode: str, school_id: int) -> int | None:
        own = self.by_student.get((student_id, school_id))
        if own is not None:
            return own
        return self.by_area.get((postcode_area(postcode), school_id))

    def for_student(self, *, student_id: int, postcode: str) -> dict[int, int]:
        found = {}
        for school in self.schools:
            minutes = self.minutes(student_id=student_id, postcode=postcode, school_id=school)
            if minutes is not None:
                found[school] = minutes
        return found
