"""Professionalisation's year in numbers for the quality reports (issue 15, items 5-6):
participation, hours, new qualifications and the compliance gaps per school. Counts only:
the gaps are counted per kind, never named after a person."""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from partnerships.glossary import OrganisationKind, QualificationKind, Role
from partnerships.models import AcademicYear, Organisation, Partnership, Qualification

from ..choices import EnrolmentStatus
from ..compliance import as_rules, norms_for, school_facts
from ..models import Enrolment
from .runs import staff


def year_professionalisation(
    *,
    partnership: Partnership,
    year: AcademicYear,
    on: datetime.date,
    person_ids: set[int] | None = None,
    school_ids: set[int] | None = None,
) -> dict:
    """Staff taking part in a run of ``year`` (cancelled enrolments not counted) of the staff
    with an active role on ``on``; the hours of completed enrolments; qualifications obtained
    from the year's start to ``on`` per kind; per school the compliance gaps per kind.
    ``person_ids`` / ``school_ids`` limit it to one organisation's staff and schools."""
    people = staff(partnership=partnership, today=on)
    if person_ids is not None:
        people = people.filter(pk__in=person_ids)
    ids = list(people.values_list("pk", flat=True))
    enrolments = Enrolment.objects.filter(
        run__activity__partnership=partnership, run__academic_year=year, person__in=ids
    ).exclude(status=EnrolmentStatus.CANCELLED)
    hours = enrolments.filter(status=EnrolmentStatus.COMPLETED).aggregate(
        h=Sum("run__activity__hours")
    )["h"]
    new = Counter(
        Qualification.objects.filter(
            person__in=ids,
            status="completed",
            obtained_on__gte=datetime.date(year.start_year, 8, 1),
            obtained_on__lte=on,
        ).values_list("kind", flat=True)
    )
    scope = Organisation.objects.filter(
        partnership=partnership, kind=OrganisationKind.SCHOOL, is_active=True
    )
    if school_ids is not None:
        scope = scope.filter(pk__in=school_ids)
    facts = school_facts(partnership, scope, on)
    gaps = facts.gaps(as_rules(norms_for(partnership)), on)
    schools = []
    for school in facts.schools:
        if school.id not in facts.wanted:
            continue
        codes = Counter(str(g.code) for g in gaps.get(school.id, []))
        mentors = set(school.holders(Role.WERKPLEKBEGELEIDER))
        certified = sum(
            1
            for pk in mentors
            if pk in facts.people and facts.people[pk].holds(QualificationKind.WPB_BASIS)
        )
        schools.append(
            {
                "id": school.id,
                "name": school.name,
                "gaps": dict(sorted(codes.items())),
                "total": codes.total(),
                "mentors": len(mentors),
                "certified_mentors": certified,
            }
        )
    return {
        "staff": len(ids),
        "taking_part": enrolments.values("person").distinct().count(),
        "completed": enrolments.filter(status=EnrolmentStatus.COMPLETED).count(),
        "hours": str(hours or 0),
        "qualifications": [{"kind": k, "count": n} for k, n in sorted(new.items())],
        "schools": schools,
        "schools_without_gaps": sum(1 for s in schools if not s["total"]),
    }


GAP_LABELS = {
    "schoolopleiders": _("too few schoolopleiders"),
    "brlo": _("too few BRLO-registered schoolopleiders"),
    "coordinator": _("no schoolcoördinator"),
    "assessors": _("too few assessors"),
    "section": _("sections without a certified werkplekbegeleider"),
    "teaching_unknown": _("werkplekbegeleiders without known teaching years"),
    "teaching_years": _("werkplekbegeleiders with too few teaching years"),
    "wpb_training": _("werkplekbegeleiders without wpb training"),
}


def gap_label(code: str) -> str:
    """A kind of compliance gap in words (the report counts gaps per kind)."""
    return str(GAP_LABELS.get(code, code))
