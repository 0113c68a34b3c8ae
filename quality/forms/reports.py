"""Forms and filters of the report and improvement-action pages. The services check again."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.forms import DateInput, person_with_email
from partnerships.glossary import OrganisationKind
from partnerships.governance.forms import DecidedAtMixin
from partnerships.governance.selectors import decision_meeting_preview
from partnerships.models import Organisation, Person
from quality.choices import ActionLevel, ActionStatus
from quality.models import ImprovementAction, QualityReport, ReportSection, Target
from quality.selectors.reports import possible_owners
from quality.services.actions import EDITABLE


class SectionForm(forms.ModelForm):
    class Meta:
        model = ReportSection
        fields = ["analysis"]
        widgets = {"analysis": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "analysis": _("What the numbers mean, what went well, what needs attention."),
        }


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        from quality.report_data import SECTION_TITLES

        return str(SECTION_TITLES.get(obj.key, obj.title))


class CommentForm(forms.Form):
    section = SectionChoiceField(
        label=_("On"),
        queryset=ReportSection.objects.none(),
        required=False,
        empty_label=_("the whole report"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    text = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )

    def __init__(self, *args, report: QualityReport, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = report.sections.order_by("order")


class SubmitForm(forms.Form):
    """Handing the draft to the steering group needs no input, only the button."""


class AdoptForm(DecidedAtMixin, forms.Form):
    """The steering group meeting that adopted the report: chosen from the steering group's
    meetings (or a new written procedure) when the partnership keeps its governance here — the
    adoption is then a numbered decision of it —, else named with its date."""

    meeting = forms.CharField(
        label=_("Steering group meeting"),
        max_length=200,
        help_text=_("For example: Stuurgroep 12 February"),
    )
    meeting_date = forms.DateField(label=_("Meeting date"), widget=DateInput())

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.add_decided_at(
            partnership,
            outside=("meeting", "meeting_date"),
            label=_("Adopted at the steering group meeting of"),
        )

    def clean_decided_at(self):
        """The meeting must exist and not lie in the future (the service checks again)."""
        from django.utils import timezone

        value = self.cleaned_data["decided_at"]
        preview = decision_meeting_preview(self.partnership, value)
        if preview is None:
            raise forms.ValidationError(_("Choose the meeting that took the decision."))
        if preview[1] > timezone.localdate():
            raise forms.ValidationError(_("The meeting cannot be in the future."))
        return value

    def clean_meeting_date(self):
        """Checked here too (the service checks again), so the check page never shows a
        meeting that cannot be recorded."""
        from django.utils import timezone

        value = self.cleaned_data["meeting_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The meeting cannot be in the future."))
        return value


def target_choice_label(target: Target) -> str:
    from quality.selectors.targets import period_label, target_label
    from quality.templatetags.quality_targets import target_value

    period = period_label(target.academic_year.label, target.half)
    value = target_value(target.value, target.measure)
    return f"{target_label(target)} {target.get_comparison_display()} {value} ({period})"


class ActionForm(forms.ModelForm):
    class Meta:
        model = ImprovementAction
        fields = list(EDITABLE)
        widgets = {
            "finding": forms.Textarea(attrs={"rows": 3}),
            "evaluation": forms.Textarea(attrs={"rows": 3}),
            "due_date": DateInput(),
        }
        help_texts = {
            "organisation": _("Only for an action at school or institute level."),
            "evaluation": _("What the action achieved; evaluated in the next report."),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.instance.partnership = partnership
        self.fields["report"].queryset = QualityReport.objects.filter(
            partnership=partnership
        ).select_related("academic_year")
        self.fields["organisation"].queryset = Organisation.objects.filter(
            partnership=partnership
        ).order_by("kind", "name")
        self.fields["owner"].queryset = possible_owners(partnership=partnership)
        self.fields["owner"].label_from_instance = person_with_email
        self.fields["target"].queryset = Target.objects.filter(
            partnership=partnership
        ).select_related("indicator", "academic_year", "question")
        self.fields["target"].label_from_instance = target_choice_label

    def clean(self):
        data = super().clean()
        level, org = data.get("level"), data.get("organisation")
        if level == ActionLevel.PARTNERSHIP and org is not None:
            self.add_error(
                "organisation", _("A partnership-wide action has no school or institute.")
            )
        elif level == ActionLevel.SCHOOL and (org is None or org.kind != OrganisationKind.SCHOOL):
            self.add_error("organisation", _("Choose the school."))
        elif level == ActionLevel.INSTITUTE and (
            org is None or org.kind != OrganisationKind.INSTITUTE
        ):
            self.add_error("organisation", _("Choose the institute."))
        if data.get("status") == ActionStatus.DONE and not data.get("evaluation", "").strip():
            self.add_error("evaluation", _("Say what the action achieved before you mark it done."))
        return data

    def _post_clean(self):
        """The model's own checks run in the service (with the partnership's rules)."""


class ActionProgressForm(forms.ModelForm):
    """What the owner of an action may change."""

    class Meta:
        model = ImprovementAction
        fields = ["status", "evaluation"]
        widgets = {"evaluation": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        if data.get("status") == ActionStatus.DONE and not data.get("evaluation", "").strip():
            self.add_error("evaluation", _("Say what the action achieved before you mark it done."))
        return data

    def _post_clean(self):
        """The model's own checks run in the service."""


OVERDUE_CHOICES = [("1", _("overdue")), ("0", _("not overdue"))]


def _organisations(request):
    if request is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(partnership=request.partnership).order_by("kind", "name")


def _owners(request):
    if request is None:
        return Person.objects.none()
    return possible_owners(partnership=request.partnership)


class ActionFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=ActionLevel.choices, empty_label=_("all")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActionStatus.choices, empty_label=_("all")
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("School or institute"), queryset=_organisations, empty_label=_("all")
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), queryset=_owners, empty_label=_("all")
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"), choices=OVERDUE_CHOICES, empty_label=_("all"), method="filter_overdue"
    )

    class Meta:
        model = ImprovementAction
        fields = ["level", "status", "organisation", "owner", "overdue"]

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue=value == "1")
