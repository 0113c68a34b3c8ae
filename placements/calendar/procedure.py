"""The yearly placement procedure (seed 002, Bijlage 2) as data: 15 steps, when, and who.

Dates are for the academic year the placements are *for* (``start_year``): the procedure runs in
the spring before it (April–July of ``start_year``) and steps 11, 13, 14 and 15 recur in
December/January for the February start. Pure Python; ``services.procedure_generate`` stores it."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from partnerships.glossary import Role


@dataclass(frozen=True)
class Step:
    number: int
    code: str
    title: str
    owner: str
    # One (year offset from start_year, month, day) per occurrence: the spring round for the
    # September start, and for some steps a winter round for the February start.
    due: tuple[tuple[int, int, int], ...]


STEPS: list[Step] = [
    Step(
        1,
        "quota",
        _("Set the quota and year plan with the daily board and steering group"),
        Role.STAGECOORDINATOR,
        ((0, 4, 15),),
    ),
    Step(
        2,
        "inventory",
        _("Take stock of the available places at the schools"),
        Role.STAGECOORDINATOR,
        ((0, 4, 30),),
    ),
    Step(
        3,
        "division",
        _("Divide the places over hbo and wo and submit for approval"),
        Role.STAGECOORDINATOR,
        ((0, 5, 8),),
    ),
    Step(
        4,
        "rotation_needs",
        _("Determine the places needed for rotating hbo students"),
        Role.STAGECOORDINATOR,
        ((0, 5, 8),),
    ),
    Step(
        5,
        "preferences",
        _("Collect hbo students' preferences for their next school"),
        Role.INSTITUUTSOPLEIDER,
        ((0, 5, 10),),
    ),
    Step(
        6,
        "wo_publish",
        _("Send the available wo places and the procedure to the wo institutes"),
        Role.STAGECOORDINATOR,
        ((0, 5, 15),),
    ),
    Step(
        7,
        "wo_divide",
        _("wo institutes divide the wo places among themselves"),
        Role.INSTITUUTSCOORDINATOR,
        ((0, 5, 31),),
    ),
    Step(
        8,
        "hbo_rotation",
        _("Prepare the rotation options for hbo students"),
        Role.STAGECOORDINATOR,
        ((0, 5, 15),),
    ),
    Step(
        9,
        "hbo_workgroup",
        _("Discuss the hbo rotation in the working group"),
        Role.STAGECOORDINATOR,
        ((0, 5, 25),),
    ),
    Step(
        10,
        "hbo_publish",
        _("Send the rotated students and open hbo places to the hbo institutes"),
        Role.STAGECOORDINATOR,
        ((0, 5, 31),),
    ),
    Step(
        11,
        "proposals",
        _("Institutes e-mail the placement proposals to the schools"),
        Role.INSTITUUTSCOORDINATOR,
        ((0, 6, 15), (0, 12, 15)),
    ),
    Step(
        12,
        "speed_dates",
        _("Speed dates with rotating hbo students (optional)"),
        Role.SCHOOLCOORDINATOR,
        ((0, 6, 25),),
    ),
    Step(
        13,
        "interviews",
        _("Plan and hold the introductory interviews"),
        Role.SCHOOLCOORDINATOR,
        ((0, 6, 30), (1, 1, 20)),
    ),
    Step(
        14,
        "definitive",
        _("Report the definitively placed students to the stagecoördinator"),
        Role.SCHOOLCOORDINATOR,
        ((0, 6, 30), (1, 1, 31)),
    ),
    Step(
        15,
        "to_admin",
        _("Hand the placed students with their categories to the administrator"),
        Role.STAGECOORDINATOR,
        ((0, 7, 15), (0, 12, 20)),
    ),
]

STEP_TITLES = {step.code: step.title for step in STEPS}


def due_dates(step: Step, start_year: int) -> list[datetime.date]:
    return [datetime.date(start_year + offset, month, day) for offset, month, day in step.due]
