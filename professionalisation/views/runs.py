"""Runs of professionalisation activities: the year's runs, a run with its meetings and
participants, enrolment (oneself, or someone else by an organiser or schoolcoördinator),
cancellation, attendance per meeting and completion. Attendance and completion are for the
organisers and the run's own trainers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.models import AcademicYear
from partnerships.selectors import year_from_label
from partnerships.views.base import PartnershipPage, ServiceFormView
from professionalisation.forms.runs import CompletionForm, EnrolPersonForm, MeetingForm, RunForm

from ..choices import EnrolmentStatus, RunStatus
from ..models import Activity, Enrolment
from ..permissions import ORGANISERS, ProAction
from ..selectors import runs as selectors
from ..services import runs as services

CONFIRM = "professionalisation/runs/confirm.html"


def run_url(run) -> str:
    return reverse("professionalisation:run_detail", args=[run.activity.partnership.slug, run.pk])


class RunArea(PartnershipMixin):
    action = ProAction.VIEW_ACTIVITIES
    nav_section = "professionalisation"

    def runs(self):
        return selectors.runs(partnership=self.partnership)

    @cached_property
    def run(self):
        return get_scoped_object(
            self.runs().select_related("activity__partnership"), pk=self.kwargs["pk"]
        )

    @cached_property
    def is_organiser(self) -> bool:
        return self.can(ProAction.MANAGE_ACTIVITIES)

    @cached_property
    def is_trainer(self) -> bool:
        return selectors.is_trainer(run=self.run, person=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "pk" in self.kwargs:
            context["run"] = self.run
        return context


class TrainerOrOrganiser:
    """Attendance and completion: the organisers and the run's own trainers."""

    def may_use_object(self) -> bool:
        return self.is_organiser or self.is_trainer


class RunList(RunArea, PartnershipPage):
    template_name = "professionalisation/runs/run_list.html"

    @cached_property
    def year(self):
        label = self.request.GET.get("year", "")
        return (label and year_from_label(label)) or AcademicYear.current()

    def get_context_data(self, **kwargs):
        qs = selectors.year_runs(
            partnership=self.partnership, year=self.year, person=self.request.user
        )
        activity = self.request.GET.get("activity", "")
        chosen = None
        if activity.isdigit():
            chosen = Activity.objects.filter(partnership=self.partnership, pk=activity).first()
            qs = qs.filter(activity=chosen) if chosen else qs.none()
        previous = AcademicYear(start_year=self.year.start_year - 1)
        following = AcademicYear(start_year=self.year.start_year + 1)
        return super().get_context_data(**kwargs) | {
            "year": self.year,
            "previous_year": previous.label,
            "next_year": following.label,
            "runs": list(qs),
            "activity": chosen,
        }


class RunFormView(RunArea, ServiceFormView):
    action = ProAction.MANAGE_ACTIVITIES
    form_class = RunForm
    template_name = "partnerships/form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def get_success_url(self, obj):
        return run_url(obj)


class RunCreate(RunFormView):
    def get_initial(self):
        activity = self.request.GET.get("activity", "")
        initial = {"capacity": 16, "self_enrolment": True, "status": RunStatus.PLANNED}
        if activity.isdigit():
            initial["activity"] = activity
        return initial

    def save(self, form):
        data = dict(form.cleaned_data)
        activity = data.pop("activity")
        run = services.run_create(activity=activity, by=self.request.user, **data)
        messages.success(self.request, _("The run has been planned."))
        return run

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Plan a run"),
            "cancel_url": reverse("professionalisation:run_list", args=[self.partnership.slug]),
        }


class RunUpdate(RunFormView):
    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.run}

    def save(self, form):
        run = services.run_update(run=self.run, by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The run has been saved."))
        return run

    def form_invalid(self, form):
        self.run.refresh_from_db()
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Edit run: %(run)s") % {"run": self.run},
            "cancel_url": run_url(self.run),
        }


