"""Division pages: the stagecoördinator's division (totals against the quota and the schools'
caps, per school editing, the steps of its flow), the approval page and the places page that
schools and, once published, the institutes see."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from partnerships.governance.selectors import decisions_context
from partnerships.mixins import get_scoped_object
from partnerships.views.base import ScopedListView, add_service_errors
from placements import selectors
from placements.choices import ApprovalStatus
from placements.division import services as service
from placements.division.forms import DecisionForm, PlaceFilter, SchoolPlacesForm
from placements.division.selectors import publish_summary, subject_rows, summary
from placements.models import Division, PreferenceWindow
from placements.permissions import PLANNERS, PlacementAction
from placements.year.mixins import YearMixin, YearPage

S = ApprovalStatus


class DivisionMixin(YearMixin):
    def get_division(self) -> Division | None:
        return (
            Division.objects.filter(partnership=self.partnership, academic_year=self.year)
            .select_related("approved_by", "submitted_by")
            .first()
        )

    def division_url(self) -> str:
        return reverse("placements:division", args=[self.partnership.slug, self.year.label])


class DivisionPage(DivisionMixin, YearPage):
    page_cache = True
    action = PlacementAction.MANAGE_DIVISION
    template_name = "placements/division.html"

    def get_context_data(self, **kwargs):
        division = self.get_division()
        return super().get_context_data(**kwargs) | {
            "division": division,
            "subjects": subject_rows(self.partnership, division),
            **summary(self.partnership, self.year, division),
            **decisions_context(division, access=self.access, partnership=self.partnership),
        }


STEPS = {
    "build": lambda view, division, by: service.division_build(
        partnership=view.partnership, academic_year=view.year, by=by
    ),
    "submit": lambda view, division, by: service.division_submit(division=division, by=by),
    "reopen": lambda view, division, by: service.division_reopen(division=division, by=by),
    "publish": lambda view, division, by: service.division_publish(division=division, by=by),
}
DONE = {
    "build": gettext_lazy("The division has been built from the declared places."),
    "submit": gettext_lazy(
        "The division has been submitted for approval. The programme manager and the board "
        "council have an e-mail and see it on their dashboard; the schools' coordinators are told."
    ),
    "reopen": gettext_lazy("The division is a draft again."),
    "publish": gettext_lazy("The places have been published to the institutes."),
}


class DivisionStep(DivisionMixin, YearPage):
    """One step of the flow, as a plain form post: build, submit, reopen, publish."""

    action = PlacementAction.MANAGE_DIVISION
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        step = kwargs["step"]
        if step not in STEPS:
            raise Http404
        division = self.get_division()
        if division is None and step != "build":
            raise Http404
        try:
            STEPS[step](self, division, request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, str(DONE[step]))
        return redirect(self.division_url())


class DivisionSchool(DivisionMixin, FormView):
    """One school's places in the division, editable while it is a draft."""

    action = PlacementAction.MANAGE_DIVISION
    template_name = "placements/division_school.html"
    form_class = SchoolPlacesForm

    def get(self, request, *args, **kwargs):
        self.setup_objects()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_objects()
        if self.division.status != S.DRAFT:
            messages.error(request, _("Only a draft division can be changed."))
            return redirect(self.division_url())
        return super().post(request, *args, **kwargs)

    def setup_objects(self):
        schools = selectors.school_scope(access=self.access, partnership=self.partnership)
        self.school = get_scoped_object(schools, pk=self.kwargs["school"])
        self.division = self.get_division()
        if self.division is None:
            raise Http404
        self.places = list(
            self.division.places.filter(school=self.school).select_related("subject")
        )

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"places": self.places}

    def form_valid(self, form):
        try:
            service.division_places_update(
                division=self.division, values=form.values(), by=self.request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The places of %(school)s have been saved.") % {"school": self.school}
        )
        return redirect(self.division_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "school": self.school,
            "division": self.division,
            "editable": self.division.status == S.DRAFT,
        }


