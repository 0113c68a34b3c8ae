"""Programme events: the year's list (filters: kind, period, mandatory; another year through
``?year=2026-2027`` or ``events/year/<year>/``), an event's page, and the organisers' pages to
plan events, their time slots and sessions.

Reading takes VIEW_PROGRAMME; organisers (MANAGE_PROGRAMME) see unpublished events too, everybody
else only published ones (an unpublished event's page answers 404 for them). Planning takes
MANAGE_PROGRAMME; a slot or session of another partnership is a 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View

from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.models import AcademicYear, Period
from partnerships.views.base import PartnershipPage, ScopedListView, ServiceFormView
from programme.forms.events import EventFilter, EventForm, SessionForm, SlotForm

from ..models import Event, Session, TimeSlot
from ..permissions import ProgrammeAction
from ..selectors import events as selectors
from ..services import events as services
from ..services.registrations import signup_is_open, student_may_attend


class EventsMixin:
    nav_section = "programme"

    def url(self, name, **kwargs):
        return reverse(f"programme:{name}", kwargs={"partnership": self.partnership.slug, **kwargs})


class EventList(EventsMixin, ScopedListView):
    page_cache = True
    action = ProgrammeAction.VIEW_PROGRAMME
    filterset_class = EventFilter
    template_name = "programme/events/event_list.html"
    context_object_name = "events"
    paginate_by = 100

    def dispatch(self, request, *args, **kwargs):
        label = kwargs.get("year") or request.GET.get("year")
        if label:
            self.year = selectors.year_from_label(label)
            if self.year is None:
                raise Http404
        else:
            self.year = AcademicYear.current()
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = kwargs.get("data")
        if data is not None and "year" in data:
            data = data.copy()
            data.pop("year")
            kwargs["data"] = data
        kwargs["periods"] = list(Period.objects.filter(academic_year=self.year))
        return kwargs

    def get_queryset(self):
        return selectors.event_list(
            access=self.access, partnership=self.partnership, year=self.year
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("year", None)
        context["querystring"] = query.urlencode()
        context.update(
            year=self.year,
            previous_label=f"{self.year.start_year - 1}-{self.year.start_year}",
            next_label=f"{self.year.start_year + 1}-{self.year.start_year + 2}",
            is_organiser=selectors.is_organiser(self.access, self.partnership),
        )
        return context


class EventMixin(EventsMixin):
    """``self.event`` from ``<pk>`` among the events this user may see."""

    event_kwarg = "pk"

    @cached_property
    def event(self) -> Event:
        qs = selectors.visible_events(access=self.access, partnership=self.partnership)
        event = get_scoped_object(
            qs.select_related("host_school", "academic_year"), pk=self.kwargs[self.event_kwarg]
        )
        event.partnership = self.partnership  # its links, without another query
        return event

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"event": self.event}


class EventDetail(EventMixin, PartnershipPage):
    action = ProgrammeAction.VIEW_PROGRAMME
    template_name = "programme/events/event_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        student = selectors.student_record(user=self.request.user, partnership=self.partnership)
        for_student = bool(student and student_may_attend(event, student))
        facilitating = set(
            selectors.facilitated_sessions(event=event, person=self.request.user).values_list(
                "pk", flat=True
            )
        )
        context.update(
            slots=selectors.event_slots(event),
            is_organiser=selectors.is_organiser(self.access, self.partnership),
            student=student if for_student else None,
            choices=selectors.student_choices(event=event, student=student) if for_student else {},
            signup_open=signup_is_open(event),
            facilitating=facilitating,
            roles=event.audience_roles,
        )
        return context


class EventCreate(EventsMixin, ServiceFormView):
    action = ProgrammeAction.MANAGE_PROGRAMME
    form_class = EventForm
    template_name = "programme/events/form.html"
    success_message = ""

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def get_initial(self):
        label = self.request.GET.get("year")
        year = (label and selectors.year_from_label(label)) or AcademicYear.current()
        return {"academic_year": year, "mandatory": True}

    def save(self, form):
        event = services.event_create(
            partnership=self.partnership, by=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, _("The event has been saved as a draft."))
        return event

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("New event"),
            "cancel_url": self.url("event_list"),
        }


class EventUpdate(EventMixin, ServiceFormView):
    action = ProgrammeAction.MANAGE_PROGRAMME
    form_class = EventForm
    template_name = "programme/events/form.html"
    success_message = ""

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership, "instance": self.event}

    def save(self, form):
        data = form.cleaned_data
        self.event.refresh_from_db()  # the form changed the instance; the service starts clean
        event = services.event_update(event=self.event, by=self.request.user, **data)
        messages.success(self.request, _("The event has been saved."))
        return event

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Edit event"),
            "cancel_url": self.event.get_absolute_url(),
        }


class EventPublish(EventMixin, PartnershipMixin, View):
    """POST: publish (``publish=1``) or withdraw (``publish=0``) an event."""

    action = ProgrammeAction.MANAGE_PROGRAMME
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        publish = request.POST.get("publish", "1") != "0"
        services.event_publish(event=self.event, by=request.user, publish=publish)
        if publish:
            messages.success(request, _("The event is published."))
        else:
            messages.success(request, _("The event is a draft again."))
        return redirect(self.event.get_absolute_url())


# --- slots -----------------------------------------------------------------------------------
class SlotMixin(EventsMixin):
    @cached_property
    def slot(self) -> TimeSlot:
        qs = TimeSlot.objects.filter(event__partnership=self.partnership).select_related("event")
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    @property
    def event(self) -> Event:
        return self.slot.event


class SlotCreate(EventMixin, ServiceFormView):
    action = ProgrammeAction.MANAGE_PROGRAMME
    form_class = SlotForm
    template_name = "programme/events/form.html"
    event_kwarg = "event"

    def get_initial(self):
        return {"starts_at": self.event.starts_at, "ends_at": self.event.ends_at}

    def save(self, form):
        services.slot_create(event=self.event, by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The time slot has been added."))
        return self.event

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("New time slot"),
            "cancel_url": self.event.get_absolute_url(),
        }


class SlotUpdate(SlotMixin, ServiceFormView):
    action = ProgrammeAction.MANAGE_PROGRAMME
    form_class = SlotForm
    template_name = "programme/events/form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.slot}

    def save(self, form):
        slot = TimeSlot.objects.select_related("event").get(pk=self.slot.pk)
        services.slot_update(slot=slot, by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The time slot has been saved."))
        return self.event

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Edit time slot"),
            "event": self.event,
            "cancel_url": self.event.get_absolute_url(),
        }


class DeleteView(PartnershipPage):
    """GET: a confirm page; POST: delete through the service."""

    action = ProgrammeAction.MANAGE_PROGRAMME
    template_name = "programme/events/confirm_delete.html"

    def post(self, request, *args, **kwargs):
        event = self.event
        self.delete()
        messages.success(request, _("Deleted."))
        return redirect(event.get_absolute_url())


class SlotDelete(SlotMixin, DeleteView):
    def delete(self):
        services.slot_delete(slot=self.slot, by=self.request.user)

    def get_context_data(self, **kwargs):
        registrations = self.slot.registrations.exclude(status="cancelled").count()
        return super().get_context_data(**kwargs) | {
            "event": self.event,
            "what": str(self.slot),
            "registrations": registrations,
        }


# --- sessions --------------------------------------------------------------------------------
class SessionMixin(EventsMixin):
    @cached_property
    def session(self) -> Session:
        qs = Session.objects.filter(slot__event__partnership=self.partnership).select_related(
            "slot__event"
        )
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    @property
    def event(self) -> Event:
        return self.session.slot.event


class SessionCreate(EventsMixin, ServiceFormView):
    action = ProgrammeAction.MANAGE_PROGRAMME
    form_class = SessionForm
    template_name = "programme/events/form.html"

    @cached_property
    def slot(self) -> TimeSlot:
        qs = TimeSlot.objects.filter(event__partnership=self.partnership).select_related("event")
        return get_scoped_object(qs, pk=self.kwargs["slot"])

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def save(self, form):
        data = dict(form.cleaned_data)
        facilitators = data.pop("facilitators", [])
        services.session_create(
            slot=self.slot, by=self.request.user, facilitators=facilitators, **data
        )
        messages.success(self.request, _("The session has been added."))
        return self.slot.event

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("New session"),
            "subtitle": str(self.slot),
            "event": self.slot.event,
            "cancel_url": self.slot.event.get_absolute_url(),
        }


class SessionUpdate(SessionMixin, ServiceFormView):
    action = ProgrammeAction.MANAGE_PROGRAMME
    form_class = SessionForm
    template_name = "programme/events/form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "instance": self.session,
        }

    def save(self, form):
        data = dict(form.cleaned_data)
        facilitators = data.pop("facilitators", [])
        session = Session.objects.select_related("slot__event__partnership").get(pk=self.session.pk)
        services.session_update(
            session=session, by=self.request.user, facilitators=facilitators, **data
        )
        messages.success(self.request, _("The session has been saved."))
        return self.event

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Edit session"),
            "subtitle": str(self.session.slot),
            "event": self.event,
            "cancel_url": self.event.get_absolute_url(),
        }


class SessionDelete(SessionMixin, DeleteView):
    def delete(self):
        services.session_delete(session=self.session, by=self.request.user)

    def get_context_data(self, **kwargs):
        registrations = self.session.registrations.exclude(status="cancelled").count()
        return super().get_context_data(**kwargs) | {
            "event": self.event,
            "what": self.session.title,
            "registrations": registrations,
        }
