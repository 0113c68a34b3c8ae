"""The survey builder: list, create (empty or from a template), edit, copy, preview, and the
sections and questions of one survey.

Every edit is a plain form that works without JavaScript (its own page, then back to the
builder); with htmx the builder loads the same form in place and swaps the builder in after a
save. A locked survey shows why and offers a copy; its edit URLs send the visitor back."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.views.base import PartnershipPage, ServiceFormView, add_service_errors
from quality.forms.answer import AnswerForm
from quality.forms.surveys import (
    MoveForm,
    QuestionForm,
    SectionForm,
    SurveyCopyForm,
    SurveyCreateForm,
    SurveyForm,
)

from ..models import Question, Survey, SurveyRound, SurveySection
from ..permissions import QualityAction
from ..services import surveys as services

BUILDER = "quality/surveys/detail.html"
FORM_PAGE = "quality/surveys/form.html"


def survey_url(survey, anchor: str = "") -> str:
    url = reverse("quality:survey_detail", args=[survey.partnership.slug, survey.pk])
    return f"{url}#{anchor}" if anchor else url


def builder_sections(survey):
    questions = Question.objects.select_related("indicator").order_by("order", "pk")
    return list(
        survey.sections.order_by("order", "pk").prefetch_related(Prefetch("questions", questions))
    )


class SurveyArea(PartnershipMixin):
    action = QualityAction.MANAGE_SURVEYS
    nav_section = "quality"

    def surveys(self):
        return Survey.objects.filter(partnership=self.partnership)

    @cached_property
    def survey(self) -> Survey:
        return get_scoped_object(
            self.surveys().select_related("partnership", "copied_from"), pk=self.kwargs["pk"]
        )


class SurveyList(SurveyArea, PartnershipPage):
    template_name = "quality/surveys/list.html"

    def get_context_data(self, **kwargs):
        rounds = SurveyRound.objects.order_by("-opens_on").only(
            "pk", "survey_id", "title", "status", "opens_on"
        )
        rows = list(
            self.surveys()
            .annotate(question_count=Count("sections__questions"))
            .prefetch_related(Prefetch("rounds", rounds))
            .order_by("name")
        )
        installed = {s.template_key for s in rows if s.template_key}
        return super().get_context_data(**kwargs) | {
            "templates": [s for s in rows if s.is_template],
            "surveys": [s for s in rows if not s.is_template],
            "may_install": len(installed) < len(services.TEMPLATES),
        }


class TemplatesInstall(SurveyArea, View):
    def post(self, request, *args, **kwargs):
        created = services.survey_templates_install(partnership=self.partnership, by=request.user)
        if created:
            messages.success(
                request,
                _("Installed: %(names)s.") % {"names": ", ".join(s.name for s in created)},
            )
        else:
            messages.info(request, _("The standard templates were already installed."))
        return redirect("quality:survey_list", self.partnership.slug)


class SurveyCreate(SurveyArea, ServiceFormView):
    form_class = SurveyCreateForm
    template_name = FORM_PAGE
    success_message = ""

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def get_initial(self):
        template = self.request.GET.get("template", "")
        return {"template": template} if template.isdigit() else {}

    def save(self, form):
        data = form.cleaned_data
        survey = services.survey_create(
            partnership=self.partnership,
            name=data["name"],
            introduction=data["introduction"],
            is_template=data["is_template"],
            template=data["template"],
            by=self.request.user,
        )
        messages.success(self.request, _("The survey has been created."))
        return survey

    def get_success_url(self, obj):
        return survey_url(obj)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("New survey"),
            "cancel_url": reverse("quality:survey_list", args=[self.partnership.slug]),
        }


class LockedRedirect:
    """Edit views of a locked survey send the visitor back to the builder, which says why."""

    def locked_response(self):
        try:
            services.ensure_unlocked(self.survey)
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
        if self.request.htmx:
            return HttpResponseClientRedirect(survey_url(self.survey))
        return redirect(survey_url(self.survey))

    def get(self, request, *args, **kwargs):
        if self.survey.is_locked:
            return self.locked_response()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.survey.is_locked:
            return self.locked_response()
        return super().post(request, *args, **kwargs)


class SurveyDetail(SurveyArea, PartnershipPage):
    """The builder."""

    template_name = BUILDER

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | builder_context(self.survey)


def builder_context(survey) -> dict:
    return {
        "survey": survey,
        "sections": builder_sections(survey),
        "rounds": list(survey.rounds.order_by("-opens_on")[:10]),
    }


class SurveyUpdate(SurveyArea, LockedRedirect, ServiceFormView):
    form_class = SurveyForm
    template_name = FORM_PAGE

    def get_initial(self):
        s = self.survey
        return {"name": s.name, "introduction": s.introduction, "is_template": s.is_template}

    def save(self, form):
        messages.success(self.request, _("The survey has been saved."))
        return services.survey_update(survey=self.survey, by=self.request.user, **form.cleaned_data)

    def get_success_url(self, obj):
        return survey_url(obj)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Edit survey"),
            "survey": self.survey,
            "cancel_url": survey_url(self.survey),
        }


class SurveyCopy(SurveyArea, ServiceFormView):
    form_class = SurveyCopyForm
    template_name = FORM_PAGE

    def get_initial(self):
        name = _("%(name)s (copy)") % {"name": self.survey.name}
        return {"name": services._unique_name(self.partnership, name)}

    def save(self, form):
        copy = services.survey_copy(
            survey=self.survey, name=form.cleaned_data["name"], by=self.request.user
        )
        messages.success(self.request, _("The copy has been made; you can change it."))
        return copy

    def get_success_url(self, obj):
        return survey_url(obj)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Copy survey"),
            "survey": self.survey,
            "intro": _(
                "The copy gets all sections and questions and can be changed; the original "
                "stays as it is."
            ),
            "submit_label": _("Make the copy"),
            "cancel_url": survey_url(self.survey),
        }


class SurveyPreview(SurveyArea, PartnershipPage):
    template_name = "quality/surveys/preview.html"

    def get_context_data(self, **kwargs):
        form = AnswerForm(survey=self.survey, disabled=True)
        return super().get_context_data(**kwargs) | {"survey": self.survey, "form": form}


# --- sections and questions ------------------------------------------------------------------
class BuilderForm(SurveyArea, LockedRedirect, FormView):
    """A section or question form: its own page without JavaScript, a fragment in the builder
    with htmx. After a save, htmx gets the builder (swapped for the old one), others a redirect."""

    template_name = FORM_PAGE
    title = ""

    @cached_property
    def section(self) -> SurveySection:
        qs = SurveySection.objects.filter(survey=self.survey).select_related("survey")
        return get_scoped_object(qs, pk=self.kwargs["section"])

    @cached_property
    def question(self) -> Question:
        qs = Question.objects.filter(section__survey=self.survey).select_related(
            "section__survey", "indicator"
        )
        return get_scoped_object(qs, pk=self.kwargs["question"])

    def get_template_names(self):
        return [f"{FORM_PAGE}#form"] if self.request.htmx else [FORM_PAGE]

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.request.htmx and form.fields:  # the form appears in place: go to its first field
            next(iter(form.fields.values())).widget.attrs["autofocus"] = True
        return form

    def form_valid(self, form):
        try:
            obj = self.save(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        if self.request.htmx:
            return self.builder_fragment()
        messages.success(self.request, _("Saved."))
        return redirect(survey_url(self.survey, self.anchor(obj)))

    def builder_fragment(self):
        self.survey.refresh_from_db()
        context = {"partnership": self.partnership, **builder_context(self.survey)}
        response = TemplateResponse(self.request, f"{BUILDER}#builder", context)
        return reswap(retarget(response, "#builder"), "outerHTML")

    def anchor(self, obj) -> str:
        return ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "survey": self.survey,
            "title": self.title,
            "cancel_url": survey_url(self.survey),
            "action_url": self.request.path,
        }


class SectionCreate(BuilderForm):
    form_class = SectionForm

    @property
    def title(self):
        return _("Add a section")

    def save(self, form):
        return services.section_add(survey=self.survey, by=self.request.user, **form.cleaned_data)

    def anchor(self, obj):
        return f"section-{obj.pk}"


class SectionUpdate(BuilderForm):
    form_class = SectionForm

    @property
    def title(self):
        return _("Edit section")

    def get_initial(self):
        s = self.section
        return {"title": s.title, "description": s.description, "quality_area": s.quality_area}

    def save(self, form):
        return services.section_update(
            section=self.section, by=self.request.user, **form.cleaned_data
        )

    def anchor(self, obj):
        return f"section-{obj.pk}"


class QuestionCreate(BuilderForm):
    form_class = QuestionForm

    @property
    def title(self):
        return _("Add a question to “%(section)s”") % {"section": self.section.title}

    def get_form_kwargs(self):
        indicators = services.indicators_of(self.partnership)
        return super().get_form_kwargs() | {"indicators": indicators}

    def save(self, form):
        return services.question_add(
            section=self.section, by=self.request.user, **form.service_fields()
        )

    def anchor(self, obj):
        return f"question-{obj.pk}"


class QuestionUpdate(QuestionCreate):
    @property
    def title(self):
        return _("Edit question")

    def get_initial(self):
        return QuestionForm.initial_for(self.question)

    def save(self, form):
        return services.question_update(
            question=self.question, by=self.request.user, **form.service_fields()
        )


class BuilderDelete(BuilderForm):
    """Without JavaScript: a confirmation page; with htmx the builder asks (hx-confirm)."""

    form_class = forms.Form
    template_name = "quality/surveys/confirm_delete.html"

    def get_template_names(self):
        return [self.template_name]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"object": self.target}


class SectionDelete(BuilderDelete):
    @property
    def target(self):
        return self.section

    @property
    def title(self):
        return _("Delete section")

    def save(self, form):
        services.section_delete(section=self.section, by=self.request.user)


class QuestionDelete(BuilderDelete):
    @property
    def target(self):
        return self.question

    @property
    def title(self):
        return _("Delete question")

    def save(self, form):
        services.question_delete(question=self.question, by=self.request.user)


class BuilderMove(BuilderForm):
    """Posted by the arrows in the builder; a GET just goes back to the builder."""

    form_class = MoveForm
    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        return redirect(survey_url(self.survey))

    def form_invalid(self, form):
        messages.error(self.request, _("Move up or down."))
        if self.request.htmx:
            return self.builder_fragment()
        return redirect(survey_url(self.survey))


class SectionMove(BuilderMove):
    def save(self, form):
        return services.section_move(section=self.section, direction=form.cleaned_data["direction"])

    def anchor(self, obj):
        return f"section-{obj.pk}"


class QuestionMove(BuilderMove):
    def save(self, form):
        return services.question_move(
            question=self.question, direction=form.cleaned_data["direction"]
        )

    def anchor(self, obj):
        return f"question-{obj.pk}"
