"""What the money pages tell the budget (``partnerships.finance.registry``, registered in
``PlacementsConfig.ready``): the expected subsidy and the distribution to schools and institutes
of a year. The subsidy of the latest snapshot counts as it is; without a snapshot, today's list
gives a provisional amount."""

from django.urls import reverse
from django.utils.translation import gettext as _

from placements.funding import selectors
from placements.funding.services import funding_amounts, funding_expected
from placements.models import SubsidySnapshot
from placements.subsidy.services import (
    subsidy_default_reference_date,
    subsidy_list_build,
    subsidy_list_from_snapshot,
)


def _url(name: str, partnership, year, **kwargs) -> str:
    return reverse(
        f"placements:{name}",
        kwargs={"partnership": partnership.slug, "year": year.label} | kwargs,
    )


def expected_subsidy(partnership, academic_year) -> list:
    from partnerships.finance.registry import Amount

    amounts = funding_amounts(partnership=partnership, year=academic_year)
    if not amounts:
        return []
    snapshot = (
        SubsidySnapshot.objects.filter(partnership=partnership, academic_year=academic_year)
        .select_related("academic_year", "partnership")
        .first()
    )
    if snapshot is not None:
        subsidy, label = subsidy_list_from_snapshot(snapshot), str(snapshot)
    else:
        subsidy = subsidy_list_build(
            partnership=partnership,
            year=academic_year,
            reference_date=subsidy_default_reference_date(academic_year),
        )
        label = _("Today's list")
    expected = funding_expected(subsidy=subsidy, amounts=amounts)
    return [
        Amount(
            label=_("Expected subsidy (%(list)s)") % {"list": label},
            cents=expected.total,
            url=_url("funding", partnership, academic_year),
            provisional=snapshot is None,
        )
    ]


def distribution(partnership, academic_year) -> list:
    from partnerships.finance.registry import Amount

    key = selectors.funding_key(partnership=partnership, year=academic_year)
    if key is None:
        return []
    return [
        Amount(
            label=line.name,
            cents=line.share,
            url=_url("funding_statement", partnership, academic_year, organisation=line.pk),
        )
        for line in selectors.recipients(key.result, {})
        if line.share
    ]


def register() -> None:
    from partnerships.finance import registry

    registry.register(registry.Source.SUBSIDY, expected_subsidy)
    registry.register(registry.Source.DISTRIBUTION, distribution)
