from django import forms
from django.utils.translation import gettext_lazy

from ..form_defaults import empty_label
from ..glossary import OrganisationKind
from ..models import Person
from .models import AgendaItem, Body, GovernanceAction, Meeting, Member
from .selectors import agenda_links, decision_meeting_choices, has_body

DATETIME = {"type": "datetime-local"}
DATE = {"type": "date"}


def _people(partnership):
    return Person.objects.filter(roles__partnership=partnership, is_active=True).distinct()


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["kind", "name", "meetings_per_year", "mandate", "ends_on"]
        widgets = {
            "ends_on": forms.DateInput(attrs=DATE),
            "mandate": forms.Textarea(attrs={"rows": 3}),
        }


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ["person", "organisation", "position", "daily_board", "term_start", "term_end"]
        widgets = {
            "term_start": forms.DateInput(attrs=DATE),
            "term_end": forms.DateInput(attrs=DATE),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people(partnership)
        self.fields["organisation"].queryset = partnership.organisations.filter(
            kind__in=[OrganisationKind.SCHOOL, OrganisationKind.INSTITUTE]
        )


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at", "place", "joint_with", "status"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["joint_with"].queryset = body.partnership.bodies.exclude(pk=body.pk)
        if self.instance.pk is None:
            del self.fields["status"]


class AgendaItemForm(forms.ModelForm):
    link = forms.ChoiceField(label=gettext_lazy("Link to a page in the product"), required=False)
    upload = forms.FileField(
        label=gettext_lazy("Attach a document"), required=False, widget=forms.FileInput
    )

    class Meta:
        model = AgendaItem
        fields = ["title", "owner", "description", "link", "upload"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people(partnership)
        self.links = {link.url: link for link in agenda_links(partnership)}
        self.fields["link"].choices = [("", "—")] + [(u, ln.label) for u, ln in self.links.items()]
        if self.instance.link_url:
            self.fields["link"].choices.append((self.instance.link_url, self.instance.link_label))
            self.initial["link"] = self.instance.link_url

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload and upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(gettext_lazy("A document may be at most 10 MB."))
        return upload


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=gettext_lazy("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(p.pk), p.full_name) for p in people]


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=gettext_lazy("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class DecisionForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Decision"), widget=forms.Textarea(attrs={"rows": 2}))


class ActionForm(forms.ModelForm):
    class Meta:
        model = GovernanceAction
        fields = ["text", "owner", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs=DATE)}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people(partnership)


class ActionStatusForm(forms.ModelForm):
    class Meta:
        model = GovernanceAction
        fields = ["status"]


class MinutesApproveForm(forms.Form):
    at = forms.ModelChoiceField(
        label=gettext_lazy("Approved at the meeting of"), queryset=Meeting.objects.none()
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].queryset = meeting.body.meetings.filter(
            starts_at__gt=meeting.starts_at, kind="meeting"
        ).exclude(status="cancelled")


class DecisionMeetingField(forms.ChoiceField):
    """ "Decided at": one of the body's meetings, or a new written procedure. Other apps' approval
    forms use it and hand its value to ``services.resolve_meeting``."""

    def __init__(self, *, partnership, body_kind="stuurgroep", **kwargs):
        kwargs.setdefault("label", gettext_lazy("Decided at"))
        choices = decision_meeting_choices(partnership, body_kind=body_kind)
        if not kwargs.get("required", True):  # optional: nothing is chosen unless the user does
            choices = [("", gettext_lazy("— a meeting that is not in the product —")), *choices]
        super().__init__(choices=choices, **kwargs)


class DecidedAtMixin:
    """For other apps' approval forms: "Decided at" (``DecisionMeetingField``) is added when the
    partnership has the body in governance — the approval then becomes a numbered decision of
    the meeting chosen or of a new written procedure (``services.resolve_meeting``). Required,
    unless ``optional`` (then "a meeting that is not in the product" stays possible, and the
    fields named in ``outside`` — that meeting's free-text name — are needed only for it).
    Without the body the form stays as it was."""

    def add_decided_at(
        self, partnership, *, outside=(), optional=False, body_kind="stuurgroep", label=None
    ) -> bool:
        if not has_body(partnership, body_kind):
            return False
        field = DecisionMeetingField(
            partnership=partnership,
            body_kind=body_kind,
            required=not optional,
            label=label or gettext_lazy("Decided at"),
        )
        if not optional:
            field.choices = [("", empty_label()), *field.choices]
        self.fields["decided_at"] = field
        for name in outside:
            if optional:
                self.fields[name].required = False
                self.fields[name].help_text = gettext_lazy(
                    "Only for a meeting that is not in the product."
                )
            else:
                del self.fields[name]
        self.order_fields(["decided_at", *self.fields])
        return True


class PlanAdoptForm(forms.Form):
    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"] = DecisionMeetingField(
            partnership=partnership, label=gettext_lazy("Adopted at the steering group meeting of")
        )


class ChapterForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Text"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )


class CompareForm(forms.Form):
    old = forms.ModelChoiceField(label=gettext_lazy("Compare"), queryset=None)

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old"].queryset = versions
