"""Forms of the quota pages (the rules are in ``placements.quota.services``)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.governance.forms import DecidedAtMixin
from placements.choices import ApprovalStatus
from placements.models import Quota


class ProposeForm(forms.Form):
    places = forms.IntegerField(label=gettext_lazy("Number of places (quota)"), min_value=1)
    margin_percent = forms.IntegerField(
        label=gettext_lazy("Margin (%)"),
        min_value=0,
        max_value=100,
        help_text=gettext_lazy("A school is flagged when it places more than its share plus this."),
    )
    keep_adjustments = forms.BooleanField(
        label=gettext_lazy("Keep the adjustments made by hand (with their reasons)"),
        required=False,
        initial=True,
    )
    reopen = forms.BooleanField(
        label=gettext_lazy(
            "I understand that a new proposal withdraws the steering group's approval"
        ),
        required=False,
    )

    def __init__(self, *args, quota: Quota | None, **kwargs):
        super().__init__(*args, **kwargs)
        if quota is None:
            del self.fields["keep_adjustments"]
        if quota is None or quota.status != ApprovalStatus.APPROVED:
            del self.fields["reopen"]


class DistributionForm(forms.Form):
    """One adjusted share and one reason per unit; a reason is required for a changed share."""

    def __init__(self, *args, shares, **kwargs):
        super().__init__(*args, **kwargs)
        self.shares = shares
        for share in shares:
            self.fields[f"adjusted_{share.pk}"] = forms.IntegerField(
                label=_("Adjusted share of %(unit)s") % {"unit": share.unit_name},
                min_value=0,
                required=False,
                initial=share.adjusted,
            )
            self.fields[f"reason_{share.pk}"] = forms.CharField(
                label=_("Reason for %(unit)s") % {"unit": share.unit_name},
                max_length=300,
                required=False,
                initial=share.adjustment_reason,
            )

    def rows(self):
        return [(s, self[f"adjusted_{s.pk}"], self[f"reason_{s.pk}"]) for s in self.shares]

    def clean(self):
        data = super().clean()
        for share in self.shares:
            adjusted = data.get(f"adjusted_{share.pk}")
            if adjusted is not None and adjusted != share.computed:
                if not (data.get(f"reason_{share.pk}") or "").strip():
                    self.add_error(f"reason_{share.pk}", _("Give a reason for this adjustment."))
        return data

    def adjustments(self) -> dict:
        data = self.cleaned_data
        return {s.pk: (data[f"adjusted_{s.pk}"], data[f"reason_{s.pk}"]) for s in self.shares}


class ApproveForm(DecidedAtMixin, forms.Form):
    """The steering group's decision: approve with the meeting's name, or send back with a note
    (``send_back``: which button was pressed)."""

    meeting = forms.CharField(
        label=gettext_lazy("Steering group meeting"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For example: steering group, 14 April 2026. Needed to approve."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Needed when you send the quota back: what should change?"),
    )

    def __init__(self, *args, send_back: bool = False, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.send_back = send_back
        if partnership is not None:  # the decision of a recorded meeting (issue 16)
            self.add_decided_at(partnership, outside=("meeting",), optional=True)

    def clean(self):
        data = super().clean()
        if self.send_back and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why the quota goes back to draft."))
        decided = data.get("decided_at")
        if not self.send_back and not decided and not (data.get("meeting") or "").strip():
            self.add_error("meeting", _("Name the steering group meeting that approved it."))
        return data
