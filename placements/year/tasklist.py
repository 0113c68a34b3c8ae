"""The placement year as a task list (the GOV.UK "task list" pattern): the 15 steps of the
procedure in their order, in three phases, each with its status, owner, due date, a line on where
it stands and a link to the page where the work is done — for this user: a step whose page the
user may not open links to the procedure calendar, or to nothing.

Statuses come from ``placements.year.progress`` (the rule) over ``placements.year.selectors``
(the year's facts, a fixed number of queries)."""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from partnerships.access import Access
from partnerships.glossary import Role
from partnerships.models import AcademicYear, Partnership
from placements.calendar.procedure import STEPS, due_dates
from placements.choices import ApprovalStatus, StepStatus
from placements.lifecycle.policy import may_manage_step
from placements.permissions import PlacementAction as A
from placements.year import progress
from placements.year.progress import Progress, Round
from placements.year.selectors import YearState

PHASES = (
    (gettext_lazy("Prepare: the quota and the schools' places"), (1, 2)),
    (gettext_lazy("Divide the places, collect preferences and allocate"), tuple(range(3, 11))),
    (gettext_lazy("Place the students"), tuple(range(11, 16))),
)

STATUS_LABELS = {
    Progress.NOT_STARTED: gettext_lazy("Not started"),
    Progress.IN_PROGRESS: gettext_lazy("In progress"),
    Progress.DONE: gettext_lazy("Done"),
    Progress.OVERDUE: gettext_lazy("Overdue"),
}

# Where each step's work is done: the first page this user may open (name, action, query).
PAGES = {
    "quota": [("quota", A.VIEW_QUOTA, "")],
    "inventory": [("capacity", A.VIEW_CAPACITY, "")],
    "division": [("division", A.MANAGE_DIVISION, ""), ("places", A.VIEW_PLACES, "")],
    "rotation_needs": [("division", A.MANAGE_DIVISION, ""), ("places", A.VIEW_PLACES, "")],
    "preferences": [("preferences", A.ENTER_PREFERENCES, "")],
    "wo_publish": [("division", A.MANAGE_DIVISION, ""), ("places", A.VIEW_PLACES, "")],
    "wo_divide": [("places", A.VIEW_PLACES, "")],
    "hbo_rotation": [("runs", A.RUN_ALLOCATION, "")],
    "hbo_workgroup": [("runs", A.RUN_ALLOCATION, "")],
    "hbo_publish": [("placement_list", A.VIEW_PLACEMENTS, ""), ("places", A.VIEW_PLACES, "")],
    "proposals": [("placement_list", A.VIEW_PLACEMENTS, "")],
    "speed_dates": [("placement_list", A.VIEW_PLACEMENTS, "")],
    "interviews": [("placement_list", A.VIEW_PLACEMENTS, "status=proposed")],
    "definitive": [("placement_list", A.VIEW_PLACEMENTS, "status=interview_held")],
    "to_admin": [("subsidy", A.VIEW_SUBSIDY_LIST, "")],
}


@dataclass
class TaskRound:
    due: datetime.date
    done: bool


@dataclass
class Task:
    number: int
    code: str
    title: str
    owner: str
    mine: bool
    status: Progress
    due: datetime.date | None
    rounds: list[TaskRound]
    hint: str = ""
    url: str = ""
    calendar_url: str = ""

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass
class Phase:
    title: str
    tasks: list[Task] = field(default_factory=list)


@dataclass
class TaskList:
    phases: list[Phase]
    done: int
    overdue: int
    total: int


def _date(day) -> str:
    return date_format(day, "DATE_FORMAT")


def _url(name: str, partnership: Partnership, year: AcademicYear, query: str = "") -> str:
    url = reverse(f"placements:{name}", args=[partnership.slug, year.label])
    return f"{url}?{query}" if query else url


def _page(code: str, state: YearState, can, partnership, year) -> str:
    if code == "quota" and state.facts.quota == ApprovalStatus.SUBMITTED and can(A.APPROVE_QUOTA):
        return _url("quota_approve", partnership, year)
    if (
        code == "division"
        and state.facts.division == ApprovalStatus.SUBMITTED
        and can(A.APPROVE_DIVISION)
    ):
        return _url("division_approve", partnership, year)
    for name, action, query in PAGES.get(code, []):
        if can(action):
            return _url(name, partnership, year, query)
    return ""


def _quota_hint(state: YearState) -> str:
    quota = state.quota
    if quota is None:
        return _("No quota has been proposed yet.")
    n = quota.places
    if quota.status == ApprovalStatus.SUBMITTED:
        return _("%(n)s places, submitted to the steering group on %(date)s.") % {
            "n": n,
            "date": _date(quota.submitted_at) if quota.submitted_at else "—",
        }
    if quota.status in progress.APPROVED:
        return _("%(n)s places, approved (%(meeting)s).") % {
            "n": n,
            "meeting": quota.approval_meeting or "—",
        }
    if quota.decision_note:
        return _("%(n)s places; sent back by the steering group: %(note)s") % {
            "n": n,
            "note": quota.decision_note,
        }
    return _("%(n)s places, a draft not yet submitted to the steering group.") % {"n": n}


def _division_hint(state: YearState) -> str:
    division = state.division
    if division is None:
        return _("The places have not been divided yet.")
    if division.status == ApprovalStatus.SUBMITTED and division.submitted_at:
        return _("Submitted for approval on %(date)s.") % {"date": _date(division.submitted_at)}
    if division.status == ApprovalStatus.DRAFT and division.approval_note:
        return _("A draft; sent back with this note: %(note)s") % {"note": division.approval_note}
    return str(division.get_status_display()).capitalize() + "."


