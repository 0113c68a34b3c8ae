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
from quality.choices import CalendarStatus, EvaluationStatus, EvaluationTheme, PdcaPhase
from quality.models import (
    Ambition,
    CalendarItem,
    EvaluationFinding,
    Indicator,
    Instrument,
    InternalEvaluation,
    Risk,
)
from quality.services.calendar import calendar_generate

DEMO_SLUGS = frozenset({"hos"})

# (title, description, [(question, follow-up, standards, [instrument names])])
AMBITIONS = [
    (
        "Een gedeeld en gedragen opleidingsplan",
        "Onze visie op samen opleiden is uitgewerkt in één opleidingsplan waarin scholen en "
        "instituten zich herkennen: het pedagogisch-didactisch concept, het opleidingsprogramma, "
        "de instroom en de beoordeling.",
        [
            (
                "Kennen studenten, werkplekbegeleiders, opleiders en schoolleiders onze visie, en "
                "kunnen zij met voorbeelden laten zien hoe zij die in de praktijk brengen?",
                "Het opleidingsplan waar nodig bijstellen.",
                [1, 2],
                [
                    "Studentenenquête",
                    "Studentenpanel",
                    "Evaluatiesessie met school- en instituutsopleiders",
                ],
            ),
            (
                "Geven onze studenten les zoals het opleidingsplan dat beschrijft?",
                "",
                [1, 3],
                ["Interne evaluatie door scholen en instituten"],
            ),
            (
                "Krijgen studenten op onze scholen voldoende ruimte om te observeren, uit te "
                "proberen en te vernieuwen?",
                "",
                [2],
                ["Studentenenquête", "Studentenpanel", "Intercollegiale visitatie"],
            ),
        ],
    ),
    (
        "Een professionele leergemeenschap",
        "Studenten, startende leraren, werkplekbegeleiders, opleiders en schoolleiders gaan met "
        "elkaar in gesprek over leren en het leraarschap, en doen iets met wat daaruit voortkomt.",
        [
            (
                "Leiden onze bijeenkomsten tot een echte professionele dialoog over leren en het "
                "beroep?",
                "",
                [2],
                ["Studentenenquête", "Enquête werkplekbegeleiders", "Werkplekbegeleiderpanel"],
            ),
            (
                "Zetten alle betrokkenen de uitkomsten van die dialoog om in concrete acties?",
                "",
                [2, 4],
                ["Evaluatie in de werkgroep", "Evaluatie in de stuurgroep"],
            ),
            (
                "Wordt het opleidingsprogramma van de opleidingsschool elk jaar afgestemd op de "
                "curricula van de instituten?",
                "Het programma bijstellen voordat het schooljaar begint.",
                [1, 2],
                ["Evaluatiesessie met school- en instituutsopleiders", "Co-docentevaluatie"],
            ),
        ],
    ),
    (
        "Gedeelde verantwoordelijkheid in de organisatie",
        "Alle partners zijn gelijkwaardig vertegenwoordigd en betrokken; opleiden, begeleiden, "
        "beoordelen en professionaliseren doen scholen en instituten samen.",
        [
            (
                "Zijn alle partners evenwichtig vertegenwoordigd in de overleggen van de "
                "opleidingsschool, en zijn de rollen en taken duidelijk?",
                "",
                [4],
                ["Evaluatie in de bestuursraad", "Evaluatie in de stuurgroep"],
            ),
            (
                "Weten we waarom studenten uitvallen, en ondernemen we daar actie op?",
                "",
                [2, 4],
                ["Inventarisatie uitval", "Halfjaarlijks kwaliteitsrapport"],
            ),
        ],
    ),
    (
        "Een kwaliteitscultuur",
        "Iedereen die bij het opleiden betrokken is, kent de kwaliteitszorg van de "
        "opleidingsschool en werkt eraan mee; we meten twee keer per jaar en verbeteren met "
        "concrete acties.",
        [
            (
                "Leiden de verbeteracties uit de kwaliteitsrapporten tot beter opleiden in de "
                "volgende periode?",
                "De acties evalueren in het volgende rapport.",
                [4],
                ["Halfjaarlijks kwaliteitsrapport", "Jaarverslag"],
            ),
        ],
    ),
]

