"""Demo transfer forms for partnership ``hos`` (loaded by seed_demo after the placement years,
through ``partnerships.demo.load.EXTENSIONS``; registered in ``PlacementsConfig.ready``).

Twelve students whose placement ends this year, the demo login student@hos.example (Lotte)
first, get a form in each stage a reader may meet: drafts (Lotte's half written, so she can go
on typing and submit it), forms submitted with a remark of the werkplekbegeleider, and final
forms the institute trainer agreed with (their facts frozen in the snapshot). Nothing is shared
yet: the next year's placements are still being planned in the demo.

Written without the services so nobody is e-mailed; each form is validated with full_clean.
Idempotent: a placement that already has a form is left alone."""

import datetime

from django.db import transaction
from django.utils import timezone

from partnerships.glossary import Role
from partnerships.models import AcademicYear, Partnership
from placements.models import Placement, TransferForm, TransferFormRemark, TransferFormStatus
from placements.transfer.facts import remark_records, transfer_facts
from placements.transfer.yearly import ENDING, creation_date, transfer_settings

DEMO_SLUGS = frozenset({"hos"})
DEMO_STUDENT = "student@hos.example"
FORMS = 12
STAGES = ("draft", "draft", "submitted", "final")  # cycled over the students
TEXTS = {
    "suits_me": "Een school met ruimte om nieuwe werkvormen uit te proberen.",
    "strengths": "Goed contact met leerlingen; duidelijke uitleg en instructie.",
    "points_of_attention": "Klassenmanagement in drukke groepen aan het eind van de dag.",
    "learning_goals_next_year": "Differentiëren binnen de les en formatief evalueren.",
    "other_remarks": "",
}
T = TransferFormStatus


def load(partnership: Partnership, today: datetime.date | None = None) -> str | None:
    if partnership.slug not in DEMO_SLUGS:
        return None
    return load_forms(partnership, today)


def load_forms(
    partnership: Partnership,
    today: datetime.date | None = None,
    demo_student: str = DEMO_STUDENT,
    forms: int = FORMS,
) -> str | None:
    """``forms`` forms (``demo_student``'s first, as a draft); also for the bench partnership."""
    today = today or timezone.localdate()
    year = AcademicYear.current(today)
    config = transfer_settings(partnership)
    deadline = creation_date(config, year) + datetime.timedelta(days=config.deadline_days)
    ending = Placement.objects.filter(
        student__partnership=partnership, academic_year=year, status__in=ENDING
    ).select_related("student__person")
    chosen = sorted(
        ending, key=lambda p: (p.student.person.email != demo_student, p.student.person.email)
    )
    made = 0
    with transaction.atomic():
        for n, placement in enumerate(chosen[:forms]):
            if TransferForm.objects.filter(placement=placement).exists():
                continue
            stage = (
                "draft"
                if placement.student.person.email == demo_student
                else STAGES[n % len(STAGES)]
            )
            _make(placement, stage, deadline, half=(n == 0))
            made += 1
    return f"transfer forms: {made} new" if made else None


def _make(placement: Placement, stage: str, deadline: datetime.date, half: bool) -> None:
    texts = {k: v for k, v in TEXTS.items() if not half or k in ("suits_me", "strengths")}
    form = TransferForm(placement=placement, student=placement.student, deadline=deadline, **texts)
    if stage == "draft" and not half:
        form.strengths = form.points_of_attention = form.learning_goals_next_year = ""
    form.full_clean()
    form.save()
    if stage == "draft":
        return
    now = timezone.now()
    form.status, form.submitted_at = T.SUBMITTED, now
    _remark(
        form,
        placement.werkplekbegeleider,
        Role.WERKPLEKBEGELEIDER,
        "Mooi gegroeid dit jaar; let op de planning.",
        False,
    )
    if stage == "final" and placement.instituutsopleider:
        _remark(form, placement.instituutsopleider, Role.INSTITUUTSOPLEIDER, "", True)
        form.snapshot = {**transfer_facts(form), "remarks": remark_records(form)}
        form.status, form.finalised_at = T.FINAL, now
    form.save()


def _remark(form, author, role, text, agrees) -> None:
    if author is not None:
        remark = TransferFormRemark(form=form, author=author, role=role, text=text, agrees=agrees)
        remark.full_clean()
        remark.save()