def _window_hint(state: YearState, today) -> str:
    window = state.window
    if window is None:
        return _("No preference window has been set yet.")
    if today < window.opens_on:
        return _("The window opens on %(date)s.") % {"date": _date(window.opens_on)}
    if today <= window.closes_on:
        return _("The window is open until %(date)s.") % {"date": _date(window.closes_on)}
    return _("The window closed on %(date)s.") % {"date": _date(window.closes_on)}


def _data_hint(code: str, state: YearState, today) -> str:
    f = state.facts
    live = f.live_placements
    if code == "quota":
        return _quota_hint(state)
    if code == "inventory":
        if not f.schools:
            return _("The partnership has no active schools.")
        text = _("%(answered)s of %(schools)s schools have declared their places.") % {
            "answered": f.answered,
            "schools": f.schools,
        }
        if not f.capacity_requested and f.answered < f.schools:
            text += " " + _("The schools have not been asked yet.")
        return text
    if code == "division":
        return _division_hint(state)
    if code == "rotation_needs" and f.reserved:
        return ngettext(
            "%(n)s place is reserved for rotating students.",
            "%(n)s places are reserved for rotating students.",
            f.reserved,
        ) % {"n": f.reserved}
    if code == "preferences":
        return _window_hint(state, today)
    if code == "wo_publish" and state.division is not None:
        if state.division.published_at:
            return _("Published to the institutes on %(date)s.") % {
                "date": _date(state.division.published_at)
            }
        if state.division.status == ApprovalStatus.APPROVED:
            return _("The division is approved and can be published to the institutes.")
    if code == "hbo_rotation" and f.runs:
        return ngettext(
            "%(runs)s allocation run, %(committed)s committed as proposals.",
            "%(runs)s allocation runs, %(committed)s committed as proposals.",
            f.runs,
        ) % {"runs": f.runs, "committed": f.committed_runs}
    if code == "proposals" and live:
        return ngettext("%(n)s placement this year.", "%(n)s placements this year.", live) % {
            "n": live
        }
    if code == "interviews" and live:
        return _("%(done)s of %(n)s placements are past the introductory interview.") % {
            "done": live - f.placements_in(progress.WAITING_FOR_INTERVIEW),
            "n": live,
        }
    if code == "definitive" and live:
        return _("%(done)s of %(n)s placements are confirmed.") % {
            "done": f.placements_in(progress.DEFINITIVE),
            "n": live,
        }
    if code == "to_admin" and f.snapshots:
        return ngettext(
            "%(n)s snapshot of the subsidy list handed over.",
            "%(n)s snapshots of the subsidy list handed over.",
            f.snapshots,
        ) % {"n": f.snapshots}
    return ""


def _tick_hint(rows) -> str:
    ticked = [row for row in rows if row.status != StepStatus.OPEN]
    if not ticked:
        return ""
    last = max(ticked, key=lambda row: (row.done_at is not None, row.done_at, row.occurrence))
    params = {
        "who": last.done_by.full_name if last.done_by else "—",
        "date": _date(last.done_at) if last.done_at else "—",
    }
    if last.status == StepStatus.SKIPPED:
        text = _("Marked not applicable by %(who)s on %(date)s.") % params
    else:
        text = _("Ticked off by %(who)s on %(date)s.") % params
    return f"{text} {last.note}" if last.note else text


def task_list(
    *,
    state: YearState,
    access: Access,
    partnership: Partnership,
    year: AcademicYear,
    today: datetime.date,
) -> TaskList:
    roles = access.roles(partnership)

    def can(action) -> bool:
        return access.can(partnership, action)

    by_number: dict[int, list] = {}
    for row in state.steps:
        by_number.setdefault(row.number, []).append(row)
    may_view_calendar = can(A.VIEW_CALENDAR)
    tasks: dict[int, Task] = {}
    for step in STEPS:
        rows = by_number.get(step.number, [])
        if rows:
            rounds = [Round(row.due_date, row.status) for row in rows]
        else:  # the calendar of this year has not been generated: the procedure's own dates
            rounds = [Round(due) for due in due_dates(step, year.start_year)]
        from_data = progress.derived(step.code, state.facts, today, rounds)
        status = progress.step_progress(rounds, from_data, today)
        hint = " ".join(h for h in (_data_hint(step.code, state, today), _tick_hint(rows)) if h)
        calendar = ""  # where the owner ticks off the next open round (not for a done step)
        target = next((r for r in rows if r.status == StepStatus.OPEN), None)
        if (
            target is not None
            and status != Progress.DONE
            and may_view_calendar
            and may_manage_step(access, partnership, target)
        ):
            calendar = _url("calendar", partnership, year) + f"#step-{target.pk}"
        url = _page(step.code, state, can, partnership, year)
        if not url and may_view_calendar:
            url = _url("calendar", partnership, year)
        tasks[step.number] = Task(
            number=step.number,
            code=step.code,
            title=str(step.title),
            owner=str(Role(step.owner).label),
            mine=step.owner in roles,
            status=status,
            due=progress.next_due(rounds),
            rounds=[TaskRound(r.due, r.ticked != progress.TICKED_OPEN) for r in rounds],
            hint=hint,
            url=url,
            calendar_url=calendar,
        )
    phases = [Phase(str(title), [tasks[n] for n in numbers]) for title, numbers in PHASES]
    statuses = [task.status for task in tasks.values()]
    return TaskList(
        phases=phases,
        done=statuses.count(Progress.DONE),
        overdue=statuses.count(Progress.OVERDUE),
        total=len(statuses),
    )