class RunDetail(RunArea, PartnershipPage):
    template_name = "professionalisation/runs/run_detail.html"

    def get_context_data(self, **kwargs):
        data = selectors.run_detail(run=self.run)
        user = self.request.user
        mine = next((e for e in data["enrolments"] if e.person_id == user.pk), None)
        sees_all = self.is_organiser or self.is_trainer
        others: set[int] = set()
        if self.can(ProAction.ENROL_OTHERS):
            others = set(
                selectors.enrollable_people(
                    access=self.access, partnership=self.partnership
                ).values_list("pk", flat=True)
            )
        # Whose enrolment this user may cancel: the rule of EnrolmentCancel.enrolments().
        ours = [e for e in data["enrolments"] if e.person_id in others or e.person_id == user.pk]
        cancellable = {e.pk for e in (data["enrolments"] if self.is_organiser else ours)}
        if sees_all:
            shown = data["enrolments"]
        elif others:
            shown = ours
        else:
            shown = [mine] if mine else []
        roles = selectors.roles_of(person=user, partnership=self.partnership)
        may_enrol = (
            self.run.status in selectors.OPEN_RUN
            and self.run.self_enrolment
            and selectors.is_for_roles(self.run.activity, roles)
            and (mine is None or mine.status == EnrolmentStatus.CANCELLED)
            and len(data["active"]) < self.run.capacity
        )
        return (
            super().get_context_data(**kwargs)
            | data
            | {
                "shown": shown,
                "cancellable": cancellable,
                "mine": mine,
                "sees_all": sees_all,
                "may_enrol": may_enrol,
                "may_enrol_others": self.can(ProAction.ENROL_OTHERS)
                and self.run.status in selectors.OPEN_RUN,
                "may_register": sees_all,
                "places_left": max(0, self.run.capacity - len(data["active"])),
            }
        )


class MeetingCreate(RunArea, ServiceFormView):
    action = ProAction.MANAGE_ACTIVITIES
    form_class = MeetingForm
    template_name = "partnerships/form.html"

    def get_initial(self):
        return {"date": self.run.starts_on}

    def save(self, form):
        services.meeting_create(run=self.run, by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The meeting has been added."))
        return self.run

    def get_success_url(self, obj):
        return run_url(obj)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Add a meeting to %(run)s") % {"run": self.run},
            "cancel_url": run_url(self.run),
        }


class MeetingArea(RunArea):
    @cached_property
    def meeting(self):
        return get_scoped_object(self.run.meetings.all(), pk=self.kwargs["meeting"])


class MeetingDelete(MeetingArea, PartnershipPage):
    action = ProAction.MANAGE_ACTIVITIES
    template_name = CONFIRM

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Delete the meeting of %(date)s?") % {"date": self.meeting.date},
            "consequence": _("Its attendance is deleted with it."),
            "button": _("Delete"),
            "danger": True,
            "cancel_url": run_url(self.run),
        }

    def post(self, request, *args, **kwargs):
        services.meeting_delete(meeting=self.meeting, by=request.user)
        messages.success(request, _("The meeting has been deleted."))
        return redirect(run_url(self.run))


class RunEnrol(RunArea, PartnershipPage):
    """Enrol oneself (a confirmation page, so that a link in a mail works too)."""

    template_name = CONFIRM

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Enrol in %(run)s?") % {"run": self.run},
            "consequence": _("%(start)s – %(end)s, %(location)s")
            % {
                "start": self.run.starts_on,
                "end": self.run.ends_on,
                "location": self.run.location,
            },
            "button": _("Enrol"),
            "cancel_url": run_url(self.run),
        }

    def post(self, request, *args, **kwargs):
        try:
            services.run_enrol(run=self.run, person=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("You are enrolled."))
        return redirect(run_url(self.run))


