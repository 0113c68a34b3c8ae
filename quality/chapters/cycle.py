"""§4.4 Evaluatieproces, §4.6 Verbeteracties and §4.7 Risico's: the quality calendar and the
reports of the year, the improvement actions that are still open, the risk register."""

from collections import Counter

from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from partnerships.glossary import Role
from partnerships.governance.registry import Fragment

from ..choices import ActionStatus, CalendarStatus, RiskStatus
from ..models import ImprovementAction, QualityReport, Risk
from ..selectors.framework import calendar_items

OPEN_ACTIONS = (ActionStatus.PROPOSED, ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


def calendar_chapter(partnership, year) -> Fragment:
    items = list(calendar_items(partnership=partnership, year=year))
    roles = dict(Role.choices)
    states = Counter(i.status for i in items)
    reports = QualityReport.objects.filter(partnership=partnership, academic_year=year).order_by(
        "kind", "half"
    )
    return Fragment(
        heading=_("Quality calendar %(year)s") % {"year": year.label},
        lines=[
            _("%(n)s evaluations planned this school year: %(done)s done, %(open)s to come.")
            % {
                "n": len(items),
                "done": states[CalendarStatus.DONE],
                "open": states[CalendarStatus.PLANNED] + states[CalendarStatus.IN_PROGRESS],
            },
            *[
                _("%(report)s: %(status)s%(adopted)s.")
                % {
                    "report": r.title,
                    "status": r.get_status_display(),
                    "adopted": f" ({r.meeting})" if r.meeting else "",
                }
                for r in reports
            ],
        ],
        tables=[
            (
                [
                    _("Month"),
                    _("Instrument"),
                    _("Target group"),
                    _("Responsible"),
                    _("Due date"),
                    _("PDCA phase"),
                    _("Status"),
                ],
                [
                    [
                        str(MONTHS[i.month]),
                        i.instrument.name,
                        i.get_target_group_display(),
                        str(roles.get(i.responsible_role, i.responsible_role)),
                        date_format(i.due_date),
                        i.get_phase_display(),
                        i.get_status_display(),
                    ]
                    for i in items
                ],
            )
        ],
    )


def actions_chapter(partnership, year) -> Fragment:
    actions = ImprovementAction.objects.filter(partnership=partnership)
    states = Counter(actions.values_list("status", flat=True))
    still_open = actions.filter(status__in=OPEN_ACTIONS).order_by("due_date", "pk")
    return Fragment(
        heading=_("Improvement actions"),
        lines=[
            _("%(open)s improvement actions open, %(done)s done, %(cancelled)s cancelled.")
            % {
                "open": sum(states[s] for s in OPEN_ACTIONS),
                "done": states[ActionStatus.DONE],
                "cancelled": states[ActionStatus.CANCELLED],
            }
        ],
        tables=[
            (
                [_("Improvement action"), _("Level"), _("Status"), _("Due date")],
                [
                    [
                        a.title,
                        a.get_level_display(),
                        a.get_status_display(),
                        date_format(a.due_date),
                    ]
                    for a in still_open
                ],
            )
        ],
    )


def _action_row(action: ImprovementAction) -> list[str]:
    due = date_format(action.due_date)
    return [action.title, action.get_level_display(), action.get_status_display(), due]


def risks_chapter(partnership, year) -> Fragment:
    risks = sorted(
        Risk.objects.filter(partnership=partnership).exclude(status=RiskStatus.CLOSED),
        key=lambda r: (-r.score, r.review_date, r.pk),
    )
    return Fragment(
        heading=_("Risks and control measures"),
        lines=[
            _("%(n)s risks in the register are not closed; scores are likelihood × impact (1–25).")
            % {"n": len(risks)}
        ],
        tables=[
            (
                [_("Risk"), _("Score"), _("Control measure"), _("Status"), _("Review date")],
                [
                    [
                        r.title,
                        f"{r.score} ({r.likelihood} × {r.impact})",
                        r.mitigation or "—",
                        r.get_status_display(),
                        date_format(r.review_date),
                    ]
                    for r in risks
                ],
            )
        ],
    )
