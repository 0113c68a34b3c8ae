"""Round plans, survey rounds, their response rates and the quality settings.

Plans, rounds and settings are managed by the survey staff (MANAGE_ROUNDS); rounds and their
response rates are read by managers and governance (VIEW_RESPONSE_RATES). Every round and plan
is fetched through a queryset of this partnership (another partnership's id → 404)."""

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships import outbox
from partnerships.mixins import get_scoped_object
from partnerships.views.base import PartnershipPage, ScopedListView, ServiceFormView
from quality.forms.rounds import QualitySettingsForm, RoundForm, RoundPlanForm

from ..choices import RoundStatus
from ..models import QualitySettings, RoundPlan
from ..permissions import QualityAction
from ..selectors import rounds as round_selectors
from ..services import rounds as services
from ..services.settings import quality_settings_update

A = QualityAction


class RoundsMixin:
    action = A.MANAGE_ROUNDS
    nav_section = "quality"

    def url(self, name, **kwargs):
        return reverse(f"quality:{name}", kwargs={"partnership": self.partnership.slug, **kwargs})

    @cached_property
    def today(self):
        return timezone.localdate()


# --- settings --------------------------------------------------------------------------------
class SettingsView(RoundsMixin, ServiceFormView):
    form_class = QualitySettingsForm
    template_name = "quality/rounds/settings.html"
    success_message = gettext_lazy("The quality settings have been saved.")

    def get_form_kwargs(self):
        instance = QualitySettings.for_partnership(self.partnership)
        return super().get_form_kwargs() | {"instance": instance}

    def save(self, form):
        return quality_settings_update(
            partnership=self.partnership, by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, obj):
        return self.url("settings")


# --- plans -----------------------------------------------------------------------------------
class PlanList(RoundsMixin, PartnershipPage):
    template_name = "quality/rounds/plan_list.html"

    def get_context_data(self, **kwargs):
        plans = round_selectors.plans(partnership=self.partnership)
        rows = [(plan, ", ".join(str(MONTHS[m]) for m in plan.months)) for plan in plans]
        return super().get_context_data(**kwargs) | {"plans": rows}


class PlanEdit(RoundsMixin, ServiceFormView):
    form_class = RoundPlanForm
    template_name = "quality/rounds/plan_form.html"
    plan = None

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership, "instance": self.plan}

    def save(self, form):
        values = {name: form.cleaned_data[name] for name in services.PLAN_FIELDS}
        return services.round_plan_save(
            partnership=self.partnership,
            by=self.request.user,
            today=self.today,
            plan=self.plan,
            **values,
        )

    def get_success_url(self, obj):
        messages.success(self.request, _("The round plan has been saved."))
        return self.url("plan_list")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "plan": self.plan,
            "cancel_url": self.url("plan_list"),
        }


class PlanCreate(PlanEdit):
    pass


class PlanUpdate(PlanEdit):
    def get_form_kwargs(self):
        self.plan = get_scoped_object(
            RoundPlan.objects.filter(partnership=self.partnership).select_related("survey"),
            pk=self.kwargs["pk"],
        )
        return super().get_form_kwargs()


# --- rounds ----------------------------------------------------------------------------------
class RoundFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=RoundStatus.choices, empty_label=gettext_lazy("all")
    )


class RoundList(RoundsMixin, ScopedListView):
    action = A.VIEW_RESPONSE_RATES
    template_name = "quality/rounds/round_list.html"
    filterset_class = RoundFilter
    context_object_name = "rounds"

    def get_queryset(self):
        return round_selectors.rounds(partnership=self.partnership)

    def get_context_data(self, **kwargs):
        settings = QualitySettings.for_partnership(self.partnership)
        return super().get_context_data(**kwargs) | {"target": settings.response_target}


class RoundCreate(RoundsMixin, ServiceFormView):
    form_class = RoundForm
    template_name = "quality/rounds/round_form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership, "today": self.today}

    def save(self, form):
        return services.round_create(
            partnership=self.partnership, by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, obj):
        messages.success(self.request, _("The round has been scheduled."))
        return self.url("round_detail", pk=obj.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"cancel_url": self.url("round_list")}


class RoundMixin(RoundsMixin):
    @cached_property
    def survey_round(self):
        qs = round_selectors.rounds(partnership=self.partnership).select_related(
            "plan", "created_by"
        )
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    def rates(self):
        target = QualitySettings.for_partnership(self.partnership).response_target
        return round_selectors.round_rates(survey_round=self.survey_round, target=target)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"survey_round": self.survey_round}


class RoundDetail(RoundMixin, PartnershipPage):
    action = A.VIEW_RESPONSE_RATES
    template_name = "quality/rounds/round_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "rates": self.rates(),
            "S": RoundStatus,
            "waiting": services.round_waiting(self.survey_round),
            "waiting_message": outbox.WAITING_MESSAGE,
        }


class RoundRates(RoundMixin, PartnershipPage):
    """Live response rates; htmx refreshes the table every 30 seconds while the round is open."""

    page_cache = True

    action = A.VIEW_RESPONSE_RATES
    template_name = "quality/rounds/round_rates.html"

    def get_template_names(self):
        if self.request.htmx:
            return ["quality/rounds/round_rates.html#rates"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"rates": self.rates()}


class RoundStep(RoundMixin, PartnershipPage):
    """A confirm page (GET) and the step itself (POST)."""

    template_name = "quality/rounds/round_confirm.html"
    allowed: tuple = ()
    title = ""
    explanation = ""
    button = ""
    done = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": self.title,
            "explanation": self.explanation,
            "button": self.button,
            "possible": self.survey_round.status in self.allowed,
        }

    def post(self, request, *args, **kwargs):
        detail = redirect(self.url("round_detail", pk=self.survey_round.pk))
        if self.survey_round.status not in self.allowed:
            messages.error(request, _("This is not possible in the round's current status."))
            return detail
        try:
            self.run()
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return detail
        messages.success(request, self.done)
        return detail

    def run(self):
        raise ValidationError(_("Nothing to do."))


class RoundOpenNow(RoundStep):
    allowed = (RoundStatus.SCHEDULED,)
    title = gettext_lazy("Open the round now")
    explanation = gettext_lazy(
        "The survey is locked and every person in the audience gets a personal link by e-mail "
        "within a few minutes. A round that was to open later opens today."
    )
    button = gettext_lazy("Open now and send the invitations")
    done = gettext_lazy("The round is open; the invitations are being sent.")

    def run(self):
        services.round_open_now(round=self.survey_round, by=self.request.user, today=self.today)


class RoundCloseNow(RoundStep):
    allowed = (RoundStatus.OPEN,)
    title = gettext_lazy("Close the round now")
    explanation = gettext_lazy(
        "Personal links stop working and the results become available (for groups large "
        "enough). A closed round cannot be opened again."
    )
    button = gettext_lazy("Close the round")
    done = gettext_lazy("The round has been closed.")

    def run(self):
        services.round_close(round=self.survey_round, by=self.request.user)


class RoundCancel(RoundStep):
    allowed = (RoundStatus.SCHEDULED, RoundStatus.OPEN)
    title = gettext_lazy("Cancel the round")
    explanation = gettext_lazy(
        "The round will not open, or personal links stop working, and it has no results. "
        "A round from a plan is not scheduled again this half year."
    )
    button = gettext_lazy("Cancel the round")
    done = gettext_lazy("The round has been cancelled.")

    def run(self):
        services.round_cancel(round=self.survey_round, by=self.request.user)
