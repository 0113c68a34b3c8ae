"""Rules for a student's small paid appointment at the school (seed 002 §3.4), pure Python.

Year 3: at most 5 contact clock hours a week; 6–7 when the student also has a paid job and is on
schedule on 1 May. Year 4: at most 6 hours; 7–8 with a paid job when on schedule. "On schedule"
on the peildatum 1 May is, in both years, the propaedeutic diploma and at most 1 (year 3) or 2
(year 4) open courses; the coordinator's tick counts only when the stored facts agree with it —
a fact that contradicts a ticked box is a warning of its own. A paid job is only for a student
who is on schedule (the seed: "studenten die (nagenoeg) nominaal studeren"), whatever the hours.
Always: at least two days a week free for the training, and positive advice of both the
institute trainer and the school trainer. Returns warning codes with parameters; the UI words
them in the user's language."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Appointment:
    study_year: int
    hours_per_week: Decimal
    has_paid_job: bool
    on_schedule_1_may: bool
    has_propaedeutic: bool
    open_courses: int
    institute_advice_positive: bool
    school_advice_positive: bool
    free_days: int


RULES = {
    3: {"base": 5, "extended": 7, "open_courses": 1},
    4: {"base": 6, "extended": 8, "open_courses": 2},
}


def facts_on_schedule(a: Appointment) -> bool:
    """What the stored facts say: propaedeutic diploma and few enough open courses."""
    rule = RULES[a.study_year]
    return a.has_propaedeutic and a.open_courses <= rule["open_courses"]


def check(a: Appointment) -> list[tuple[str, dict]]:
    warnings: list[tuple[str, dict]] = []
    rule = RULES.get(a.study_year)
    if rule is None:
        return [("year_not_allowed", {"year": a.study_year})]
    facts = facts_on_schedule(a)
    on_schedule = a.on_schedule_1_may and facts
    extended_allowed = a.has_paid_job and on_schedule
    limit = rule["extended"] if extended_allowed else rule["base"]
    if a.hours_per_week > limit:
        warnings.append(("too_many_hours", {"hours": a.hours_per_week, "limit": limit}))
    if a.on_schedule_1_may and not facts:
        warnings.append(
            (
                "contradicts_on_schedule",
                {
                    "has_propaedeutic": a.has_propaedeutic,
                    "open_courses": a.open_courses,
                    "max_open_courses": rule["open_courses"],
                },
            )
        )
    if a.has_paid_job and not on_schedule:
        warnings.append(("not_on_schedule", {"open_courses": rule["open_courses"]}))
    if a.free_days < 2:
        warnings.append(("too_few_free_days", {"days": a.free_days}))
    if not a.institute_advice_positive:
        warnings.append(("no_institute_advice", {}))
    if not a.school_advice_positive:
        warnings.append(("no_school_advice", {}))
    return warnings
