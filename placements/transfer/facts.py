"""What the system knows for a transfer form (doorstroomformulier, 002 §3.3), as one plain,
JSON-safe dict. The page, the PDF and the snapshot frozen at "final" all read this dict, so they
can never disagree:

* ``student`` — name, e-mail, student number, institute, programme variant (a code: shown in the
  reader's language), year, subject and the institute trainer with contact details;
* ``previous_school`` — the school of the ending placement, its academic year and period, the
  werkplekbegeleider and schoolopleider with contact details;
* ``new_school`` — once the next placement is known: the school, its start, its coordinator(s),
  schoolopleider(s) and the new werkplekbegeleider (``None`` before that).

``display_facts`` turns the stored codes and ISO dates back into labels and dates for templates.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from partnerships.glossary import ProgrammeVariant, Role
from partnerships.models import Organisation, Person, RoleAssignment
from placements.choices import PlacementStatus
from placements.facilitation.rules import FIRST_HALF, placement_halves
from placements.models import Placement

LIVE_NEXT = frozenset(set(PlacementStatus) - {PlacementStatus.CANCELLED})


def _contact(person: Person | None) -> dict | None:
    if person is None:
        return None
    return {"name": person.full_name, "email": person.email, "phone": person.phone}


def placement_period(
    placement: Placement, next_placement: Placement | None = None
) -> tuple[datetime.date, datetime.date]:
    """From the start (September or February) to the end of the academic year; a September
    placement ends in January when the student moves to a February placement that year or is an
    educational minor (half a year) — the same periods as the facilitation hours."""
    year = placement.academic_year
    start = year.start_date_for(placement.start)
    end = year.end_date
    february_follows = (
        next_placement is not None
        and next_placement.academic_year_id == placement.academic_year_id
        and next_placement.start == "february"
    )
    halves = placement_halves(
        placement.start,
        minor=placement.student.programme_variant == ProgrammeVariant.EDUCATIEVE_MINOR,
        february_follows=february_follows,
    )
    if placement.start == "september" and halves == {FIRST_HALF}:
        end = datetime.date(year.start_year + 1, 1, 31)
    return start, end


def study_year(placement: Placement) -> int:
    student = placement.student
    if student.hbo_year:
        return student.hbo_year
    return max(1, placement.academic_year.start_year - student.start_year.start_year + 1)


def find_next_placement(placement: Placement) -> Placement | None:
    """The student's first live placement after ``placement``: a later academic year, or the
    February start of the same year after a September placement (wo masters switch halfway).
    A proposal still hidden from the student (committed while the preference window was open)
    does not count yet."""
    year = placement.academic_year.start_year
    later = Q(academic_year__start_year__gt=year)
    if placement.start == "september":
        later |= Q(academic_year__start_year=year, start="february")
    hidden = Q(status=PlacementStatus.PROPOSED, hidden_from_student_until__gt=timezone.localdate())
    return (
        Placement.objects.filter(later, student_id=placement.student_id, status__in=LIVE_NEXT)
        .exclude(hidden)
        .select_related("academic_year", "school", "werkplekbegeleider", "schoolopleider")
        .order_by("academic_year__start_year", "-start")
        .first()
    )


def current_next(form) -> Placement | None:
    """The form's next placement: the linked one while it is live, else the one found now."""
    linked = form.next_placement
    if (
        linked is not None
        and linked.status != PlacementStatus.CANCELLED
        and not linked.hidden_from_student(timezone.localdate())
    ):
        return linked
    return find_next_placement(form.placement)


def school_people(school: Organisation, role: str, today: datetime.date) -> list[Person]:
    """Active holders of ``role`` at ``school``; a schoolcoördinator of the school's cluster
    counts too (a cluster acts as one school and shares its coordinator)."""
    where = Q(organisation=school)
    if role == Role.SCHOOLCOORDINATOR and school.cluster_id:
        where = Q(organisation__cluster_id=school.cluster_id)
    holders = RoleAssignment.objects.active(today).filter(
        where, partnership_id=school.partnership_id, role=role
    )
    return list(Person.objects.filter(pk__in=holders.values("person")).order_by("last_name", "pk"))


