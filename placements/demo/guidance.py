"""Demo guidance logs for partnership ``hos`` (loaded by seed_demo after the placement years,
through ``partnerships.demo.load.EXTENSIONS``; registered in ``PlacementsConfig.ready``).

The placements of this year at the demo logins' school (Segbroek) and the demo student's own get
entries from the start of their period up to today: guidance talks at the level's rhythm,
the schoolopleider's consultations and the mid-placement evaluation when they came due, and a
lesson observation with the starter kijkkader. Every third student's talks stopped three
weeks ago and every fourth has no consultation, so the dashboards show who is behind.

Written in bulk without the services (nobody to notify, the author is the guide); idempotent:
a placement that already has entries is left alone. Deterministic (ordered by e-mail)."""

import datetime

from django.db import transaction
from django.utils import timezone

from partnerships.models import AcademicYear, Partnership
from placements.guidance import rules
from placements.guidance.access import GUIDED
from placements.guidance.selectors import period_of, with_february
from placements.guidance.services import default_frame_ensure
from placements.models import GuidanceEntry, GuidanceKind, ObservationScore, Placement

DEMO_SLUGS = frozenset({"hos"})
DEMO_SCHOOL = "Segbroek"
DEMO_STUDENT = "student@hos.example"
K = GuidanceKind
TALK_NOTES = [
    "Lesvoorbereiding van de komende week doorgenomen; lesdoelen scherper geformuleerd.",
    "Klassenmanagement in 2B besproken: duidelijke start van de les en vaste routines.",
    "Feedback op de instructie: korter uitleggen, eerder leerlingen aan het werk zetten.",
    "Voortgang leerwerktaak en de planning tot de volgende periode besproken.",
]
AGREEMENTS = [
    "Volgende week lesdoel op het bord en aan het eind terugkoppelen.",
    "Student probeert een activerende werkvorm uit in 3H.",
    "Werkplekbegeleider observeert de les van donderdag.",
]


def _participants(placement, *guides):
    people = [("student", placement.student.person)] + [
        (role, getattr(placement, role)) for role in guides if getattr(placement, role)
    ]
    return [{"role": role, "name": person.full_name} for role, person in people]


def _entries_for(placement, n: int, today: datetime.date, frame) -> list[GuidanceEntry]:
    period = period_of(placement, placement.academic_year)
    last_day = min(today, period.end)
    if last_day < period.start:
        return []
    wpb, so = placement.werkplekbegeleider, placement.schoolopleider
    entries = []
    weeks = 1 if placement.level == "wo" else 2
    stop = last_day - datetime.timedelta(weeks=3) if n % 3 == 2 else last_day
    day = period.start + datetime.timedelta(days=3)
    i = 0
    while day <= stop and wpb is not None:
        entries.append(
            GuidanceEntry(
                placement=placement,
                kind=K.TALK,
                date=day,
                participants=_participants(placement, "werkplekbegeleider"),
                notes=TALK_NOTES[i % len(TALK_NOTES)],
                agreements=AGREEMENTS[i % len(AGREEMENTS)],
                author=wpb,
                author_role="werkplekbegeleider",
            )
        )
        day += datetime.timedelta(weeks=weeks)
        i += 1
    if so is not None:
        for kind, per, skip in ((K.CONSULTATION, 2, n % 4 == 3), (K.MID_EVALUATION, 1, False)):
            if skip:
                continue
            norm = rules.Norm(kind, per_period=per)
            for due in rules.due_dates(norm, period):
                held = due - datetime.timedelta(days=5)
                if held > last_day:
                    break
                entries.append(
                    GuidanceEntry(
                        placement=placement,
                        kind=kind,
                        date=held,
                        participants=_participants(placement, "schoolopleider"),
                        notes="Voortgang besproken aan de hand van de leerdoelen.",
                        agreements="Student werkt verder aan differentiëren in de les.",
                        author=so,
                        author_role="schoolopleider",
                        frame=frame if kind == K.MID_EVALUATION else None,
                        scale=list(frame.scale) if kind == K.MID_EVALUATION else [],
                    )
                )
    observed = period.start + datetime.timedelta(weeks=6)
    if wpb is not None and observed <= last_day:
        entries.append(
            GuidanceEntry(
                placement=placement,
                kind=K.OBSERVATION,
                date=observed,
                participants=_participants(placement, "werkplekbegeleider"),
                notes="Rustige start, duidelijke uitleg; weinig controle of iedereen meedoet.",
                agreements="Volgende les een korte check aan het eind (exit ticket).",
                author=wpb,
                author_role="werkplekbegeleider",
                frame=frame,
                scale=list(frame.scale),
                reflection=(
                    "Ik merk dat ik te lang uitleg. Ik ga de instructie in twee delen splitsen."
                    if n % 2 == 0
                    else ""
                ),
                reflection_at=timezone.now() if n % 2 == 0 else None,
            )
        )
    return entries


def load(partnership: Partnership, today: datetime.date | None = None) -> str | None:
    if partnership.slug not in DEMO_SLUGS:
        return None
    today = today or timezone.localdate()
    year = AcademicYear.current(today)
    frame = default_frame_ensure(partnership)
    criteria = list(frame.criteria.all())
    placements = (
        with_february(
            Placement.objects.filter(
                student__partnership=partnership, academic_year=year, status__in=GUIDED
            )
        )
        .select_related(
            "student__person",
            "academic_year",
            "school",
            "werkplekbegeleider",
            "schoolopleider",
        )
        .order_by("student__person__email", "start")
    )
    chosen = [
        p
        for p in placements
        if p.school.name.startswith(DEMO_SCHOOL) or p.student.person.email == DEMO_STUDENT
    ]
    done = set(
        GuidanceEntry.objects.filter(placement__in=chosen).values_list("placement_id", flat=True)
    )
    made = []
    with transaction.atomic():
        for n, placement in enumerate(chosen):
            if placement.pk not in done:
                made += _entries_for(placement, n, today, frame)
        GuidanceEntry.objects.bulk_create(made)
        ObservationScore.objects.bulk_create(
            ObservationScore(
                entry=entry,
                criterion=c,
                position=i,
                group=c.group,
                text=c.text,
                score=2 + (i + entry.placement_id) % 3,
                comment="Goed zichtbaar in de les." if i % 4 == 0 else "",
            )
            for entry in made
            if entry.frame_id
            for i, c in enumerate(criteria)
        )
    return f"{len(made)} guidance entries"
