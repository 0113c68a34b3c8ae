"""Quota pages: the proposal and its distribution, adjustments, submission, the steering group's
approval and the monitor. Rules live in ``placements.quota.services``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from partnerships.access import MANAGERS
from partnerships.governance import services as governance
from partnerships.views.base import ServiceFormView
from placements import services
from placements.approvals.services import role_holders
from placements.choices import ApprovalStatus
from placements.models import Quota
from placements.permissions import SCHOOL_LEADS, PlacementAction
from placements.quota.forms import ApproveForm, DistributionForm, ProposeForm
from placements.year.mixins import YearMixin, YearPage


def quota_url(view) -> str:
    return reverse("placements:quota", args=[view.partnership.slug, view.year.label])


class QuotaForYear(YearMixin):
    def get_quota(self) -> Quota:
        return get_object_or_404(
            Quota.objects.select_related("partnership", "academic_year"),
            partnership=self.partnership,
            academic_year=self.year,
        )


def shares_with_members(quota: Quota, basis) -> list:
    """The quota's shares, each cluster with the names of its schools (``member_schools``)."""
    members = {unit.key: unit.schools for unit in basis.units if unit.cluster_id}
    shares = list(services.quota_shares(quota))
    for share in shares:
        share.member_schools = members.get(services.share_key(share), [])
    return shares


class QuotaPage(YearPage):
    page_cache = True
    action = PlacementAction.VIEW_QUOTA
    template_name = "placements/quota.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quota = (
            Quota.objects.select_related("created_by", "approved_by")
            .filter(partnership=self.partnership, academic_year=self.year)
            .first()
        )
        basis = services.quota_pupil_basis(partnership=self.partnership, year=self.year)
        context.update(basis=basis, quota=quota, editable=False)
        if quota is not None:
            shares = shares_with_members(quota, basis)
            total = sum(share.share for share in shares)
            pupils_now = {unit.key: unit.pupils for unit in basis.units}
            context.update(
                shares=shares,
                total=total,
                total_pupils=sum(share.pupils for share in shares),
                difference=quota.places - total,
                stale=pupils_now != {services.share_key(s): s.pupils for s in shares},
                editable=quota.status in (ApprovalStatus.DRAFT, ApprovalStatus.SUBMITTED),
            )
        return context


class QuotaPropose(YearMixin, ServiceFormView):
    action = PlacementAction.MANAGE_QUOTA
    form_class = ProposeForm
    template_name = "placements/quota_form.html"

    def get_form_kwargs(self):
        self.quota = Quota.objects.filter(
            partnership=self.partnership, academic_year=self.year
        ).first()
        return super().get_form_kwargs() | {"quota": self.quota}

    def get_initial(self):
        if self.quota is not None:
            return {"places": self.quota.places, "margin_percent": self.quota.margin_percent}
        previous = Quota.objects.filter(
            partnership=self.partnership, academic_year__start_year=self.year.start_year - 1
        ).first()
        return {"places": previous.places if previous else None, "margin_percent": 10}

    def save(self, form):
        data = form.cleaned_data
        return services.quota_propose(
            partnership=self.partnership,
            year=self.year,
            places=data["places"],
            margin_percent=data["margin_percent"],
            keep_adjustments=data.get("keep_adjustments", True),
            reopen=data.get("reopen", False),
            by=self.request.user,
        )

    def get_success_url(self, obj):
        messages.success(self.request, _("The quota proposal has been saved and distributed."))
        return quota_url(self)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "quota": self.quota,
            "cancel_url": quota_url(self),
        }


class QuotaDistribution(QuotaForYear, ServiceFormView):
    action = PlacementAction.MANAGE_QUOTA
    form_class = DistributionForm
    template_name = "placements/quota_distribution.html"

    def get_form_kwargs(self):
        self.quota = self.get_quota()
        return super().get_form_kwargs() | {"shares": list(services.quota_shares(self.quota))}

    def save(self, form):
        return services.quota_adjust(
            quota=self.quota, adjustments=form.adjustments(), by=self.request.user
        )

    def get_success_url(self, obj):
        messages.success(self.request, _("The shares have been saved."))
        total = services.quota_total(obj)
        if total != obj.places:
            messages.warning(
                self.request,
                _("The shares add up to %(total)s places; the quota is %(places)s.")
                % {"total": total, "places": obj.places},
            )
        return quota_url(self)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "quota": self.quota,
            "editable": self.quota.status in (ApprovalStatus.DRAFT, ApprovalStatus.SUBMITTED),
            "cancel_url": quota_url(self),
        }


