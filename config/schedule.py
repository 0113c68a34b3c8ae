"""The periodic schedule, defined in code and synced into django-celery-beat by
``manage.py sync_schedule`` (run by ``make run`` and on every deploy). Times are Europe/Amsterdam.
Each app adds its entries here."""

SCHEDULE: dict[str, dict] = {
    # The outbox relay (partnerships/outbox.py): an interval in seconds instead of a crontab.
    "outbox-relay": {
        "task": "partnerships.tasks.relay_outbox",
        "every_seconds": 30,
        "kwargs": {},
    },
    "role-ending-reminders": {
        "task": "partnerships.tasks.send_role_ending_reminders",
        "crontab": {"minute": "0", "hour": "7"},
        "kwargs": {},
    },
    "placement-step-reminders": {
        "task": "placements.tasks.send_step_reminders",
        "crontab": {"minute": "15", "hour": "7"},
        "kwargs": {},
    },
    "capacity-reminders": {
        "task": "placements.tasks.send_capacity_reminders",
        "crontab": {"minute": "30", "hour": "7"},
        "kwargs": {},
    },
    "transfer-forms-create": {
        "task": "placements.tasks.create_transfer_forms",
        "crontab": {"minute": "45", "hour": "6"},
        "kwargs": {},
    },
    "transfer-forms-reminders": {
        "task": "placements.tasks.send_transfer_reminders",
        "crontab": {"minute": "45", "hour": "7"},
        "kwargs": {},
    },
}
SCHEDULE.update(
    {
        # The quality cycle (quality/tasks/): all state-driven, so a missed run catches up.
        "quality-rounds": {
            "task": "quality.tasks.rounds.advance_rounds",
            "crontab": {"minute": "*/15"},
            "kwargs": {},
        },
        "quality-reports": {
            "task": "quality.tasks.reports.draft_due_reports",
            "crontab": {"minute": "20", "hour": "*"},
            "kwargs": {},
        },
        "quality-reminders": {
            "task": "quality.tasks.calendar.send_quality_reminders",
            "crontab": {"minute": "0", "hour": "8"},
            "kwargs": {},
        },
        "quality-action-reminders": {
            "task": "quality.tasks.actions.send_action_reminders",
            "crontab": {"minute": "10", "hour": "8"},
            "kwargs": {},
        },
    }
)
SCHEDULE.update(
    {
        # The training programme and professionalisation: reminders before events and meetings.
        "programme-event-reminders": {
            "task": "programme.tasks.events.send_event_reminders",
            "crontab": {"minute": "0", "hour": "9"},
            "kwargs": {},
        },
        "professionalisation-run-reminders": {
            "task": "professionalisation.tasks.runs.send_run_reminders",
            "crontab": {"minute": "10", "hour": "9"},
            "kwargs": {},
        },
    }
)
SCHEDULE.update(
    {
        # Governance (partnerships/governance/): owners of meeting actions are reminded.
        "governance-action-reminders": {
            "task": "partnerships.governance.tasks.send_governance_reminders",
            "crontab": {"minute": "20", "hour": "8"},
            "kwargs": {},
        },
    }
)
SCHEDULE.update(
    {
        # Privacy (partnerships/privacy/): delete or anonymise personal data past its retention
        # term (settings.RETENTION), every night; idempotent, so a missed night catches up.
        "privacy-retention": {
            "task": "partnerships.privacy.tasks.apply_retention",
            "crontab": {"minute": "30", "hour": "3"},
            "kwargs": {},
        },
    }
)
