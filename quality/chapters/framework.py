"""§4.3 Streefdoelen and §4.5 Kwaliteitszorginstrumenten: the framework and the year's targets
measured now, and the instruments with the NVAO standards they cover."""

from django.utils.translation import gettext as _

from partnerships.glossary import Role
from partnerships.governance.registry import Fragment

from ..selectors.framework import ambitions, instruments, standards_matrix
from ..selectors.targets import Measurer, target_row, targets_for
from ..templatetags.quality_targets import comparison_sign, target_value, verdict_label


def _standards(values) -> str:
    return ", ".join(str(v) for v in sorted(values)) or "—"


def framework_chapter(partnership, year) -> Fragment:
    framework = list(ambitions(partnership=partnership))
    rows = [
        [
            ambition.title,
            indicator.question,
            ", ".join(i.name for i in indicator.instruments.all()) or "—",
            _standards(indicator.standards),
        ]
        for ambition in framework
        for indicator in ambition.indicators.all()
    ]
    targets = list(targets_for(partnership=partnership).filter(academic_year=year))
    measurer = Measurer(partnership, targets)
    measured = [target_row(t, t.academic_year, t.half, measurer=measurer) for t in targets]
    met = sum(1 for t in measured if t["verdict"] == "met")
    return Fragment(
        heading=_("Quality framework and targets %(year)s") % {"year": year.label},
        lines=[
            _(
                "%(ambitions)s ambitions with %(indicators)s indicators; %(targets)s targets "
                "for this school year, of which %(met)s met so far."
            )
            % {
                "ambitions": len(framework),
                "indicators": len(rows),
                "targets": len(measured),
                "met": met,
            }
        ],
        tables=[
            ([_("Ambition"), _("Indicator"), _("Instruments"), _("NVAO standards")], rows),
            (
                [_("Indicator"), _("Measure"), _("Target"), _("Period"), _("Now"), _("Verdict")],
                [
                    [
                        t["indicator"],
                        t["label"],
                        f"{comparison_sign(t['comparison'])} "
                        f"{target_value(t['target'], t['measure'])}",
                        t["target_period"],
                        target_value(t["value"], t["measure"], t["target"]),
                        str(verdict_label(t["verdict"])),
                    ]
                    for t in measured
                ],
            ),
        ],
    )


def instruments_chapter(partnership, year) -> Fragment:
    items = list(instruments(partnership=partnership))
    roles = dict(Role.choices)
    uncovered = [row["label"] for row in standards_matrix(items) if not row["covered"]]
    lines = [
        _("%(active)s instruments in use, %(developing)s still being developed.")
        % {
            "active": sum(1 for i in items if i.is_active),
            "developing": sum(1 for i in items if i.in_development),
        }
    ]
    if uncovered:
        lines.append(
            _("NVAO standards without an instrument: %(standards)s.")
            % {"standards": "; ".join(str(s) for s in uncovered)}
        )
    return Fragment(
        heading=_("Quality assurance instruments"),
        lines=lines,
        tables=[
            (
                [
                    _("Instrument"),
                    _("Kind"),
                    _("Target group"),
                    _("Frequency"),
                    _("Responsible"),
                    _("NVAO standards"),
                    _("In use"),
                ],
                [
                    [
                        i.name,
                        i.get_kind_display(),
                        i.get_target_group_display(),
                        i.get_frequency_display(),
                        str(roles.get(i.responsible_role, i.responsible_role)),
                        _standards(i.standards),
                        _("yes") if i.is_active else _("no"),
                    ]
                    for i in items
                ],
            )
        ],
    )
