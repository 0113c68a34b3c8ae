"""Reads for groups, pairs, webinars, co-docent hours, the booklet and the calendar feed.

Who sees what: organisers and the other managers see every group and pair of the partnership;
anyone else (guides, institute leads, a student) sees the groups and pairs that hold at least
one student the access layer lets them see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from partnerships.access import Access
from partnerships.glossary import Role
from partnerships.models import AcademicYear, Period, Person, RoleAssignment, Student

from .. import codocent_hours as formula
from ..audience import student_in_audience
from ..choices import PackageKind, RegistrationStatus, SessionKind, TravelRule
from ..models import (
    CoDocentNorms,
    CoDocentPackage,
    Event,
    IntervisionGroup,
    Registration,
    Session,
    StudentPair,
    WebinarLog,
)

WEBINARS_PER_PERIOD = 2
STUDENT_RELATED = ("person", "school", "institute")


def student_level(student: Student) -> str:
    """hbo or wo, from the student's institute."""
    return "wo" if student.institute.institute_level == "wo" else "hbo"


def eligible_students(*, partnership) -> QuerySet[Student]:
    """Who is grouped and paired: active students with a school this year."""
    return (
        Student.objects.filter(partnership=partnership, is_active=True, school__isnull=False)
        .select_related(*STUDENT_RELATED)
        .order_by("person__last_name", "person__first_name", "pk")
    )


def _members():
    return Prefetch(
        "members", queryset=Student.objects.select_related(*STUDENT_RELATED).order_by("pk")
    )


def groups_visible(*, access: Access, partnership, year: AcademicYear) -> QuerySet:
    qs = IntervisionGroup.objects.filter(partnership=partnership, academic_year=year)
    if not access.sees_whole_partnership(partnership):
        ids = IntervisionGroup.objects.filter(
            partnership=partnership,
            academic_year=year,
            members__in=access.students(partnership),
        ).values("pk")
        qs = qs.filter(pk__in=ids)
    return qs.select_related("supervisor").prefetch_related(_members()).order_by("level", "name")


PAIR_RELATED = [f"{m}__{r}" for m in ("first", "second", "third") for r in STUDENT_RELATED]


def pairs_visible(*, access: Access, partnership, year: AcademicYear) -> QuerySet:
    qs = StudentPair.objects.filter(partnership=partnership, academic_year=year)
    if not access.sees_whole_partnership(partnership):
        seen = access.students(partnership)
        qs = qs.filter(Q(first__in=seen) | Q(second__in=seen) | Q(third__in=seen))
    return qs.select_related(*PAIR_RELATED).order_by("pk")


def pair_members(pair: StudentPair) -> list[Student]:
    return [s for s in (pair.first, pair.second, pair.third) if s is not None]


def previous_partners(*, partnership, year: AcademicYear) -> dict[int, set[int]]:
    """Student id -> the students they were paired with the year before."""
    partners: dict[int, set[int]] = {}
    rows = StudentPair.objects.filter(
        partnership=partnership, academic_year__start_year=year.start_year - 1
    ).values_list("first_id", "second_id", "third_id")
    for row in rows:
        ids = [i for i in row if i]
        for i in ids:
            partners.setdefault(i, set()).update(j for j in ids if j != i)
    return partners


def supervisors(*, partnership) -> QuerySet[Person]:
    """Who may supervise an intervision group: trainers and co-docenten of the partnership."""
    roles = [Role.SCHOOLOPLEIDER, Role.INSTITUUTSOPLEIDER, Role.CO_DOCENT]
    ids = RoleAssignment.objects.active().filter(partnership=partnership, role__in=roles)
    return Person.objects.filter(pk__in=ids.values("person")).order_by("last_name", "first_name")


# --- webinars ---------------------------------------------------------------------------------
def periods_of(year: AcademicYear) -> list[Period]:
    return list(Period.objects.filter(academic_year=year).order_by("number"))


def period_for(day: datetime.date) -> Period | None:
    return (
        Period.objects.filter(start_date__lte=day, end_date__gte=day)
        .select_related("academic_year")
        .first()
    )


def current_period(year: AcademicYear, today: datetime.date) -> Period | None:
    return next((p for p in periods_of(year) if p.start_date <= today <= p.end_date), None)


@dataclass
class PeriodStatus:
    period: Period
    count: int
    started: bool
    logs: list

    @property
    def short_by(self) -> int:
        return max(WEBINARS_PER_PERIOD - self.count, 0)

    @property
    def met(self) -> bool:
        return self.short_by == 0


def webinar_periods(*, student: Student, year: AcademicYear, today) -> list[PeriodStatus]:
    logs = list(WebinarLog.objects.filter(student=student, academic_year=year))
    return [
        PeriodStatus(
            period=p,
            count=sum(1 for log in logs if log.period == p.number),
            started=p.start_date <= today,
            logs=[log for log in logs if log.period == p.number],
        )
        for p in periods_of(year)
    ]


