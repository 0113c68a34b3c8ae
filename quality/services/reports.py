"""Quality reports: drafted by the scheduler when a half-year's rounds have all closed (and the
annual report in January), analysed per section by the programme manager, commented on and
adopted by the steering group. Adoption freezes the report and archives its PDF; from then on
every function here refuses to change it.

Every write locks the report row first, so two adoptions (or an adoption and a late comment)
cannot both happen; drafting relies on the unique constraints, so two runs make one report."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from partnerships.audit import record
from partnerships.glossary import Role
from partnerships.governance import services as governance
from partnerships.models import AcademicYear, Partnership, Person
from partnerships.notifications import notify_once
from partnerships.outbox import enqueue
from partnerships.pdf import render_to_pdf

from .. import report_data
from ..choices import Half, ReportKind, ReportStatus, RoundStatus
from ..models import (
    ImprovementAction,
    OrganisationReport,
    QualityReport,
    ReportComment,
    ReportSection,
    SurveyRound,
)
from ..selectors.reports import organisation_reports_visible, report_document, role_holders

PRINT_TEMPLATE = "quality/print/report.html"
MAX_TEXT = 20000


def _title(kind: str, academic_year: AcademicYear, half: int | None) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        if kind == ReportKind.ANNUAL:
            return _("Annual quality report %(year)s") % {"year": academic_year.label}
        return _("Quality report %(year)s, %(half)s") % {
            "year": academic_year.label,
            "half": Half(half).label,
        }


def _lock(report: QualityReport) -> QualityReport:
    """Lock the row and take its current state (another tab or person may have moved it)."""
    fresh = QualityReport.objects.select_for_update().only("status").get(pk=report.pk)
    report.status = fresh.status
    return report


def _refuse_if_adopted(report: QualityReport) -> None:
    if report.status == ReportStatus.ADOPTED:
        raise ValidationError(_("This report has been adopted; it can no longer be changed."))


def _notify(report: QualityReport, *, event: str, people, template: str) -> int:
    path = report.get_absolute_url()
    return sum(
        notify_once(
            key=f"quality_report:{report.pk}:{event}:{person.pk}",
            recipient=person,
            template=f"quality/email/report_{template}",
            context={"report": report, "path": path, "partnership": report.partnership},
        )
        for person in people
    )


# --- drafting --------------------------------------------------------------------------------
@transaction.atomic
def report_draft(
    *,
    partnership: Partnership,
    academic_year: AcademicYear,
    kind: str,
    half: int | None,
    today: datetime.date,
    notify: bool = True,
) -> tuple[QualityReport, bool]:
    """The report of this period, drafted once: a second (or concurrent) call returns the
    existing one. Done actions listed in it count as evaluated in it. ``notify=False`` (the
    demo) drafts without telling the programme managers."""
    existing = QualityReport.objects.filter(
        partnership=partnership, academic_year=academic_year, kind=kind, half=half
    ).first()
    if existing:
        return existing, False
    if kind == ReportKind.ANNUAL:
        data = report_data.annual_data(
            partnership=partnership, academic_year=academic_year, today=today
        )
    else:
        data = report_data.half_year_data(
            partnership=partnership, academic_year=academic_year, half=half, today=today
        )
    report = QualityReport(
        partnership=partnership,
        academic_year=academic_year,
        kind=kind,
        half=half,
        title=_title(kind, academic_year, half),
        data=data,
    )
    report.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # another run drafted it a moment ago
        existing = QualityReport.objects.get(
            partnership=partnership, academic_year=academic_year, kind=kind, half=half
        )
        return existing, False
    with translation.override(settings.LANGUAGE_CODE):
        ReportSection.objects.bulk_create(
            ReportSection(
                report=report, key=key, title=str(report_data.SECTION_TITLES[key]), order=i
            )
            for i, key in enumerate(report_data.section_keys(kind=kind, half=half), 1)
        )
    organisation_reports_draft(report=report, today=today)
    done = [row["id"] for row in data.get("actions", {}).get("done", [])]
    ImprovementAction.objects.filter(pk__in=done, evaluated_in__isnull=True).update(
        evaluated_in=report
    )
    if notify:
        managers = role_holders(partnership=partnership, roles=[Role.PROGRAMMAMANAGER], today=today)
        _notify(report, event="drafted", people=managers, template="drafted")
    return report, True


def organisation_reports_draft(*, report: QualityReport, today: datetime.date) -> int:
    """The report limited to each active school and institute, frozen with the report (item 6);
    the annual report reuses the rounds of the organisation's half-year parts."""
    from partnerships.models import Organisation

    earlier: dict[int, list[dict]] = {}
    if report.kind == ReportKind.ANNUAL:
        for part in OrganisationReport.objects.filter(
            report__partnership=report.partnership,
            report__academic_year=report.academic_year,
            report__kind=ReportKind.HALF_YEAR,
        ).order_by("report__half"):
            earlier.setdefault(part.organisation_id, []).append(part.data)
    organisations = Organisation.objects.filter(
        partnership=report.partnership, kind__in=("school", "institute"), is_active=True
    ).order_by("name", "pk")
    parts = [
        OrganisationReport(
            report=report,
            organisation=organisation,
            data=report_data.organisation_data(
                report=report,
                organisation=organisation,
                today=today,
                earlier=earlier.get(organisation.pk, []),
            ),
        )
        for organisation in organisations
    ]
    return len(OrganisationReport.objects.bulk_create(parts, ignore_conflicts=True))


