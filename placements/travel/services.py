"""Travel times (issue 11, rule 7): minutes from a student or a postcode area to a school.

Coordinators enter them one at a time on the travel-times page or import a file of them
(``travel_import``). A row with the same school and student, or school and area, is replaced;
saving an empty time removes it. Every change is in the audit log. The allocation run reads
them through ``travel_rows`` (one query) and ``TravelLookup``."""

from dataclasses import dataclass

from django.db import transaction

from partnerships import audit
from partnerships.models import Organisation, Partnership, Person, Student
from placements.models import TravelTime


@dataclass(frozen=True)
class TravelInput:
    school_id: int
    minutes: int
    student_id: int | None = None
    area: str = ""


def travel_rows(*, partnership: Partnership) -> list[tuple[int, int | None, str, int]]:
    """(school, student, area, minutes) for the whole partnership, in one query."""
    return list(
        TravelTime.objects.filter(partnership=partnership).values_list(
            "school", "student", "area", "minutes"
        )
    )


def _save(partnership: Partnership, line: TravelInput) -> tuple[TravelTime, bool]:
    row = TravelTime.objects.filter(
        partnership=partnership,
        school_id=line.school_id,
        student_id=line.student_id,
        area=line.area,
    ).first()
    created = row is None
    if created:
        row = TravelTime(
            partnership=partnership,
            school_id=line.school_id,
            student_id=line.student_id,
            area=line.area,
        )
    row.minutes = line.minutes
    row.full_clean()
    row.save()
    return row, created


@transaction.atomic
def travel_time_save(
    *,
    partnership: Partnership,
    school: Organisation,
    minutes: int | None,
    by: Person,
    student: Student | None = None,
    area: str = "",
) -> TravelTime | None:
    """Set (or with ``minutes`` None remove) one travel time."""
    if minutes is None:
        removed = TravelTime.objects.filter(
            partnership=partnership, school=school, student=student, area=area
        )
        for row in removed:
            audit.record(person=by, action="travel_time_delete", obj=row, partnership=partnership)
        removed.delete()
        return None
    line = TravelInput(
        school_id=school.pk, minutes=minutes, student_id=student and student.pk, area=area
    )
    row, _created = _save(partnership, line)
    audit.record(
        person=by, action="travel_time_save", obj=row, partnership=partnership, minutes=minutes
    )
    return row


@transaction.atomic
def travel_times_save(
    *, partnership: Partnership, lines: list[TravelInput], by: Person
) -> tuple[int, int]:
    """Save all lines of an import or none of them; (created, updated)."""
    created = updated = 0
    for line in lines:
        _row, new = _save(partnership, line)
        created += new
        updated += not new
    audit.record(
        person=by,
        action="travel_times_import",
        partnership=partnership,
        created=created,
        updated=updated,
    )
    return created, updated
