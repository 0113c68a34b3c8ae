"""Dashboard cards of the quality reports and improvement actions: the steering group sees
reports waiting for adoption, the programme manager drafts to write, and everyone their own
open improvement actions (overdue ones marked)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.dashboard import Card
from partnerships.glossary import Role
from quality.choices import ReportStatus
from quality.models import QualityReport
from quality.selectors.reports import own_actions


def _report_items(partnership, status):
    reports = QualityReport.objects.filter(partnership=partnership, status=status).defer(
        "pdf", "data"
    )
    return [
        (r.title, reverse("quality:report_detail", args=[partnership.slug, r.pk]))
        for r in reports.order_by("drafted_at", "pk")
    ]


def cards(access, partnership) -> list:
    roles = access.roles(partnership)
    out = []
    if Role.STUURGROEPLID in roles:
        out.append(
            Card(
                gettext_lazy("Quality reports waiting for adoption"),
                _report_items(partnership, ReportStatus.IN_REVIEW),
                gettext_lazy("No quality report is waiting for the steering group."),
            )
        )
    if Role.PROGRAMMAMANAGER in roles:
        out.append(
            Card(
                gettext_lazy("Quality report drafts to write"),
                _report_items(partnership, ReportStatus.DRAFT),
                gettext_lazy("No drafts waiting for an analysis."),
            )
        )
    mine = list(own_actions(person=access.user, partnership=partnership, today=access.today))
    if mine:
        items = []
        for action in mine[:10]:
            label = action.title
            if action.overdue:
                label = _("%(title)s — overdue since %(date)s") % {
                    "title": action.title,
                    "date": date_format(action.due_date, "SHORT_DATE_FORMAT"),
                }
            items.append((label, action.get_absolute_url()))
        out.append(
            Card(
                gettext_lazy("Your improvement actions"),
                items,
                level="warning" if any(a.overdue for a in mine) else "info",
                count=len(mine),
            )
        )
    return out
