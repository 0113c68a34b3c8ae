"""Dashboard cards of the survey rounds: a waiting survey for anyone invited (students too),
and for the survey staff the open rounds with their response rate and rounds opening soon."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from partnerships.dashboard import Card
from quality import response_target
from quality.models import QualitySettings
from quality.permissions import QualityAction
from quality.selectors import rounds as selectors


def invitation_cards(access, partnership) -> list[Card]:
    waiting = list(selectors.waiting_invitations(person=access.user, partnership=partnership))
    if not waiting:
        return []
    return [
        Card(
            _("A survey is waiting for you"),
            [(i.round.title, reverse("survey:answer", kwargs={"key": i.key})) for i in waiting],
            level="info",
        )
    ]


def staff_cards(access, partnership) -> list[Card]:
    if not access.can(partnership, QualityAction.MANAGE_ROUNDS):
        return []
    target = QualitySettings.for_partnership(partnership).response_target
    met_label = _("%(title)s: %(percent)s%% responded (%(n)s of %(total)s; target %(target)s, met)")
    unmet_label = _(
        "%(title)s: %(percent)s%% responded (%(n)s of %(total)s; target %(target)s, not met yet)"
    )

    def rates_url(survey_round):
        return reverse("quality:round_rates", args=[partnership.slug, survey_round.pk])

    def detail_url(survey_round):
        return reverse("quality:round_detail", args=[partnership.slug, survey_round.pk])

    open_items = []
    for r in selectors.open_rounds(partnership=partnership):
        percent = round(100 * r.responded / r.invited) if r.invited else 0  # display only
        label = met_label if response_target.meets(r.responded, r.invited, target) else unmet_label
        values = {
            "title": r.title,
            "percent": percent,
            "n": r.responded,
            "total": r.invited,
            "target": response_target.label(target),
        }
        open_items.append((label % values, rates_url(r)))
    soon = selectors.rounds_opening_soon(partnership=partnership, today=access.today)
    soon_items = [
        (
            _("%(title)s opens on %(date)s") % {"title": r.title, "date": date_format(r.opens_on)},
            detail_url(r),
        )
        for r in soon
    ]
    return [
        Card(_("Open survey rounds"), open_items, _("No survey round is open."), level="info"),
        Card(
            _("Survey rounds opening in the next 14 days"),
            soon_items,
            _("No survey round opens in the next 14 days."),
            level="info",
        ),
    ]


def cards(access, partnership) -> list[Card]:
    return invitation_cards(access, partnership) + staff_cards(access, partnership)
