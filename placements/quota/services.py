"""The quota of an academic year: proposal, distribution over schools, adjustment, submission to
the steering group and its approval.

* Units: a cluster counts as one unit (its schools' pupils summed); every active school outside a
  cluster is a unit of its own.
* Pupil numbers: each school's PupilCount of the quota's year; a school without one uses its
  most recent earlier count (the page names those schools and years); a school without any count
  adds no pupils and is listed as a warning.
* Distribution: ``placements.quota.rules.distribute`` (largest remainder), so the computed shares
  always add up exactly to the quota.
* Adjustments: a share may be set by hand, always with a reason. Recomputing (after pupil numbers
  or the number of places changed) refreshes every computed share and keeps a hand adjustment
  only when it still has its reason — unless the planner asks to discard adjustments. The
  adjusted total may then differ from the quota; submission and approval are refused until the
  shares add up again.
* Approval: draft → submitted (planner; every steering group member gets an e-mail and a
  dashboard card with the approval page) → approved (steering group member, with the meeting's
  name; who and when are recorded) or sent back to draft with a note. The decision is mailed to
  whoever submitted it. Any change to a submitted quota returns it to draft, so the steering
  group approves exactly what it saw. An approved quota is read-only; a new proposal (explicitly
  confirmed) withdraws the approval and starts a new draft.
"""

import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.governance import services as governance
from partnerships.models import AcademicYear, Organisation, Partnership, Person, PupilCount
from placements.approvals.services import notify_approvers, notify_proposer, year_path
from placements.choices import ApprovalStatus
from placements.models import Quota, QuotaShare
from placements.permissions import PlacementAction
from placements.quota.rules import Unit, distribute

logger = logging.getLogger(__name__)
S = ApprovalStatus


@dataclass
class BasisUnit:
    key: str  # "c<cluster id>" or "s<school id>"
    name: str
    pupils: int = 0
    school_id: int | None = None
    cluster_id: int | None = None
    schools: list[str] = field(default_factory=list)


@dataclass
class PupilBasis:
    units: list[BasisUnit]
    fallbacks: list[tuple[Organisation, AcademicYear]]  # counted with an earlier year's count
    missing: list[Organisation]  # no count at all


def share_key(share: QuotaShare) -> str:
    return f"c{share.cluster_id}" if share.cluster_id else f"s{share.school_id}"


def quota_pupil_basis(*, partnership: Partnership, year: AcademicYear) -> PupilBasis:
    """The units and their pupils for ``year`` (two queries)."""
    schools = list(
        Organisation.objects.filter(partnership=partnership, kind="school", is_active=True)
        .select_related("cluster")
        .order_by("name")
    )
    counts = PupilCount.objects.filter(
        organisation__in=schools, academic_year__start_year__lte=year.start_year
    ).select_related("academic_year")
    latest: dict[int, PupilCount] = {}
    for count in counts.order_by("-academic_year__start_year"):
        latest.setdefault(count.organisation_id, count)
    units: dict[str, BasisUnit] = {}
    fallbacks, missing = [], []
    for school in schools:
        if school.cluster_id:
            unit = units.setdefault(
                f"c{school.cluster_id}",
                BasisUnit(
                    f"c{school.cluster_id}", school.cluster.name, cluster_id=school.cluster_id
                ),
            )
        else:
            unit = units.setdefault(
                f"s{school.pk}", BasisUnit(f"s{school.pk}", school.name, school_id=school.pk)
            )
        unit.schools.append(school.name)
        count = latest.get(school.pk)
        if count is None:
            missing.append(school)
            continue
        if count.academic_year_id != year.pk:
            fallbacks.append((school, count.academic_year))
        unit.pupils += count.pupils
    ordered = sorted(units.values(), key=lambda u: u.name.lower())
    return PupilBasis(units=ordered, fallbacks=fallbacks, missing=missing)


def quota_shares(quota: Quota):
    return quota.shares.select_related("school", "cluster").order_by(
        "cluster__name", "school__name"
    )


def quota_total(quota: Quota) -> int:
    return sum(share.share for share in quota.shares.all())


def _locked(quota: Quota) -> Quota:
    return Quota.objects.select_for_update().get(pk=quota.pk)


