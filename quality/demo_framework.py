"""The demo quality framework of partnership ``hos`` (seed 002 §2.5 and §8, in our own words):
ambitions with their indicators mapped to the NVAO standards, the instruments of the quality
calendar with their months, this academic year's calendar (items before today done), a few
risks, and the submitted internal evaluations of last year for four schools and an institute.

Deterministic and idempotent: rows are looked up by name (instrument, ambition, risk title,
organisation and year) and left alone when they exist, so seed_demo can run again — also after
someone changed things in the demo. Written directly with full_clean (no audit entries, no
e-mail); the calendar through ``calendar_generate``. Survey instruments stay without a linked
survey here: the surveys part links them when it loads its surveys."""

import datetime

from django.db import transaction
from django.utils import timezone

from partnerships.glossary import OrganisationKind
from partnerships.glossary import Role as R
from partnerships.models import AcademicYear, Organisation, Person

from .choices import CalendarStatus, EvaluationStatus, EvaluationTheme, PdcaPhase
from .models import (
    Ambition,
    CalendarItem,
    EvaluationFinding,
    Indicator,
    Instrument,
    InternalEvaluation,
    Risk,
)
from .services.calendar import calendar_generate

DEMO_SLUGS = frozenset({"hos"})

# (title, description, [(question, follow-up, standards, [instrument names])])
AMBITIONS = [
    (
        "A shared and supported training plan",
        "Our vision on training teachers together is worked out in one training plan that "
        "schools and institutes recognise: the pedagogical concept, the programme, intake and "
        "assessment.",
        [
            (
                "Do students, mentors, trainers and school leaders know our vision, and can they "
                "show with examples how they put it into practice?",
                "Adjust the training plan where needed.",
                [1, 2],
                ["Student survey", "Student panels", "Evaluation session with trainers"],
            ),
            (
                "Do our students teach in the way the training plan describes?",
                "",
                [1, 3],
                ["Internal evaluation by schools and institutes"],
            ),
            (
                "Do students get enough room at our schools to observe, try and innovate?",
                "",
                [2],
                ["Student survey", "Student panels", "Peer visit"],
            ),
        ],
    ),
    (
        "A professional learning community",
        "Students, starting teachers, mentors, trainers and school leaders talk with each other "
        "about learning and the teaching profession, and act on what comes out of it.",
        [
            (
                "Do our meetings lead to a real professional dialogue about learning and the "
                "profession?",
                "",
                [2],
                ["Student survey", "Mentor survey", "Mentor panels"],
            ),
            (
                "Does everyone involved turn the outcomes of that dialogue into concrete actions?",
                "",
                [2, 4],
                ["Evaluation in the working group", "Evaluation in the steering group"],
            ),
            (
                "Is the partnership's programme tuned each year to the institutes' curricula?",
                "Adjust the programme before the school year starts.",
                [1, 2],
                ["Evaluation session with trainers", "Co-docent evaluation"],
            ),
        ],
    ),
    (
        "Shared responsibility in the organisation",
        "All partners are equally represented and involved; training, supervision, assessment "
        "and professional development are carried out by schools and institutes together.",
        [
            (
                "Are all partners represented fairly in the partnership's bodies, and are the "
                "roles and tasks clear?",
                "",
                [4],
                ["Evaluation in the board council", "Evaluation in the steering group"],
            ),
            (
                "Do we know why students drop out, and do we act on it?",
                "",
                [2, 4],
                ["Dropout inventory", "Half-yearly quality report"],
            ),
        ],
    ),
    (
        "A quality culture",
        "Everyone involved knows about and works on the quality of training in the partnership; "
        "we measure twice a year and improve with concrete actions.",
        [
            (
                "Do the improvement actions of the quality reports lead to better training in the "
                "next period?",
                "Evaluate the actions in the next report.",
                [4],
                ["Half-yearly quality report", "Annual report"],
            ),
        ],
    ),
]

