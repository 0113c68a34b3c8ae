"""The yearly professionalisation overview of a partnership, "for the professionalisation
plan": per activity and per school the participants, completions and hours; the new
certifications by kind; and the open needs (the inventory's count minus the people of that role
and organisation enrolled in or completed a matching activity that year). ``workbook`` writes
the same tables as an XLSX, one sheet per table.

A participant's hours: the activity's hours when completed, else the share of the run's meetings
they attended. All reads are a fixed number of queries, however many rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from partnerships.exports import write_xlsx
from partnerships.glossary import OrganisationKind, QualificationKind, QualificationStatus, Role
from partnerships.models import (
    AcademicYear,
    Organisation,
    Partnership,
    Qualification,
    RoleAssignment,
)

from .choices import EnrolmentStatus
from .models import Activity, Enrolment, Need

ROLE_LABELS = dict(Role.choices)
KIND_LABELS = dict(QualificationKind.choices)
COUNTED = (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED)


def enrolment_hours(hours: Decimal, status: str, attended: int, meetings: int) -> Decimal:
    """Completed: the activity's hours; otherwise the attended share of the meetings."""
    if status == EnrolmentStatus.COMPLETED:
        return Decimal(hours)
    if status == EnrolmentStatus.CANCELLED or not meetings:
        return Decimal(0)
    return (Decimal(hours) * attended / meetings).quantize(Decimal("0.1"))


@dataclass
class Tally:
    participants: set = field(default_factory=set)
    completed: int = 0
    hours: Decimal = Decimal(0)

    def add(self, person_id: int, status: str, hours: Decimal) -> None:
        self.participants.add(person_id)
        self.completed += status == EnrolmentStatus.COMPLETED
        self.hours += hours


def _year_roles(partnership: Partnership, year: AcademicYear):
    """(person, role, organisation) of roles held at some time in the year."""
    return (
        RoleAssignment.objects.filter(partnership=partnership)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=year.end_date))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=year.start_date))
        .values_list("person_id", "role", "organisation_id")
    )