class DivisionApprove(DivisionMixin, FormView):
    """The programme manager's or board council's page: the division's totals, approve or send
    back to draft with a note."""

    action = PlacementAction.APPROVE_DIVISION
    template_name = "placements/division_approve.html"
    form_class = DecisionForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "send_back": "send_back" in self.request.POST,
        }

    def form_valid(self, form):
        division = self.get_division()
        if division is None:
            raise Http404
        approve = "send_back" not in self.request.POST
        try:
            service.division_decide(
                division=division,
                approve=approve,
                note=form.cleaned_data["note"],
                by=self.request.user,
                decided_at=form.cleaned_data.get("decided_at"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        done = (
            _("The division has been approved.") if approve else _("The division is a draft again.")
        )
        if division.submitted_by_id and division.submitted_by_id != self.request.user.pk:
            done = _("%(done)s %(who)s gets an e-mail with your decision.") % {
                "done": done,
                "who": division.submitted_by,
            }
        messages.success(self.request, done)
        return redirect(
            reverse("placements:division_approve", args=[self.partnership.slug, self.year.label])
        )

    def get_context_data(self, **kwargs):
        division = self.get_division()
        return super().get_context_data(**kwargs) | {
            "division": division,
            **summary(self.partnership, self.year, division),
            **decisions_context(division, access=self.access, partnership=self.partnership),
        }


class PlacesList(YearMixin, ScopedListView):
    """The places of the year: every place for managers, a school its own, institute staff the
    published places of their level."""

    action = PlacementAction.VIEW_PLACES
    template_name = "placements/places.html"
    filterset_class = PlaceFilter
    paginate_by = 100

    def get_queryset(self):
        places = selectors.places_visible(
            access=self.access, partnership=self.partnership, year=self.year
        )
        return places.filter(capacity__gt=0).select_related("school", "subject", "division")

    def get_context_data(self, **kwargs):
        division = Division.objects.filter(
            partnership=self.partnership, academic_year=self.year
        ).first()
        return super().get_context_data(**kwargs) | {"division": division}


class DivisionPublish(DivisionMixin, YearPage):
    """Check before publishing: per level the places and the institutes whose staff will see
    them, and who gets an e-mail. GET changes nothing; POST publishes (once: a published
    division goes straight to the confirmation) and shows the confirmation page."""

    action = PlacementAction.MANAGE_DIVISION
    template_name = "placements/division_publish.html"

    def division_or_404(self) -> Division:
        division = self.get_division()
        if division is None:
            raise Http404
        return division

    def get(self, request, *args, **kwargs):
        division = self.division_or_404()
        if division.status == S.PUBLISHED:
            return redirect(self.published_url())
        if division.status != S.APPROVED:
            messages.error(request, _("Only an approved division can be published."))
            return redirect(self.division_url())
        context = self.get_context_data(
            division=division,
            **publish_summary(division),
            **decisions_context(division, access=self.access, partnership=self.partnership),
        )
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        division = self.division_or_404()
        if division.status != S.PUBLISHED:
            try:
                service.division_publish(division=division, by=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect(self.division_url())
        return redirect(self.published_url())

    def published_url(self) -> str:
        return reverse(
            "placements:division_published", args=[self.partnership.slug, self.year.label]
        )


class DivisionPublished(DivisionMixin, YearPage):
    """The confirmation: what became visible to whom, who was e-mailed, and what comes next
    (the preference window)."""

    action = PlacementAction.MANAGE_DIVISION
    template_name = "placements/division_published.html"

    def get(self, request, *args, **kwargs):
        division = self.get_division()
        if division is None or division.status != S.PUBLISHED:
            return redirect(self.division_url())
        window = PreferenceWindow.objects.filter(
            partnership=self.partnership, academic_year=self.year
        ).first()
        context = self.get_context_data(
            division=division,
            window=window,
            may_set_window=bool(self.access.roles(self.partnership) & PLANNERS),
            **publish_summary(division),
        )
        return self.render_to_response(context)
