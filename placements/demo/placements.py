"""This year's placements in the demo (see ``placements.demo``; earlier years: ``demo_history``).

Every student with a school has a September placement there — active, with the student's
werkplekbegeleider, schoolopleider and instituutsopleider; cancelled (with the reason) for a
student who stopped. Four wo master 60 EC students have their second half on its way at another
school from February, in the bovenbouw: proposed, introductory interview planned, held (with
who attended and the topics discussed), confirmed; those with an interview stated a preference
for the year with their motivation and learning goals, which the school reads in the interview.
Of the students without a school, one lost a September proposal (cancelled: the
school withdrew the place) and has an interview planned elsewhere for February, another has a
February proposal.

The active placements are written in bulk (as the service writes them, see ``bulk_create``);
the others go through the lifecycle services, which check the capacity the active ones take.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from partnerships.demo.text import LEARNING_GOALS
from partnerships.glossary import ProgrammeVariant as V
from partnerships.glossary import Role, Stage, Start
from partnerships.models import Organisation, RoleAssignment, Student
from placements import services
from placements.choices import PlacementStatus
from placements.demo.capacity import UPPER_TYPES, school_types
from placements.models import Place, Placement, PlacementEvent, PreferenceForm

S = PlacementStatus
SELF_PLACED = (V.ZIJ_INSTROMER, V.HOGER_ANDERE_BEVOEGDHEID)
ON_ITS_WAY = (S.CONFIRMED, S.INTERVIEW_HELD, S.INTERVIEW_PLANNED, S.PROPOSED)
STOPPED = "Gestopt met de opleiding voordat de plaatsing begon."
WITHDRAWN = "De school trekt de plek in: de werkplekbegeleider is langdurig ziek."
TOPICS = [
    "practical",
    "motivation_education",
    "motivation_school",
    "learning_goals",
    "school_character",
    "vog",
    "confidentiality",
    "guides",
    "expectations",
    "work_on",
]
INTERVIEW_NOTES = "Kennismaking verliep goed; de student start na de voorjaarsvakantie."
MOTIVATION = (
    "Ik wil leerlingen laten ontdekken hoe mooi mijn vak is. Bij de opleidingsschool leer ik op "
    "meer dan één school lesgeven; deze school kies ik om de bovenbouw havo/vwo."
)


@dataclass
class Planned:
    student: Student
    school: Organisation
    stage: str
    level: str
    start: str
    status: str
    reason: str = ""

    @property
    def key(self) -> tuple:
        return (self.school.pk, self.student.subject_id, self.stage, self.level, self.start)


def is_upper(school: Organisation) -> bool:
    return bool(UPPER_TYPES & school_types(school))


def stage_for(demo, student: Student, school: Organisation) -> str:
    """wo masters start in the onderbouw (120 EC: the bovenbouw in their second year);
    eerstegraads students at a havo/vwo school and hbo year 4 at a vmbo school teach upper
    years; everyone else the onderbouw."""
    variant, upper = student.programme_variant, is_upper(school)
    if variant == V.WO_MASTER_120:
        second = student.start_year.start_year < demo.current.start_year
        return Stage.BOVENBOUW if second else Stage.ONDERBOUW
    if variant == V.WO_MASTER_60:
        return Stage.ONDERBOUW
    if (student.grade == "1" and upper) or (student.hbo_year == 4 and not upper):
        return Stage.BOVENBOUW
    return Stage.ONDERBOUW


def other_school(demo, student, rng, exclude: set, upper: bool | None = None):
    """A school with a section of the student's subject that is not in ``exclude``; ``upper``
    prefers havo/vwo schools (True) or the others (False)."""
    options = [
        school
        for school in demo.schools
        if school.pk not in exclude
        and any(s.subject_id == student.subject_id for s in demo.sections.get(school.pk, []))
    ]
    if upper is not None:
        options = [s for s in options if is_upper(s) == upper] or options
    return rng.choice(options) if options else None


def plan_current(demo) -> list[Planned]:
    planned, schools = [], demo.school_map()
    for student in demo.students:
        school = schools.get(student.school_id)
        if school is None:
            continue
        status, reason = (S.ACTIVE, "") if student.is_active else (S.CANCELLED, STOPPED)
        level, stage = student.institute.institute_level, stage_for(demo, student, school)
        planned.append(Planned(student, school, stage, level, Start.SEPTEMBER, status, reason))
    active = [s for s in demo.students if s.is_active]
    halves = [s for s in active if s.school and s.programme_variant == V.WO_MASTER_60]
    for student, status in zip(halves, ON_ITS_WAY, strict=False):
        school = other_school(
            demo, student, demo.rng("feb", student.person.email), {student.school_id}, True
        )
        if school:
            planned.append(Planned(student, school, Stage.BOVENBOUW, "wo", Start.FEBRUARY, status))
    unplaced = [s for s in active if not s.school and s.programme_variant not in SELF_PLACED]
    for student, status in zip(unplaced, (S.INTERVIEW_PLANNED, S.PROPOSED), strict=False):
        rng, level = demo.rng("feb", student.person.email), student.institute.institute_level
        first = other_school(demo, student, rng, set())
        if first is None:
            continue
        if status == S.INTERVIEW_PLANNED:
            planned.append(
                Planned(
                    student, first, Stage.ONDERBOUW, level, Start.SEPTEMBER, S.CANCELLED, WITHDRAWN
                )
            )
        second = other_school(demo, student, rng, {first.pk}) or first
        planned.append(Planned(student, second, Stage.ONDERBOUW, level, Start.FEBRUARY, status))
    return planned


def guides(demo) -> tuple[dict, dict]:
    """Werkplekbegeleiders per (school, subject) and schoolopleiders per school."""
    assignments = RoleAssignment.objects.filter(
        partnership=demo.partnership,
        role__in=(Role.WERKPLEKBEGELEIDER, Role.SCHOOLOPLEIDER),
        organisation__isnull=False,
    ).select_related("person")
    wpbs, trainers = {}, {}
    for a in assignments.order_by("pk"):
        if a.role == Role.WERKPLEKBEGELEIDER:
            wpbs.setdefault((a.organisation_id, a.subject_id), []).append(a.person)
        else:
            trainers.setdefault(a.organisation_id, []).append(a.person)
    return wpbs, trainers


def moment(day: datetime.date, days: int) -> datetime.datetime:
    when = datetime.datetime.combine(day + datetime.timedelta(days=days), datetime.time(15, 30))
    return timezone.make_aware(when)


FOREIGN_KEYS = [f.name for f in Placement._meta.fields if f.is_relation]


def new_placement(demo, student: Student, school, guides_at: tuple, **fields) -> Placement:
    """An unsaved placement of ``student`` at ``school`` with its guides: the student's own at
    their school, else the school's first wpb of the subject and first schoolopleider."""
    wpbs, trainers = guides_at
    if school.pk == student.school_id:
        mentor, trainer = student.werkplekbegeleider, student.schoolopleider
    else:
        mentor = next(iter(wpbs.get((school.pk, student.subject_id), [])), None)
        trainer = next(iter(trainers.get(school.pk, [])), None)
    return Placement(
        student=student,
        school=school,
        subject=student.subject,
        werkplekbegeleider=mentor,
        schoolopleider=trainer,
        instituutsopleider=student.instituutsopleider,
        **fields,
    )


