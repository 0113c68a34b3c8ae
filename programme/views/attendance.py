"""Taking attendance at an event, and the overview of mandatory attendance.

``attendance`` (TAKE_ATTENDANCE): organisers get every student of the event (its audience plus
anyone registered); a facilitator gets the students registered in the sessions they facilitate
at this event (``?session=<pk>`` narrows to one). A facilitator without a session at this event
gets 404 — the list lies outside their scope — as does a student id outside theirs on POST.
One tap per student saves the row (htmx swaps the row; without JavaScript the page comes back).

``attendance_overview`` (VIEW_ATTENDANCE): per student the viewer may see (Access.students), the
mandatory events of the year so far. ``my_programme`` (SIGN_UP: a student's own) shows the
student's coming events, their choices and their attendance."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property

from partnerships.mixins import get_scoped_object
from partnerships.models import AcademicYear
from partnerships.views.base import PartnershipPage
from programme.forms.events import AttendanceForm

from ..choices import AttendanceStatus
from ..models import Event, Session
from ..permissions import ProgrammeAction
from ..selectors import events as selectors
from ..services.attendance import attendance_record
from ..services.registrations import signup_is_open
from .events import EventMixin, EventsMixin


class AttendanceList(EventMixin, PartnershipPage):
    action = ProgrammeAction.TAKE_ATTENDANCE
    template_name = "programme/events/attendance.html"

    @cached_property
    def is_organiser(self) -> bool:
        return selectors.is_organiser(self.access, self.partnership)

    @cached_property
    def sessions(self):
        """None for an organiser (the whole event); else the sessions this user facilitates."""
        qs = Session.objects.filter(slot__event=self.event).select_related("slot")
        if not self.is_organiser:
            qs = qs.filter(facilitators=self.request.user)
            if not qs.exists():
                raise Http404
        wanted = self.request.GET.get("session") or self.request.POST.get("session")
        if wanted:
            return [get_scoped_object(qs, pk=wanted)]
        return None if self.is_organiser else list(qs.order_by("slot__starts_at", "title"))

    def get(self, request, *args, **kwargs):
        self.sessions  # noqa: B018  (404 before rendering for a facilitator of nothing here)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sessions = self.sessions
        all_sessions = Session.objects.filter(slot__event=self.event).select_related("slot")
        if not self.is_organiser:
            all_sessions = all_sessions.filter(facilitators=self.request.user)
        context.update(
            rows=selectors.attendance_rows(event=self.event, sessions=sessions),
            sessions=sessions,
            session_choices=all_sessions.order_by("slot__starts_at", "title"),
            selected=sessions[0] if sessions and len(sessions) == 1 else None,
            can_record=self.event.date <= timezone.localdate(),
            is_organiser=self.is_organiser,
            A=AttendanceStatus,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = AttendanceForm(request.POST)
        if not form.is_valid():
            raise Http404  # a forged or incomplete row: nothing to record
        allowed = {
            row["student"].pk: row
            for row in selectors.attendance_rows(event=self.event, sessions=self.sessions)
        }
        row = allowed.get(form.cleaned_data["student"])
        if row is None:
            raise Http404
        student = row["student"]
        session = self.sessions[0] if self.sessions and len(self.sessions) == 1 else None
        error = ""
        try:
            attendance_record(
                event=self.event,
                student=student,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                session=session,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        if request.htmx:
            context = self.get_context_data(**kwargs)
            context.update(
                row=selectors.attendance_row(event=self.event, student=student), error=error
            )
            return self.response_class(
                request=request,
                template=["programme/events/attendance.html#row"],
                context=context,
                using=self.template_engine,
            )
        if error:
            messages.error(request, f"{student.person.full_name}: {error}")
        url = self.url("attendance", pk=self.event.pk)
        if session:
            url += f"?session={session.pk}"
        return redirect(f"{url}#student-{student.pk}")


class AttendanceOverview(EventsMixin, PartnershipPage):
    action = ProgrammeAction.VIEW_ATTENDANCE
    template_name = "programme/events/attendance_overview.html"
    per_page = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        label = self.request.GET.get("year")
        year = (label and selectors.year_from_label(label)) or AcademicYear.current()
        events = selectors.mandatory_events_so_far(
            partnership=self.partnership, year=year, today=timezone.localdate()
        )
        students = (
            self.access.students(self.partnership)
            .filter(is_active=True)
            .select_related("person", "school")
            .order_by("person__last_name", "person__first_name", "pk")
        )
        page = Paginator(students, self.per_page).get_page(self.request.GET.get("page"))
        context.update(
            year=year,
            events=events,
            rows=selectors.attendance_overview(students=list(page.object_list), events=events),
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.has_other_pages(),
            querystring=f"year={year.label}",
        )
        return context


class MyProgramme(EventsMixin, PartnershipPage):
    page_cache = True
    action = ProgrammeAction.SIGN_UP
    template_name = "programme/events/my_programme.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        student = selectors.student_record(user=self.request.user, partnership=self.partnership)
        if student is None:
            raise Http404
        today = timezone.localdate()
        year = AcademicYear.current()
        published = Event.objects.filter(
            partnership=self.partnership, academic_year=year, is_published=True
        )
        mine = list(published.filter(selectors.audience_q_for(student)).order_by("date", "pk"))
        for event in mine:
            event.partnership = self.partnership  # its link, without a query per event
        coming = [e for e in mine if e.date >= today]
        choices = selectors.choices_by_event(student=student, events=coming)
        for event in coming:
            event.my_choices = choices.get(event.pk, [])
            event.signup_open = signup_is_open(event, today)
        past = [e for e in mine if e.date <= today and e.mandatory]
        overview = selectors.attendance_overview(students=[student], events=past)[0]
        context.update(
            student=student,
            coming=coming,
            past=list(zip(past, overview["cells"], strict=True)),
            counts=overview["counts"],
            year=year,
        )
        return context
