"""The approvers' dashboard card: every quota and division submitted to them, each linked to the
page where they approve it or send it back (no searching through the placement year)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from partnerships.access import Access
from partnerships.dashboard import Card
from partnerships.models import Partnership
from placements.choices import ApprovalStatus
from placements.models import Division, Quota
from placements.permissions import PlacementAction


def _url(name: str, partnership: Partnership, year) -> str:
    return reverse(f"placements:{name}", args=[partnership.slug, year.label])


def _when(submitted_at) -> str:
    return date_format(submitted_at, "DATE_FORMAT") if submitted_at else "—"


def approval_cards(access: Access, partnership: Partnership) -> list[Card]:
    quotas = access.can(partnership, PlacementAction.APPROVE_QUOTA)
    divisions = access.can(partnership, PlacementAction.APPROVE_DIVISION)
    if not (quotas or divisions):
        return []
    items = []
    if quotas:
        waiting = Quota.objects.filter(
            partnership=partnership, status=ApprovalStatus.SUBMITTED
        ).select_related("academic_year", "submitted_by", "created_by")
        for quota in waiting.order_by("academic_year__start_year"):
            label = _(
                "Quota %(year)s: %(places)s places, submitted by %(who)s on %(when)s — approve "
                "or send back"
            ) % {
                "year": quota.academic_year,
                "places": quota.places,
                "who": quota.submitted_by or quota.created_by or "—",
                "when": _when(quota.submitted_at),
            }
            items.append((label, _url("quota_approve", partnership, quota.academic_year)))
    if divisions:
        waiting = Division.objects.filter(
            partnership=partnership, status=ApprovalStatus.SUBMITTED
        ).select_related("academic_year", "submitted_by")
        for division in waiting.order_by("academic_year__start_year"):
            label = _(
                "Division of places %(year)s, submitted by %(who)s on %(when)s — approve or "
                "send back"
            ) % {
                "year": division.academic_year,
                "who": division.submitted_by or "—",
                "when": _when(division.submitted_at),
            }
            items.append((label, _url("division_approve", partnership, division.academic_year)))
    return [
        Card(
            _("Waiting for your approval"),
            items,
            _("Nothing is waiting for your approval."),
        )
    ]
