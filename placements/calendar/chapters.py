"""The placement procedure in the policy document (chapter 2.5 Instroom, seed 000; the procedure
is seed 002's Bijlage 2): the steps of the year with their owner, due date and state, and the
division of the places over hbo and wo. Plain data for ``partnerships.governance.registry``,
registered in ``placements.apps``; read only (a year whose calendar was not generated shows the
steps as the procedure plans them)."""

from django.db.models import Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from partnerships.glossary import Role
from partnerships.governance.registry import Fragment
from placements.calendar.procedure import STEP_TITLES
from placements.calendar.services import procedure_missing
from placements.choices import StepStatus
from placements.models import Division, Place, ProcedureStep


def procedure_chapter(partnership, year) -> Fragment:
    steps = list(ProcedureStep.objects.filter(partnership=partnership, academic_year=year))
    planned = not steps
    if planned:  # nothing generated yet: the procedure's own dates, all open
        steps = sorted(
            procedure_missing(partnership=partnership, year=year),
            key=lambda s: (s.due_date, s.number),
        )
    roles = dict(Role.choices)
    done = sum(1 for s in steps if s.status == StepStatus.DONE)
    lines = [
        _("The placement procedure has %(n)s steps; %(done)s done, %(open)s still open.")
        % {
            "n": len(steps),
            "done": done,
            "open": sum(1 for s in steps if s.status == StepStatus.OPEN),
        }
    ]
    if planned:
        lines.append(_("The calendar of this year has not been generated yet: planned dates."))
    lines.extend(_division_lines(partnership, year))
    return Fragment(
        heading=_("Placement procedure and calendar %(year)s") % {"year": year.label},
        lines=lines,
        tables=[
            (
                [_("Step"), _("What"), _("Who"), _("Due date"), _("Status")],
                [
                    [
                        str(s.number),
                        str(STEP_TITLES.get(s.code, s.code)),
                        str(roles.get(s.owner_role, s.owner_role)),
                        date_format(s.due_date),
                        s.get_status_display(),
                    ]
                    for s in steps
                ],
            )
        ],
    )


def _division_lines(partnership, year) -> list[str]:
    division = Division.objects.filter(partnership=partnership, academic_year=year).first()
    if division is None:
        return [_("The places have not been divided over hbo and wo yet.")]
    levels = dict(
        Place.objects.filter(division=division)
        .order_by()
        .values("level")
        .annotate(n=Sum("capacity"))
        .values_list("level", "n")
    )
    return [
        _("Division of the places: %(hbo)s hbo and %(wo)s wo (%(status)s).")
        % {
            "hbo": levels.get("hbo") or 0,
            "wo": levels.get("wo") or 0,
            "status": division.get_status_display(),
        }
    ]


def register() -> None:
    from partnerships.governance.registry import register_chapter

    register_chapter("placement_calendar", procedure_chapter)