def bulk_create(demo, rows: list[Placement]) -> None:
    """Placements as ``services.placement_create`` writes them (validated, with a "created"
    event), in a few queries instead of fifteen per row: the running year's active placements
    and the completed ones of earlier years, a couple of hundred rows."""
    for row in rows:
        row.full_clean(exclude=FOREIGN_KEYS, validate_unique=False, validate_constraints=False)
    Placement.objects.bulk_create(rows)
    PlacementEvent.objects.bulk_create(
        PlacementEvent(
            placement=row, by=demo.planner, action="created", details={"school": row.school.name}
        )
        for row in rows
    )


def load_current(demo, planned: list[Planned]) -> None:
    if Placement.objects.filter(
        student__partnership=demo.partnership, academic_year=demo.current
    ).exists():
        return
    places = {
        (p.school_id, p.subject_id, p.stage, p.level, p.start): p
        for p in Place.objects.filter(
            division__partnership=demo.partnership, division__academic_year=demo.current
        )
    }
    guides_at = guides(demo)
    rows = [
        new_placement(
            demo,
            item.student,
            item.school,
            guides_at,
            place=places.get(item.key),
            academic_year=demo.current,
            stage=item.stage,
            level=item.level,
            start=item.start,
            status=item.status if item.status == S.ACTIVE else S.PROPOSED,
        )
        for item in planned
    ]
    bulk_create(demo, [row for row in rows if row.status == S.ACTIVE])
    for item, row in zip(planned, rows, strict=True):
        if row.status != S.ACTIVE:
            fields = {f: getattr(row, f) for f in PROPOSAL_FIELDS}
            placement = services.placement_create(student=item.student, by=demo.planner, **fields)
            advance(demo, placement, item)


PROPOSAL_FIELDS = (
    "place",
    "academic_year",
    "school",
    "subject",
    "stage",
    "level",
    "start",
    "werkplekbegeleider",
    "schoolopleider",
    "instituutsopleider",
)


def state_preferences(demo, student: Student, placement: Placement) -> None:
    """The student stated a preference for this year, with motivation and learning goals, which
    the school reads in the introductory interview."""
    if PreferenceForm.objects.filter(student=student, academic_year=demo.current).exists():
        return
    goals = student.learning_goals.splitlines()[:1] or [LEARNING_GOALS[0]]
    services.preference_form_save(
        student=student,
        year=demo.current,
        ranked=[placement.school],
        excluded=[],
        motivation=MOTIVATION,
        learning_goals=goals[0],
        by=student.person,
    )


def advance(demo, placement: Placement, item: Planned) -> None:
    by = (demo.coordinators.get(item.school.pk) or [demo.planner])[0]
    if item.status == S.CANCELLED:
        services.placement_cancel(placement=placement, reason=item.reason, by=by)
        return
    if item.status in (S.ACTIVE, S.PROPOSED):
        return
    held = item.status != S.INTERVIEW_PLANNED
    state_preferences(demo, item.student, placement)
    services.placement_interview_plan(
        placement=placement, planned_at=moment(demo.today, -9 if held else 9), by=by
    )
    if held:
        guides = [r for r in ("schoolopleider", "werkplekbegeleider") if getattr(placement, r)]
        services.placement_interview_held(
            placement=placement,
            checklist=TOPICS,
            attended=["student", *guides],
            notes=INTERVIEW_NOTES,
            by=by,
        )
    if item.status == S.CONFIRMED:
        services.placement_confirm(placement=placement, by=by)
