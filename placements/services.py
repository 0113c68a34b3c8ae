"""Writes for the placements app, one module per part of the procedure. Other apps import from
here (``from placements import services``)."""

from placements.lifecycle.services import (  # noqa: F401
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

# isort: split
from placements.calendar.services import (  # noqa: F401
    procedure_generate,
    procedure_missing,
    procedure_step_set_status,
)

# isort: split
from placements.appointments.services import (  # noqa: F401
    appointment_warnings,
    small_appointment_delete,
    small_appointment_save,
)
from placements.facilitation.services import (  # noqa: F401
    facilitation_norms_ensure,
    facilitation_norms_save,
    facilitation_scope,
    facilitation_table,
)
from placements.quota.monitor import quota_monitor, unit_keys  # noqa: F401
from placements.quota.services import (  # noqa: F401
    quota_adjust,
    quota_approve,
    quota_propose,
    quota_pupil_basis,
    quota_recompute,
    quota_send_back,
    quota_shares,
    quota_submit,
    quota_total,
    share_key,
)

# isort: split
from placements.capacity.reminders import capacity_reminders_send  # noqa: F401
from placements.capacity.services import (  # noqa: F401
    capacity_request_notify,
    capacity_request_send,
    capacity_save,
)
from placements.division.services import (  # noqa: F401
    division_build,
    division_decide,
    division_places_update,
    division_publish,
    division_reopen,
    division_submit,
)

# isort: split
from placements.allocation.commit import CommitReport, allocation_run_commit  # noqa: F401
from placements.allocation.services import (  # noqa: F401
    allocation_result_set,
    allocation_run_create,
    allocation_run_execute,
    allocation_run_rerun,
    allocation_run_waiting,
    matching_places,
)
from placements.preferences.services import (  # noqa: F401
    preference_form_save,
    preference_students,
    preference_window,
    preference_window_save,
    preferences_editable,
)

# isort: split
from placements.transfer.services import (  # noqa: F401
    transfer_form_acknowledge,
    transfer_form_employer,
    transfer_form_finalise,
    transfer_form_save,
    transfer_form_share,
    transfer_form_submit,
    transfer_receivers_notify,
    transfer_remark_add,
)
from placements.transfer.yearly import (  # noqa: F401
    transfer_form_open,
    transfer_forms_create,
    transfer_reminders_send,
    transfer_settings,
    transfer_settings_save,
)

# isort: split
from placements.subsidy.services import (  # noqa: F401
    SubsidyList,
    subsidy_check_reference_date,
    subsidy_count_year,
    subsidy_default_reference_date,
    subsidy_export_record,
    subsidy_list_build,
    subsidy_list_from_snapshot,
    subsidy_lists_compare,
    subsidy_snapshot_take,
)
