"""Compliance with the professionalisation requirements: load the facts of a set of schools in a
fixed number of queries, run the pure rules of ``requirements`` and put the gaps into words.

Scope: managers and governance see every school of the partnership; school leads
(schoolcoördinator, schoolopleider, school leader) their own school(s), the cluster schools
included for a schoolcoördinator (``Access.own_school_ids``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from partnerships.access import GOVERNANCE, MANAGERS, SCHOOL_LEADS, Access
from partnerships.glossary import OrganisationKind, QualificationStatus
from partnerships.models import (
    AcademicYear,
    Organisation,
    Partnership,
    Person,
    Qualification,
    RoleAssignment,
    Section,
)
from placements import selectors as placement_selectors

from . import requirements as rules
from .choices import EnrolmentStatus, RunStatus
from .models import Activity, Enrolment, RequirementNorms, Run
from .permissions import ProAction

RULE_ROLES = (
    rules.WERKPLEKBEGELEIDER,
    rules.SCHOOLOPLEIDER,
    rules.SCHOOLCOORDINATOR,
    rules.ASSESSOR,
)
OPEN_RUN = (RunStatus.PLANNED, RunStatus.RUNNING)
# The qualification a candidate of each gap works towards (to find a run to enrol them in).
GAP_KIND = {
    rules.GapCode.SCHOOLOPLEIDERS: rules.SCHOOLOPLEIDER_COURSE,
    rules.GapCode.BRLO: rules.BRLO,
    rules.GapCode.ASSESSORS: rules.ASSESSOR_CERTIFICATE,
    rules.GapCode.SECTION: rules.WPB_BASIS,
    rules.GapCode.WPB_TRAINING: rules.WPB_BASIS,
}


# --- norms ---------------------------------------------------------------------------------
def norms_for(partnership: Partnership) -> RequirementNorms:
    return RequirementNorms.objects.get_or_create(partnership=partnership)[0]


def as_rules(norms: RequirementNorms) -> rules.Norms:
    return rules.Norms(
        min_schoolopleiders=norms.min_schoolopleiders,
        min_brlo=norms.min_brlo,
        min_coordinators=norms.min_coordinators,
        min_assessors=norms.min_assessors,
        min_certified_wpb_per_section=norms.min_certified_wpb_per_section,
        min_teaching_years=norms.min_teaching_years,
    )


# --- scope ---------------------------------------------------------------------------------
def sees_all_schools(access: Access, partnership: Partnership) -> bool:
    return bool(access.roles(partnership) & (MANAGERS | GOVERNANCE))


def schools(access: Access, partnership: Partnership) -> QuerySet[Organisation]:
    """The active schools whose compliance the user may see."""
    qs = Organisation.objects.filter(
        partnership=partnership, kind=OrganisationKind.SCHOOL, is_active=True
    )
    if sees_all_schools(access, partnership):
        return qs.order_by("name")
    return qs.filter(pk__in=access.own_school_ids(partnership, SCHOOL_LEADS)).order_by("name")


# --- facts ---------------------------------------------------------------------------------
def _name(first: str, middle: str, last: str) -> str:
    return " ".join(p for p in (first, middle, last) if p)


def person_facts(
    partnership: Partnership, person_ids: Iterable[int]
) -> dict[int, rules.PersonFacts]:
    """Name, teaching years, qualifications and open enrolments of people, in two queries: the
    people with their qualifications, and the partnership's open enrolments (few: planned and
    running runs only), read once rather than as a subquery per person."""
    ids = set(person_ids)
    if not ids:
        return {}
    quals = Qualification.objects.filter(person=OuterRef("pk")).order_by().values("kind")
    open_runs: dict[int, list[rules.OpenRun]] = defaultdict(list)
    for person_id, run_id, title, activity, starts_on, kind in (
        Enrolment.objects.filter(
            status=EnrolmentStatus.ENROLLED,
            run__status__in=OPEN_RUN,
            run__activity__partnership=partnership,
        )
        .exclude(run__activity__qualification_kind="")
        .order_by("run__starts_on", "run_id")
        .values_list(
            "person_id",
            "run_id",
            "run__title",
            "run__activity__name",
            "run__starts_on",
            "run__activity__qualification_kind",
        )
    ):
        if person_id in ids:
            open_runs[person_id].append(
                rules.OpenRun(run_id, _run_name(title, activity, starts_on), kind)
            )
    rows = (
        Person.objects.filter(pk__in=ids)
        .annotate(
            done=ArraySubquery(quals.filter(status=QualificationStatus.COMPLETED)),
            running=ArraySubquery(quals.filter(status=QualificationStatus.RUNNING)),
        )
        .order_by()
        .values_list(
            "pk", "first_name", "tussenvoegsel", "last_name", "teaching_since", "done", "running"
        )
    )
    return {
        pk: rules.PersonFacts(
            pk,
            _name(first, middle, last),
            teaching_since,
            frozenset(done),
            frozenset(running),
            tuple(open_runs[pk]),
        )
        for pk, first, middle, last, teaching_since, done, running in rows
    }


def _run_name(title: str, activity: str, starts_on: datetime.date) -> str:
    return title or f"{activity} {starts_on:%d-%m-%Y}"


@dataclass
class Facts:
    schools: list[rules.SchoolFacts]  # the schools asked for and their cluster partners
    people: dict[int, rules.PersonFacts]
    wanted: set[int]  # the ids of the schools asked for
    cluster_names: dict[int, str]

    def gaps(self, norms: rules.Norms, on: datetime.date) -> dict[int, list[rules.Gap]]:
        return rules.evaluate(self.schools, self.people, norms, on.year)


def school_facts(
    partnership: Partnership,
    scope: QuerySet[Organisation] | Iterable[int],
    on: datetime.date,
) -> Facts:
    """Facts of the schools in ``scope`` (with every school of their clusters) and of their
    staff: four queries however many schools and people."""
    if not isinstance(scope, QuerySet):
        scope = Organisation.objects.filter(pk__in=list(scope))
    scope = scope.order_by().values("pk")
    orgs = list(
        Organisation.objects.filter(partnership=partnership, kind=OrganisationKind.SCHOOL)
        .filter(
            Q(pk__in=scope)
            | Q(cluster__in=Organisation.objects.filter(pk__in=scope).values("cluster"))
        )
        .annotate(wanted=Exists(scope.filter(pk=OuterRef("pk"))))
        .order_by("name")
        .values_list("pk", "name", "cluster_id", "cluster__name", "wanted")
    )
    org_ids = [row[0] for row in orgs]
    holdings: dict[int, list[rules.Holding]] = defaultdict(list)
    assignments = (
        RoleAssignment.objects.active(on)
        .filter(partnership=partnership, organisation__in=org_ids, role__in=RULE_ROLES)
        .order_by("person__last_name", "person__first_name", "pk")
        .values_list("organisation_id", "person_id", "role", "subject_id")
    )
    for org_id, person_id, role, subject_id in assignments:
        holdings[org_id].append(rules.Holding(person_id, role, subject_id))
    sections: dict[int, list[rules.SectionFacts]] = defaultdict(list)
    for school_id, subject_id, subject, takes in (
        Section.objects.filter(school__in=org_ids)
        .order_by("subject__name")
        .values_list("school_id", "subject_id", "subject__name", "takes_students")
    ):
        sections[school_id].append(rules.SectionFacts(subject_id, subject, takes))
    facts = [
        rules.SchoolFacts(pk, name, cluster, tuple(holdings[pk]), tuple(sections[pk]))
        for pk, name, cluster, _cluster_name, _wanted in orgs
    ]
    people = person_facts(partnership, {h.person_id for hs in holdings.values() for h in hs})
    return Facts(
        facts,
        people,
        {row[0] for row in orgs if row[4]},
        {row[0]: row[3] for row in orgs if row[3]},
    )


def open_runs(partnership: Partnership) -> dict[str, list[Run]]:
    """Planned and running runs per qualification kind they give, soonest first."""
    runs = (
        Run.objects.filter(activity__partnership=partnership, status__in=OPEN_RUN)
        .exclude(activity__qualification_kind="")
        .select_related("activity")
        .order_by("starts_on", "pk")
    )
    out: dict[str, list[Run]] = defaultdict(list)
    for run in runs:
        out[run.activity.qualification_kind].append(run)
    return out


# --- words ---------------------------------------------------------------------------------
def gap_text(gap: rules.Gap, cluster: str = "") -> str:
    values = {"have": gap.have, "need": gap.need, "label": gap.label, "cluster": cluster}
    code = gap.code
    if code == rules.GapCode.SCHOOLOPLEIDERS:
        text = _("%(have)s of the %(need)s schoolopleiders the school needs.")
    elif code == rules.GapCode.BRLO:
        text = _("%(have)s of the %(need)s BRLO-registered schoolopleiders the school needs.")
    elif code == rules.GapCode.COORDINATOR and cluster:
        text = _(
            "%(have)s of the %(need)s schoolcoördinators the school needs "
            "(shared within cluster %(cluster)s)."
        )
    elif code == rules.GapCode.COORDINATOR:
        text = _("%(have)s of the %(need)s schoolcoördinators the school needs.")
    elif code == rules.GapCode.ASSESSORS:
        text = _("%(have)s of the %(need)s certified assessors the school needs.")
    elif code == rules.GapCode.SECTION:
        text = _(
            "The %(label)s section takes students but has %(have)s of the %(need)s "
            "werkplekbegeleiders with a completed wpb training it needs."
        )
    elif code == rules.GapCode.TEACHING_UNKNOWN:
        text = _(
            "Werkplekbegeleider %(label)s: teaching years unknown (a wpb needs %(need)s years)."
        )
    elif code == rules.GapCode.TEACHING_YEARS:
        text = _(
            "Werkplekbegeleider %(label)s has taught %(have)s years; a wpb needs %(need)s years."
        )
    else:
        text = _(
            "Werkplekbegeleider %(label)s has not completed a wpb training and is not "
            "following or enrolled in one."
        )
    return text % values


def shortfall_text(short: rules.Shortfall) -> str:
    values = {"have": short.have, "need": short.need}
    if short.code == rules.GapCode.TEACHING_UNKNOWN:
        return _("teaching years unknown (a wpb needs %(need)s)") % values
    if short.code == rules.GapCode.TEACHING_YEARS:
        return _("has taught %(have)s years (a wpb needs %(need)s)") % values
    return _("no completed, running or planned wpb training")


@dataclass
class CandidateView:
    name: str
    person_id: int
    status: str  # "enrolled in …" or "eligible"
    run_url: str = ""
    enrol_url: str = ""
    enrol_label: str = ""


@dataclass
class GapView:
    code: str
    text: str
    candidates: list[CandidateView]
    plan_url: str = ""  # no open run to enrol in: where to plan one


@dataclass
class SchoolReport:
    id: int
    name: str
    cluster: str
    gaps: list[GapView] = field(default_factory=list)

    @property
    def compliant(self) -> bool:
        return not self.gaps


class Links:
    """URLs of the runs pages, as far as the viewer may use them."""

    def __init__(self, access: Access, partnership: Partnership, runs: dict[str, list[Run]] | None):
        self.slug = partnership.slug
        self.runs = runs or {}
        self.enrol = access.can(partnership, ProAction.ENROL_OTHERS)
        self.manage = access.can(partnership, ProAction.MANAGE_ACTIVITIES)
        self.activities: dict[str, int] = {}
        self._run_urls: dict[int, str] = {}
        self._enrol_urls: dict[int, str] = {}
        if self.manage and runs is not None:
            for pk, kind in (
                Activity.objects.filter(partnership=partnership, is_active=True)
                .exclude(qualification_kind="")
                .order_by("-pk")
                .values_list("pk", "qualification_kind")
            ):
                self.activities[kind] = pk  # the oldest activity of each kind wins

    def run(self, run_id: int) -> str:
        if run_id not in self._run_urls:  # a few runs, many candidates: reverse once per run
            self._run_urls[run_id] = reverse(
                "professionalisation:run_detail", kwargs={"partnership": self.slug, "pk": run_id}
            )
        return self._run_urls[run_id]

    def enrol_in(self, kind: str | None) -> Run | None:
        if not self.enrol or not kind or not self.runs.get(kind):
            return None
        return self.runs[kind][0]

    def enrol_url(self, run: Run, person_id: int) -> str:
        if run.pk not in self._enrol_urls:
            self._enrol_urls[run.pk] = reverse(
                "professionalisation:run_enrol_person",
                kwargs={"partnership": self.slug, "pk": run.pk},
            )
        return f"{self._enrol_urls[run.pk]}?person={person_id}"

    def plan(self, kind: str | None) -> str:
        """Where an organiser plans a run giving ``kind`` (none open): the new-run form for an
        activity that gives it, or the catalogue to make such an activity."""
        if not self.manage or not kind or self.runs.get(kind):
            return ""
        kwargs = {"partnership": self.slug}
        activity = self.activities.get(kind)
        if activity is None:
            return reverse("professionalisation:activity_list", kwargs=kwargs)
        url = reverse("professionalisation:run_create", kwargs=kwargs)
        return f"{url}?activity={activity}"


def _gap_view(gap: rules.Gap, cluster: str, links: Links) -> GapView:
    kind = GAP_KIND.get(gap.code)
    run = links.enrol_in(kind)
    candidates = []
    for c in gap.candidates:
        if c.run is not None:
            candidates.append(
                CandidateView(
                    c.name,
                    c.person_id,
                    _("enrolled in %(run)s") % {"run": c.run.name},
                    run_url=links.run(c.run.id),
                )
            )
        else:
            view = CandidateView(c.name, c.person_id, _("eligible"))
            if run is not None:
                view.enrol_url = links.enrol_url(run, c.person_id)
                view.enrol_label = _("Enrol %(name)s in %(run)s") % {"name": c.name, "run": run}
            candidates.append(view)
    plan = links.plan(kind) if any(not c.run_url for c in candidates) else ""
    return GapView(str(gap.code), gap_text(gap, cluster), candidates, plan)


def school_reports(
    *,
    access: Access,
    partnership: Partnership,
    scope: QuerySet[Organisation] | Iterable[int],
    on: datetime.date,
    norms: RequirementNorms | None = None,
) -> list[SchoolReport]:
    """One report per school in ``scope`` (in name order), with its gaps in words; ``norms``
    the partnership's (``norms_for``) when the caller has them already."""
    facts = school_facts(partnership, scope, on)
    gaps = facts.gaps(as_rules(norms or norms_for(partnership)), on)
    wanted = [school for school in facts.schools if school.id in facts.wanted]
    any_gap = any(gaps[school.id] for school in wanted)
    links = Links(access, partnership, open_runs(partnership) if any_gap else None)
    reports = []
    for school in wanted:
        cluster = facts.cluster_names.get(school.id, "")
        reports.append(
            SchoolReport(
                school.id,
                school.name,
                cluster,
                [_gap_view(g, cluster, links) for g in gaps[school.id]],
            )
        )
    return reports


