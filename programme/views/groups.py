"""Intervision groups and student pairs: the year's list, generating by rule (organisers, after
a confirmation when the year already has them) and editing by hand.

Reading takes VIEW_GROUPS: organisers and managers see all, guides and institute leads the
groups and pairs that hold a student they guide, a student their own. Changing takes
MANAGE_PROGRAMME. The year comes from ``?year=2026-2027`` (default: the current year)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from partnerships.mixins import PartnershipMixin, get_scoped_object
from partnerships.models import AcademicYear
from partnerships.views.base import ServiceFormView
from programme.forms.groups import GroupForm, PairChangeForm

from ..models import IntervisionGroup, StudentPair
from ..permissions import ProgrammeAction
from ..selectors import groups as selectors
from ..selectors.events import year_from_label
from ..services import groups as services


class YearMixin(PartnershipMixin):
    """``self.year`` from ``?year=`` (GET or POST), else the current academic year; a malformed
    year is a 404."""

    nav_section = "programme"

    def dispatch(self, request, *args, **kwargs):
        label = request.POST.get("year") or request.GET.get("year")
        if label:
            self.year = year_from_label(label)
            if self.year is None:
                raise Http404
        else:
            self.year = AcademicYear.current()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "year": self.year,
            "previous_year": f"{self.year.start_year - 1}-{self.year.start_year}",
            "next_year": f"{self.year.start_year + 1}-{self.year.start_year + 2}",
        }

    def year_url(self, name):
        url = reverse(f"programme:{name}", kwargs={"partnership": self.partnership.slug})
        return f"{url}?year={self.year.label}"


class GroupList(YearMixin, TemplateView):
    action = ProgrammeAction.VIEW_GROUPS
    template_name = "programme/groups/group_list.html"

    def get_context_data(self, **kwargs):
        groups = list(
            selectors.groups_visible(
                access=self.access, partnership=self.partnership, year=self.year
            )
        )
        context = super().get_context_data(**kwargs) | {"groups": groups}
        if self.can(ProgrammeAction.MANAGE_PROGRAMME):
            grouped = {m.pk for g in groups for m in g.members.all()}
            context["ungrouped"] = [
                s
                for s in selectors.eligible_students(partnership=self.partnership)
                if s.pk not in grouped
            ]
        return context


class GroupsGenerate(YearMixin, TemplateView):
    """GET: what generating does (and that it replaces the year's groups). POST: generate."""

    action = ProgrammeAction.MANAGE_PROGRAMME
    template_name = "programme/groups/generate_confirm.html"
    what = "groups"

    def existing(self):
        return IntervisionGroup.objects.filter(
            partnership=self.partnership, academic_year=self.year
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "what": self.what,
            "existing": self.existing().count(),
            "students": selectors.eligible_students(partnership=self.partnership).count(),
            "back": self.year_url("group_list" if self.what == "groups" else "pair_list"),
        }

    def post(self, request, *args, **kwargs):
        if self.existing().exists() and request.POST.get("confirm") != "replace":
            messages.error(request, _("Confirm that the existing ones may be replaced."))
            return self.get(request, *args, **kwargs)
        made = self.generate()
        messages.success(request, self.done_message(len(made)))
        return redirect(self.get_context_data()["back"])

    def generate(self):
        return services.intervision_groups_generate(
            partnership=self.partnership, year=self.year, by=self.request.user
        )

    def done_message(self, n):
        return _("%(n)d intervision groups have been made.") % {"n": n}


class PairsGenerate(GroupsGenerate):
    what = "pairs"

    def existing(self):
        return StudentPair.objects.filter(partnership=self.partnership, academic_year=self.year)

    def generate(self):
        return services.student_pairs_generate(
            partnership=self.partnership, year=self.year, by=self.request.user
        )

    def done_message(self, n):
        return _("%(n)d pairs have been made.") % {"n": n}


class GroupUpdate(ServiceFormView):
    action = ProgrammeAction.MANAGE_PROGRAMME
    nav_section = "programme"
    form_class = GroupForm
    template_name = "programme/groups/group_form.html"
    success_message = ""

    @cached_property
    def group(self):
        qs = IntervisionGroup.objects.filter(partnership=self.partnership).select_related(
            "academic_year", "supervisor"
        )
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        through = IntervisionGroup.members.through.objects.filter(
            intervisiongroup__partnership=self.partnership,
            intervisiongroup__academic_year=self.group.academic_year,
        ).values_list("student_id", "intervisiongroup__name")
        return super().get_form_kwargs() | {
            "students": selectors.eligible_students(partnership=self.partnership),
            "supervisors": selectors.supervisors(partnership=self.partnership),
            "current": dict(through),
        }

    def get_initial(self):
        return {
            "name": self.group.name,
            "supervisor": self.group.supervisor,
            "members": list(self.group.members.all()),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"group": self.group}

    def save(self, form):
        group = services.intervision_group_update(
            group=self.group, by=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, _("The group has been saved."))
        return group

    def get_success_url(self, obj):
        url = reverse("programme:group_list", kwargs={"partnership": self.partnership.slug})
        return f"{url}?year={obj.academic_year.label}"


class PairList(YearMixin, TemplateView):
    action = ProgrammeAction.VIEW_GROUPS
    template_name = "programme/groups/pair_list.html"

    def get_context_data(self, **kwargs):
        pairs = list(
            selectors.pairs_visible(
                access=self.access, partnership=self.partnership, year=self.year
            )
        )
        for pair in pairs:
            pair.members = selectors.pair_members(pair)
            schools = [m.school_id for m in pair.members]
            pair.same_school = len(set(schools)) < len(schools)
        context = super().get_context_data(**kwargs) | {"pairs": pairs}
        if self.can(ProgrammeAction.MANAGE_PROGRAMME):
            paired = {m.pk for p in pairs for m in p.members}
            context["unpaired"] = [
                s
                for s in selectors.eligible_students(partnership=self.partnership)
                if s.pk not in paired
            ]
        return context


class PairUpdate(ServiceFormView):
    action = ProgrammeAction.MANAGE_PROGRAMME
    nav_section = "programme"
    form_class = PairChangeForm
    template_name = "programme/groups/pair_form.html"

    @cached_property
    def pair(self):
        qs = StudentPair.objects.filter(partnership=self.partnership).select_related(
            *selectors.PAIR_RELATED, "academic_year"
        )
        return get_scoped_object(qs, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        members = selectors.pair_members(self.pair)
        return super().get_form_kwargs() | {
            "pair_members": members,
            "students": selectors.eligible_students(partnership=self.partnership).exclude(
                pk__in=[m.pk for m in members]
            ),
            "may_add_third": self.pair.third_id is None,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "pair": self.pair,
            "members": selectors.pair_members(self.pair),
        }

    def save(self, form):
        pair = services.student_pair_change(
            pair=self.pair,
            member=form.cleaned_data["member"],
            replacement=form.cleaned_data["replacement"],
            by=self.request.user,
        )
        messages.success(self.request, _("The pair has been changed."))
        return pair

    def get_success_url(self, obj):
        url = reverse("programme:pair_list", kwargs={"partnership": self.partnership.slug})
        return f"{url}?year={obj.academic_year.label}"