def webinar_overview(*, access: Access, partnership, year: AcademicYear) -> QuerySet[Student]:
    """The students one may see, each with ``p1``…``p4``: webinars logged per period."""
    counts = {
        f"p{n}": Count(
            "webinar_logs",
            filter=Q(webinar_logs__academic_year=year, webinar_logs__period=n),
        )
        for n in range(1, 5)
    }
    return (
        access.students(partnership)
        .filter(is_active=True)
        .select_related(*STUDENT_RELATED)
        .annotate(**counts)
        .order_by("person__last_name", "person__first_name", "pk")
    )


# --- co-docent hours -------------------------------------------------------------------------
def codocent_norms(*, partnership) -> CoDocentNorms:
    return CoDocentNorms.objects.get_or_create(partnership=partnership)[0]


def formula_norms(norms: CoDocentNorms) -> formula.Norms:
    return formula.Norms(
        meeting_hours=norms.meeting_hours,
        factors={
            SessionKind.WORKSHOP: norms.workshop_factor,
            SessionKind.INTERVISION: norms.intervision_factor,
            SessionKind.WORK_MEETING: norms.work_meeting_factor,
        },
        travel_hours=norms.travel_hours,
        travel_rule=norms.travel_rule,
        packages={
            PackageKind.HBO_YEAR_1: norms.hbo_year_1_package,
            PackageKind.WPB_TRAINING: norms.wpb_training_package,
        },
    )


def codocent_rule_text(norms: CoDocentNorms) -> str:
    """The formula in words, next to the figures on the page and in the export."""
    values = {
        "h": _number(norms.meeting_hours),
        "w": _number(norms.workshop_factor),
        "i": _number(norms.intervision_factor),
        "m": _number(norms.work_meeting_factor),
        "t": _number(norms.travel_hours),
    }
    sessions = (
        _(
            "Per session a co-docent gives in a published event: %(h)s hours × the factor of its "
            "kind (workshop %(w)s, intervision %(i)s, work meeting %(m)s)."
        )
        % values
    )
    if norms.travel_rule == TravelRule.PER_EVENT_DAY:
        travel = (
            _(
                "Travel counts %(t)s hours once per event day, however many sessions a co-docent "
                "gives that day."
            )
            % values
        )
    else:
        travel = (
            _(
                "Travel counts %(t)s hours per meeting: every session a co-docent gives adds it, "
                "also several on one day."
            )
            % values
        )
    packages = _("Packages add their fixed hours.")
    return f"{sessions} {travel} {packages}"


def _number(value) -> str:
    """1.50 → "1,5", 48.0 → "48" (in Dutch), without trailing zeros."""
    return number_format(Decimal(format(Decimal(value).normalize(), "f")))


def codocent_roles(*, partnership, year: AcademicYear) -> QuerySet[RoleAssignment]:
    """Co-docent roles valid at some time in the year."""
    return (
        RoleAssignment.objects.filter(partnership=partnership, role=Role.CO_DOCENT)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=year.end_date))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=year.start_date))
        .select_related("person", "organisation")
        .order_by("organisation__name", "person__last_name", "pk")
    )


@dataclass
class CodocentTable:
    norms: CoDocentNorms
    people: list  # (person, school, PersonHours)
    schools: list  # (school or None, SchoolHours, bar percentage)
    overall: formula.Spread
    show_people: bool
    uncounted_sessions: int  # sessions given by facilitators without a co-docent role
    rule_text: str = ""  # the formula and travel rule in words


@dataclass
class CodocentHours:
    """Everyone's co-docent hours of a year, before anything is hidden from a reader."""

    norms: CoDocentNorms
    people: dict  # person id -> Person
    school_of: dict  # person id -> school (or None)
    hours: dict  # person id -> formula.PersonHours
    per_school: list  # formula.SchoolHours
    uncounted: int


def codocent_hours(*, partnership, year: AcademicYear) -> CodocentHours:
    """The hours of every co-docent of the year (published events and packages) and per school."""
    norms = codocent_norms(partnership=partnership)
    roles = list(codocent_roles(partnership=partnership, year=year))
    people = {r.person_id: r.person for r in roles}
    school_of: dict[int, object] = {}
    for r in roles:
        school_of.setdefault(r.person_id, r.organisation)
    works = list(
        Session.facilitators.through.objects.filter(
            session__slot__event__partnership=partnership,
            session__slot__event__academic_year=year,
            session__slot__event__is_published=True,
        ).values_list(
            "person_id",
            "session__slot__event_id",
            "session_id",
            "session__kind",
            "session__slot__event__date",
        )
    )
    counted = [formula.SessionWork(*w) for w in works if w[0] in people]
    uncounted = len({w[2] for w in works if w[0] not in people} - {w.session for w in counted})
    packages = [
        formula.PackageWork(p.person_id, p.kind)
        for p in CoDocentPackage.objects.filter(partnership=partnership, academic_year=year)
        if p.person_id in people
    ]
    hours = formula.person_hours(counted, packages, formula_norms(norms))
    for person_id in people:
        hours.setdefault(person_id, formula.PersonHours(person_id))
    school_ids = {pid: (s.pk if s else None) for pid, s in school_of.items()}
    per_school = formula.school_hours(hours, school_ids)
    return CodocentHours(norms, people, school_of, hours, per_school, uncounted)


