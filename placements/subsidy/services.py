"""The subsidy category list of a year: built from today's data, frozen in snapshots, compared.

The rules (what counts, once per student, practice shares, reasons) are in
``placements.subsidy.rules``; this module feeds them the placements of a year and stores
snapshots. Rows are plain dicts — exactly what a snapshot keeps as JSON: names as they were
then, ids to compare, codes (category, reason, status) that are worded in the reader's language
when shown (``placements.subsidy.texts``).

The reference date defaults to 1 October after the year ends: the ministry counts a year's
students in the application it receives before 1 October of the next year, so by default every
placement of the year counts. An earlier date shows who was placed on that day (1 October of
the year itself: the September starts only). The data are always today's; a snapshot keeps a
list as it was when the stagecoördinator handed it over (procedure step 15).
"""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnerships import audit
from partnerships.access import Access
from partnerships.models import AcademicYear, Partnership, Person
from placements import selectors
from placements.models import Placement, SubsidySnapshot
from placements.subsidy import rules


def subsidy_default_reference_date(year: AcademicYear) -> datetime.date:
    return datetime.date(year.start_year + 1, 10, 1)


def subsidy_count_year(today: datetime.date) -> int:
    """The start year of the academic year whose count the ministry receives next (before
    1 October): until 30 September the year that ended in July, from October the running one."""
    return today.year - 1 if today < datetime.date(today.year, 10, 1) else today.year


def subsidy_check_reference_date(year: AcademicYear, day: datetime.date) -> None:
    if day < year.start_date:
        raise ValidationError(
            _("The reference date falls before the academic year %(year)s starts (%(start)s).")
            % {"year": year.label, "start": year.start_date.isoformat()},
            code="before_year",
        )


@dataclass
class SubsidyList:
    partnership: Partnership
    year_label: str
    reference_date: datetime.date
    rows: list[dict]  # counted students, sorted by category and name
    excluded: list[dict]  # students who cannot be counted, with their reason
    snapshot: SubsidySnapshot | None = None

    @cached_property
    def totals(self) -> rules.Totals:
        return rules.totals(self.rows)

    @property
    def flagged(self) -> int:
        return sum(1 for row in self.rows if row["check"] == rules.UNKNOWN)

    def rows_of(self, category: str) -> list[dict]:
        return [row for row in self.rows if row["category"] == category]

    def excluded_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(rules.REASONS, 0)
        for row in self.excluded:
            counts[row["reason"]] += 1
        return counts


# What the list reads of each placement of the year: plain values, no model instances (a
# partnership of 2,000 students has as many placements; building models for them and their
# students, people, institutes and schools cost most of the page).
FIELDS = (
    "pk",
    "status",
    "start",
    "school_id",
    "school__name",
    "practice_percent",
    "practice_ec",
    "cancel_reason",
    "student_id",
    "student__subsidy_category",
    "student__subsidy_category_override",
    "student__override_reason",
    "student__student_number",
    "student__programme_variant",
    "student__institute_id",
    "student__institute__name",
    "student__person__first_name",
    "student__person__tussenvoegsel",
    "student__person__last_name",
)


def _facts(placement: dict, year: AcademicYear) -> rules.PlacementFacts:
    return rules.PlacementFacts(
        id=placement["pk"],
        status=placement["status"],
        starts_on=year.start_date_for(placement["start"]),
        school_id=placement["school_id"],
        practice_percent=placement["practice_percent"],
        practice_ec=placement["practice_ec"],
    )


def _row(student: dict, outcome: rules.Outcome, by_id: dict[int, dict]) -> dict:
    """``student`` is any of the student's placement rows (the student's fields are alike)."""
    placement = by_id[outcome.placement.id]
    share = by_id[(outcome.share or outcome.placement).id]
    first, tussenvoegsel, last = (
        student["student__person__first_name"],
        student["student__person__tussenvoegsel"],
        student["student__person__last_name"],
    )
    row = {
        "student_id": student["student_id"],
        "name": " ".join(p for p in (first, tussenvoegsel, last) if p),  # Person.full_name
        "sort_name": f"{last}, {first} {tussenvoegsel}".strip(),
        "student_number": student["student__student_number"],
        "programme_variant": student["student__programme_variant"],
        "institute_id": student["student__institute_id"],
        "institute": student["student__institute__name"],
        "school_id": placement["school_id"],
        "school": placement["school__name"],
        "other_schools": sorted(
            {
                p["school__name"]
                for p in by_id.values()
                if p["school_id"] in outcome.other_school_ids
            }
        ),
        "placement_id": placement["pk"],
        "start": placement["start"],
        "status": placement["status"],
        "category": outcome.category,
        "practice_percent": share["practice_percent"],
        "practice_ec": None if share["practice_ec"] is None else str(share["practice_ec"]),
        "check": outcome.check,
    }
    if not outcome.counted:
        row |= {
            "reason": outcome.reason,
            "derived": student["student__subsidy_category"],
            "override": student["student__subsidy_category_override"],
            "override_reason": student["student__override_reason"],
            "cancel_reason": placement["cancel_reason"],
            "starts_on": outcome.placement.starts_on.isoformat(),
        }
    return row