def gap_counts(
    *,
    partnership: Partnership,
    scope: QuerySet[Organisation],
    norms: rules.Norms,
    on,
    facts: Facts | None = None,
) -> list[tuple[int, str, int]]:
    """(school id, name, number of gaps) per school in ``scope`` (dashboards: no words);
    ``facts``: ``school_facts`` of that scope, when the caller has read them already."""
    facts = facts if facts is not None else school_facts(partnership, scope, on)
    gaps = facts.gaps(norms, on)
    return [(f.id, f.name, len(gaps[f.id])) for f in facts.schools if f.id in facts.wanted]


# --- flagged placements --------------------------------------------------------------------
@dataclass
class Flag:
    placement: placement_selectors.Placement
    reasons: list[str]
    visible: bool  # the viewer may see the student


def flagged_count(
    *,
    access: Access,
    partnership: Partnership,
    on: datetime.date,
    scope: QuerySet[Organisation] | None = None,
    norms: rules.Norms | None = None,
    known: dict[int, rules.PersonFacts] | None = None,
) -> int:
    """How many placements ``flagged_placements`` lists, for the dashboard: their mentors'
    ids only (no placements, students or texts built), each mentor's facts checked once.
    ``known``: people's facts already read (``person_facts`` of the same partnership, e.g. the
    schools' staff in ``school_facts``); only the other mentors are read."""
    mentors = list(
        placement_selectors.placements_with_mentor(
            start_year=AcademicYear.start_year_for(on),
            schools=scope if scope is not None else schools(access, partnership),
        ).values_list("werkplekbegeleider_id", flat=True)
    )
    if not mentors:
        return 0
    known = known or {}
    people = {**known, **person_facts(partnership, set(mentors) - known.keys())}
    norms = norms or as_rules(norms_for(partnership))
    short = {pk: bool(rules.mentor_shortfalls(people[pk], norms, on.year)) for pk in set(mentors)}
    return sum(1 for pk in mentors if short[pk])