# name: (kind, target group, responsible role, frequency, months, standards, in development)
INSTRUMENTS = {
    "Student survey": ("survey", "students", R.PROGRAMMAMANAGER, "half_yearly", [1, 6], [1, 2, 3]),
    "Mentor survey": ("survey", "mentors", R.PROGRAMMAMANAGER, "half_yearly", [1, 6], [2, 3]),
    "Student panels": ("panel", "students", R.SCHOOLCOORDINATOR, "half_yearly", [10, 2], [2]),
    "Mentor panels": ("panel", "mentors", R.SCHOOLCOORDINATOR, "half_yearly", [10, 2], [2]),
    "Evaluation session with trainers": (
        "evaluation_session",
        "trainers",
        R.PROGRAMMAMANAGER,
        "yearly",
        [6],
        [1, 2],
    ),
    "Co-docent evaluation": (
        "evaluation_session",
        "co_docenten",
        R.SCHOOLOPLEIDER,
        "yearly",
        [9, 11],
        [2],
        True,
    ),
    "Dropout inventory": (
        "dropout_inventory",
        "trainers",
        R.STAGECOORDINATOR,
        "yearly",
        [6],
        [2, 4],
    ),
    "Evaluation in the working group": (
        "meeting_evaluation",
        "coordinators",
        R.WERKGROEPLID,
        "half_yearly",
        [1, 6],
        [4],
    ),
    "Evaluation in the steering group": (
        "meeting_evaluation",
        "leaders",
        R.STUURGROEPLID,
        "half_yearly",
        [1, 6],
        [4],
    ),
    "Evaluation in the board council": (
        "meeting_evaluation",
        "board",
        R.BESTUURSRAADLID,
        "half_yearly",
        [1, 6],
        [4],
    ),
    "Internal evaluation by schools and institutes": (
        "internal_evaluation",
        "organisations",
        R.SCHOOLCOORDINATOR,
        "yearly",
        [5, 6],
        [1, 2, 3, 4],
    ),
    "Half-yearly quality report": (
        "report",
        "partnership",
        R.PROGRAMMAMANAGER,
        "half_yearly",
        [1, 6],
        [4],
    ),
    "Annual report": ("report", "partnership", R.PROGRAMMAMANAGER, "yearly", [1], [4]),
    "Peer visit": ("peer_visit", "coordinators", R.PROGRAMMAMANAGER, "once", [], [2, 4], True),
}

# (title, likelihood, impact, mitigation, owner e-mail, days to review, status)
RISKS = [
    (
        "Too few certified mentors for the number of students",
        3,
        4,
        "Plan the mentor training early in the year and ask each school for its expected "
        "number of students in March.",
        "programmamanager@hos.example",
        21,
        "open",
    ),
    (
        "Survey response below two thirds",
        4,
        3,
        "Coordinators remind their students and mentors in person; the survey is filled in "
        "during a programme meeting.",
        "programmamanager@hos.example",
        7,
        "open",
    ),
    (
        "Placement places withdrawn late by a school",
        2,
        4,
        "Capacity is confirmed in writing by the school leader; a reserve of places is kept.",
        "stagecoordinator@hos.example",
        45,
        "mitigated",
    ),
    (
        "Facilitation hours not passed on to mentors",
        3,
        2,
        "The internal evaluation asks each school how the hours were used.",
        "programmamanager@hos.example",
        90,
        "open",
    ),
]

FINDINGS = {
    EvaluationTheme.PLACEMENTS: (
        "We placed the agreed number of students; two February starts came in late.",
        False,
    ),
    EvaluationTheme.PROGRAMME: (
        "The programme meetings at our school were well attended; intervision works well in "
        "small groups.",
        False,
    ),
    EvaluationTheme.PROFESSIONALISATION: (
        "Three mentors finished the basic training; we need two more for next year.",
        False,
    ),
    EvaluationTheme.FACILITATION: (
        "Hours were granted but not always visible in the timetables of mentors.",
        True,
    ),
    EvaluationTheme.COLLABORATION: (
        "The contact with the institute trainers is good; visits could be planned earlier.",
        False,
    ),
    EvaluationTheme.COMMUNICATION: (
        "Mentors miss an overview of the year's dates; the website is hardly used.",
        True,
    ),
    EvaluationTheme.CONCLUSIONS: (
        "A good year. We want a yearly overview of dates for mentors, and clearer agreements on "
        "facilitation across the partnership.",
        True,
    ),
}


def load(partnership, today: datetime.date | None = None) -> str | None:
    if partnership.slug not in DEMO_SLUGS:
        return None
    today = today or timezone.localdate()
    with transaction.atomic():
        instruments = _instruments(partnership)
        _ambitions(partnership, instruments)
        items = _calendar(partnership, today)
        risks = _risks(partnership, today)
        evaluations = _evaluations(partnership, today)
    return (
        f"quality framework: {len(AMBITIONS)} ambitions, {len(instruments)} instruments, "
        f"{items} calendar items, {risks} risks, {evaluations} internal evaluations"
    )