def due_half_years(*, partnership: Partnership) -> list[tuple[int, int]]:
    """(academic year id, half) of every half year whose rounds have all closed (at least one
    round, cancelled ones not counted) and that has no report yet."""
    states: dict[tuple[int, int], set[str]] = {}
    rounds = SurveyRound.objects.filter(partnership=partnership).exclude(
        status=RoundStatus.CANCELLED
    )
    for year_id, half, status in rounds.values_list("academic_year", "half", "status"):
        states.setdefault((year_id, half), set()).add(status)
    done = set(
        QualityReport.objects.filter(
            partnership=partnership, kind=ReportKind.HALF_YEAR
        ).values_list("academic_year", "half")
    )
    return sorted(
        key for key, seen in states.items() if seen == {RoundStatus.CLOSED} and key not in done
    )


def due_annual_years(*, partnership: Partnership, today: datetime.date) -> list[int]:
    """Academic years that ended before the last January 1st, have half-year reports and no
    annual report yet: the annual report is drafted from January for the previous year."""
    reported = QualityReport.objects.filter(partnership=partnership)
    with_halves = set(
        reported.filter(kind=ReportKind.HALF_YEAR).values_list(
            "academic_year", "academic_year__start_year"
        )
    )
    annual = set(reported.filter(kind=ReportKind.ANNUAL).values_list("academic_year", flat=True))
    return sorted(
        year_id
        for year_id, start_year in with_halves
        if today >= datetime.date(start_year + 2, 1, 1) and year_id not in annual
    )


def reports_draft_due(*, partnership: Partnership, today: datetime.date) -> list[QualityReport]:
    created = []
    for year_id, half in due_half_years(partnership=partnership):
        report, new = report_draft(
            partnership=partnership,
            academic_year=AcademicYear.objects.get(pk=year_id),
            kind=ReportKind.HALF_YEAR,
            half=half,
            today=today,
        )
        created += [report] if new else []
    for year_id in due_annual_years(partnership=partnership, today=today):
        report, new = report_draft(
            partnership=partnership,
            academic_year=AcademicYear.objects.get(pk=year_id),
            kind=ReportKind.ANNUAL,
            half=None,
            today=today,
        )
        created += [report] if new else []
    return created


# --- writing and reviewing -------------------------------------------------------------------
def _check_text(field: str, text: str, *, required: bool = False) -> str:
    text = text.strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > MAX_TEXT:
        raise ValidationError({field: _("Keep this under %(n)s characters.") % {"n": MAX_TEXT}})
    return text


@transaction.atomic
def report_section_update(*, section: ReportSection, by: Person, analysis: str) -> ReportSection:
    _refuse_if_adopted(_lock(section.report))
    section.analysis = _check_text("analysis", analysis)
    section.updated_by = by
    section.full_clean()
    section.save(update_fields=["analysis", "updated_by", "updated_at"])
    record(
        person=by,
        action="report_analysis",
        obj=section.report,
        partnership=section.report.partnership,
        section=section.key,
    )
    return section


@transaction.atomic
def report_comment_add(
    *, report: QualityReport, by: Person, text: str, section: ReportSection | None = None
) -> ReportComment:
    _refuse_if_adopted(_lock(report))
    if section is not None and section.report_id != report.pk:
        raise ValidationError({"section": _("Choose a section of this report.")})
    comment = ReportComment(
        report=report, section=section, author=by, text=_check_text("text", text, required=True)
    )
    comment.full_clean()
    comment.save()
    record(
        person=by,
        action="report_comment",
        obj=report,
        partnership=report.partnership,
        section=section.key if section else "",
    )
    return comment


@transaction.atomic
def report_submit(*, report: QualityReport, by: Person, notify: bool = True) -> QualityReport:
    """The programme manager hands the draft to the steering group (who get an e-mail, unless
    ``notify=False``: the demo)."""
    if _lock(report).status != ReportStatus.DRAFT:
        raise ValidationError(_("Only a draft can be handed to the steering group."))
    report.status = ReportStatus.IN_REVIEW
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at"])
    record(person=by, action="report_submit", obj=report, partnership=report.partnership)
    if notify:
        members = role_holders(partnership=report.partnership, roles=[Role.STUURGROEPLID])
        _notify(report, event="review", people=members, template="review")
    return report


def report_pdf_render(report: QualityReport, *, draft: bool) -> bytes:
    context = {**report_document(report), "draft": draft, "printed_at": timezone.now()}
    return render_to_pdf(PRINT_TEMPLATE, context, language=settings.LANGUAGE_CODE)


ARCHIVE_TASK = "quality.tasks.reports.archive_report_pdf"
ARCHIVE_STALLED_AFTER = datetime.timedelta(minutes=10)