def subsidy_list_build(
    *,
    partnership: Partnership,
    year: AcademicYear,
    reference_date: datetime.date,
    access: Access | None = None,
) -> SubsidyList:
    """Today's list for a year (one query). ``access`` scopes the placements for a user; the
    command line (no user) reads the whole partnership."""
    if access is not None:
        placements = selectors.placements_visible(access=access, partnership=partnership)
    else:
        placements = Placement.objects.filter(student__partnership=partnership)
    placements = placements.filter(academic_year=year).order_by("student_id", "pk").values(*FIELDS)
    rows, excluded = [], []
    for own, outcome in _classified(placements, year, reference_date):
        row = _row(own[0], outcome, {p["pk"]: p for p in own})
        (rows if outcome.counted else excluded).append(row)
    rows.sort(key=lambda r: (r["category"], r["sort_name"].lower(), r["student_id"]))
    order = {reason: n for n, reason in enumerate(rules.REASONS)}
    excluded.sort(key=lambda r: (order[r["reason"]], r["sort_name"].lower(), r["student_id"]))
    return SubsidyList(partnership, year.label, reference_date, rows, excluded)


# What the category counts read: the rules' facts only.
COUNT_FIELDS = (
    "pk",
    "status",
    "start",
    "school_id",
    "practice_percent",
    "practice_ec",
    "student_id",
    "student__subsidy_category",
    "student__subsidy_category_override",
)


def subsidy_category_counts(
    *, partnership: Partnership, year: AcademicYear, reference_date: datetime.date
) -> dict[str, int]:
    """The list's counted students per category (``subsidy_list_build(...).totals
    .by_category``) without building its rows: for the dashboard's card.

    Cached per version of the data: the key is a digest of the rows read (every field the
    classification uses), the year's start and the reference date, so any change to a placement
    or a student's category makes a new key; a repeat view skips the classification of every
    student (~25 ms for 2,000 students), not the query."""
    rows = list(
        Placement.objects.filter(student__partnership=partnership, academic_year=year)
        .order_by("student_id", "pk")
        .values_list(*COUNT_FIELDS)
    )
    version = repr((COUNTS_CACHE_VERSION, year.start_year, reference_date, rows))
    key = "placements:subsidy-counts:" + hashlib.sha256(version.encode()).hexdigest()
    counts = cache.get(key)
    if counts is None:
        placements = [dict(zip(COUNT_FIELDS, row, strict=True)) for row in rows]
        counts = _category_counts(placements, year, reference_date)
        cache.set(key, counts, COUNTS_CACHE_SECONDS)
    return counts


COUNTS_CACHE_VERSION = 1  # raise when the classification rules change
COUNTS_CACHE_SECONDS = 15 * 60


def _classified(placements, year: AcademicYear, reference_date: datetime.date):
    """Each student's placement rows (ordered by student) with the rules' outcome for them: the
    one classification the list, its totals and the dashboard's counts share."""
    per_student: dict[int, list[dict]] = defaultdict(list)
    for placement in placements:
        per_student[placement["student_id"]].append(placement)
    for own in per_student.values():
        student = own[0]
        facts = rules.StudentFacts(
            student["student_id"],
            student["student__subsidy_category"],
            student["student__subsidy_category_override"],
        )
        yield own, rules.classify(facts, [_facts(p, year) for p in own], reference_date)


def _category_counts(
    placements: list[dict], year: AcademicYear, reference_date: datetime.date
) -> dict[str, int]:
    counts = dict.fromkeys(rules.CATEGORIES, 0)
    for _own, outcome in _classified(placements, year, reference_date):
        if outcome.counted:
            counts[outcome.category] = counts.get(outcome.category, 0) + 1
    return counts


def subsidy_list_from_snapshot(snapshot: SubsidySnapshot) -> SubsidyList:
    return SubsidyList(
        snapshot.partnership,
        snapshot.academic_year.label,
        snapshot.reference_date,
        list(snapshot.rows),
        list(snapshot.excluded),
        snapshot=snapshot,
    )


@transaction.atomic
def subsidy_snapshot_take(
    *,
    partnership: Partnership,
    year: AcademicYear,
    reference_date: datetime.date,
    label: str = "",
    by: Person,
    access: Access | None = None,
) -> SubsidySnapshot:
    """Freeze today's list: the rows are stored as they are now and never rewritten."""
    subsidy_check_reference_date(year, reference_date)
    built = subsidy_list_build(
        partnership=partnership, year=year, reference_date=reference_date, access=access
    )
    snapshot = SubsidySnapshot(
        partnership=partnership,
        academic_year=year,
        reference_date=reference_date,
        label=label.strip(),
        rows=built.rows,
        excluded=built.excluded,
        taken_by=by,
    )
    snapshot.full_clean(exclude=["rows", "excluded"])  # an empty list is a valid snapshot
    snapshot.save()
    audit.record(
        person=by,
        action="snapshot",
        obj=snapshot,
        partnership=partnership,
        what="subsidy_list",
        year=year.label,
        reference_date=reference_date.isoformat(),
        counted=len(built.rows),
        not_counted=len(built.excluded),
    )
    return snapshot


def subsidy_lists_compare(before: SubsidyList, after: SubsidyList) -> rules.Diff:
    return rules.compare(before.rows, after.rows)


def subsidy_export_record(
    *, subsidy: SubsidyList, fmt: str, by: Person | None, via: str = "web"
) -> None:
    """Log an export: who, what, which year and reference date, which format."""
    audit.record(
        person=by,
        action="export",
        obj=subsidy.snapshot,
        partnership=subsidy.partnership,
        what="subsidy_list",
        year=subsidy.year_label,
        reference_date=subsidy.reference_date.isoformat(),
        format=fmt,
        via=via,
        counted=len(subsidy.rows),
    )
