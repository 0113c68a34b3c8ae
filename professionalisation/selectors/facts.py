"""Counts the quality cycle's targets read (no names): schools meeting the norms and staff
taking part in professionalisation."""

from __future__ import annotations

import datetime

from partnerships.glossary import OrganisationKind
from partnerships.models import AcademicYear, Organisation, Partnership

from ..choices import EnrolmentStatus
from ..compliance import as_rules, norms_for, school_facts
from ..models import Enrolment
from .runs import staff


def schools_meeting_norms(*, partnership: Partnership, on: datetime.date) -> tuple[int, int]:
    """(schools without a gap, schools) on ``on`` under the partnership's norms (certified
    mentors for every section that takes students, enough schoolopleiders, …)."""
    scope = Organisation.objects.filter(partnership=partnership, kind=OrganisationKind.SCHOOL)
    facts = school_facts(partnership, scope, on)
    gaps = facts.gaps(as_rules(norms_for(partnership)), on)
    wanted = [f.id for f in facts.schools if f.id in facts.wanted]
    return sum(1 for pk in wanted if not gaps[pk]), len(wanted)


def staff_participation(
    *, partnership: Partnership, year: AcademicYear, on: datetime.date
) -> tuple[int, int]:
    """(staff enrolled in a run of ``year`` — cancelled enrolments not counted —, staff with an
    active role on ``on``)."""
    people = staff(partnership=partnership, today=on).values("pk")
    taking_part = (
        Enrolment.objects.filter(
            run__activity__partnership=partnership, run__academic_year=year, person__in=people
        )
        .exclude(status=EnrolmentStatus.CANCELLED)
        .values("person")
        .distinct()
        .count()
    )
    return taking_part, staff(partnership=partnership, today=on).count()