def _refuse_if_approved(quota: Quota) -> None:
    if quota.status in (S.APPROVED, S.PUBLISHED):
        raise ValidationError(
            _("The quota has been approved and can no longer be changed. Make a new proposal.")
        )


def _back_to_draft(quota: Quota) -> None:
    if quota.status == S.SUBMITTED:
        quota.status = S.DRAFT
        quota.save(update_fields=["status", "updated_at"])


def _recompute(quota: Quota, *, keep_adjustments: bool) -> None:
    basis = quota_pupil_basis(partnership=quota.partnership, year=quota.academic_year)
    computed = distribute(quota.places, [Unit(u.key, u.name, u.pupils) for u in basis.units])
    existing = {share_key(share): share for share in quota.shares.all()}
    wanted = {u.key for u in basis.units}
    QuotaShare.objects.filter(
        pk__in=[s.pk for k, s in existing.items() if k not in wanted]
    ).delete()
    for unit in basis.units:
        share = existing.get(unit.key) or QuotaShare(
            quota=quota, school_id=unit.school_id, cluster_id=unit.cluster_id
        )
        share.pupils = unit.pupils
        share.computed = computed[unit.key]
        if not (keep_adjustments and share.adjustment_reason.strip()):
            share.adjusted, share.adjustment_reason = None, ""
        share.full_clean()
        share.save()


@transaction.atomic
def quota_propose(
    *,
    partnership: Partnership,
    year: AcademicYear,
    places: int,
    margin_percent: int,
    by: Person,
    keep_adjustments: bool = True,
    reopen: bool = False,
) -> Quota:
    """Create or change the proposal and (re)compute its distribution. Changing an approved
    quota needs ``reopen=True``: the approval is withdrawn and the quota is a draft again."""
    quota = Quota.objects.select_for_update().filter(partnership=partnership, academic_year=year)
    quota = quota.first() or Quota(partnership=partnership, academic_year=year)
    if quota.status in (S.APPROVED, S.PUBLISHED) and not reopen:
        raise ValidationError(
            {"reopen": _("Confirm that the new proposal withdraws the steering group's approval.")}
        )
    was = quota.status if quota.pk else None
    quota.places, quota.margin_percent = places, margin_percent
    quota.status = S.DRAFT
    quota.approved_by, quota.approved_at, quota.approval_meeting = None, None, ""
    quota.created_by = by
    quota.full_clean()
    quota.save()
    _recompute(quota, keep_adjustments=keep_adjustments)
    logger.info(
        "Quota %s %s proposed by %s: %s places, %s%% margin (was %s)",
        partnership.slug,
        year,
        by.pk,
        places,
        margin_percent,
        was,
    )
    return quota


@transaction.atomic
def quota_recompute(*, quota: Quota, by: Person, keep_adjustments: bool = True) -> Quota:
    quota = _locked(quota)
    _refuse_if_approved(quota)
    _back_to_draft(quota)
    _recompute(quota, keep_adjustments=keep_adjustments)
    logger.info(
        "Quota %s recomputed by %s (keep adjustments: %s)", quota.pk, by.pk, keep_adjustments
    )
    return quota


@transaction.atomic
def quota_adjust(
    *, quota: Quota, adjustments: dict[int, tuple[int | None, str]], by: Person
) -> Quota:
    """Set the hand adjustments: ``{share id: (adjusted or None, reason)}``. An adjustment that
    differs from the computed share needs a reason; one equal to it (or empty) is cleared.
    Errors are keyed ``reason_<share id>``; nothing is saved when any is wrong."""
    quota = _locked(quota)
    _refuse_if_approved(quota)
    shares = {share.pk: share for share in quota.shares.all()}
    errors = {}
    for pk, (adjusted, reason) in adjustments.items():
        share = shares.get(pk)
        if share is None:
            raise ValidationError(_("This share does not belong to the quota."))
        reason = reason.strip()
        if adjusted is None or adjusted == share.computed:
            share.adjusted, share.adjustment_reason = None, ""
        elif not reason:
            errors[f"reason_{pk}"] = _("Give a reason for adjusting the share of %(unit)s.") % {
                "unit": share.unit_name
            }
        else:
            share.adjusted, share.adjustment_reason = adjusted, reason
    if errors:
        raise ValidationError(errors)
    for pk in adjustments:
        shares[pk].full_clean()
        shares[pk].save()
    _back_to_draft(quota)
    logger.info("Quota %s shares adjusted by %s", quota.pk, by.pk)
    return quota


