"""Governance pages: thin views over the services. Reading needs VIEW_GOVERNANCE; keeping bodies,
meetings, minutes, decisions and actions MANAGE_GOVERNANCE; the plan's texts EDIT_PLAN; adopting
it ADOPT_PLAN. An action's owner may set its status whatever their role."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from ..access import Action
from ..mixins import PartnershipMixin, get_scoped_object
from ..models import AcademicYear
from ..views.base import ServiceFormView
from . import forms, selectors, services
from .choices import ActionStatus, MeetingKind, PlanStatus
from .models import AgendaItem, Body, Decision, GovernanceAction, Meeting, PlanVersion
from .permissions import GovernanceAction as GA

NAV = "governance"


class GovMixin(PartnershipMixin):
    action = GA.VIEW_GOVERNANCE
    nav_section = NAV

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["manage"] = self.can(GA.MANAGE_GOVERNANCE)
        return context

    def bodies(self):
        return Body.objects.filter(partnership=self.partnership)

    def meetings(self):
        return Meeting.objects.filter(body__partnership=self.partnership).select_related(
            "body__partnership"
        )


class GovForm(GovMixin, ServiceFormView):
    action = GA.MANAGE_GOVERNANCE
    template_name = "partnerships/form.html"
    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": self.title}

    def cancel_fallback_url(self):
        return _url(self.partnership, "overview")


def _url(partnership, name, **kwargs):
    from django.urls import reverse

    return reverse(f"governance:{name}", kwargs={"partnership": partnership.slug, **kwargs})


class Overview(GovMixin, TemplateView):
    template_name = "partnerships/governance/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        context.update(
            bodies=selectors.bodies_with_norms(self.partnership),
            upcoming=self.meetings()
            .filter(starts_at__gte=now)
            .exclude(status="cancelled")
            .order_by("starts_at")[:10],
            recent=self.meetings().filter(starts_at__lt=now).order_by("-starts_at")[:10],
            year=timezone.localdate().year,
        )
        return context


# --- bodies -----------------------------------------------------------------------------------
class BodyCreate(GovForm):
    form_class = forms.BodyForm
    title = gettext_lazy("New body")

    def save(self, form):
        form.instance.partnership = self.partnership
        return services.body_save(body=form.instance, by=self.request.user)


class BodyObject(GovMixin):
    @cached_property
    def body(self) -> Body:
        return get_scoped_object(self.bodies(), pk=self.kwargs["pk"])


class BodyUpdate(BodyObject, GovForm):
    form_class = forms.BodyForm
    title = gettext_lazy("Edit body")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.body}

    def save(self, form):
        return services.body_save(body=form.instance, by=self.request.user)


class BodyDetail(BodyObject, TemplateView):
    template_name = "partnerships/governance/body_detail.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(**kwargs) | {
            "body": self.body,
            "members": self.body.members.select_related("person", "organisation").order_by(
                "position", "person__last_name"
            ),
            "today": today,
            "norm": selectors.body_norm(self.body, today.year),
            "meetings": self.body.meetings.all()[:30],
        }


class MemberCreate(BodyObject, GovForm):
    form_class = forms.MemberForm
    title = gettext_lazy("Add member")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs() | {"partnership": self.partnership}
        if "member" in self.kwargs:
            kwargs["instance"] = get_scoped_object(
                self.body.members.all(), pk=self.kwargs["member"]
            )
        return kwargs

    def save(self, form):
        form.instance.body = self.body
        services.member_save(member=form.instance, by=self.request.user)
        return self.body


# --- meetings ---------------------------------------------------------------------------------
class MeetingCreate(BodyObject, GovForm):
    form_class = forms.MeetingForm
    title = gettext_lazy("Plan a meeting")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"body": self.body, "instance": Meeting(body=self.body)}

    def save(self, form):
        return services.meeting_plan(meeting=form.instance, by=self.request.user)


class MeetingObject(GovMixin):
    @cached_property
    def meeting(self) -> Meeting:
        return get_scoped_object(self.meetings(), pk=self.kwargs["pk"])


class MeetingUpdate(MeetingObject, GovForm):
    form_class = forms.MeetingForm
    title = gettext_lazy("Edit meeting")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"body": self.meeting.body, "instance": self.meeting}

    def save(self, form):
        return services.meeting_update(meeting=form.instance, by=self.request.user)


class MeetingDetail(MeetingObject, TemplateView):
    template_name = "partnerships/governance/meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = self.meeting
        people = services.members_of(meeting)
        present = set(meeting.attendance.filter(present=True).values_list("person", flat=True))
        manage = self.can(GA.MANAGE_GOVERNANCE)
        items = list(meeting.items.select_related("owner"))
        return super().get_context_data(**kwargs) | {
            "meeting": meeting,
            "items": items,
            "people": people,
            "attendance": [(p, p.pk in present) for p in people],
            "attendance_form": forms.AttendanceForm(
                people=people, initial={"present": [str(pk) for pk in present]}
            )
            if manage
            else None,
            "decisions": meeting.decisions.order_by("number"),
            "actions": meeting.actions.select_related("owner"),
            "action_form": forms.ActionForm(partnership=self.partnership) if manage else None,
            "decision_form": forms.DecisionForm() if manage else None,
            "approve_form": forms.MinutesApproveForm(meeting=meeting) if manage else None,
            "is_written": meeting.kind == MeetingKind.WRITTEN,
            "approved_here": meeting.approved_minutes.all(),
        }


class MeetingIcs(MeetingObject, View):
    def get(self, request, *args, **kwargs):
        response = HttpResponse(services.meeting_ics(self.meeting), content_type="text/calendar")
        response["Content-Disposition"] = 'attachment; filename="vergadering.ics"'
        return response


class MeetingPost(MeetingObject, View):
    """A POST on the meeting page; the result is a message and the page again."""

    action = GA.MANAGE_GOVERNANCE
    form_class = None

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                message = self.perform(form)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, message)
        else:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        return redirect(self.meeting.get_absolute_url() + self.anchor)

    anchor = ""

    def get_form(self):
        return self.form_class(self.request.POST)


class AgendaSend(MeetingPost):
    form_class = forms.forms.Form
    anchor = "#agenda"

    def perform(self, form):
        count = services.agenda_send(meeting=self.meeting, by=self.request.user)
        return _("The agenda has been sent to %(count)s members.") % {"count": count}


class AttendanceSave(MeetingPost):
    anchor = "#attendance"

    def get_form(self):
        return forms.AttendanceForm(self.request.POST, people=services.members_of(self.meeting))

    def perform(self, form):
        present = {int(pk) for pk in form.cleaned_data["present"]}
        services.attendance_save(meeting=self.meeting, present=present, by=self.request.user)
        return _("Attendance saved.")


class MinutesSave(MeetingPost):
    form_class = forms.MinutesForm

    def perform(self, form):
        item = get_scoped_object(self.meeting.items.all(), pk=self.kwargs["item"])
        self.anchor = f"#item-{item.pk}"
        services.minutes_save(item=item, minutes=form.cleaned_data["minutes"], by=self.request.user)
        return _("Minutes saved.")


class DecisionCreate(MeetingPost):
    form_class = forms.DecisionForm
    anchor = "#decisions"

    def perform(self, form):
        item = None
        if self.request.POST.get("item"):
            item = get_scoped_object(self.meeting.items.all(), pk=self.request.POST["item"])
        decision = services.record_decision(
            meeting=self.meeting,
            text=form.cleaned_data["text"],
            by=self.request.user,
            agenda_item=item,
            subject_label=item.link_label if item else "",
            subject_url=item.link_url if item else "",
        )
        return _("Decision %(code)s recorded.") % {"code": decision.code}


class ActionCreate(MeetingPost):
    anchor = "#actions"

    def get_form(self):
        return forms.ActionForm(self.request.POST, partnership=self.partnership)

    def perform(self, form):
        form.instance.meeting = self.meeting
        services.action_save(action=form.instance, by=self.request.user)
        return _("Action added.")


class MinutesApprove(MeetingPost):
    def get_form(self):
        return forms.MinutesApproveForm(self.request.POST, meeting=self.meeting)

    def perform(self, form):
        decision = services.minutes_approve(
            meeting=self.meeting, at=form.cleaned_data["at"], by=self.request.user
        )
        return _("Minutes approved (decision %(code)s) and sent to the members.") % {
            "code": decision.code
        }


class AgendaItemEdit(MeetingObject, GovForm):
    form_class = forms.AgendaItemForm
    template_name = "partnerships/governance/agenda_item_form.html"
    title = gettext_lazy("Agenda item")

    def get_form_kwargs(self):
        if "item" in self.kwargs:
            item = get_scoped_object(self.meeting.items.all(), pk=self.kwargs["item"])
        else:
            item = AgendaItem(meeting=self.meeting)
        return super().get_form_kwargs() | {"partnership": self.partnership, "instance": item}

    def save(self, form):
        item = form.instance
        url = form.cleaned_data.get("link")
        if url:
            link = form.links.get(url)
            item.link_url, item.link_label = url, link.label if link else item.link_label
        else:
            item.link_url = item.link_label = ""
        services.agenda_item_save(
            item=item, upload=form.cleaned_data.get("upload"), by=self.request.user
        )
        return self.meeting

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"meeting": self.meeting}

    def get_success_url(self, obj):
        return obj.get_absolute_url() + "#agenda"

    def cancel_fallback_url(self):
        return self.meeting.get_absolute_url()


class AgendaDocument(MeetingObject, View):
    def get(self, request, *args, **kwargs):
        item = get_scoped_object(
            self.meeting.items.exclude(document_name=""), pk=self.kwargs["item"]
        )
        response = HttpResponse(bytes(item.document or b""), content_type=item.document_type)
        response["Content-Disposition"] = f'attachment; filename="{item.document_name}"'
        return response


# --- decisions and actions --------------------------------------------------------------------
class DecisionList(GovMixin, TemplateView):
    template_name = "partnerships/governance/decision_list.html"

    def get_context_data(self, **kwargs):
        years = list(
            Decision.objects.filter(partnership=self.partnership)
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        try:
            year = int(self.request.GET.get("year") or (years[0] if years else 0))
        except ValueError:
            year = years[0] if years else 0
        decisions = (
            Decision.objects.filter(partnership=self.partnership, year=year)
            .select_related("meeting__body__partnership", "agenda_item")
            .order_by("number")
        )
        return super().get_context_data(**kwargs) | {
            "decisions": decisions,
            "years": years,
            "year": year,
        }


class ActionList(GovMixin, TemplateView):
    template_name = "partnerships/governance/action_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", ActionStatus.OPEN)
        actions = GovernanceAction.objects.filter(
            meeting__body__partnership=self.partnership
        ).select_related("owner", "meeting__body__partnership")
        if status in ActionStatus.values:
            actions = actions.filter(status=status)
        return super().get_context_data(**kwargs) | {
            "actions": actions,
            "status": status,
            "statuses": ActionStatus.choices,
            "today": timezone.localdate(),
        }


class ActionStatusUpdate(PartnershipMixin, View):
    """The owner, or a secretary, sets an action's status."""

    action = Action.VIEW_DASHBOARD
    nav_section = NAV

    def post(self, request, *args, **kwargs):
        action = get_scoped_object(
            GovernanceAction.objects.filter(meeting__body__partnership=self.partnership),
            pk=kwargs["pk"],
        )
        if action.owner_id != request.user.pk and not self.can(GA.MANAGE_GOVERNANCE):
            raise PermissionDenied
        form = forms.ActionStatusForm(request.POST, instance=action)
        if form.is_valid():
            services.action_set_status(
                action=action, status=form.cleaned_data["status"], by=request.user
            )
            messages.success(request, _("Action updated."))
        back = request.POST.get("back", "")
        if back.startswith("/") and not back.startswith("//"):
            return redirect(back)
        return redirect(self.partnership.get_absolute_url())


