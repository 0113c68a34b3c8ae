"""Writes for the risk register and the yearly internal evaluations, and the findings of
submitted evaluations that the quality report reads (``evaluation_findings``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships import audit
from partnerships.models import AcademicYear, Organisation, Partnership, RoleAssignment

from ..choices import EvaluationStatus, EvaluationTheme
from ..models import EvaluationFinding, InternalEvaluation, Risk

THEME_ORDER = {theme: n for n, theme in enumerate(EvaluationTheme.values)}


# --- risks -------------------------------------------------------------------------------------
@transaction.atomic
def risk_save(*, risk: Risk, by) -> Risk:
    """Saves a risk; its owner must hold an active role in the risk's partnership."""
    if risk.owner_id and not (
        RoleAssignment.objects.active()
        .filter(partnership=risk.partnership_id, person=risk.owner_id)
        .exists()
    ):
        raise ValidationError({"owner": _("The owner must have a role in this partnership.")})
    action = "quality.risk_create" if risk.pk is None else "quality.risk_update"
    risk.full_clean()
    risk.save()
    audit.record(person=by, action=action, obj=risk, partnership=risk.partnership, score=risk.score)
    return risk


# --- internal evaluations --------------------------------------------------------------------
def _evaluation_for(*, partnership, organisation, academic_year) -> InternalEvaluation:
    if organisation.partnership_id != partnership.pk:
        raise ValidationError(_("This organisation is not part of this partnership."))
    evaluation, _created = InternalEvaluation.objects.select_for_update().get_or_create(
        academic_year=academic_year,
        organisation=organisation,
        defaults={"partnership": partnership},
    )
    return evaluation


@transaction.atomic
def evaluation_save(
    *,
    partnership: Partnership,
    organisation: Organisation,
    academic_year: AcademicYear,
    findings: dict[str, dict],
    submit: bool = False,
    by,
) -> InternalEvaluation:
    """Saves the findings per theme (``{theme: {"text": …, "for_partnership": bool}}``) as a
    draft or, with ``submit``, submits them. A submitted evaluation is read-only until the
    programme manager reopens it; submitting needs the conclusions theme filled in."""
    evaluation = _evaluation_for(
        partnership=partnership, organisation=organisation, academic_year=academic_year
    )
    if evaluation.status == EvaluationStatus.SUBMITTED:
        raise ValidationError(
            _("This evaluation has been submitted; ask the programme manager to reopen it.")
        )
    unknown = set(findings) - set(EvaluationTheme.values)
    if unknown:
        raise ValidationError(_("Unknown themes: %(themes)s") % {"themes": ", ".join(unknown)})
    if submit:
        evaluation_check(findings)
    existing = {f.theme: f for f in evaluation.findings.all()}
    for theme, values in findings.items():
        finding = existing.get(theme) or EvaluationFinding(evaluation=evaluation, theme=theme)
        finding.text = values.get("text", "").strip()
        finding.for_partnership = bool(values.get("for_partnership")) and bool(finding.text)
        finding.full_clean()
        finding.save()
    if submit:
        evaluation.status = EvaluationStatus.SUBMITTED
        evaluation.submitted_at = timezone.now()
        evaluation.submitted_by = by
    evaluation.full_clean()
    evaluation.save()
    audit.record(
        person=by,
        action="quality.evaluation_submit" if submit else "quality.evaluation_save",
        obj=evaluation,
        partnership=partnership,
    )
    return evaluation


def evaluation_check(findings: dict[str, dict]) -> None:
    """What submitting needs, checked before the check page too: the conclusions written."""
    if not findings.get(EvaluationTheme.CONCLUSIONS, {}).get("text", "").strip():
        raise ValidationError(
            {
                EvaluationTheme.CONCLUSIONS.value: _(
                    "Write your conclusions before submitting the evaluation."
                )
            }
        )


@transaction.atomic
def evaluation_reopen(*, evaluation: InternalEvaluation, by) -> InternalEvaluation:
    if evaluation.status != EvaluationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted evaluation can be reopened."))
    evaluation.status = EvaluationStatus.DRAFT
    evaluation.submitted_at = None
    evaluation.full_clean()
    evaluation.save()
    audit.record(
        person=by,
        action="quality.evaluation_reopen",
        obj=evaluation,
        partnership=evaluation.partnership,
    )
    return evaluation


def evaluation_findings(*, partnership: Partnership, academic_year: AcademicYear) -> list[dict]:
    """The findings of the SUBMITTED internal evaluations of a year, for the quality report:
    ``{organisation, theme, theme_label, text, for_partnership}`` per non-empty finding, by
    organisation name and then in the order of the themes."""
    findings = (
        EvaluationFinding.objects.filter(
            evaluation__partnership=partnership,
            evaluation__academic_year=academic_year,
            evaluation__status=EvaluationStatus.SUBMITTED,
        )
        .exclude(text="")
        .select_related("evaluation__organisation")
    )
    rows = [
        {
            "organisation": f.evaluation.organisation,
            "theme": f.theme,
            "theme_label": EvaluationTheme(f.theme).label,
            "text": f.text,
            "for_partnership": f.for_partnership,
        }
        for f in findings
    ]
    rows.sort(
        key=lambda r: (
            r["organisation"].name.lower(),
            r["organisation"].pk,
            THEME_ORDER[r["theme"]],
        )
    )
    return rows