def new_school_facts(next_placement: Placement | None, today: datetime.date) -> dict | None:
    if next_placement is None:
        return None
    school = next_placement.school
    trainers = school_people(school, Role.SCHOOLOPLEIDER, today)
    assigned = next_placement.schoolopleider
    if assigned is not None and assigned not in trainers:
        trainers.insert(0, assigned)
    start, _end = placement_period(next_placement)
    return {
        "name": school.name,
        "academic_year": next_placement.academic_year.label,
        "start": start.isoformat(),
        "coordinators": [_contact(p) for p in school_people(school, Role.SCHOOLCOORDINATOR, today)],
        "schoolopleiders": [_contact(p) for p in trainers],
        "werkplekbegeleider": _contact(next_placement.werkplekbegeleider),
    }


def transfer_facts(form, *, today: datetime.date | None = None) -> dict:
    """The facts of ``form`` as they are now (see the module docstring)."""
    today = today or timezone.localdate()
    placement = form.placement
    student = placement.student
    next_placement = current_next(form)
    start, end = placement_period(placement, next_placement)
    return {
        "student": {
            "name": student.person.full_name,
            "email": student.person.email,
            "student_number": student.student_number,
            "institute": student.institute.name,
            "programme_variant": student.programme_variant,
            "year": study_year(placement),
            "subject": placement.subject.name,
            "institute_trainer": _contact(
                placement.instituutsopleider or student.instituutsopleider
            ),
        },
        "previous_school": {
            "name": placement.school.name,
            "academic_year": placement.academic_year.label,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "werkplekbegeleider": _contact(placement.werkplekbegeleider),
            "schoolopleider": _contact(placement.schoolopleider),
        },
        "new_school": new_school_facts(next_placement, today),
    }


def display_facts(facts: dict) -> dict:
    """``facts`` for a template: the programme variant as a label in the active language and
    the ISO dates as dates (so they are formatted for the reader)."""
    student = dict(facts.get("student") or {})
    code = student.get("programme_variant", "")
    student["programme_variant_label"] = (
        ProgrammeVariant(code).label if code in ProgrammeVariant.values else code
    )
    previous = dict(facts.get("previous_school") or {})
    for key in ("start", "end"):
        if previous.get(key):
            previous[key] = datetime.date.fromisoformat(previous[key])
    new = facts.get("new_school")
    if new:
        new = dict(new)
        if new.get("start"):
            new["start"] = datetime.date.fromisoformat(new["start"])
    return {"student": student, "previous_school": previous, "new_school": new}


def remark_records(form) -> list[dict]:
    """The guides' remarks as plain dicts (frozen into the snapshot with the facts)."""
    return [
        {
            "author": remark.author.full_name if remark.author else "",
            "role": remark.role,
            "agrees": remark.agrees,
            "text": remark.text,
            "created_at": remark.created_at.isoformat(),
        }
        for remark in form.remarks.all()
    ]


def display_remarks(records: list[dict]) -> list[dict]:
    """``records`` for a template: roles as labels in the active language, times as datetimes."""
    return [
        {
            **record,
            "role_label": Role(record["role"]).label
            if record["role"] in Role.values
            else record["role"],
            "created_at": datetime.datetime.fromisoformat(record["created_at"]),
        }
        for record in records
    ]


def form_facts(form, *, today: datetime.date | None = None) -> dict:
    """The facts a reader sees: live while the form is being written; from the snapshot once it
    is final. The new school stays live until the form is shared (it is often only known after
    the form is final) and is frozen into the snapshot at sharing."""
    if not form.snapshot:
        return transfer_facts(form, today=today)
    facts = dict(form.snapshot)
    if form.shared_at is None:
        live = transfer_facts(form, today=today)
        facts["new_school"] = live["new_school"]
    return facts
