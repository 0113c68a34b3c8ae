"""The transfer-form part of the test world (used by ``perm_transfer`` and ``test_transfer``):
student1's placement at school1 this year, guided by A's wpb, schoolopleider and
instituutsopleider; its next placement at school2 next year (mentor: the wpb of school2); and
student1's transfer form in the status a test needs."""

from partnerships.glossary import Role
from placements.models import Placement, TransferForm
from tests.factories import academic_year


def placement(student, school, *, year=None, start="september", status="active", **guides):
    year = year or academic_year()
    found, _created = Placement.objects.get_or_create(
        student=student,
        academic_year=year,
        start=start,
        defaults={
            "school": school,
            "subject": student.subject,
            "stage": "onderbouw",
            "level": "hbo",
        },
    )
    Placement.objects.filter(pk=found.pk).update(status=status, **guides)
    found.refresh_from_db()
    return found


def ending_placement(w):
    return placement(
        w.student1,
        w.school1,
        werkplekbegeleider=w[Role.WERKPLEKBEGELEIDER],
        schoolopleider=w[Role.SCHOOLOPLEIDER],
        instituutsopleider=w[Role.INSTITUUTSOPLEIDER],
    )


def next_placement(w):
    year = academic_year(academic_year().start_year + 1)
    return placement(
        w.student1,
        w.school2,
        year=year,
        status="proposed",
        werkplekbegeleider=w["wpb_other_school"],
    )


def form_of(w, status="draft", **fields) -> TransferForm:
    form, _created = TransferForm.objects.get_or_create(
        placement=ending_placement(w), defaults={"student": w.student1}
    )
    TransferForm.objects.filter(pk=form.pk).update(
        status=status, next_placement=next_placement(w), **fields
    )
    form.refresh_from_db()
    return form
