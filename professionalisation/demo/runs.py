"""Demo professionalisation of partnership ``hos`` (002 §7, 003): the activities per role, last
year's runs completed (with their qualifications), this year's wpb basic training running with
wpb's who have no wpb_basis yet (completing it closes compliance gaps), a planned assessor
training and deepening training, and a needs inventory for most schools.

Deterministic and idempotent: activities are found by name, runs by title, needs by their
unique key. Last year's runs take only a few of the people without a qualification, so the
demo keeps compliance gaps to close."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from partnerships.glossary import OrganisationKind, QualificationKind, Role
from partnerships.models import AcademicYear, Person, Qualification, RoleAssignment
from professionalisation.choices import ActivityKind, Formality, RunStatus
from professionalisation.models import Activity, Need, Run
from professionalisation.services import runs as services
from professionalisation.services.needs import NEED_ROLES

SLUG = "hos"
WPB, SO, ASSESSOR = Role.WERKPLEKBEGELEIDER, Role.SCHOOLOPLEIDER, Role.ASSESSOR
IO, IA = Role.INSTITUUTSOPLEIDER, Role.INSTITUUTSASSESSOR
K = QualificationKind

# name, kind, formality, roles, provider, hours, qualification, description
ACTIVITIES = [
    (
        "In-company werkplekbegeleiderstraining (basis)",
        ActivityKind.WPB_BASIS,
        Formality.BASIS,
        [WPB],
        "Instituten i.s.m. een co-docent van de scholen",
        24,
        K.WPB_BASIS,
        "HOS-visie en opleidingstraject, technisch begeleiden, coaching, beoordelen.",
    ),
    (
        "Verdiepende werkplekbegeleiderstraining",
        ActivityKind.WPB_VERDIEPING,
        Formality.DEEPENING,
        [WPB],
        "Instituten i.s.m. een co-docent van de scholen",
        16,
        K.WPB_VERDIEPING,
        "Verdieping in begeleiden, coaching en beoordelen.",
    ),
    (
        "Terugkombijeenkomst werkplekbegeleiders",
        ActivityKind.REFRESHER,
        Formality.INFORMAL,
        [WPB],
        "Schoolopleiders",
        3,
        "",
        "Intervisie en actualiteiten uit de opleidingen.",
    ),
    (
        "Webinar 21st century skills en ict-vaardigheden",
        ActivityKind.WEBINAR,
        Formality.INFORMAL,
        [WPB],
        "Co-docent van de scholen",
        1.5,
        "",
        "Studenten ruimte geven in hun ontwikkeling rond 21st century skills en ict.",
    ),
    (
        "Schoolopleiderstraining",
        ActivityKind.SCHOOLOPLEIDER_TRAINING,
        Formality.BASIS,
        [SO],
        "Trainer van de instituten",
        40,
        K.SCHOOLOPLEIDER_COURSE,
        "Opleiden, coaching- en begeleidingsvaardigheden.",
    ),
    (
        "Assessorenopleiding",
        ActivityKind.ASSESSOR_TRAINING,
        Formality.BASIS,
        [ASSESSOR, IA],
        "Instituten",
        16,
        K.ASSESSOR,
        "Beoordelen volgens de criteria van de opleidingen.",
    ),
    (
        "Kalibratiesessie beoordelen",
        ActivityKind.CALIBRATION,
        Formality.INFORMAL,
        [ASSESSOR, IA, SO, IO],
        "Instituten",
        3,
        "",
        "Eens per jaar, voor de beoordelingsronde: samen beoordelen en ijken.",
    ),
    (
        "BRLO-registratietraject",
        ActivityKind.BRLO_TRACK,
        Formality.DEEPENING,
        [SO, IO],
        "VELON",
        20,
        K.BRLO,
        "Registratie als lerarenopleider bij het BRLO.",
    ),
    (
        "Innomo",
        ActivityKind.INNOMO,
        Formality.INFORMAL,
        [],
        "Stuurgroep",
        3,
        "",
        "Innovatiemiddag voor alle betrokkenen van de HOS.",
    ),
    (
        "Gezamenlijke werksessie werkgroep en stuurgroep",
        ActivityKind.JOINT_WORK_SESSION,
        Formality.INFORMAL,
        [Role.WERKGROEPLID, Role.STUURGROEPLID],
        "Programmamanager",
        3,
        "",
        "Jaarlijkse werksessie over de koers en het professionaliseringsplan.",
    ),
    (
        "Voorlichting HOS, curricula en stage-inhoud",
        ActivityKind.CUSTOM,
        Formality.INFORMAL,
        [WPB, SO],
        "Schoolcoördinatoren",
        2,
        "",
        "De visie van de HOS, het opleidingstraject en de curricula van de lerarenopleidingen.",
    ),
]
CONTENT = [
    "Feedback geven op lessen",
    "Beoordelen met de nieuwe criteria",
    "Coaching van zij-instromers",
    "Begeleiden bij onderzoek",
    "",
]


def _holders(partnership, role, today) -> list[Person]:
    ids = (
        RoleAssignment.objects.active(today)
        .filter(partnership=partnership, role=role)
        .values("person")
    )
    return list(Person.objects.filter(pk__in=ids).order_by("email"))


def _first(partnership, role, today, email: str) -> Person | None:
    holders = _holders(partnership, role, today)
    return next((p for p in holders if p.email == email), holders[0] if holders else None)


def _without(people, kind) -> list[Person]:
    having = set(Qualification.objects.filter(kind=kind).values_list("person_id", flat=True))
    return [p for p in people if p.pk not in having]


def _meetings(run, by, times: int) -> list:
    span = max(1, (run.ends_on - run.starts_on).days)
    step = max(1, span // max(1, times - 1)) if times > 1 else span
    made = []
    for i in range(times):
        day = min(run.starts_on + datetime.timedelta(days=i * step), run.ends_on)
        made.append(
            services.meeting_create(
                run=run,
                date=day,
                starts_at=datetime.time(15, 30),
                ends_at=datetime.time(18, 0),
                topic=f"Bijeenkomst {i + 1}",
                by=by,
            )
        )
    return made


def _run(activity, title, start, end, by, trainers, **fields) -> Run | None:
    if Run.objects.filter(activity=activity, title=title).exists():
        return None
    return services.run_create(
        activity=activity,
        by=by,
        trainers=[t for t in trainers if t],
        title=title,
        starts_on=start,
        ends_on=end,
        location=fields.pop("location", "Haags Montessori Lyceum"),
        capacity=fields.pop("capacity", 16),
        cost_cents=fields.pop("cost_cents", 180000),  # trainers and venue, for the demo budget
        **fields,
    )


def _completed_run(activity, title, start, end, by, trainers, people, rng) -> int:
    run = _run(activity, title, start, end, by, trainers)
    if run is None:
        return 0
    meetings = _meetings(run, by, 3)
    enrolments = [services.run_enrol_person(run=run, person=p, by=by) for p in people]
    for m in meetings:
        present = {e.pk for e in enrolments if rng.random() < 0.9}
        services.meeting_attendance_save(meeting=m, present=present, by=by)
    services.run_complete(
        run=run,
        completed={e.pk: rng.random() < 0.85 for e in enrolments},
        on=end,
        by=by,
    )
    return 1


@transaction.atomic
def load(partnership) -> str | None:
    if partnership.slug not in (SLUG, "bench"):  # bench: seed_demo --scale
        return None
    today = timezone.localdate()
    year = AcademicYear.current(today)
    by = _first(partnership, Role.PROGRAMMAMANAGER, today, "programmamanager@hos.example")
    if by is None:
        return None
    rng = random.Random(f"{partnership.slug}:professionalisation")
    acts = {}
    for name, kind, formality, roles, provider, hours, qual, description in ACTIVITIES:
        acts[kind], _created = Activity.objects.get_or_create(
            partnership=partnership,
            name=name,
            defaults={
                "kind": kind,
                "formality": formality,
                "target_roles": [str(r) for r in roles],
                "provider": provider,
                "hours": hours,
                "qualification_kind": qual,
                "description": description,
            },
        )
    trainer = _first(partnership, IO, today, "instituutsopleider@hos.example")
    co_docent = _first(partnership, Role.CO_DOCENT, today, "co-docent@hos.example")
    pair = [trainer, co_docent]
    wpbs = _holders(partnership, WPB, today)
    assessors = _holders(partnership, ASSESSOR, today)
    fresh_wpbs = _without(wpbs, K.WPB_BASIS)  # no wpb_basis at all, not even running
    last = year.start_year - 1
    runs = 0

    # last year: completed runs (a few of the untrained, so gaps remain)
    runs += _completed_run(
        acts[ActivityKind.WPB_BASIS],
        f"Wpb-training basis {last}-{last + 1}",
        datetime.date(last, 10, 1),
        datetime.date(last + 1, 3, 15),
        by,
        pair,
        fresh_wpbs[:4],
        rng,
    )
    runs += _completed_run(
        acts[ActivityKind.ASSESSOR_TRAINING],
        f"Assessorenopleiding {last}-{last + 1}",
        datetime.date(last, 11, 1),
        datetime.date(last + 1, 1, 31),
        by,
        [trainer],
        _without(assessors, K.ASSESSOR)[:2],
        rng,
    )
    runs += _completed_run(
        acts[ActivityKind.CALIBRATION],
        f"Kalibratiesessie {last + 1}",
        datetime.date(last + 1, 5, 20),
        datetime.date(last + 1, 5, 20),
        by,
        [trainer],
        assessors[:6],
        rng,
    )

    # this year: the wpb basic training running, with wpb's who have no wpb_basis yet
    start = max(today - datetime.timedelta(days=21), year.start_date + datetime.timedelta(days=45))
    start = min(start, today)
    run = _run(
        acts[ActivityKind.WPB_BASIS],
        f"Wpb-training basis {year.label}",
        start,
        start + datetime.timedelta(days=100),
        by,
        pair,
        status=RunStatus.RUNNING,
        capacity=14,
    )
    if run is not None:
        runs += 1
        meetings = _meetings(run, by, 5)
        untrained = _without(wpbs, K.WPB_BASIS)[:8]
        enrolments = [services.run_enrol_person(run=run, person=p, by=by) for p in untrained]
        for m in meetings:
            if m.date <= today:
                present = {e.pk for e in enrolments if rng.random() < 0.85}
                services.meeting_attendance_save(meeting=m, present=present, by=by)
    # planned: an assessor training and the deepening training
    planned = today + datetime.timedelta(days=50)
    for kind, title, trainers in [
        (ActivityKind.ASSESSOR_TRAINING, f"Assessorenopleiding {year.label}", [trainer]),
        (ActivityKind.WPB_VERDIEPING, f"Verdiepende wpb-training {year.label}", pair),
    ]:
        made = _run(acts[kind], title, planned, planned + datetime.timedelta(days=60), by, trainers)
        if made is not None:
            runs += 1
            _meetings(made, by, 3)

    # needs for most schools (a random stream of their own, so that a second load draws the same)
    needs = 0
    rng = random.Random(f"{partnership.slug}:needs")
    schools = list(
        partnership.organisations.filter(kind=OrganisationKind.SCHOOL, is_active=True).order_by(
            "name"
        )
    )
    for school in schools[: max(0, len(schools) - 2)]:
        for role in NEED_ROLES[OrganisationKind.SCHOOL]:
            count = rng.choice((0, 1, 2, 3)) if role == WPB else rng.choice((0, 0, 1))
            if not count:
                continue
            _need, created = Need.objects.get_or_create(
                academic_year=year,
                organisation=school,
                role=role,
                defaults={
                    "partnership": partnership,
                    "count": count,
                    "content": rng.choice(CONTENT),
                    "submitted_by": by,
                },
            )
            needs += created
    if not runs and not needs:
        return None
    return f"professionalisation: {len(acts)} activities, {runs} runs, {needs} needs"