# --- the policy document ----------------------------------------------------------------------
class PlanList(GovMixin, TemplateView):
    template_name = "partnerships/governance/plan_list.html"

    def get_context_data(self, **kwargs):
        versions = PlanVersion.objects.filter(partnership=self.partnership).select_related(
            "partnership", "academic_year", "decision"
        )
        current = AcademicYear.current()
        years = {v.academic_year.start_year for v in versions}
        candidates = [y for y in (current.start_year, current.start_year + 1) if y not in years]
        return super().get_context_data(**kwargs) | {
            "versions": versions,
            "new_years": [f"{y}-{y + 1}" for y in candidates],
            "can_edit": self.can(GA.EDIT_PLAN),
        }


class PlanCreate(GovMixin, View):
    action = GA.EDIT_PLAN

    def post(self, request, *args, **kwargs):
        try:
            start = AcademicYear.parse_label(request.POST.get("year", ""))
            year, _created = AcademicYear.objects.get_or_create(start_year=start)
            version = services.plan_create(partnership=self.partnership, year=year, by=request.user)
        except (ValueError, ValidationError) as exc:
            messages.error(
                request, " ".join(getattr(exc, "messages", [_("Choose a school year.")]))
            )
            return redirect(_url(self.partnership, "plan_list"))
        return redirect(version.get_absolute_url())


