"""Dashboard cards for placements, appended to ``partnerships.dashboard.PROVIDERS`` when the app
loads: quotas and divisions waiting for the approver's decision, procedure steps due within two
weeks or overdue for whoever owns them, placements waiting
for an interview or confirmation at a schoolcoördinator's school, a mentor's placements, a
student's own."""

import datetime

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from partnerships.access import STUDENT, Access
from partnerships.dashboard import Card, first_and_count
from partnerships.glossary import Role
from partnerships.models import Partnership
from placements import selectors
from placements.approvals.dashboard import approval_cards
from placements.calendar.procedure import STEP_TITLES, STEPS
from placements.choices import PlacementStatus, StepStatus
from placements.guidance.dashboard import guidance_cards
from placements.models import PreferenceWindow, ProcedureStep
from placements.subsidy.dashboard import subsidy_cards, subsidy_totals_cards
from placements.transfer.dashboard import transfer_cards

S = PlacementStatus
STEP_OWNERS = frozenset(step.owner for step in STEPS)
DUE_WITHIN_DAYS = 14
SHOWN = 10
WAITING = (S.PROPOSED, S.INTERVIEW_PLANNED, S.INTERVIEW_HELD)
LIVE = (S.PROPOSED, S.INTERVIEW_PLANNED, S.INTERVIEW_HELD, S.CONFIRMED, S.ACTIVE)


def _detail(partnership, placement) -> str:
    return reverse(
        "placements:placement_detail", kwargs={"partnership": partnership.slug, "pk": placement.pk}
    )


def _step_label(step: ProcedureStep, today: datetime.date) -> str:
    label = _("Step %(n)s, due %(due)s: %(title)s") % {
        "n": step.number,
        "due": date_format(step.due_date, "DATE_FORMAT"),
        "title": STEP_TITLES.get(step.code, step.code),
    }
    if step.due_date < today:
        label = _("Overdue — %(label)s") % {"label": label}
    return label


def step_cards(access: Access, partnership: Partnership) -> list[Card]:
    owned = access.roles(partnership) & STEP_OWNERS
    if not owned:
        return []
    horizon = access.today + datetime.timedelta(days=DUE_WITHIN_DAYS)
    steps = ProcedureStep.objects.filter(
        partnership=partnership,
        status=StepStatus.OPEN,
        owner_role__in=owned,
        due_date__lte=horizon,
    ).select_related("academic_year")
    steps, total = first_and_count(steps, SHOWN)
    items = [
        (
            _step_label(step, access.today),
            reverse(
                "placements:calendar",
                kwargs={"partnership": partnership.slug, "year": step.academic_year.label},
            )
            + f"#step-{step.pk}",
        )
        for step in steps
    ]
    return [
        Card(
            _("Placement procedure: your steps due within two weeks"),
            items,
            _("None of your procedure steps is due within two weeks."),
            count=total if items else None,
        )
    ]


def school_cards(access: Access, partnership: Partnership) -> list[Card]:
    if Role.SCHOOLCOORDINATOR not in access.roles(partnership):
        return []
    schools = access.own_school_ids(partnership, {Role.SCHOOLCOORDINATOR})
    waiting = (
        selectors.placements_visible(access=access, partnership=partnership)
        .filter(school__in=schools, status__in=WAITING)
        .select_related("student__person", "school")
        .order_by("status", "student__person__last_name")
    )
    waiting, total = first_and_count(waiting, SHOWN)
    items = [
        (f"{p.student} — {p.school.name}: {p.get_status_display()}", _detail(partnership, p))
        for p in waiting
    ]
    return [
        Card(
            _("Placements at your school waiting for an interview or confirmation"),
            items,
            _("No placements are waiting for an interview or confirmation."),
            count=total if items else None,
        )
    ]


def guide_cards(access: Access, partnership: Partnership) -> list[Card]:
    if Role.WERKPLEKBEGELEIDER not in access.roles(partnership):
        return []
    guided = (
        selectors.placements_visible(access=access, partnership=partnership)
        .filter(werkplekbegeleider=access.user, status__in=LIVE)
        .select_related("student__person", "school", "academic_year")
    )
    items = [
        (
            f"{p.student} — {p.school.name} ({p.academic_year}): {p.get_status_display()}",
            _detail(partnership, p),
        )
        for p in guided
    ]
    return [
        Card(
            _("Placements you guide"),
            items,
            _("You are not the mentor of any placement."),
            level="info",
        )
    ]


def student_cards(access: Access, partnership: Partnership) -> list[Card]:
    if STUDENT not in access.roles(partnership):
        return []
    own = (
        selectors.placements_visible(access=access, partnership=partnership)
        .filter(student__person=access.user)
        .exclude(status=S.CANCELLED)
        .select_related("school", "academic_year")
    )
    items = [
        (f"{p.school.name} ({p.academic_year}): {p.get_status_display()}", _detail(partnership, p))
        for p in own
    ]
    cards = [Card(_("Your placements"), items, _("You have no placement yet."), level="info")]
    window = (
        PreferenceWindow.objects.filter(
            partnership=partnership,
            opens_on__lte=access.today,
            closes_on__gte=access.today,
        )
        .select_related("academic_year")
        .first()
    )
    if window is not None:
        url = reverse(
            "placements:preferences",
            kwargs={"partnership": partnership.slug, "year": window.academic_year.label},
        )
        label = _("Give your school preferences for %(year)s (until %(date)s)") % {
            "year": window.academic_year,
            "date": date_format(window.closes_on, "DATE_FORMAT"),
        }
        cards.append(Card(_("Preferences for next year"), [(label, url)], level="warning"))
    return cards


def placement_cards(access: Access, partnership: Partnership) -> list[Card]:
    return [
        *approval_cards(access, partnership),
        *step_cards(access, partnership),
        *school_cards(access, partnership),
        *guide_cards(access, partnership),
        *student_cards(access, partnership),
        *subsidy_cards(access, partnership),
        *subsidy_totals_cards(access, partnership),
        *transfer_cards(access, partnership),
        *guidance_cards(access, partnership),
    ]
