"""Writes for the placements app, one module per part of the procedure. Other apps import from
here (``from placements import services``)."""

from .lifecycle import (  # noqa: F401
    CapacityExceeded,
    placement_activate,
    placement_assign_guides,
    placement_cancel,
    placement_complete,
    placement_confirm,
    placement_create,
    placement_interview_held,
    placement_interview_plan,
    placement_set_lock,
)
