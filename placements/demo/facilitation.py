"""Demo facilitation norms (002 §6.5): the three institutes' trainer norms, each in its own
unit, for the running and the planned year, with the partnership's 40 weeks a year. Idempotent:
an institute that already has norms for a year is left alone."""

from decimal import Decimal

from partnerships.models import Organisation
from placements.models import InstituteNorm
from placements.services import facilitation_norms_ensure

# short name -> (hours, per, period, group_min, group_max) rows
NORMS = {
    "HR": [(Decimal(8), "group", "week", 20, 25)],
    "ICLON": [(Decimal(16), "student", "year", None, None), (Decimal(80), "group", "year", 15, 15)],
    "TU Delft SEC": [(Decimal(2), "student", "week", None, None)],
}


def load_norms(demo) -> None:
    institutes = Organisation.objects.filter(
        partnership=demo.partnership, kind="institute", short_name__in=NORMS
    )
    for year in (demo.current, demo.next):
        facilitation_norms_ensure(partnership=demo.partnership, year=year)
        for institute in institutes:
            if InstituteNorm.objects.filter(institute=institute, academic_year=year).exists():
                continue
            for hours, per, period, group_min, group_max in NORMS[institute.short_name]:
                norm = InstituteNorm(
                    institute=institute,
                    academic_year=year,
                    hours=hours,
                    per=per,
                    period=period,
                    group_min=group_min,
                    group_max=group_max,
                )
                norm.full_clean()
                norm.save()
