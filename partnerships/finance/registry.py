"""Where the other apps put their money into the budget without the base importing them.

A budget line (``partnerships.finance.models.BudgetLine``) may name a *source*: the product's
own records it is realised from. The amounts of a source come from *providers* the apps register
when they load (in their ``AppConfig.ready``, like ``partnerships.dashboard.PROVIDERS``)::

    from partnerships.finance import registry

    def event_costs(partnership, academic_year) -> list[registry.Amount]:
        return [registry.Amount(label=str(e), cents=e.cost_cents, url=e.get_absolute_url())
                for e in ...]

    registry.register(registry.Source.PROGRAMME_EVENTS, event_costs)

A provider is ``(partnership, academic_year) -> list[Amount]``: the source's amounts in that
school year, each with a label and optionally the page that shows it. Money is integer cents,
never floats or Decimals. A provider returns only what exists (an empty list when nothing does);
amounts of zero may be left out. ``provisional=True`` marks an expectation that may still change
(the subsidy computed from today's subsidy list rather than a snapshot); the budget shows it as
such and counts it.

The sources are a fixed list, so a budget line can choose one; an app with a new kind of money
adds its source here:

* ``subsidy`` — the subsidy the partnership receives (placements: the expected subsidy);
* ``distribution`` — what the partnership distributes to its schools and institutes
  (placements: the distribution key's result per school and institute);
* ``programme_events`` — the costs of programme events (programme);
* ``codocent_hours`` — co-docent hours valued at the partnership's hourly rate (programme);
* ``professionalisation_runs`` — the costs of professionalisation runs (professionalisation).

Several providers may serve one source; their amounts are listed together."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    SUBSIDY = "subsidy", _("Subsidy (from the subsidy list)")
    DISTRIBUTION = "distribution", _("Distribution to schools and institutes")
    PROGRAMME_EVENTS = "programme_events", _("Costs of programme events")
    CODOCENT_HOURS = "codocent_hours", _("Co-docent hours")
    PROFESSIONALISATION_RUNS = "professionalisation_runs", _("Costs of professionalisation runs")


@dataclass(frozen=True)
class Amount:
    label: str
    cents: int
    url: str = ""
    provisional: bool = False

    def __post_init__(self):
        if not isinstance(self.cents, int) or isinstance(self.cents, bool):
            raise TypeError("Amount.cents must be an int (cents)")


Provider = Callable[..., list[Amount]]
PROVIDERS: dict[str, list[Provider]] = defaultdict(list)


def register(source: str, provider: Provider) -> None:
    """Add ``provider`` for ``source`` (once, however often the app loads)."""
    if source not in Source.values:
        raise ValueError(f"unknown source {source!r}; add it to registry.Source")
    if provider not in PROVIDERS[source]:
        PROVIDERS[source].append(provider)


def has_providers(source: str) -> bool:
    return bool(PROVIDERS.get(source))


def amounts(source: str, partnership, academic_year) -> list[Amount]:
    """Every registered provider's amounts for ``source`` in that year, in registration order."""
    result: list[Amount] = []
    for provider in PROVIDERS.get(source, ()):
        result.extend(provider(partnership, academic_year))
    return result