# name: (kind, target group, responsible role, frequency, months, standards, in development)
INSTRUMENTS = {
    "Studentenenquête": (
        "survey",
        "students",
        R.PROGRAMMAMANAGER,
        "half_yearly",
        [1, 6],
        [1, 2, 3],
    ),
    "Enquête werkplekbegeleiders": (
        "survey",
        "mentors",
        R.PROGRAMMAMANAGER,
        "half_yearly",
        [1, 6],
        [2, 3],
    ),
    "Studentenpanel": ("panel", "students", R.SCHOOLCOORDINATOR, "half_yearly", [10, 2], [2]),
    "Werkplekbegeleiderpanel": (
        "panel",
        "mentors",
        R.SCHOOLCOORDINATOR,
        "half_yearly",
        [10, 2],
        [2],
    ),
    "Evaluatiesessie met school- en instituutsopleiders": (
        "evaluation_session",
        "trainers",
        R.PROGRAMMAMANAGER,
        "yearly",
        [6],
        [1, 2],
    ),
    "Co-docentevaluatie": (
        "evaluation_session",
        "co_docenten",
        R.SCHOOLOPLEIDER,
        "yearly",
        [9, 11],
        [2],
        True,
    ),
    "Inventarisatie uitval": (
        "dropout_inventory",
        "trainers",
        R.STAGECOORDINATOR,
        "yearly",
        [6],
        [2, 4],
    ),
    "Evaluatie in de werkgroep": (
        "meeting_evaluation",
        "coordinators",
        R.WERKGROEPLID,
        "half_yearly",
        [1, 6],
        [4],
    ),
    "Evaluatie in de stuurgroep": (
        "meeting_evaluation",
        "leaders",
        R.STUURGROEPLID,
        "half_yearly",
        [1, 6],
        [4],
    ),
    "Evaluatie in de bestuursraad": (
        "meeting_evaluation",
        "board",
        R.BESTUURSRAADLID,
        "half_yearly",
        [1, 6],
        [4],
    ),
    "Interne evaluatie door scholen en instituten": (
        "internal_evaluation",
        "organisations",
        R.SCHOOLCOORDINATOR,
        "yearly",
        [5, 6],
        [1, 2, 3, 4],
    ),
    "Halfjaarlijks kwaliteitsrapport": (
        "report",
        "partnership",
        R.PROGRAMMAMANAGER,
        "half_yearly",
        [1, 6],
        [4],
    ),
    "Jaarverslag": ("report", "partnership", R.PROGRAMMAMANAGER, "yearly", [1], [4]),
    "Intercollegiale visitatie": (
        "peer_visit",
        "coordinators",
        R.PROGRAMMAMANAGER,
        "once",
        [],
        [2, 4],
        True,
    ),
}

# (title, likelihood, impact, mitigation, owner e-mail, days to review, status)
RISKS = [
    (
        "Te weinig gecertificeerde werkplekbegeleiders voor het aantal studenten",
        3,
        4,
        "De basistraining voor werkplekbegeleiders vroeg in het jaar plannen en in maart bij "
        "elke school het verwachte aantal studenten opvragen.",
        "programmamanager@hos.example",
        21,
        "open",
    ),
    (
        "Respons op de enquêtes lager dan twee derde",
        4,
        3,
        "De schoolcoördinatoren herinneren hun studenten en werkplekbegeleiders er persoonlijk "
        "aan; de enquête wordt ingevuld tijdens een bijeenkomst van het opleidingsprogramma.",
        "programmamanager@hos.example",
        7,
        "open",
    ),
    (
        "Een school trekt stageplaatsen laat in",
        2,
        4,
        "De schoolleider bevestigt de capaciteit schriftelijk; we houden een reserve aan "
        "stageplaatsen achter de hand.",
        "stagecoordinator@hos.example",
        45,
        "mitigated",
    ),
    (
        "Faciliteringsuren komen niet bij de werkplekbegeleiders terecht",
        3,
        2,
        "In de interne evaluatie vragen we elke school hoe de uren zijn besteed.",
        "programmamanager@hos.example",
        90,
        "open",
    ),
]

FINDINGS = {
    EvaluationTheme.PLACEMENTS: (
        "We hebben het afgesproken aantal studenten geplaatst; twee studenten die in februari "
        "startten, werden laat aangemeld.",
        False,
    ),
    EvaluationTheme.PROGRAMME: (
        "De bijeenkomsten van het opleidingsprogramma op onze school werden goed bezocht; "
        "intervisie werkt goed in kleine groepen.",
        False,
    ),
    EvaluationTheme.PROFESSIONALISATION: (
        "Drie werkplekbegeleiders hebben de basistraining afgerond; voor volgend jaar hebben we "
        "er nog twee nodig.",
        False,
    ),
    EvaluationTheme.FACILITATION: (
        "De faciliteringsuren zijn toegekend, maar niet altijd zichtbaar in de roosters van de "
        "werkplekbegeleiders.",
        True,
    ),
    EvaluationTheme.COLLABORATION: (
        "Het contact met de instituutsopleiders is goed; hun schoolbezoeken kunnen eerder worden "
        "ingepland.",
        False,
    ),
    EvaluationTheme.COMMUNICATION: (
        "Werkplekbegeleiders missen een overzicht van de data van het jaar; de website wordt "
        "nauwelijks gebruikt.",
        True,
    ),
    EvaluationTheme.CONCLUSIONS: (
        "Een goed jaar. We willen een jaaroverzicht met alle data voor werkplekbegeleiders, en "
        "duidelijkere afspraken over de facilitering binnen de hele opleidingsschool.",
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
