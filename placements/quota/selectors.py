"""The placement year in numbers for the quality reports (issue 15, items 5-6): quota against
realised (per school unit, per subsidy category, per hbo/wo), the subsidy list's counts, and
rotation and school-type variety achieved. Counts only, never names of students."""

from __future__ import annotations

import datetime
from collections import defaultdict
from fractions import Fraction

from partnerships.glossary import HBO_BACHELOR_VARIANTS
from partnerships.models import AcademicYear, Partnership
from placements.choices import HOLDING_STATUSES
from placements.models import Placement, Quota

from .monitor import quota_monitor, unit_keys


def _number(value) -> str:
    """An exact count as text: "12", or "12.5" for halves of the year (JSON keeps no Fraction)."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.1f}"


def _quota_part(partnership: Partnership, year: AcademicYear, units: set[str] | None) -> dict:
    quota = Quota.objects.filter(
        partnership=partnership, academic_year=year, status__in=("approved", "published")
    ).first()
    if quota is None:
        return {"available": False}
    monitor = quota_monitor(quota=quota)
    rows = [r for r in monitor.rows if units is None or r.key in units]
    data = {
        "available": True,
        "places": monitor.total_share if units is None else sum(r.share or 0 for r in rows),
        "realised": _number(
            monitor.total_realised if units is None else sum(Fraction(r.realised) for r in rows)
        ),
        "over": monitor.total_over if units is None else any(r.over for r in rows),
        "units": [
            {
                "name": r.name,
                "share": r.share,
                "realised": _number(r.realised),
                "over": r.over,
            }
            for r in rows
        ],
    }
    if units is None:
        data["categories"] = [
            {"label": str(lbl), "count": _number(n)} for lbl, n in monitor.categories
        ]
        data["levels"] = [{"label": str(lbl), "count": _number(n)} for lbl, n in monitor.levels]
        data["hbo_year_1"] = monitor.hbo_year_1
    return data


def _subsidy_part(partnership, year, school_names: set[str] | None) -> dict:
    from placements.subsidy.services import subsidy_default_reference_date, subsidy_list_build

    reference = subsidy_default_reference_date(year)
    subsidy = subsidy_list_build(partnership=partnership, year=year, reference_date=reference)
    totals = subsidy.totals
    if school_names is None:
        by_category = totals.by_category
    else:
        by_category: dict[str, int] = defaultdict(int)
        for name, line in totals.by_school.items():
            if name in school_names:
                for category, n in line.items():
                    by_category[category] += n
    return {
        "reference_date": reference.isoformat(),
        "by_category": [{"category": c, "count": n} for c, n in sorted(by_category.items())],
        "total": sum(by_category.values()),
    }


def _rotation_part(partnership, year, school_ids: set[int] | None) -> dict:
    """Among this year's holding placements of hbo bachelor students: how many students had a
    placement in an earlier year (``returning``), how many of those are at a school they had not
    been at before (``rotated``); and among students with placements in two or more years how many
    have seen both vmbo and havo/vwo over their track (``varied`` of ``multi_year``)."""
    now = Placement.objects.filter(
        student__partnership=partnership,
        academic_year=year,
        status__in=HOLDING_STATUSES,
        student__programme_variant__in=HBO_BACHELOR_VARIANTS,
    )
    if school_ids is not None:
        now = now.filter(school__in=school_ids)
    current = defaultdict(set)
    for student, school in now.values_list("student_id", "school_id"):
        current[student].add(school)
    history = Placement.objects.filter(
        student__in=list(current),
        academic_year__start_year__lte=year.start_year,
        status__in=(*HOLDING_STATUSES, "completed"),
    ).values_list(
        "student_id",
        "academic_year__start_year",
        "school_id",
        "school__school_types__is_vmbo",
        "school__school_types__is_havo_vwo",
    )
    earlier, years, vmbo, havo = defaultdict(set), defaultdict(set), set(), set()
    for student, start_year, school, is_vmbo, is_havo in history:
        years[student].add(start_year)
        if start_year < year.start_year:
            earlier[student].add(school)
        if is_vmbo:
            vmbo.add(student)
        if is_havo:
            havo.add(student)
    returning = [s for s in current if earlier[s]]
    multi = [s for s in current if len(years[s]) > 1]
    return {
        "students": len(current),
        "returning": len(returning),
        "rotated": sum(1 for s in returning if current[s] - earlier[s]),
        "multi_year": len(multi),
        "varied": sum(1 for s in multi if s in vmbo and s in havo),
    }


def year_placement_facts(
    *,
    partnership: Partnership,
    year: AcademicYear,
    school_ids: set[int] | None = None,
    today: datetime.date | None = None,
) -> dict:
    """The year's placements for a report: the whole partnership, or (``school_ids``) one
    school (its quota unit — a cluster counts as one — its subsidy counts and rotation)."""
    from partnerships.models import Organisation

    units = unit_keys(school_ids) if school_ids is not None else None
    names = (
        set(Organisation.objects.filter(pk__in=school_ids).values_list("name", flat=True))
        if school_ids is not None
        else None
    )
    return {
        "quota": _quota_part(partnership, year, units),
        "subsidy": _subsidy_part(partnership, year, names),
        "rotation": _rotation_part(partnership, year, school_ids),
    }
