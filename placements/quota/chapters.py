"""The quota in the policy document (chapter 2.5 Instroom) and on a governance agenda: plain
data for ``partnerships.governance.registry``, registered in ``placements.apps``."""

from django.urls import reverse
from django.utils.translation import gettext as _

from partnerships.governance.registry import Fragment, Link
from placements.models import Quota
from placements.quota.services import quota_shares


def _url(quota: Quota, name: str = "placements:quota") -> str:
    return reverse(
        name, kwargs={"partnership": quota.partnership.slug, "year": quota.academic_year.label}
    )


def quota_chapter(partnership, year) -> Fragment | None:
    quota = (
        Quota.objects.filter(partnership=partnership, academic_year=year)
        .select_related("academic_year")
        .first()
    )
    if quota is None:
        return Fragment(
            heading=_("Quota %(year)s") % {"year": year.label},
            lines=[_("No quota has been proposed for this year yet.")],
        )
    shares = list(quota_shares(quota))
    return Fragment(
        heading=_("Quota %(year)s") % {"year": year.label},
        lines=[
            _("%(places)s places with a margin of %(margin)s%% (%(status)s).")
            % {
                "places": quota.places,
                "margin": quota.margin_percent,
                "status": quota.get_status_display(),
            }
        ],
        tables=[
            (
                [_("School"), _("Pupils"), _("Places")],
                [[str(s.cluster or s.school), str(s.pupils), str(s.share)] for s in shares],
            )
        ],
    )


def quota_links(partnership) -> list[Link]:
    quotas = (
        Quota.objects.filter(partnership=partnership)
        .select_related("academic_year", "partnership")
        .order_by("-academic_year__start_year")[:2]
    )
    links = []
    for quota in quotas:
        label = _("Quota %(year)s (%(status)s)") % {
            "year": quota.academic_year.label,
            "status": quota.get_status_display(),
        }
        links.append(Link(label, _url(quota, "placements:quota_approve")))
    return links


def register() -> None:
    from partnerships.governance.registry import register_chapter, register_links

    register_chapter("quota", quota_chapter)
    register_links(quota_links)
