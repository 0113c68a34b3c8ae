"""The activity log of a placement as readable sentences, in the reader's language.

``PlacementEvent`` stores what happened as an action code with details (written by the services
in ``services.lifecycle``); this module turns each into a sentence when the page is rendered."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from placements.choices import PlacementStatus
from placements.models import PlacementEvent

S = PlacementStatus


def _when(value: str | None) -> str:
    try:
        moment = datetime.datetime.fromisoformat(value or "")
    except ValueError:
        return value or "—"
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "DATETIME_FORMAT")


def _status(details: dict, who: str) -> str:
    after = details.get("after")
    params = {"who": who}
    if after == S.INTERVIEW_PLANNED:
        params["when"] = _when(details.get("planned_at"))
        return _("%(who)s planned the introductory interview for %(when)s.") % params
    if after == S.INTERVIEW_HELD:
        params["n"] = n = details.get("topics", 0)
        return (
            ngettext(
                "%(who)s recorded the introductory interview as held (%(n)s topic discussed).",
                "%(who)s recorded the introductory interview as held (%(n)s topics discussed).",
                n,
            )
            % params
        )
    if after == S.CONFIRMED:
        return _("%(who)s confirmed the placement.") % params
    if after == S.ACTIVE:
        return _("%(who)s started the placement.") % params
    if after == S.COMPLETED:
        return _("%(who)s completed the placement.") % params
    if after == S.CANCELLED:
        params["reason"] = details.get("reason", "")
        return _("%(who)s cancelled the placement: %(reason)s") % params
    params.update(before=_label(details.get("before")), after=_label(after))
    return _("%(who)s changed the status from %(before)s to %(after)s.") % params


def _label(status: str | None) -> str:
    return str(S(status).label) if status in S.values else (status or "—")


GUIDE_ROLES = {
    "werkplekbegeleider": lambda: _("werkplekbegeleider (mentor)"),
    "schoolopleider": lambda: _("schoolopleider"),
    "instituutsopleider": lambda: _("instituutsopleider"),
}


def _guides(details: dict, who: str) -> str:
    parts = []
    for name, role in GUIDE_ROLES.items():
        if name not in details:
            continue
        if details[name]:
            parts.append(
                _("%(who)s assigned %(person)s as %(role)s.")
                % {"who": who, "person": details[name], "role": role()}
            )
        else:
            parts.append(_("%(who)s removed the %(role)s.") % {"who": who, "role": role()})
    return " ".join(parts)


def _appointment(action: str, details: dict, who: str) -> str:
    params = {"who": who, "hours": details.get("hours", "—")}
    if action == "small_appointment":
        sentence = _("%(who)s recorded a small appointment of %(hours)s hours a week.") % params
    else:
        sentence = _("%(who)s changed the small appointment to %(hours)s hours a week.") % params
    warnings = len(details.get("warnings", []))
    if warnings:
        sentence += " " + ngettext("It breaks %(n)s rule.", "It breaks %(n)s rules.", warnings) % {
            "n": warnings
        }
    return sentence


def describe(event: PlacementEvent) -> str:
    who = event.by.full_name if event.by else _("The system")
    details = event.details or {}
    match event.action:
        case "created":
            return _("%(who)s proposed the placement at %(school)s.") % {
                "who": who,
                "school": details.get("school", "—"),
            }
        case "status":
            return _status(details, who)
        case "interview_replanned":
            return _("%(who)s moved the introductory interview to %(when)s.") % {
                "who": who,
                "when": _when(details.get("planned_at")),
            }
        case "guides":
            return _guides(details, who)
        case "locked":
            return _("%(who)s locked the placement: the allocation engine will not move it.") % {
                "who": who
            }
        case "unlocked":
            return _("%(who)s unlocked the placement.") % {"who": who}
        case "small_appointment" | "small_appointment_changed":
            return _appointment(event.action, details, who)
        case "shared_with" if details.get("school"):
            return _("%(who)s shared the placement with %(school)s.") % {
                "who": who,
                "school": details["school"],
            }
        case "shared_with":
            return _("%(who)s ended the sharing with a second school.") % {"who": who}
        case "small_appointment_removed":
            return _("%(who)s removed the small appointment.") % {"who": who}
    return _("%(who)s: %(action)s") % {"who": who, "action": event.action}