def codocent_table(*, access: Access, partnership, year: AcademicYear) -> CodocentTable:
    """Hours of every co-docent of the year. Managers and governance see everyone; a
    schoolcoördinator the co-docenten of their schools; a co-docent themself. School totals are
    shown to all readers (they say nothing about a person)."""
    data = codocent_hours(partnership=partnership, year=year)
    norms, people, school_of, hours = data.norms, data.people, data.school_of, data.hours
    per_school, uncounted = data.per_school, data.uncounted
    schools = {s.pk: s for s in school_of.values() if s}
    top = max((row.spread.total for row in per_school), default=0)
    school_rows = [
        (schools.get(row.school), row, int(row.spread.total * 100 / top) if top else 0)
        for row in per_school
    ]
    overall = formula.spread([row.spread.total for row in per_school if row.school is not None])

    visible = _visible_codocenten(access, partnership, school_of)
    people_rows = sorted(
        (
            (people[pid], school_of.get(pid), hours[pid])
            for pid in people
            if visible is None or pid in visible
        ),
        key=lambda row: (-row[2].total, row[0].last_name, row[0].pk),
    )
    return CodocentTable(
        norms=norms,
        people=people_rows,
        schools=school_rows,
        overall=overall,
        show_people=bool(people_rows),
        uncounted_sessions=uncounted,
        rule_text=codocent_rule_text(norms),
    )


def _visible_codocenten(access: Access, partnership, school_of) -> set[int] | None:
    from partnerships.access import GOVERNANCE, MANAGERS

    roles = access.roles(partnership)
    if roles & (MANAGERS | GOVERNANCE):
        return None
    schools = access.own_school_ids(partnership, {Role.SCHOOLCOORDINATOR})
    visible = {pid for pid, school in school_of.items() if school and school.pk in schools}
    if Role.CO_DOCENT in roles:
        visible.add(access.user.pk)
    return visible


# --- booklet and calendar ----------------------------------------------------------------------
def booklet_events(*, partnership, year: AcademicYear) -> QuerySet[Event]:
    sessions = Session.objects.prefetch_related("facilitators").order_by("line", "title", "pk")
    from ..models import TimeSlot

    slots = TimeSlot.objects.prefetch_related(Prefetch("sessions", queryset=sessions)).order_by(
        "starts_at", "pk"
    )
    return (
        Event.objects.filter(partnership=partnership, academic_year=year, is_published=True)
        .select_related("host_school")
        .prefetch_related(Prefetch("slots", queryset=slots))
        .order_by("date", "starts_at", "pk")
    )


def event_is_for_student(event: Event, student: Student) -> bool:
    return student_in_audience(
        hbo_years=event.audience_hbo_years or [],
        wo=event.audience_wo,
        programme_variant=student.programme_variant,
        hbo_year=student.hbo_year,
    )


def feed_entries(person: Person) -> list[tuple[str, Event, Session | None]]:
    """What a person's calendar holds, as (uid key, event, session or None):

    * as a student, the published events of their audience and the sessions they chose;
    * as a facilitator, the sessions they give;
    * as staff, the published events whose audience includes one of their roles;

    in every partnership they belong to. Each event or session appears once."""
    entries: dict[str, tuple[Event, Session | None]] = {}
    published = Event.objects.filter(is_published=True).select_related("host_school")
    students = list(
        Student.objects.filter(person=person, is_active=True).select_related("institute")
    )
    for student in students:
        events = published.filter(partnership_id=student.partnership_id)
        for event in events:
            if event_is_for_student(event, student):
                entries[f"event-{event.pk}"] = (event, None)
        regs = Registration.objects.filter(
            student=student, status=RegistrationStatus.REGISTERED, slot__event__is_published=True
        ).select_related("session", "slot__event__host_school")
        for reg in regs:
            entries[f"session-{reg.session_id}"] = (reg.slot.event, reg.session)
    given = Session.objects.filter(
        facilitators=person, slot__event__is_published=True
    ).select_related("slot__event__host_school")
    for session in given:
        entries[f"session-{session.pk}"] = (session.slot.event, session)
    roles: dict[int, set[str]] = {}
    for role, partnership_id in (
        RoleAssignment.objects.active().filter(person=person).values_list("role", "partnership_id")
    ):
        roles.setdefault(partnership_id, set()).add(role)
    for event in published.filter(partnership_id__in=list(roles)):
        if roles[event.partnership_id] & set(event.audience_roles or []):
            entries.setdefault(f"event-{event.pk}", (event, None))
    return [(key, event, session) for key, (event, session) in entries.items()]