class PlanObject(GovMixin):
    @cached_property
    def version(self) -> PlanVersion:
        return get_scoped_object(
            PlanVersion.objects.filter(partnership=self.partnership).select_related(
                "academic_year", "decision__meeting__body", "based_on"
            ),
            pk=self.kwargs["pk"],
        )


class PlanDetail(PlanObject, TemplateView):
    template_name = "partnerships/governance/plan_detail.html"

    def get_context_data(self, **kwargs):
        others = PlanVersion.objects.filter(partnership=self.partnership).exclude(
            pk=self.version.pk
        )
        return super().get_context_data(**kwargs) | {
            **selectors.plan_document(self.version),
            "can_edit": self.can(GA.EDIT_PLAN) and self.version.status == PlanStatus.DRAFT,
            "can_adopt": self.can(GA.ADOPT_PLAN) and self.version.status == PlanStatus.DRAFT,
            "compare_form": forms.CompareForm(versions=others) if others.exists() else None,
        }


class ChapterEdit(PlanObject, GovForm):
    action = GA.EDIT_PLAN
    form_class = forms.ChapterForm
    template_name = "partnerships/governance/chapter_form.html"

    @cached_property
    def chapter(self):
        if self.version.status != PlanStatus.DRAFT:
            raise PermissionDenied
        return get_scoped_object(self.version.chapters.all(), key=self.kwargs["key"])

    def get_initial(self):
        return {"text": self.chapter.text}

    def get_context_data(self, **kwargs):
        from .chapters import BY_KEY

        return super().get_context_data(**kwargs) | {
            "chapter": BY_KEY[self.chapter.key],
            "version": self.version,
            "title": f"{self.chapter.key} {BY_KEY[self.chapter.key].title}",
        }

    def save(self, form):
        services.plan_chapter_save(
            chapter=self.chapter, text=form.cleaned_data["text"], by=self.request.user
        )
        return self.version

    def get_success_url(self, obj):
        return obj.get_absolute_url() + f"#chapter-{self.chapter.key.replace('.', '-')}"

    def cancel_fallback_url(self):
        return self.version.get_absolute_url()