def year_overview(*, partnership: Partnership, year: AcademicYear) -> dict:
    activities = list(Activity.objects.filter(partnership=partnership).order_by("name"))
    enrolments = list(
        Enrolment.objects.filter(
            run__activity__partnership=partnership,
            run__academic_year=year,
            status__in=COUNTED,
        )
        .annotate(
            attended=Count("attendance", filter=Q(attendance__present=True), distinct=True),
            meetings=Count("run__meetings", distinct=True),
        )
        .values_list("person_id", "status", "run__activity_id", "run_id", "attended", "meetings")
    )
    schools = list(Organisation.objects.filter(partnership=partnership).order_by("kind", "name"))
    orgs_of: dict[int, set[int]] = defaultdict(set)
    people_at: dict[tuple[int, str], set[int]] = defaultdict(set)
    for person_id, role, org_id in _year_roles(partnership, year):
        if org_id:
            orgs_of[person_id].add(org_id)
            people_at[(org_id, role)].add(person_id)

    by_activity = {a.pk: a for a in activities}
    activity_tally: dict[int, Tally] = defaultdict(Tally)
    org_tally: dict[int, Tally] = defaultdict(Tally)
    runs_of: dict[int, set[int]] = defaultdict(set)
    # person -> target roles of the activities they took part in this year
    roles_trained: dict[int, set[str]] = defaultdict(set)
    for person_id, status, activity_id, run_id, attended, meetings in enrolments:
        activity = by_activity[activity_id]
        hours = enrolment_hours(activity.hours, status, attended, meetings)
        activity_tally[activity_id].add(person_id, status, hours)
        runs_of[activity_id].add(run_id)
        for org_id in orgs_of.get(person_id, ()):
            org_tally[org_id].add(person_id, status, hours)
        if status != EnrolmentStatus.NOT_COMPLETED:
            roles_trained[person_id] |= set(activity.target_roles)

    needs = list(
        Need.objects.filter(partnership=partnership, academic_year=year).select_related(
            "organisation"
        )
    )
    need_rows = []
    need_total: dict[int, int] = defaultdict(int)
    open_total: dict[int, int] = defaultdict(int)
    for need in needs:
        matched = sum(
            1
            for p in people_at.get((need.organisation_id, need.role), ())
            if need.role in roles_trained[p]
        )
        open_count = max(0, need.count - matched)
        need_total[need.organisation_id] += need.count
        open_total[need.organisation_id] += open_count
        need_rows.append(
            {
                "organisation": need.organisation.name,
                "role": ROLE_LABELS.get(need.role, need.role),
                "count": need.count,
                "trained": matched,
                "open": open_count,
                "content": need.content,
            }
        )

    activity_rows = [
        {
            "activity": a,
            "runs": len(runs_of[a.pk]),
            "participants": len(activity_tally[a.pk].participants),
            "completed": activity_tally[a.pk].completed,
            "hours": activity_tally[a.pk].hours,
        }
        for a in activities
        if a.pk in activity_tally or a.is_active
    ]
    school_rows = [
        {
            "organisation": o,
            "participants": len(org_tally[o.pk].participants),
            "completed": org_tally[o.pk].completed,
            "hours": org_tally[o.pk].hours,
            "needs": need_total[o.pk],
            "open": open_total[o.pk],
        }
        for o in schools
        if o.is_active or o.pk in org_tally or o.pk in need_total
    ]
    obtained = (
        Qualification.objects.filter(
            status=QualificationStatus.COMPLETED,
            obtained_on__range=(year.start_date, year.end_date),
            person__in=RoleAssignment.objects.filter(partnership=partnership).values("person"),
        )
        .values("kind")
        .annotate(n=Count("pk", distinct=True))
    )
    counts = {row["kind"]: row["n"] for row in obtained}
    certifications = [
        {"kind": label, "count": counts.get(kind, 0)}
        for kind, label in QualificationKind.choices
        if kind != QualificationKind.TEACHING
    ]
    all_people = {p for p, *_rest in enrolments}
    return {
        "activities": activity_rows,
        "schools": school_rows,
        "certifications": certifications,
        "needs": need_rows,
        "totals": {
            "participants": len(all_people),
            "completed": sum(r["completed"] for r in activity_rows),
            "hours": sum((r["hours"] for r in activity_rows), Decimal(0)),
            "certifications": sum(r["count"] for r in certifications),
            "needs": sum(r["count"] for r in need_rows),
            "open": sum(r["open"] for r in need_rows),
        },
    }


def workbook(data: dict) -> bytes:
    kind_label = dict(OrganisationKind.choices)
    return write_xlsx(
        [
            (
                _("Activities"),
                [
                    _("Activity"),
                    _("Kind"),
                    _("Formal or informal"),
                    _("Runs"),
                    _("Participants"),
                    _("Completed"),
                    _("Hours"),
                ],
                [
                    [
                        r["activity"].name,
                        r["activity"].get_kind_display(),
                        r["activity"].get_formality_display(),
                        r["runs"],
                        r["participants"],
                        r["completed"],
                        r["hours"],
                    ]
                    for r in data["activities"]
                ],
            ),
            (
                _("Schools and institutes"),
                [
                    _("Organisation"),
                    _("Kind"),
                    _("Participants"),
                    _("Completed"),
                    _("Hours"),
                    _("Needs"),
                    _("Open needs"),
                ],
                [
                    [
                        r["organisation"].name,
                        kind_label.get(r["organisation"].kind, ""),
                        r["participants"],
                        r["completed"],
                        r["hours"],
                        r["needs"],
                        r["open"],
                    ]
                    for r in data["schools"]
                ],
            ),
            (
                _("Certifications"),
                [_("Qualification"), _("Obtained this year")],
                [[r["kind"], r["count"]] for r in data["certifications"]],
            ),
            (
                _("Needs"),
                [
                    _("Organisation"),
                    _("Role"),
                    _("To train"),
                    _("Trained this year"),
                    _("Open"),
                    _("Content wishes"),
                ],
                [
                    [
                        r["organisation"],
                        r["role"],
                        r["count"],
                        r["trained"],
                        r["open"],
                        r["content"],
                    ]
                    for r in data["needs"]
                ],
            ),
        ]
    )
