"""The subsidy list's codes in the reader's language: categories, minimums, practice shares and
the reasons a student is not counted. Rows (also a snapshot's, stored long ago) keep codes; the
page, the exports and the PDF word them here, when they are shown."""

from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from partnerships.glossary import ProgrammeVariant, SubsidyCategory
from placements.choices import PlacementStatus
from placements.subsidy import rules


def _number(value) -> str:
    number = Decimal(str(value))
    return formats.number_format(number, decimal_pos=0 if number == number.to_integral() else 1)


# code → lazy label, built once: ``Enum.values``/``Enum(code)`` build lists on every call, and
# the list words three codes of each of its ~2,000 rows. The lazy labels are translated when
# str() is called, in the reader's language.
CATEGORY_LABELS = dict(SubsidyCategory.choices)
VARIANT_LABELS = dict(ProgrammeVariant.choices)
STATUS_LABELS = dict(PlacementStatus.choices)


def category_label(code: str) -> str:
    label = CATEGORY_LABELS.get(code)
    return str(label) if label is not None else _("no category")


def category_title(code: str) -> str:
    return _("Category %(category)s") % {"category": code}


def variant_label(code: str) -> str:
    label = VARIANT_LABELS.get(code)
    return str(label) if label is not None else code


def status_label(code: str) -> str:
    label = STATUS_LABELS.get(code)
    return str(label) if label is not None else code


def minimum_text(category: str) -> str:
    minimum = rules.MINIMUMS.get(category, rules.Minimum())
    parts = []
    if minimum.percent is not None:
        parts.append(f"{_number(minimum.percent)}%")
    if minimum.ec is not None:
        parts.append(_("%(ec)s EC") % {"ec": _number(minimum.ec)})
    return " / ".join(parts) if parts else _("no minimum")


def share_text(row: dict) -> str:
    parts = []
    if row.get("practice_percent") is not None:
        parts.append(f"{_number(row['practice_percent'])}%")
    if row.get("practice_ec") is not None:
        parts.append(_("%(ec)s EC") % {"ec": _number(row["practice_ec"])})
    return " / ".join(parts) if parts else _("not recorded")


def check_text(row: dict) -> str:
    return {
        rules.MEETS: _("meets the minimum"),
        rules.UNKNOWN: _("share not recorded: check before handing in"),
        rules.NO_MINIMUM: _("no minimum"),
        rules.BELOW: _("below the minimum"),
    }.get(row.get("check", ""), "")


def reason_text(row: dict) -> str:
    reason = row.get("reason", "")
    if reason == rules.NO_CATEGORY:
        return _("No subsidy category is known for this student.")
    if reason == rules.OVERRIDDEN:
        return _(
            "Category overridden: the programme gives %(derived)s, the override says "
            "%(override)s (%(reason)s). Settle the student's record before counting."
        ) % {
            "derived": row.get("derived") or "—",
            "override": row.get("override") or "—",
            "reason": row.get("override_reason") or "—",
        }
    if reason == rules.BELOW_MINIMUM:
        return _(
            "Practice share %(share)s is below the minimum for category %(category)s (%(minimum)s)."
        ) % {
            "share": share_text(row),
            "category": row.get("category"),
            "minimum": minimum_text(row.get("category", "")),
        }
    if reason == rules.STARTS_LATER:
        return _("The placement starts on %(date)s, after the reference date.") % {
            "date": row.get("starts_on", "")
        }
    if reason == rules.NOT_CONFIRMED:
        return _("The placement is not confirmed yet (%(status)s).") % {
            "status": status_label(row.get("status", ""))
        }
    if reason == rules.CANCELLED:
        if row.get("cancel_reason"):
            return _("The placement was cancelled: %(reason)s") % {"reason": row["cancel_reason"]}
        return _("The placement was cancelled.")
    return ""


def reason_title(reason: str) -> str:
    return {
        rules.NO_CATEGORY: _("no category"),
        rules.OVERRIDDEN: _("category overridden"),
        rules.BELOW_MINIMUM: _("practice share below the minimum"),
        rules.STARTS_LATER: _("starts after the reference date"),
        rules.NOT_CONFIRMED: _("not confirmed"),
        rules.CANCELLED: _("cancelled"),
    }[reason]


def describe(row: dict) -> dict:
    """The row with its codes worded, for templates and exports."""
    return row | {
        "category_label": category_label(row.get("category", "")),
        "variant_label": variant_label(row.get("programme_variant", "")),
        "status_label": status_label(row.get("status", "")),
        "share_text": share_text(row),
        "check_text": check_text(row),
        "reason_text": reason_text(row),
        "other_schools_text": ", ".join(row.get("other_schools", [])),
    }
