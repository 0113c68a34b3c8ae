"""Facilitation in the policy document (chapter 2.8 Organisatie en personeel, seed 000: "welke
richtlijnen … over de facilitering van een minimum aantal uren"): the year's norms per student
category, the base hours per school and the institutes' norms, and the hours per school and
institute they give for this year's placements. Plain data for
``partnerships.governance.registry``, registered in ``placements.apps``. No people are named."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from partnerships.governance.registry import Fragment
from partnerships.models import Organisation
from placements.facilitation.services import (
    Scope,
    facilitation_norms_ensure,
    facilitation_table,
)


def _hours(value) -> str:
    return number_format(Decimal(value).quantize(Decimal("0.1")))


def facilitation_chapter(partnership, year) -> Fragment:
    norms = facilitation_norms_ensure(partnership=partnership, year=year)
    scope = Scope(
        Organisation.objects.filter(partnership=partnership, kind="school"),
        show_people=False,
        show_institutes=True,
    )
    table = facilitation_table(partnership=partnership, year=year, scope=scope, norms=norms)
    lines = [
        _(
            "Every school gets %(base)s hours for coordination and the workplace curriculum; "
            "per student the hours below, by the student's category, split over the schools "
            "by the part of the year spent at each."
        )
        % {"base": norms.year.school_base_hours},
        _("Facilitation this year: %(total)s hours for %(schools)s schools.")
        % {"total": _hours(table.total), "schools": len(table.schools)},
    ]
    if norms.defaults_in_use:
        lines.append(_("These are the customer's default norms; they have not been changed."))
    return Fragment(
        heading=_("Facilitation norms and hours %(year)s") % {"year": year.label},
        lines=lines,
        tables=[
            (
                [_("Category"), _("wpb hours per student"), _("schoolopleider hours per student")],
                [
                    [n.get_category_display(), str(n.wpb_hours), str(n.so_hours)]
                    for n in norms.categories
                ],
            ),
            (
                [_("Institute"), _("Norm for its trainers"), _("Students"), _("Hours")],
                [
                    [
                        line.name,
                        "; ".join(line.norm_texts) or _("no norm yet"),
                        _hours(line.students),
                        _hours(hours),
                    ]
                    for line, hours in table.institutes
                ],
            ),
            (
                [_("School"), _("Students"), _("wpb hours"), _("schoolopleider hours"), _("Total")],
                [
                    [
                        line.name,
                        _hours(line.hours.students),
                        _hours(line.hours.wpb),
                        _hours(line.hours.so),
                        _hours(line.hours.total),
                    ]
                    for line in table.schools
                ],
            ),
        ],
    )


def register() -> None:
    from partnerships.governance.registry import register_chapter

    register_chapter("facilitation_norms", facilitation_chapter)
