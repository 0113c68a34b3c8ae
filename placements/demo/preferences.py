"""Preferences and small appointments of the demo (see ``placements.demo``).

* The preference window of next year opened a week ago and closes in three weeks. About half of
  the students who continue next year (hbo bachelor years 1–3; wo master 120 EC and hbo master
  students in their first year) have a form: 1–3 schools they have not been at, where possible
  with places for their subject and level next year; every third excludes today's school; some
  give a travel time. Most entered it themselves, some through their instituutsopleider.
  The demo login student@hos.example (a kopopleiding student who goes on to the master) has a
  form with two preferences, so a third can be added live.
* Two small appointments of hbo students at their school: a year-4 student within the rules,
  and a year-3 student with a paid job who works more hours than allowed and lacks the school
  trainer's advice (warnings).
"""

import datetime
from decimal import Decimal

from partnerships.demo import HOS_LOGINS
from partnerships.demo.text import LEARNING_GOALS
from partnerships.glossary import HBO_BACHELOR_VARIANTS
from partnerships.glossary import ProgrammeVariant as V
from placements import services
from placements.choices import OfferedLevel, PlacementStatus
from placements.models import (
    CapacityLine,
    Placement,
    PreferenceForm,
    PreferenceWindow,
    SmallAppointment,
)

STUDENT_LOGIN = next(login.email for login in HOS_LOGINS if login.slot == "student:0")
FEATURED_REMARK = (
    "Na de kopopleiding begin ik aan de master; ik zoek volgend jaar een plek in de bovenbouw."
)
REMARKS = ("", "", "Liever niet op maandag: dan heb ik colleges.", "Ik reis met het OV.")
MOTIVATIONS = (
    "",
    "Ik sta graag voor de klas en wil ervaring opdoen op een ander type school.",
    "Ik wil leren lesgeven aan vmbo-leerlingen; de opleidingsschool biedt begeleiding op elke "
    "school.",
)
FEATURED_MOTIVATION = (
    "Ik wil na de kopopleiding verder in de bovenbouw; de opleidingsschool laat me kennismaken "
    "met verschillende scholen en leerlingen."
)


def continues(demo, student) -> bool:
    if not student.is_active:
        return False
    if student.programme_variant in HBO_BACHELOR_VARIANTS:
        return (student.hbo_year or 4) <= 3
    if student.programme_variant in (V.WO_MASTER_120, V.HBO_MASTER):
        return student.start_year.start_year == demo.current.start_year
    return False


def offering(demo) -> set[tuple[int, int, str]]:
    """(school, subject, level) with places declared for next year."""
    found = set()
    lines = CapacityLine.objects.filter(
        capacity__academic_year=demo.next, capacity__school__partnership=demo.partnership
    ).values_list("capacity__school", "subject", "level")
    for school, subject, level in lines:
        levels = ("hbo", "wo") if level == OfferedLevel.EITHER else (level,)
        found.update((school, subject, each) for each in levels)
    return found


def visited(demo) -> dict[int, set[int]]:
    rows = Placement.objects.filter(student__partnership=demo.partnership).values_list(
        "student", "school"
    )
    schools: dict[int, set[int]] = {}
    for student, school in rows:
        schools.setdefault(student, set()).add(school)
    return schools


def load_preferences(demo) -> None:
    p, year = demo.partnership, demo.next
    if not PreferenceWindow.objects.filter(partnership=p, academic_year=year).exists():
        services.preference_window_save(
            partnership=p,
            year=year,
            opens_on=demo.today - datetime.timedelta(days=7),
            closes_on=demo.today + datetime.timedelta(days=21),
            by=demo.planner,
        )
    done = set(
        PreferenceForm.objects.filter(student__partnership=p, academic_year=year).values_list(
            "student", flat=True
        )
    )
    chosen = [s for s in demo.students if continues(demo, s)][::2]
    chosen += [s for s in demo.students if s.person.email == STUDENT_LOGIN and s not in chosen]
    places, history = offering(demo), visited(demo)
    for n, student in enumerate(chosen):
        if student.pk not in done:
            preference_form(demo, student, n, places, history.get(student.pk, set()))


def preference_form(demo, student, n: int, places: set, history: set[int]) -> None:
    rng = demo.rng("preferences", student.person.email)
    featured = student.person.email == STUDENT_LOGIN
    level, seen = student.institute.institute_level, history | {student.school_id}
    fresh = [s for s in demo.schools if s.pk not in seen]
    fitting = [s for s in fresh if (s.pk, student.subject_id, level) in places]
    teaching = [
        s
        for s in fresh
        if s not in fitting
        and any(x.subject_id == student.subject_id for x in demo.sections.get(s.pk, []))
    ]
    wanted = 2 if featured else rng.choice((1, 2, 3, 3))
    ranked = rng.sample(fitting, min(wanted, len(fitting)))
    ranked += rng.sample(teaching, min(wanted - len(ranked), len(teaching)))
    goals = student.learning_goals.splitlines()[:1] or [rng.choice(LEARNING_GOALS)]
    trainer = student.instituutsopleider if n % 4 == 1 else None
    services.preference_form_save(
        student=student,
        year=demo.next,
        ranked=ranked,
        excluded=[student.school] if student.school and n % 3 == 0 else [],
        motivation=FEATURED_MOTIVATION if featured else MOTIVATIONS[n % len(MOTIVATIONS)],
        learning_goals=goals[0],
        max_travel_minutes=rng.choice((None, None, 45, 60)),
        remarks=FEATURED_REMARK if featured else rng.choice(REMARKS),
        by=trainer or student.person,
    )


APPOINTMENTS = {
    4: {
        "hours_per_week": Decimal("6"),
        "has_paid_job": False,
        "on_schedule_1_may": True,
        "has_propaedeutic": True,
        "open_courses": 0,
        "institute_advice_positive": True,
        "school_advice_positive": True,
        "free_days": 2,
    },
    3: {
        "hours_per_week": Decimal("7"),
        "has_paid_job": True,
        "on_schedule_1_may": False,
        "has_propaedeutic": True,
        "open_courses": 2,
        "institute_advice_positive": True,
        "school_advice_positive": False,
        "free_days": 2,
    },
}


def load_appointments(demo) -> None:
    active = Placement.objects.filter(
        student__partnership=demo.partnership,
        academic_year=demo.current,
        status=PlacementStatus.ACTIVE,
        student__programme_variant__in=HBO_BACHELOR_VARIANTS,
    ).select_related("student", "school")
    if SmallAppointment.objects.filter(placement__in=active).exists():
        return
    for study_year, fields in APPOINTMENTS.items():
        placement = active.filter(student__hbo_year=study_year).order_by("student__person__email")
        placement = placement.first()
        if placement is None:
            continue
        by = (demo.coordinators.get(placement.school_id) or [demo.planner])[0]
        services.small_appointment_save(placement=placement, by=by, study_year=study_year, **fields)
