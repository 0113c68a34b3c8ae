"""A student chooses a session per time slot of an event (SIGN_UP: students only).

Each slot is its own small form. With htmx, choosing a radio button posts at once and swaps just
that slot's fragment; without JavaScript the slot's "Save" button posts the form and the page
comes back. An event that is not meant for the student (not in its audience, or unpublished) is
a 404; a choice outside the sign-up window shows the reason and changes nothing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from partnerships.mixins import get_scoped_object
from partnerships.views.base import PartnershipPage

from ..choices import RegistrationStatus
from ..models import Registration, Session, TimeSlot
from ..permissions import ProgrammeAction
from ..selectors import events as selectors
from ..services import registrations as services
from .events import EventMixin


class Signup(EventMixin, PartnershipPage):
    page_cache = True
    action = ProgrammeAction.SIGN_UP
    template_name = "programme/events/signup.html"

    @cached_property
    def student(self):
        student = selectors.student_record(user=self.request.user, partnership=self.partnership)
        if student is None:
            raise PermissionDenied
        if not services.student_may_attend(self.event, student):
            raise Http404  # an event not meant for them
        return student

    def get(self, request, *args, **kwargs):
        self.student  # noqa: B018  (404 before rendering for an event not meant for them)
        return super().get(request, *args, **kwargs)

    def slot_context(self, slot_id=None) -> list:
        slots = selectors.event_slots(self.event, facilitators=False)  # not shown here
        choices = selectors.student_choices(event=self.event, student=self.student)
        for slot in slots:
            slot.choice = choices.get(slot.pk)
        if slot_id is not None:
            slots = [s for s in slots if s.pk == slot_id]
        return slots

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            slots=self.slot_context(),
            student=self.student,
            signup_open=services.signup_is_open(self.event),
            S=RegistrationStatus,
        )
        return context

    def post(self, request, *args, **kwargs):
        student = self.student
        slot = get_scoped_object(
            TimeSlot.objects.filter(event=self.event), pk=request.POST.get("slot")
        )
        error = ""
        try:
            if request.POST.get("cancel"):
                live = (
                    Registration.objects.filter(slot=slot, student=student)
                    .exclude(status=RegistrationStatus.CANCELLED)
                    .first()
                )
                if live:
                    services.registration_cancel(registration=live, by=request.user)
            else:
                session_id = request.POST.get("session")
                if not session_id:
                    raise ValidationError(_("Choose a session."))
                session = get_scoped_object(Session.objects.filter(slot=slot), pk=session_id)
                services.registration_choose(student=student, session=session)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        if request.htmx:
            context = self.get_context_data(**kwargs)
            context.update(slot=self.slot_context(slot.pk)[0], error=error)
            return self.render_to_response(
                context, template_name="programme/events/signup.html#slot"
            )
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Your choice has been saved."))
        return redirect(self.url("signup", pk=self.event.pk) + f"#slot-{slot.pk}")

    def render_to_response(self, context, template_name=None, **response_kwargs):
        if template_name:
            return self.response_class(
                request=self.request,
                template=[template_name],
                context=context,
                using=self.template_engine,
            )
        return super().render_to_response(context, **response_kwargs)