class QuotaAction(QuotaForYear, View):
    """A POST-only step (recompute, submit): a message and back to the quota page."""

    action = PlacementAction.MANAGE_QUOTA
    success = ""

    def post(self, request, *args, **kwargs):
        try:
            self.perform(self.get_quota())
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.success)
        return redirect(quota_url(self))


class QuotaRecompute(QuotaAction):
    success = gettext_lazy("The distribution has been recomputed from the pupil numbers.")

    def perform(self, quota):
        keep = self.request.POST.get("discard_adjustments") != "on"
        services.quota_recompute(quota=quota, keep_adjustments=keep, by=self.request.user)


class QuotaSubmit(QuotaAction):
    def perform(self, quota):
        services.quota_submit(quota=quota, by=self.request.user)
        members = len(role_holders(self.partnership, PlacementAction.APPROVE_QUOTA))
        if not members:
            self.success = _("The quota has been submitted to the steering group.")
            messages.warning(
                self.request,
                _(
                    "Nobody in this partnership holds the steering group role yet, so nobody "
                    "can approve the quota: give its members that role under People."
                ),
            )
            return
        self.success = ngettext(
            "The quota has been submitted to the steering group; its %(n)s member has an "
            "e-mail and sees it on the dashboard.",
            "The quota has been submitted to the steering group; its %(n)s members have an "
            "e-mail and see it on their dashboard.",
            members,
        ) % {"n": members}


class QuotaApprove(QuotaForYear, ServiceFormView):
    """The steering group's page (linked from its dashboard card and e-mail): the proposal and
    its distribution, approve with the meeting's name or send back with a note."""

    action = PlacementAction.APPROVE_QUOTA
    form_class = ApproveForm
    template_name = "placements/quota_approve.html"

    def get_form_kwargs(self):
        self.quota = self.get_quota()
        self.send_back = "send_back" in self.request.POST
        return super().get_form_kwargs() | {
            "send_back": self.send_back,
            "partnership": self.partnership,
        }

    def save(self, form):
        if self.send_back:
            return services.quota_send_back(
                quota=self.quota, note=form.cleaned_data["note"], by=self.request.user
            )
        meeting = form.cleaned_data["meeting"]
        if form.cleaned_data.get("decided_at"):  # a recorded meeting: a numbered decision
            meeting = governance.resolve_meeting(
                partnership=self.partnership,
                value=form.cleaned_data["decided_at"],
                by=self.request.user,
            )
        return services.quota_approve(quota=self.quota, meeting=meeting, by=self.request.user)

    def get_success_url(self, obj):
        if self.send_back:
            messages.success(
                self.request,
                _("The quota has been sent back to draft; %(who)s has been told why.")
                % {"who": obj.submitted_by or obj.created_by or _("the stagecoördinator")},
            )
        else:
            messages.success(self.request, _("The quota has been approved."))
        return quota_url(self)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # builds the form, which finds the quota
        basis = services.quota_pupil_basis(partnership=self.partnership, year=self.year)
        shares = shares_with_members(self.quota, basis)
        return context | {
            "quota": self.quota,
            "shares": shares,
            "total": sum(share.share for share in shares),
            "total_pupils": sum(share.pupils for share in shares),
            "cancel_url": quota_url(self),
        }


class QuotaMonitor(YearPage):
    action = PlacementAction.VIEW_QUOTA
    template_name = "placements/quota_monitor.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quota = Quota.objects.filter(partnership=self.partnership, academic_year=self.year).first()
        context["quota"] = quota
        if quota is not None:
            own = set()
            if not self.access.roles(self.partnership) & MANAGERS:
                own = services.unit_keys(self.access.own_school_ids(self.partnership, SCHOOL_LEADS))
            context["monitor"] = services.quota_monitor(quota=quota, own_units=own)
        return context
