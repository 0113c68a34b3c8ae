"""The guidance log pages: a placement's log, quick entry of one kind (phone first), one entry
with the student's reflection and its attachment, the observations PDF of a student's
portfolio; for the stagecoördinator and programme manager the year's norms and the
observation frames (kijkkader).

Logs and entries come from ``placements.guidance.access`` (the student and the placement's
guides; 404 for anyone else, forged ids too); the services check again."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from partnerships.attachments import attachment_download
from partnerships.audit import record
from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.models import Student
from partnerships.pdf import render_to_pdf
from partnerships.views.base import add_service_errors
from placements.guidance import access, selectors, services
from placements.guidance.forms import (
    CriterionFormSet,
    EntryForm,
    FrameForm,
    NormFormSet,
    ReflectionForm,
)
from placements.guidance.models import OBSERVATION_KINDS
from placements.models import (
    GuidanceEntry,
    GuidanceKind,
    GuidanceNorm,
    ObservationCriterion,
    ObservationFrame,
)
from placements.permissions import PlacementAction
from placements.year.mixins import YearPage

PLACEMENT_RELATED = (
    "student__person",
    "student__partnership",
    "school",
    "subject",
    "academic_year",
    "werkplekbegeleider",
    "schoolopleider",
    "instituutsopleider",
)


class GuidanceMixin(PartnershipMixin):
    action = PlacementAction.VIEW_GUIDANCE
    nav_section = "placements"

    @cached_property
    def placement(self):
        qs = access.guided_placements(user=self.request.user, partnership=self.partnership)
        return get_scoped_object(qs.select_related(*PLACEMENT_RELATED), pk=self.kwargs["pk"])

    def log_url(self, placement) -> str:
        return reverse("placements:guidance_log", args=[self.partnership.slug, placement.pk])


class GuidanceLog(GuidanceMixin, TemplateView):
    template_name = "placements/guidance/log.html"

    def get_context_data(self, **kwargs):
        placement = self.placement
        today = timezone.localdate()
        entries = placement.guidance_entries.select_related("author", "attachment").order_by(
            "-date", "-pk"
        )
        state = selectors.states([placement], partnership=self.partnership, day=today)[0]
        kinds = access.kinds_for(placement, self.request.user)
        return super().get_context_data(**kwargs) | {
            "placement": placement,
            "entries": entries,
            "state": state,
            "norm_rows": [(GuidanceKind(n.kind).label, n) for n in state.norms],
            "running": state.started(today),
            "kinds": [(k, GuidanceKind(k).label) for k in kinds],
            "is_student": access.is_student(placement, self.request.user),
        }


class GuidanceNew(GuidanceMixin, TemplateView):
    """Quick entry of one kind: one short form, big targets."""

    template_name = "placements/guidance/entry_form.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["kind"] not in GuidanceKind.values:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def may_use_object(self) -> bool:
        if self.kwargs["kind"] not in access.kinds_for(self.placement, self.request.user):
            raise PermissionDenied
        return True

    @cached_property
    def kind(self) -> GuidanceKind:
        return GuidanceKind(self.kwargs["kind"])

    @cached_property
    def frame(self):
        if self.kind not in OBSERVATION_KINDS:
            return None
        return services.default_frame_ensure(self.partnership)

    def form(self, data=None, files=None) -> EntryForm:
        criteria = list(self.frame.criteria.all()) if self.frame else []
        return EntryForm(
            data,
            files,
            options=services.participant_options(self.placement),
            criteria=criteria,
            scale=self.frame.scale if self.frame else [],
            pair=self.kind == GuidanceKind.PAIR_OBSERVATION,
            initial={"participants": self._default_participants()},
        )

    def _default_participants(self):
        roles = access.guide_roles(self.placement, self.request.user)
        return ["student", *[str(r) for r in roles[:1]]]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "placement": self.placement,
            "kind": self.kind,
            "frame": self.frame,
            "form": kwargs.get("form") or self.form(),
            "log_url": self.log_url(self.placement),
        }

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = services.entry_record(
                    placement=self.placement,
                    by=request.user,
                    kind=self.kind,
                    date=data["date"],
                    participants=data["participants"],
                    others=data["others"],
                    notes=data["notes"],
                    agreements=data["agreements"],
                    frame=self.frame,
                    scores=[services.Score(c, s, t or "") for c, s, t in form.scores()],
                    attachment=data.get("attachment"),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved: %(kind)s.") % {"kind": self.kind.label})
                return redirect("placements:guidance_entry", self.partnership.slug, entry.pk)
        return self.render_to_response(self.get_context_data(form=form))


class EntryMixin(PartnershipMixin):
    action = PlacementAction.VIEW_GUIDANCE
    nav_section = "placements"

    @cached_property
    def entry(self) -> GuidanceEntry:
        qs = access.entries_visible(user=self.request.user, partnership=self.partnership)
        qs = qs.select_related(
            *[f"placement__{name}" for name in PLACEMENT_RELATED], "author", "attachment"
        ).prefetch_related("scores")
        return get_scoped_object(qs, pk=self.kwargs["pk"])


class GuidanceEntryPage(EntryMixin, TemplateView):
    template_name = "placements/guidance/entry.html"

    def get_context_data(self, **kwargs):
        entry = self.entry
        is_student = access.is_student(entry.placement, self.request.user)
        form = kwargs.get("form")
        if is_student and form is None:
            form = ReflectionForm(initial={"reflection": entry.reflection})
        return super().get_context_data(**kwargs) | {
            "entry": entry,
            "placement": entry.placement,
            "is_student": is_student,
            "form": form,
            "log_url": reverse(
                "placements:guidance_log", args=[self.partnership.slug, entry.placement_id]
            ),
        }

    def post(self, request, *args, **kwargs):
        entry = self.entry
        if not access.is_student(entry.placement, request.user):
            raise PermissionDenied
        form = ReflectionForm(request.POST)
        if form.is_valid():
            try:
                services.reflection_save(
                    entry=entry, by=request.user, text=form.cleaned_data["reflection"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your reflection has been saved."))
                return redirect("placements:guidance_entry", self.partnership.slug, entry.pk)
        return self.render_to_response(self.get_context_data(form=form))


class GuidanceAttachmentDownload(EntryMixin, View):
    def get(self, request, *args, **kwargs):
        return attachment_download(
            owner=self.entry, person=request.user, partnership=self.partnership
        )


class ObservationsPdf(PartnershipMixin, View):
    """A student's lesson observations as a PDF, for the portfolio next to the transfer
    forms; each reader gets the observations they may read."""

    action = PlacementAction.VIEW_GUIDANCE

    def get(self, request, *args, **kwargs):
        placements = access.guided_placements(user=request.user, partnership=self.partnership)
        students = Student.objects.filter(
            partnership=self.partnership, pk__in=placements.values("student")
        ).select_related("person")
        student = get_scoped_object(students, pk=kwargs["student"])
        observations = selectors.observations_of(
            user=request.user, partnership=self.partnership, student=student
        )
        record(person=request.user, action="download", obj=student, partnership=self.partnership)
        pdf = render_to_pdf(
            "print/guidance_observations.html",
            {
                "partnership": self.partnership,
                "student": student,
                "observations": observations,
                "today": timezone.localdate(),
            },
        )
        name = f"lesobservaties-{slugify(student.person.full_name)}.pdf"
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class GuidanceNorms(YearPage):
    """The year's norms per kind (and level), kept by the stagecoördinator and programme
    manager; the defaults of 002 Bijlagen 3–4 the first time."""

    action = PlacementAction.MANAGE_GUIDANCE_NORMS
    template_name = "placements/guidance/norms.html"

    def formset(self, data=None):
        norms = services.guidance_norms_ensure(partnership=self.partnership, year=self.year)

        return NormFormSet(
            data, queryset=GuidanceNorm.objects.filter(pk__in=[n.pk for n in norms]), prefix="n"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "formset": kwargs.get("formset") or self.formset()
        }

    def post(self, request, *args, **kwargs):
        formset = self.formset(request.POST)
        if formset.is_valid():
            kept = formset.save(commit=False)
            for norm in kept:
                norm.partnership = self.partnership
                norm.academic_year = self.year
            try:
                services.guidance_norms_save(
                    norms=kept, removed=list(formset.deleted_objects), by=request.user
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("The norms have been saved."))
                return redirect("placements:guidance_norms", self.partnership.slug, self.year.label)
        return self.render_to_response(self.get_context_data(formset=formset))


class FrameList(PartnershipMixin, TemplateView):
    action = PlacementAction.MANAGE_GUIDANCE_NORMS
    nav_section = "placements"
    template_name = "placements/guidance/frames.html"

    def get_context_data(self, **kwargs):
        services.default_frame_ensure(self.partnership)
        frames = ObservationFrame.objects.filter(partnership=self.partnership).prefetch_related(
            "criteria"
        )
        return super().get_context_data(**kwargs) | {"frames": frames}


class FrameEdit(PartnershipMixin, TemplateView):
    """One frame: its name, scale and criteria (new frame when there is no ``pk``)."""

    action = PlacementAction.MANAGE_GUIDANCE_NORMS
    nav_section = "placements"
    template_name = "placements/guidance/frame_form.html"

    @cached_property
    def frame(self) -> ObservationFrame:
        if "pk" not in self.kwargs:
            return ObservationFrame(partnership=self.partnership)
        return get_scoped_object(
            ObservationFrame.objects.filter(partnership=self.partnership), pk=self.kwargs["pk"]
        )

    def forms(self, data=None):
        criteria = (
            ObservationCriterion.objects.filter(frame=self.frame)
            if self.frame.pk
            else ObservationCriterion.objects.none()
        )
        return (
            FrameForm(data, instance=self.frame, prefix="f"),
            CriterionFormSet(data, queryset=criteria, prefix="c"),
        )

    def get_context_data(self, **kwargs):
        form, criteria = kwargs.get("forms") or self.forms()
        return super().get_context_data(**kwargs) | {
            "frame": self.frame,
            "form": form,
            "criteria": criteria,
        }

    def post(self, request, *args, **kwargs):
        form, criteria = self.forms(request.POST)
        if form.is_valid() and criteria.is_valid():
            frame = form.save(commit=False)
            frame.partnership = self.partnership
            frame.scale = form.cleaned_data["scale_text"]
            kept = [c for c in criteria.save(commit=False) if c.text]
            try:
                services.frame_save(
                    frame=frame,
                    criteria=kept,
                    removed=list(criteria.deleted_objects),
                    by=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The observation frame has been saved."))
                return redirect("placements:guidance_frames", self.partnership.slug)
        return self.render_to_response(self.get_context_data(forms=(form, criteria)))
