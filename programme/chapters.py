"""The programme of the year in the policy document (chapter 2.6 Opleidingsprogramma, seed 000:
the workplace curriculum — courses, workshops, learning arrangements — per programme variant):
the published events with their kind, audience and sessions, and the intervision groups. Plain
data for ``partnerships.governance.registry``, registered in ``programme.apps``."""

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from partnerships.glossary import Role
from partnerships.governance.registry import Fragment

from .models import Event, IntervisionGroup


def _audience(event: Event, roles: dict) -> str:
    parts = []
    if event.audience_hbo_years:
        years = ", ".join(str(y) for y in sorted(event.audience_hbo_years))
        parts.append(_("hbo year %(years)s") % {"years": years})
    if event.audience_wo:
        parts.append(_("wo"))
    parts.extend(str(roles.get(r, r)) for r in event.audience_roles)
    return "; ".join(parts) or "—"


def programme_chapter(partnership, year) -> Fragment:
    events = list(
        Event.objects.filter(partnership=partnership, academic_year=year, is_published=True)
        .annotate(sessions=Count("slots__sessions"))
        .order_by("date", "starts_at")
    )
    groups = IntervisionGroup.objects.filter(partnership=partnership, academic_year=year)
    students = groups.aggregate(n=Count("members", distinct=True))["n"]
    roles = dict(Role.choices)
    return Fragment(
        heading=_("Programme %(year)s") % {"year": year.label},
        lines=[
            _(
                "%(n)s events, of which %(mandatory)s mandatory; %(groups)s intervision groups "
                "with %(students)s students."
            )
            % {
                "n": len(events),
                "mandatory": sum(1 for e in events if e.mandatory),
                "groups": groups.count(),
                "students": students,
            }
        ],
        tables=[
            (
                [_("Date"), _("Kind"), _("Title"), _("For"), _("Mandatory"), _("Sessions")],
                [
                    [
                        date_format(e.date),
                        e.get_kind_display(),
                        e.title,
                        _audience(e, roles),
                        _("yes") if e.mandatory else _("no"),
                        str(e.sessions),
                    ]
                    for e in events
                ],
            )
        ],
    )


def register() -> None:
    from partnerships.governance.registry import register_chapter

    register_chapter("programme", programme_chapter)
