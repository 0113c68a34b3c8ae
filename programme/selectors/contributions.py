"""What the programme tells the base about the schools' contributions (registered in
``ProgrammeConfig.ready`` into ``partnerships.contributions``)."""

from decimal import Decimal

from .groups import codocent_table


def codocent_hours_by_school(access, partnership, year) -> dict[int, Decimal]:
    """The co-docent hours of the year per school (school totals are shown to every reader of
    the co-docent page; no person is named)."""
    table = codocent_table(access=access, partnership=partnership, year=year)
    return {school.pk: row.spread.total for school, row, _bar in table.schools if school}