def _instruments(partnership) -> dict[str, Instrument]:
    existing = {i.name: i for i in Instrument.objects.filter(partnership=partnership)}
    for name, spec in INSTRUMENTS.items():
        if name in existing:
            continue
        kind, group, role, frequency, months, standards, *rest = spec
        instrument = Instrument(
            partnership=partnership,
            name=name,
            kind=kind,
            target_group=group,
            responsible_role=role,
            frequency=frequency,
            months=months,
            standards=standards,
            in_development=bool(rest and rest[0]),
        )
        instrument.full_clean()
        instrument.save()
        existing[name] = instrument
    return existing


def _ambitions(partnership, instruments: dict[str, Instrument]) -> None:
    for order, (title, description, indicators) in enumerate(AMBITIONS, 1):
        if Ambition.objects.filter(partnership=partnership, title=title).exists():
            continue
        ambition = Ambition(partnership=partnership, title=title, description=description)
        ambition.order = order
        ambition.full_clean()
        ambition.save()
        for n, (question, follow_up, standards, names) in enumerate(indicators, 1):
            indicator = Indicator(
                ambition=ambition,
                question=question,
                follow_up=follow_up,
                standards=standards,
                order=n,
            )
            indicator.full_clean()
            indicator.save()
            indicator.instruments.set([instruments[name] for name in names])


def _calendar(partnership, today: datetime.date) -> int:
    """This year's calendar; on first load, what fell due before today is done (checked)."""
    year = AcademicYear.current(today)
    created = calendar_generate(partnership=partnership, academic_year=year)
    if created:
        past = CalendarItem.objects.filter(
            partnership=partnership, academic_year=year, due_date__lt=today
        )
        done_at = timezone.make_aware(datetime.datetime.combine(today, datetime.time(9)))
        past.update(status=CalendarStatus.DONE, phase=PdcaPhase.CHECK, completed_at=done_at)
    return CalendarItem.objects.filter(partnership=partnership, academic_year=year).count()


def _risks(partnership, today: datetime.date) -> int:
    for title, likelihood, impact, mitigation, email, days, status in RISKS:
        if Risk.objects.filter(partnership=partnership, title=title).exists():
            continue
        owner = Person.objects.filter(email=email).first()
        if owner is None:
            continue
        risk = Risk(
            partnership=partnership,
            title=title,
            likelihood=likelihood,
            impact=impact,
            mitigation=mitigation,
            owner=owner,
            review_date=today + datetime.timedelta(days=days),
            status=status,
        )
        risk.full_clean()
        risk.save()
    return Risk.objects.filter(partnership=partnership).count()


def _evaluations(partnership, today: datetime.date) -> int:
    """Submitted evaluations of last academic year: four schools and one institute."""
    year = AcademicYear.objects.get_or_create(start_year=AcademicYear.start_year_for(today) - 1)[0]
    orgs = Organisation.objects.filter(partnership=partnership, is_active=True)
    chosen = [
        *orgs.filter(kind=OrganisationKind.SCHOOL).order_by("name")[:4],
        *orgs.filter(kind=OrganisationKind.INSTITUTE).order_by("name")[:1],
    ]
    by_kind = {
        OrganisationKind.SCHOOL: Person.objects.filter(email="schoolcoordinator@hos.example"),
        OrganisationKind.INSTITUTE: Person.objects.filter(
            email="instituutscoordinator@hos.example"
        ),
    }
    submitted_at = timezone.make_aware(datetime.datetime(year.start_year + 1, 6, 30, 12))
    for org in chosen:
        evaluation, created = InternalEvaluation.objects.get_or_create(
            academic_year=year,
            organisation=org,
            defaults={
                "partnership": partnership,
                "status": EvaluationStatus.SUBMITTED,
                "submitted_at": submitted_at,
                "submitted_by": by_kind[org.kind].first(),
            },
        )
        if not created:
            continue
        for theme, (text, for_partnership) in FINDINGS.items():
            finding = EvaluationFinding(
                evaluation=evaluation, theme=theme, text=text, for_partnership=for_partnership
            )
            finding.full_clean()
            finding.save()
    return InternalEvaluation.objects.filter(partnership=partnership, academic_year=year).count()