@transaction.atomic
def report_adopt(
    *,
    report: QualityReport,
    by: Person,
    meeting: str = "",
    meeting_date: datetime.date | None = None,
    decided_at=None,
) -> QualityReport:
    """The steering group adopts the report in a meeting: recorded with who and when, and from
    then on frozen. The archived PDF is rendered by a Celery task (``report_archive_pdf``),
    enqueued through the outbox in the same transaction, so the page returns at once; until the
    task has stored it the report is *adopting* (``QualityReport.is_adopting``).

    ``decided_at`` (a governance meeting, its id, or ``"written"`` for a new written procedure)
    makes the adoption a numbered decision of that meeting, linking to the report; the meeting's
    name and day are then the report's ``meeting`` and ``meeting_date``. Without it the meeting
    is named (one that is not in the product)."""
    _lock(report)
    _refuse_if_adopted(report)
    if report.status != ReportStatus.IN_REVIEW:
        raise ValidationError(_("Only a report with the steering group can be adopted."))
    decided = None
    if decided_at:
        decided = governance.resolve_meeting(
            partnership=report.partnership, value=decided_at, by=by
        )
        meeting, meeting_date = str(decided), timezone.localtime(decided.starts_at).date()
    errors = {}
    meeting = meeting.strip()
    if not meeting:
        errors["meeting"] = _("Name the meeting in which the report was adopted.")
    if meeting_date is None:
        errors["meeting_date"] = _("Give the date of the meeting.")
    elif meeting_date > timezone.localdate():
        errors["decided_at" if decided else "meeting_date"] = _(
            "The meeting cannot be in the future."
        )
    if errors:
        raise ValidationError(errors)
    report.status = ReportStatus.ADOPTED
    report.meeting, report.meeting_date = meeting, meeting_date
    report.adopted_by, report.adopted_at = by, timezone.now()
    report.pdf, report.pdf_sha256 = None, ""
    report.full_clean(validate_constraints=False)
    report.save(
        update_fields=[
            "status",
            "meeting",
            "meeting_date",
            "adopted_by",
            "adopted_at",
            "pdf",
            "pdf_sha256",
        ]
    )
    if decided is not None:
        governance.record_decision(
            meeting=decided,
            text=_("%(report)s is adopted.") % {"report": report.title},
            by=by,
            subject=report,
            subject_url=report.get_absolute_url(),
        )
    record(
        person=by,
        action="report_adopt",
        obj=report,
        partnership=report.partnership,
        meeting=meeting,
    )
    enqueue(ARCHIVE_TASK, report.pk)
    return report


def report_archive_pdf(*, report_id: int) -> bool:
    """Render and archive the PDF of an adopted report, once. The report is claimed by its
    state — adopted, no PDF yet — with its row locked (``SKIP LOCKED``) while it renders: a
    second delivery of the task finds it archived, or being archived, and does nothing; a worker
    that dies releases the lock, and the next delivery (the broker's, or the sweep's) claims it.
    Returns whether this call archived it."""
    with transaction.atomic():
        report = (
            QualityReport.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=report_id, status=ReportStatus.ADOPTED, pdf_sha256="")
            .select_related("partnership", "academic_year", "adopted_by")
            .defer("pdf")
            .first()
        )
        if report is None:
            return False
        pdf = report_pdf_render(report, draft=False)
        report.pdf, report.pdf_sha256 = pdf, hashlib.sha256(pdf).hexdigest()
        report.save(update_fields=["pdf", "pdf_sha256"])
        record(
            person=report.adopted_by,
            action="report_archive",
            obj=report,
            partnership=report.partnership,
            sha256=report.pdf_sha256,
        )
    return True


def reports_archive_stalled(*, now: datetime.datetime | None = None) -> int:
    """Enqueue the archiving again for reports adopting for longer than
    ``ARCHIVE_STALLED_AFTER`` (their worker died and the broker lost the task)."""
    now = now or timezone.now()
    stalled = list(
        QualityReport.objects.filter(
            status=ReportStatus.ADOPTED,
            pdf_sha256="",
            adopted_at__lt=now - ARCHIVE_STALLED_AFTER,
        ).values_list("pk", flat=True)
    )
    with transaction.atomic():
        for pk in stalled:
            enqueue(ARCHIVE_TASK, pk)
    return len(stalled)


def organisation_parts(*, access, partnership, report: QualityReport) -> list[dict]:
    """The organisations whose part of ``report`` the reader may open (links on the page)."""
    parts = organisation_reports_visible(access=access, partnership=partnership, report=report)
    base = reverse_part(report, 0)  # ".../organisations/0/": reversed once, not once per part
    prefix = base.removesuffix("0/")
    return [
        {"organisation": part.organisation, "url": f"{prefix}{part.organisation_id}/"}
        for part in parts.order_by("organisation__kind", "organisation__name").defer("data")
    ]


def reverse_part(report: QualityReport, organisation_id: int) -> str:
    from django.urls import reverse

    return reverse(
        "quality:report_organisation",
        kwargs={
            "partnership": report.partnership.slug,
            "pk": report.pk,
            "organisation": organisation_id,
        },
    )
