"""The personal data the placements app holds, registered with the base's privacy registry:
students (after their last placement), transfer forms, the guidance log and its attachments,
the names in subsidy list snapshots; and what the subject-access export takes from here."""

from django.db import transaction
from django.db.models import F, OuterRef, ProtectedError, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from partnerships.models import RoleAssignment, Student
from partnerships.privacy.anonymise import ANONYMOUS_DOMAIN, person_anonymise, plain
from partnerships.privacy.registry import PersonalData, register

from .models import (
    GuidanceAttachment,
    GuidanceEntry,
    Placement,
    Preference,
    PreferenceForm,
    SmallAppointment,
    SubsidySnapshot,
    TransferForm,
)

STUDENT_TEXT = ("student_number", "postcode", "learning_goals", "override_reason")
SNAPSHOT_NAMES = ("name", "sort_name", "student_number", "override_reason")


def _past(students, cutoff):
    """Students whose last placement's school year (or, without one, their first school year)
    ended before ``cutoff``."""
    last_end = Placement.objects.filter(student=OuterRef("pk")).order_by(
        "-academic_year__start_year"
    )
    return students.annotate(
        last_end=Coalesce(
            Subquery(last_end.values("academic_year__end_date")[:1]), F("start_year__end_date")
        )
    ).filter(last_end__lt=cutoff)


def retain_students(today, cutoff) -> int:
    """A student without placements is deleted; one with placements is made anonymous, because
    the placements are counted (quota realisation, facilitation hours, adopted reports, subsidy
    lists): the counts stay, the name goes."""
    changed, anonymised = 0, set()
    candidates = _past(Student.objects.all(), cutoff).select_related("person")
    for student in candidates.exclude(person__email__endswith="@" + ANONYMOUS_DOMAIN):
        person = student.person
        if not student.placements.exists() and _deleted(student):
            changed += 1
        else:
            cleared = {name: "" for name in STUDENT_TEXT if getattr(student, name)}
            if cleared or student.is_active:
                Student.objects.filter(pk=student.pk).update(is_active=False, **cleared)
                changed += 1
            anonymised.add(student.pk)
        if _may_anonymise(person, cutoff) and person_anonymise(person=person):
            changed += 1
    _strip_snapshots(SubsidySnapshot.objects.all(), student_ids=anonymised)
    return changed


def _deleted(student) -> bool:
    """Delete a student without placements; False (then it is anonymised) when something
    protects the record."""
    try:
        with transaction.atomic():
            student.delete()
    except ProtectedError:
        return False
    return True


def _may_anonymise(person, cutoff) -> bool:
    """Not while the person still studies elsewhere in the product or holds a recent role."""
    others = _past(Student.objects.filter(person=person), cutoff).values("pk")
    if Student.objects.filter(person=person).exclude(pk__in=others).exists():
        return False
    recent = Q(valid_until__isnull=True) | Q(valid_until__gte=cutoff)
    return not RoleAssignment.objects.filter(recent, person=person).exists()


def _strip_snapshots(snapshots, *, student_ids=None) -> int:
    """Remove the names from snapshot rows (of these students, or all); the counts stay."""
    changed = 0
    for snapshot in snapshots:
        touched = False
        for row in [*snapshot.rows, *snapshot.excluded]:
            if student_ids is not None and row.get("student_id") not in student_ids:
                continue
            for name in SNAPSHOT_NAMES:
                if row.get(name):
                    row[name] = ""
                    touched = True
        if touched:
            SubsidySnapshot.objects.filter(pk=snapshot.pk).update(
                rows=snapshot.rows, excluded=snapshot.excluded
            )
            changed += 1
    return changed


def retain_subsidy_lists(today, cutoff) -> int:
    old = SubsidySnapshot.objects.filter(reference_date__lt=cutoff)
    return _strip_snapshots(old)


def _ended(prefix: str, cutoff) -> Q:
    return Q(**{f"{prefix}academic_year__end_date__lt": cutoff})


def retain_transfer_forms(today, cutoff) -> int:
    deleted, _n = TransferForm.objects.filter(_ended("placement__", cutoff)).delete()
    return deleted


