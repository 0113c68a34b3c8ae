"""Dashboard cards of professionalisation runs: for staff the runs open for them to enrol in
and their next meetings (as participant or trainer); for the organisers the runs starting soon
with their enrolment counts and the runs that ended and still wait for completion."""

import datetime

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from partnerships.dashboard import Card
from professionalisation.permissions import ProAction
from professionalisation.selectors import runs as selectors

SOON_DAYS = 30


def _run_url(partnership, run) -> str:
    return reverse("professionalisation:run_detail", args=[partnership.slug, run.pk])


def staff_cards(access, partnership) -> list[Card]:
    if not access.can(partnership, ProAction.VIEW_ACTIVITIES):
        return []
    person, today = access.user, access.today
    cards = []
    # The access layer's roles are roles_of's (active assignments on access.today), read once.
    open_runs = selectors.open_runs_for(
        person=person,
        partnership=partnership,
        today=today,
        roles=access.assigned_roles(partnership),
    )
    if open_runs:
        cards.append(
            Card(
                _("Trainings open for you"),
                [
                    (
                        _("%(run)s, from %(date)s (%(left)s places left)")
                        % {
                            "run": r,
                            "date": date_format(r.starts_on),
                            "left": r.capacity - r.enrolled,
                        },
                        _run_url(partnership, r),
                    )
                    for r in open_runs
                ],
                level="info",
            )
        )
    meetings = list(
        selectors.next_meetings_for(person=person, partnership=partnership, today=today)
    )
    if meetings:
        cards.append(
            Card(
                _("Your next training meetings"),
                [
                    (
                        _("%(date)s %(time)s: %(run)s")
                        % {
                            "date": date_format(m.date),
                            "time": m.starts_at.strftime("%H:%M"),
                            "run": m.run,
                        },
                        _run_url(partnership, m.run),
                    )
                    for m in meetings
                ],
                level="info",
            )
        )
    return cards


def organiser_cards(access, partnership) -> list[Card]:
    if not access.can(partnership, ProAction.MANAGE_ACTIVITIES):
        return []
    today = access.today
    runs = selectors.with_counts(selectors.runs(partnership=partnership))
    soon = runs.filter(
        status__in=selectors.OPEN_RUN,
        starts_on__gte=today,
        starts_on__lte=today + datetime.timedelta(days=SOON_DAYS),
    ).order_by("starts_on")[:10]
    to_complete = runs.filter(status__in=selectors.OPEN_RUN, ends_on__lt=today).order_by("ends_on")[
        :10
    ]
    return [
        Card(
            _("Training runs starting soon"),
            [
                (
                    _("%(run)s, %(date)s: %(n)s of %(cap)s enrolled")
                    % {
                        "run": r,
                        "date": date_format(r.starts_on),
                        "n": r.enrolled,
                        "cap": r.capacity,
                    },
                    _run_url(partnership, r),
                )
                for r in soon
            ],
            _("No run starts in the coming month."),
            level="info",
        ),
        Card(
            _("Training runs to complete"),
            [
                (
                    _("%(run)s, ended %(date)s") % {"run": r, "date": date_format(r.ends_on)},
                    reverse("professionalisation:run_complete", args=[partnership.slug, r.pk]),
                )
                for r in to_complete
            ],
            _("Every finished run is completed."),
        ),
    ]


def cards(access, partnership) -> list:
    return staff_cards(access, partnership) + organiser_cards(access, partnership)