class PlanAdopt(PlanObject, GovForm):
    action = GA.ADOPT_PLAN
    form_class = forms.PlanAdoptForm
    template_name = "partnerships/governance/plan_adopt.html"

    def may_use_object(self):
        return self.version.status == PlanStatus.DRAFT

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "version": self.version,
            "title": _("Adopt %(plan)s") % {"plan": self.version.title},
        }

    def save(self, form):
        meeting = services.resolve_meeting(
            partnership=self.partnership, value=form.cleaned_data["meeting"], by=self.request.user
        )
        decision = services.plan_adopt(version=self.version, meeting=meeting, by=self.request.user)
        messages.success(
            self.request,
            _("Adopted as decision %(code)s; the PDF is kept.") % {"code": decision.code},
        )
        return self.version

    def cancel_fallback_url(self):
        return self.version.get_absolute_url()


class PlanPdf(PlanObject, View):
    def get(self, request, *args, **kwargs):
        from ..pdf import render_to_pdf

        if self.version.pdf:
            content = bytes(self.version.pdf)
        else:
            content = render_to_pdf(
                "partnerships/governance/print/plan.html",
                {**selectors.plan_document(self.version), "partnership": self.partnership},
            )
        response = HttpResponse(content, content_type="application/pdf")
        name = f"opleidingsplan-{self.version.academic_year.label}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class PlanCompare(PlanObject, TemplateView):
    template_name = "partnerships/governance/plan_compare.html"

    def get_context_data(self, **kwargs):
        others = PlanVersion.objects.filter(partnership=self.partnership).exclude(
            pk=self.version.pk
        )
        form = forms.CompareForm(self.request.GET or None, versions=others)
        old = form.cleaned_data["old"] if form.is_valid() else self.version.based_on
        if old is None:
            old = others.first()
        return super().get_context_data(**kwargs) | {
            "version": self.version,
            "old": old,
            "form": form,
            "rows": selectors.plan_comparison(old, self.version) if old else [],
        }
