"""Hours the schools contribute to the partnership, kept by apps the base does not import.

``SCHOOL_HOURS[kind]``: functions ``(access, partnership, academic_year) -> {school id: hours}``
(hours as ``Decimal``) that apps register in ``AppConfig.ready``. The programme app registers
``codocent`` (the co-docent hours each school's co-docenten gave); placements' funding
statements read them without importing the programme app (docs/ARCHITECTURE.md)."""

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

CODOCENT = "codocent"

SCHOOL_HOURS: dict[str, list[Callable]] = defaultdict(list)


def register_school_hours(kind: str, provider: Callable) -> None:
    if provider not in SCHOOL_HOURS[kind]:
        SCHOOL_HOURS[kind].append(provider)


def school_hours(kind: str, *, access, partnership, year) -> dict[int, Decimal] | None:
    """Every provider's hours per school added up; None when no app provides them."""
    providers = SCHOOL_HOURS.get(kind)
    if not providers:
        return None
    total: dict[int, Decimal] = defaultdict(Decimal)
    for provider in providers:
        for school_id, hours in provider(access, partnership, year).items():
            total[school_id] += Decimal(hours)
    return dict(total)
