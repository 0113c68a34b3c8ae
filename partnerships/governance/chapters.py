"""The chapters of the policy document, as seed 000 prescribes them (§2 opleidingsplan, §3
professionaliseringsplan, §4 kwaliteitszorgplan; the "Wat is een …?" sections are the seed's own
explanation and not chapters of the plan). Pure data.

``sources`` names the registry keys whose providers assemble the chapter from live data
(``registry.CHAPTER_PROVIDERS``); a chapter without sources is narrative only. Every chapter also
has an edited text (the narrative around the figures)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ChapterDef:
    key: str
    part: str
    title: str
    guidance: str
    sources: tuple[str, ...] = ()


OPLEIDINGSPLAN = "opleidingsplan"
PROFESSIONALISERINGSPLAN = "professionaliseringsplan"
KWALITEITSZORGPLAN = "kwaliteitszorgplan"
PARTS = {
    OPLEIDINGSPLAN: _("Opleidingsplan"),
    PROFESSIONALISERINGSPLAN: _("Professionaliseringsplan"),
    KWALITEITSZORGPLAN: _("Kwaliteitszorgplan"),
}

CHAPTERS: tuple[ChapterDef, ...] = (
    ChapterDef(
        "2.2",
        OPLEIDINGSPLAN,
        _("Sketch of the partnership"),
        _("Since when, which partners (boards, schools, institutes), main features, mission."),
        ("partners",),
    ),
    ChapterDef(
        "2.3",
        OPLEIDINGSPLAN,
        _("Vision and ambitions"),
        _("The vision on training together and the ambitions that follow from it."),
    ),
    ChapterDef(
        "2.4",
        OPLEIDINGSPLAN,
        _("Didactic concept"),
        _("How students learn in school; the basis of the programme."),
    ),
    ChapterDef(
        "2.5",
        OPLEIDINGSPLAN,
        _("Intake"),
        _("Capacity, categories of students, recruitment and selection, the placement procedure."),
        ("quota", "placement_calendar"),
    ),
    ChapterDef(
        "2.6",
        OPLEIDINGSPLAN,
        _("Training programme"),
        _("Guidance, the programme of the year, the learning on the workplace."),
        ("programme",),
    ),
    ChapterDef(
        "2.7",
        OPLEIDINGSPLAN,
        _("Assessment and testing"),
        _("Final qualifications, assessment of workplace learning, agreements with institutes."),
    ),
    ChapterDef(
        "2.8",
        OPLEIDINGSPLAN,
        _("Organisation and staff"),
        _("Organisation structure, guidance structure, roles and tasks, facilitation."),
        ("bodies", "roles", "facilitation_norms"),
    ),
    ChapterDef(
        "3.2",
        PROFESSIONALISERINGSPLAN,
        _("Vision on professionalisation and HR policy"),
        _("Why and how the people who train students keep developing."),
    ),
    ChapterDef(
        "3.3",
        PROFESSIONALISERINGSPLAN,
        _("Embedding in HR policy"),
        _("How professionalisation is part of the schools' and institutes' HR cycle."),
    ),
    ChapterDef(
        "3.4",
        PROFESSIONALISERINGSPLAN,
        _("Professionalisation activities"),
        _("The activities offered, for whom, and the required qualifications."),
        ("professionalisation", "compliance"),
    ),
    ChapterDef(
        "3.5",
        PROFESSIONALISERINGSPLAN,
        _("Facilities, including training hours per employee"),
        _("Time and money for professionalisation; registration of trainers."),
        ("training_hours",),
    ),
    ChapterDef(
        "4.2",
        KWALITEITSZORGPLAN,
        _("Principles of quality policy"),
        _("The principles and the cycle (plan-do-check-act) of quality assurance."),
    ),
    ChapterDef(
        "4.3",
        KWALITEITSZORGPLAN,
        _("Targets"),
        _("Ambitions with their indicators and target values."),
        ("quality_framework",),
    ),
    ChapterDef(
        "4.4",
        KWALITEITSZORGPLAN,
        _("Evaluation process"),
        _("What is evaluated when, by whom, and how results are reported."),
        ("quality_calendar",),
    ),
    ChapterDef(
        "4.5",
        KWALITEITSZORGPLAN,
        _("Quality assurance instruments"),
        _("Surveys, evaluations and other instruments."),
        ("quality_instruments",),
    ),
    ChapterDef(
        "4.6",
        KWALITEITSZORGPLAN,
        _("Improvement actions"),
        _("The improvement actions that follow from the evaluations."),
        ("improvement_actions",),
    ),
    ChapterDef(
        "4.7",
        KWALITEITSZORGPLAN,
        _("Risks and control measures"),
        _("Risks to quality and what the partnership does about them."),
        ("risks",),
    ),
    ChapterDef(
        "4.8",
        KWALITEITSZORGPLAN,
        _("Those involved in internal quality assurance"),
        _("Who does what in the quality cycle; the bodies that discuss and adopt."),
        ("bodies",),
    ),
)
BY_KEY = {chapter.key: chapter for chapter in CHAPTERS}
