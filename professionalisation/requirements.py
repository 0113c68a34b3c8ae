"""The professionalisation requirements per school, as pure rules (no Django).

The facts of a school (who holds which role, its sections) and of the people involved (their
qualifications, running trainings and enrolments in open runs) go in; the gaps come out, each
with the people who could close it. ``professionalisation.compliance`` loads the facts and
turns the gaps into words.

The rules (norms per partnership, defaults from DOMAIN "Organisations and roles", 002 §6):

* at least ``min_schoolopleiders`` schoolopleiders, of whom ``min_brlo`` BRLO-registered;
* at least ``min_coordinators`` schoolcoördinator — a cluster of schools acts as one school
  here, so a coordinator at any school of the cluster counts for all of them;
* at least ``min_assessors`` assessors holding a completed assessor certificate; an assessor
  without the certificate does *not* count, but is named as a candidate who could close the gap
  once certified (as is certified staff without the assessor role, and staff enrolled in an
  assessor training);
* every section that takes students has ``min_certified_wpb_per_section`` werkplekbegeleiders of
  that subject with a completed wpb training (basic, or the deepening that follows it);
* every werkplekbegeleider has taught ``min_teaching_years`` years (unknown is a gap of its own)
  and has completed a wpb training, is doing one (a running qualification) or is enrolled in an
  open run of one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

# Role and qualification values as stored (partnerships.glossary; a test keeps them in step).
WERKPLEKBEGELEIDER = "werkplekbegeleider"
SCHOOLOPLEIDER = "schoolopleider"
SCHOOLCOORDINATOR = "schoolcoordinator"
ASSESSOR = "assessor"

WPB_BASIS = "wpb_basis"
WPB_VERDIEPING = "wpb_verdieping"
SCHOOLOPLEIDER_COURSE = "schoolopleider_course"
BRLO = "brlo"
ASSESSOR_CERTIFICATE = "assessor"

# A wpb counts as certified with the basic training or the deepening that builds on it.
WPB_CERTIFICATES = frozenset({WPB_BASIS, WPB_VERDIEPING})


class GapCode(StrEnum):
    SCHOOLOPLEIDERS = "schoolopleiders"
    BRLO = "brlo"
    COORDINATOR = "coordinator"
    ASSESSORS = "assessors"
    SECTION = "section"
    TEACHING_UNKNOWN = "teaching_unknown"
    TEACHING_YEARS = "teaching_years"
    WPB_TRAINING = "wpb_training"


# The gaps that are about one werkplekbegeleider (also the reasons a placement is flagged).
MENTOR_CODES = frozenset({GapCode.TEACHING_UNKNOWN, GapCode.TEACHING_YEARS, GapCode.WPB_TRAINING})


@dataclass(frozen=True)
class Norms:
    min_schoolopleiders: int = 2
    min_brlo: int = 1
    min_coordinators: int = 1
    min_assessors: int = 1
    min_certified_wpb_per_section: int = 1
    min_teaching_years: int = 3


@dataclass(frozen=True)
class OpenRun:
    """A planned or running run whose completion gives qualification ``kind``."""

    id: int
    name: str
    kind: str


@dataclass(frozen=True)
class PersonFacts:
    id: int
    name: str
    teaching_since: int | None = None
    completed: frozenset[str] = frozenset()  # qualification kinds completed
    running: frozenset[str] = frozenset()  # qualification kinds with status "running"
    enrolled: tuple[OpenRun, ...] = ()  # enrolments (status enrolled) in open runs

    def holds(self, kinds: Iterable[str] | str) -> bool:
        kinds = {kinds} if isinstance(kinds, str) else set(kinds)
        return bool(self.completed & kinds)

    def enrolment_for(self, kinds: Iterable[str] | str) -> OpenRun | None:
        kinds = {kinds} if isinstance(kinds, str) else set(kinds)
        return next((run for run in self.enrolled if run.kind in kinds), None)

    def training_for(self, kinds: Iterable[str] | str) -> bool:
        """Completed, running, or enrolled in an open run."""
        kinds = {kinds} if isinstance(kinds, str) else set(kinds)
        return bool((self.completed | self.running) & kinds) or bool(self.enrolment_for(kinds))


@dataclass(frozen=True)
class Holding:
    """An active role assignment at the school (``subject`` for a wpb)."""

    person_id: int
    role: str
    subject_id: int | None = None


@dataclass(frozen=True)
class SectionFacts:
    subject_id: int
    subject: str
    takes_students: bool = True


@dataclass(frozen=True)
class SchoolFacts:
    id: int
    name: str
    cluster_id: int | None = None
    holdings: tuple[Holding, ...] = ()
    sections: tuple[SectionFacts, ...] = ()

    def holders(self, role: str, subject_id: int | None = None) -> list[int]:
        """Distinct people holding ``role`` (for ``subject_id`` if given), in holding order."""
        seen: dict[int, None] = {}
        for h in self.holdings:
            if h.role == role and (subject_id is None or h.subject_id == subject_id):
                seen.setdefault(h.person_id)
        return list(seen)

    def staff(self) -> list[int]:
        return list(dict.fromkeys(h.person_id for h in self.holdings))


@dataclass(frozen=True)
class Candidate:
    """Someone who could close a gap: enrolled in ``run``, or (without a run) eligible."""

    person_id: int
    name: str
    run: OpenRun | None = None

    @property
    def enrolled(self) -> bool:
        return self.run is not None


@dataclass(frozen=True)
class Gap:
    code: GapCode
    school_id: int
    have: int | None = None
    need: int | None = None
    subject_id: int | None = None
    person_id: int | None = None
    label: str = ""  # the section's subject or the person's name
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class Shortfall:
    """Why one werkplekbegeleider falls short (a gap at each school, a flag on a placement)."""

    code: GapCode
    have: int | None = None
    need: int | None = None


def mentor_shortfalls(person: PersonFacts, norms: Norms, year: int) -> list[Shortfall]:
    """What a werkplekbegeleider lacks in ``year`` (the calendar year teaching is counted to)."""
    out = []
    if person.teaching_since is None:
        out.append(Shortfall(GapCode.TEACHING_UNKNOWN, need=norms.min_teaching_years))
    else:
        years = year - person.teaching_since
        if years < norms.min_teaching_years:
            out.append(Shortfall(GapCode.TEACHING_YEARS, years, norms.min_teaching_years))
    if not person.training_for(WPB_CERTIFICATES):
        out.append(Shortfall(GapCode.WPB_TRAINING))
    return out


def _candidates(
    people: Mapping[int, PersonFacts],
    *,
    eligible: Iterable[int] = (),
    enrolled_pool: Iterable[int] = (),
    kinds: Iterable[str] = (),
) -> tuple[Candidate, ...]:
    """``eligible`` people (with their enrolment in a matching run, if any) and anyone of
    ``enrolled_pool`` enrolled in a matching run; enrolled first, then by name."""
    kinds = frozenset(kinds)
    found: dict[int, Candidate] = {}
    for pid in eligible:
        person = people.get(pid)
        if person is not None:
            found[pid] = Candidate(pid, person.name, person.enrolment_for(kinds) if kinds else None)
    for pid in enrolled_pool:
        person = people.get(pid)
        if person is None or pid in found or not kinds:
            continue
        run = person.enrolment_for(kinds)
        if run is not None:
            found[pid] = Candidate(pid, person.name, run)
    return tuple(sorted(found.values(), key=lambda c: (not c.enrolled, c.name, c.person_id)))


def _person(people: Mapping[int, PersonFacts], pid: int) -> PersonFacts:
    return people.get(pid) or PersonFacts(pid, "")


def school_gaps(
    school: SchoolFacts,
    people: Mapping[int, PersonFacts],
    norms: Norms,
    year: int,
    cluster: Sequence[SchoolFacts] = (),
) -> list[Gap]:
    """The gaps of one school; ``cluster`` are the other schools of its cluster (they share the
    coordinator rule)."""
    gaps: list[Gap] = []
    staff = school.staff()

    # schoolopleiders, and the BRLO-registered among them
    sos = school.holders(SCHOOLOPLEIDER)
    if len(sos) < norms.min_schoolopleiders:
        trained = [
            pid
            for pid in staff
            if pid not in sos and _person(people, pid).holds(SCHOOLOPLEIDER_COURSE)
        ]
        gaps.append(
            Gap(
                GapCode.SCHOOLOPLEIDERS,
                school.id,
                len(sos),
                norms.min_schoolopleiders,
                candidates=_candidates(
                    people,
                    eligible=trained,
                    enrolled_pool=[p for p in staff if p not in sos],
                    kinds=[SCHOOLOPLEIDER_COURSE],
                ),
            )
        )
    registered = [pid for pid in sos if _person(people, pid).holds(BRLO)]
    if len(registered) < norms.min_brlo:
        gaps.append(
            Gap(
                GapCode.BRLO,
                school.id,
                len(registered),
                norms.min_brlo,
                candidates=_candidates(
                    people, eligible=[p for p in sos if p not in registered], kinds=[BRLO]
                ),
            )
        )

    # the coordinator, shared within a cluster
    together = [school, *(s for s in cluster if s.id != school.id)]
    coordinators = {pid for s in together for pid in s.holders(SCHOOLCOORDINATOR)}
    if len(coordinators) < norms.min_coordinators:
        leads = [pid for s in together for pid in s.holders(SCHOOLOPLEIDER)]
        gaps.append(
            Gap(
                GapCode.COORDINATOR,
                school.id,
                len(coordinators),
                norms.min_coordinators,
                candidates=_candidates(people, eligible=dict.fromkeys(leads)),
            )
        )

    # certified assessors; uncertified ones could close the gap once certified
    assessors = school.holders(ASSESSOR)
    others = [pid for pid in staff if pid not in assessors]
    certified = [pid for pid in assessors if _person(people, pid).holds(ASSESSOR_CERTIFICATE)]
    if len(certified) < norms.min_assessors:
        gaps.append(
            Gap(
                GapCode.ASSESSORS,
                school.id,
                len(certified),
                norms.min_assessors,
                candidates=_candidates(
                    people,
                    eligible=[
                        *(p for p in assessors if p not in certified),
                        *(p for p in others if _person(people, p).holds(ASSESSOR_CERTIFICATE)),
                    ],
                    enrolled_pool=others,
                    kinds=[ASSESSOR_CERTIFICATE],
                ),
            )
        )

    # a certified wpb in every section that takes students
    for section in school.sections:
        if not section.takes_students:
            continue
        wpbs = school.holders(WERKPLEKBEGELEIDER, section.subject_id)
        ok = [pid for pid in wpbs if _person(people, pid).holds(WPB_CERTIFICATES)]
        if len(ok) < norms.min_certified_wpb_per_section:
            gaps.append(
                Gap(
                    GapCode.SECTION,
                    school.id,
                    len(ok),
                    norms.min_certified_wpb_per_section,
                    subject_id=section.subject_id,
                    label=section.subject,
                    candidates=_candidates(
                        people,
                        eligible=[p for p in wpbs if p not in ok],
                        kinds=WPB_CERTIFICATES,
                    ),
                )
            )

    # every werkplekbegeleider: teaching years and a (running) training
    for pid in school.holders(WERKPLEKBEGELEIDER):
        person = _person(people, pid)
        for short in mentor_shortfalls(person, norms, year):
            candidates = ()
            if short.code == GapCode.WPB_TRAINING:
                candidates = (Candidate(pid, person.name),)
            gaps.append(
                Gap(
                    short.code,
                    school.id,
                    short.have,
                    short.need,
                    person_id=pid,
                    label=person.name,
                    candidates=candidates,
                )
            )
    return gaps


def evaluate(
    schools: Sequence[SchoolFacts],
    people: Mapping[int, PersonFacts],
    norms: Norms,
    year: int,
) -> dict[int, list[Gap]]:
    """Gaps per school id, for every school given (cluster schools should all be given, so the
    coordinator rule sees the whole cluster)."""
    clusters: dict[int, list[SchoolFacts]] = defaultdict(list)
    for school in schools:
        if school.cluster_id is not None:
            clusters[school.cluster_id].append(school)
    return {
        school.id: school_gaps(
            school,
            people,
            norms,
            year,
            clusters.get(school.cluster_id, []) if school.cluster_id is not None else [],
        )
        for school in schools
    }