def _require_total(quota: Quota) -> None:
    total = quota_total(quota)
    if total != quota.places:
        raise ValidationError(
            _(
                "The shares add up to %(total)s places but the quota is %(places)s. "
                "Adjust the shares so that they add up exactly to the quota."
            )
            % {"total": total, "places": quota.places}
        )


@transaction.atomic
def quota_submit(*, quota: Quota, by: Person) -> Quota:
    quota = _locked(quota)
    if quota.status != S.DRAFT:
        raise ValidationError(_("Only a draft quota can be submitted for approval."))
    _require_total(quota)
    quota.status = S.SUBMITTED
    quota.submitted_at, quota.submitted_by, quota.decision_note = timezone.now(), by, ""
    quota.save(
        update_fields=["status", "submitted_at", "submitted_by", "decision_note", "updated_at"]
    )
    notify_approvers(
        kind="quota",
        pk=quota.pk,
        partnership=quota.partnership,
        action=PlacementAction.APPROVE_QUOTA,
        submitted_at=quota.submitted_at,
        by=by,
        context=_mail_context(quota),
    )
    logger.info("Quota %s submitted by %s", quota.pk, by.pk)
    return quota


def _mail_context(quota: Quota) -> dict:
    partnership, year = quota.partnership, quota.academic_year
    return {
        "quota": quota,
        "partnership": partnership,
        "year": year,
        "path": year_path("quota_approve", partnership, year),
        "quota_path": year_path("quota", partnership, year),
    }


def _tell_proposer(quota: Quota, *, approved: bool, note: str, by: Person) -> None:
    notify_proposer(
        kind="quota",
        pk=quota.pk,
        proposer=quota.submitted_by or quota.created_by,
        submitted_at=quota.submitted_at,
        by=by,
        approved=approved,
        note=note,
        context=_mail_context(quota),
    )


@transaction.atomic
def quota_approve(*, quota: Quota, meeting, by: Person) -> Quota:
    """``meeting``: the governance meeting (or written procedure) that decided — the approval
    becomes its numbered decision — or, for a meeting not in the product, its name."""
    decided_at = meeting if isinstance(meeting, governance.Meeting) else None
    meeting = str(meeting)
    quota = _locked(quota)
    if quota.status != S.SUBMITTED:
        raise ValidationError(_("The quota has not been submitted for approval."))
    if not meeting.strip():
        raise ValidationError({"meeting": _("Name the steering group meeting that approved it.")})
    _require_total(quota)
    quota.status = S.APPROVED
    quota.approved_by, quota.approved_at = by, timezone.now()
    quota.approval_meeting = meeting.strip()
    quota.decision_note = ""
    quota.full_clean()
    quota.save()
    if decided_at is not None:
        governance.record_decision(
            meeting=decided_at,
            text=_("The quota %(year)s is approved: %(places)s places.")
            % {"year": quota.academic_year, "places": quota.places},
            by=by,
            subject=quota,
            subject_url=reverse(
                "placements:quota",
                kwargs={"partnership": quota.partnership.slug, "year": quota.academic_year.label},
            ),
        )
    _tell_proposer(quota, approved=True, note=quota.approval_meeting, by=by)
    logger.info("Quota %s approved by %s at %r", quota.pk, by.pk, quota.approval_meeting)
    return quota


@transaction.atomic
def quota_send_back(*, quota: Quota, note: str, by: Person) -> Quota:
    """The steering group does not approve: the quota goes back to draft with the reason, and
    whoever submitted it is told."""
    quota = _locked(quota)
    if quota.status != S.SUBMITTED:
        raise ValidationError(_("The quota has not been submitted for approval."))
    if not note.strip():
        raise ValidationError({"note": _("Say why the quota goes back to draft.")})
    quota.status, quota.decision_note = S.DRAFT, note.strip()
    quota.full_clean()
    quota.save()
    _tell_proposer(quota, approved=False, note=quota.decision_note, by=by)
    logger.info("Quota %s sent back by %s", quota.pk, by.pk)
    return quota