def retain_guidance(today, cutoff) -> int:
    deleted, _n = GuidanceEntry.objects.filter(_ended("placement__", cutoff)).delete()
    return deleted


def retain_guidance_attachments(today, cutoff) -> int:
    old = GuidanceAttachment.objects.filter(_ended("entry__placement__", cutoff))
    deleted, _n = old.delete()
    return deleted


def _placements(person, partnership):
    return Placement.objects.filter(student__person=person, student__partnership=partnership)


def export_placements(person, partnership) -> dict:
    guided = Placement.objects.filter(
        Q(werkplekbegeleider=person) | Q(schoolopleider=person) | Q(instituutsopleider=person),
        student__partnership=partnership,
    )
    forms = PreferenceForm.objects.filter(student__person=person, student__partnership=partnership)
    return {
        "placements": plain(_placements(person, partnership)),
        "small_appointments": plain(
            SmallAppointment.objects.filter(placement__in=_placements(person, partnership))
        ),
        "preference_forms": plain(forms),
        "preferences": plain(Preference.objects.filter(form__in=forms)),
        "placements_guided": list(
            guided.values("pk", "student_id", "academic_year_id", "school_id", "status")
        ),
    }


def export_transfer_forms(person, partnership) -> dict:
    forms = TransferForm.objects.filter(student__person=person, student__partnership=partnership)
    return {"transfer_forms": plain(forms, exclude=("snapshot",))}


def transfer_form_pdfs(person, partnership) -> list[tuple[str, bytes]]:
    from partnerships.pdf import render_to_pdf

    from .transfer.views.form import document_context

    files = []
    forms = TransferForm.objects.filter(
        student__person=person, student__partnership=partnership
    ).select_related("placement__academic_year", "student__person")
    for transfer in forms:
        context = {
            **document_context(transfer),
            "partnership": partnership,
            "printed_at": timezone.now(),
        }
        pdf = render_to_pdf("print/transfer_form.html", context, language="nl")
        name = slugify(f"doorstroomformulier {transfer.placement.academic_year.label}")
        files.append((f"{name}-{transfer.pk}.pdf", pdf))
    return files


def _entries(person, partnership):
    return GuidanceEntry.objects.filter(
        Q(placement__student__person=person) | Q(author=person),
        placement__student__partnership=partnership,
    )


def export_guidance(person, partnership) -> dict:
    return {"guidance_entries": plain(_entries(person, partnership))}


def guidance_files(person, partnership) -> list[tuple[str, bytes]]:
    attachments = GuidanceAttachment.objects.filter(entry__in=_entries(person, partnership))
    return [(f"{a.entry_id}-{a.name}", bytes(a.data)) for a in attachments]


def install() -> None:
    after_year = _("after the end of the school year of the placement")
    for kind in (
        PersonalData(
            "students",
            _("Student records: institute, study year, categories, placements, preferences"),
            after=_("after the end of the school year of the last placement"),
            outcome=_(
                "made anonymous when placements are counted in reports or subsidy lists "
                "(the counts stay, the name goes); otherwise deleted"
            ),
            retain=retain_students,
            export=export_placements,
            order=20,
        ),
        PersonalData(
            "subsidy_lists",
            _("Names in the subsidy lists handed to the ministry"),
            after=_("after the reference date of the list"),
            outcome=_("names removed; the counts per category stay"),
            retain=retain_subsidy_lists,
            order=21,
        ),
        PersonalData(
            "transfer_forms",
            _("Transfer forms (doorstroomformulieren)"),
            after=after_year,
            outcome=_("deleted"),
            retain=retain_transfer_forms,
            export=export_transfer_forms,
            files=transfer_form_pdfs,
            order=30,
        ),
        PersonalData(
            "guidance",
            _("Guidance log: conversations, observations and agreements"),
            after=after_year,
            outcome=_("deleted"),
            retain=retain_guidance,
            export=export_guidance,
            files=guidance_files,
            order=31,
        ),
        PersonalData(
            "guidance_attachments",
            _("Files attached to the guidance log"),
            after=after_year,
            outcome=_("deleted"),
            retain=retain_guidance_attachments,
            order=32,
        ),
    ):
        register(kind)
