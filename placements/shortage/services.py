"""Shortage subjects (tekortvakken): demand against supply per subject for a year, the students
and places in those subjects, and a placement shared by two schools (``Placement.shared_with``:
one of the creative solutions of 002 §3.3 for subjects with too few places or mentors)."""

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnerships.models import AcademicYear, Organisation, Partnership, Person, Subject
from placements.allocation.inputs import SELF_PLACED
from placements.choices import HOLDING_STATUSES, PlacementStatus
from placements.models import Place, Placement, PlacementEvent

logger = logging.getLogger(__name__)
LEVELS = ("hbo", "wo")


@dataclass
class ShortageRow:
    subject: Subject
    demand: Counter = field(default_factory=Counter)  # students per level
    supply: Counter = field(default_factory=Counter)  # places per level
    students: list = field(default_factory=list)  # (student, live placement or None)
    places: list = field(default_factory=list)  # (place, placements holding it)

    @property
    def placed(self) -> int:
        return sum(1 for _student, placement in self.students if placement is not None)

    @property
    def unplaced(self) -> int:
        return len(self.students) - self.placed

    @property
    def shared(self) -> list:
        return [p for _s, p in self.students if p is not None and p.shared_with_id]

    def per_level(self) -> list[tuple[str, int, int]]:
        return [(level, self.demand[level], self.supply[level]) for level in LEVELS]


def shortage_table(*, partnership: Partnership, year: AcademicYear) -> list[ShortageRow]:
    """One row per shortage subject (fixed number of queries)."""
    subjects = Subject.objects.filter(partnership=partnership, is_tekortvak=True)
    rows = {s.pk: ShortageRow(s) for s in subjects}
    students = (
        partnership.students.filter(is_active=True, subject__in=list(rows))
        .exclude(programme_variant__in=SELF_PLACED)
        .select_related("person", "institute")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    live = (
        Placement.objects.filter(academic_year=year, subject__in=list(rows))
        .filter(student__partnership=partnership)
        .exclude(status=PlacementStatus.CANCELLED)
        .select_related("school", "shared_with")
        .order_by("start", "pk")
    )
    by_student = {}
    holding = defaultdict(int)
    for placement in live:
        by_student.setdefault(placement.student_id, placement)
        if placement.place_id and placement.status in HOLDING_STATUSES:
            holding[placement.place_id] += 1
    for student in students:
        row = rows[student.subject_id]
        row.demand[student.institute.institute_level] += 1
        row.students.append((student, by_student.get(student.pk)))
    places = Place.objects.filter(
        division__partnership=partnership, division__academic_year=year, subject__in=list(rows)
    ).select_related("school")
    for place in places.order_by("school__name", "stage", "level", "start"):
        row = rows[place.subject_id]
        row.supply[place.level] += place.capacity
        row.places.append((place, holding[place.pk]))
    return list(rows.values())


@transaction.atomic
def placement_share(*, placement: Placement, school: Organisation | None, by: Person) -> Placement:
    """Set (or clear) the second school that shares a student in a shortage subject."""
    if not placement.subject.is_tekortvak:
        raise ValidationError(_("Only placements in a shortage subject can be shared."))
    if school is not None:
        if school.pk == placement.school_id:
            raise ValidationError(
                {"shared_with": _("Choose a school other than the placement's own school.")}
            )
        if not school.is_school or school.partnership_id != placement.student.partnership_id:
            raise ValidationError({"shared_with": _("Choose a school of the partnership.")})
    if placement.shared_with_id == (school.pk if school else None):
        return placement
    placement.shared_with = school
    placement.full_clean()
    placement.save(update_fields=["shared_with", "updated_at"])
    PlacementEvent.objects.create(
        placement=placement,
        by=by,
        action="shared_with",
        details={"school": school.name if school else None},
    )
    logger.info("person %s set placement %s shared with %s", by.pk, placement.pk, school)
    return placement