def flagged_placements(
    *,
    access: Access,
    partnership: Partnership,
    on: datetime.date,
    scope: QuerySet[Organisation] | None = None,
    norms: rules.Norms | None = None,
) -> list[Flag]:
    """This year's confirmed and active placements at the schools in the viewer's compliance
    scope whose werkplekbegeleider falls short; ``visible`` tells whether the viewer may see the
    student (governance sees counts per school, not students)."""
    placements = list(
        placement_selectors.placements_with_mentor(
            start_year=AcademicYear.start_year_for(on),
            schools=scope if scope is not None else schools(access, partnership),
        )
        .select_related("student__person", "school", "subject", "werkplekbegeleider")
        .order_by("school__name", "student__person__last_name", "pk")
    )
    if not placements:
        return []
    people = person_facts(partnership, {p.werkplekbegeleider_id for p in placements})
    norms = norms or as_rules(norms_for(partnership))
    flagged = [
        (p, shortfalls)
        for p in placements
        if (shortfalls := rules.mentor_shortfalls(people[p.werkplekbegeleider_id], norms, on.year))
    ]
    if not flagged:
        return []
    visible = set(
        access.students(partnership)
        .filter(pk__in={p.student_id for p, _s in flagged})
        .values_list("pk", flat=True)
    )
    return [
        Flag(p, [shortfall_text(s) for s in shortfalls], p.student_id in visible)
        for p, shortfalls in flagged
    ]