class RunEnrolPerson(RunArea, ServiceFormView):
    action = ProAction.ENROL_OTHERS
    form_class = EnrolPersonForm
    template_name = "partnerships/form.html"

    def get_form_kwargs(self):
        taken = self.run.enrolments.exclude(status=EnrolmentStatus.CANCELLED).values("person")
        people = selectors.enrollable_people(
            access=self.access, partnership=self.partnership
        ).exclude(pk__in=taken)
        return super().get_form_kwargs() | {"people": people}

    def save(self, form):
        person = form.cleaned_data["person"]
        services.run_enrol_person(run=self.run, person=person, by=self.request.user)
        messages.success(self.request, _("%(person)s is enrolled.") % {"person": person.full_name})
        return self.run

    def get_success_url(self, obj):
        return run_url(obj)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Enrol someone in %(run)s") % {"run": self.run},
            "cancel_url": run_url(self.run),
        }


class EnrolmentCancel(PartnershipPage):
    """Cancel an enrolment: one's own, or one the user may make for someone else."""

    action = ProAction.VIEW_ACTIVITIES
    nav_section = "professionalisation"
    template_name = CONFIRM

    def enrolments(self):
        qs = Enrolment.objects.filter(run__activity__partnership=self.partnership)
        user = self.request.user
        if self.access.roles(self.partnership) & ORGANISERS:
            return qs
        if self.can(ProAction.ENROL_OTHERS):
            people = selectors.enrollable_people(access=self.access, partnership=self.partnership)
            return qs.filter(Q(person=user) | Q(person__in=people))
        return qs.filter(person=user)

    @cached_property
    def enrolment(self):
        return get_scoped_object(
            self.enrolments().select_related("person", "run__activity__partnership"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        e = self.enrolment
        return super().get_context_data(**kwargs) | {
            "title": _("Cancel the enrolment of %(person)s in %(run)s?")
            % {"person": e.person.full_name, "run": e.run},
            "consequence": _("A running qualification recorded for this enrolment is removed."),
            "button": _("Cancel the enrolment"),
            "danger": True,
            "cancel_url": run_url(e.run),
        }

    def post(self, request, *args, **kwargs):
        try:
            services.enrolment_cancel(enrolment=self.enrolment, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The enrolment has been cancelled."))
        return redirect(run_url(self.enrolment.run))


class MeetingAttendance(MeetingArea, TrainerOrOrganiser, PartnershipPage):
    """A phone-friendly checkbox list: who was there."""

    template_name = "professionalisation/runs/attendance.html"

    def participants(self):
        enrolments = list(
            self.run.enrolments.filter(status__in=selectors.ACTIVE)
            .select_related("person")
            .order_by("person__last_name", "person__first_name")
        )
        present = set(
            self.meeting.attendance.filter(present=True).values_list("enrolment_id", flat=True)
        )
        for e in enrolments:
            e.present = e.pk in present
        return enrolments

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "meeting": self.meeting,
            "participants": self.participants(),
        }

    def post(self, request, *args, **kwargs):
        ids = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
        count = services.meeting_attendance_save(meeting=self.meeting, present=ids, by=request.user)
        messages.success(request, _("Attendance saved: %(n)s present.") % {"n": count})
        return redirect(run_url(self.run))


class RunComplete(RunArea, TrainerOrOrganiser, ServiceFormView):
    form_class = CompletionForm
    template_name = "professionalisation/runs/complete.html"

    def get_initial(self):
        return {"on": min(timezone.localdate(), self.run.ends_on)}

    def get_form_kwargs(self):
        enrolments = list(
            self.run.enrolments.filter(status__in=selectors.ACTIVE)
            .select_related("person")
            .order_by("person__last_name", "person__first_name")
        )
        return super().get_form_kwargs() | {"enrolments": enrolments}

    def save(self, form):
        changed = services.run_complete(
            run=self.run,
            completed=form.decisions(),
            on=form.cleaned_data["on"],
            by=self.request.user,
        )
        messages.success(
            self.request,
            _("%(done)s completed, %(not)s not completed.")
            % {"done": changed["completed"], "not": changed["not_completed"]},
        )
        return self.run

    def get_success_url(self, obj):
        return run_url(obj)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"cancel_url": run_url(self.run)}
