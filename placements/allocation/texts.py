"""The allocation engine's explanation codes and objective weights as sentences in the reader's
language ("voorkeur 2; voorkeur 1 vol").

The engine (``placements.allocation.engine``) has no Django in it and only English one-liners for
logs; an ``AllocationResult`` stores its explanation as JSON (``{"code", "params", "notes", "rank",
"wishes"}``, see ``services.allocation``) and the pages render it here, when the page is shown,
so a switch of language changes the sentences too. Codes are documented in
``placements/allocation/engine/explain.py``; "manual" marks a result a coordinator changed by hand.
"""

from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from placements.allocation.engine import Weights

RULES = {
    "subject": gettext_lazy("other subject"),
    "level": gettext_lazy("other level (hbo/wo)"),
    "start": gettext_lazy("other start"),
    "excluded": gettext_lazy("school excluded by the student"),
    "minor_stays": gettext_lazy("a minor stays at their own school"),
    "previous_school": gettext_lazy("school visited before"),
    "stage_bovenbouw": gettext_lazy("a bovenbouw place is needed"),
    "variety_vmbo": gettext_lazy("a vmbo school is needed"),
    "variety_havo_vwo": gettext_lazy("a havo/vwo school is needed"),
    "variety_either": gettext_lazy("a vmbo or havo/vwo school is needed"),
    "travel": gettext_lazy("further than the student's maximum travel time"),
    "no_matching_place": gettext_lazy("no place for the subject, level and start"),
}
NOTES = {
    "variety_both_missing": gettext_lazy(
        "has seen neither vmbo nor havo/vwo: only one of the two can still be required"
    ),
}


def rule_text(code: str) -> str:
    return str(RULES.get(code, code))


def _reasons(full, infeasible, balanced) -> list[str]:
    """Why each better preference was not given, in the order of the preferences."""
    parts = [(rank, _("preference %(rank)s full") % {"rank": rank}) for rank in full]
    parts += [
        (r, _("preference %(rank)s not allowed (%(rule)s)") % {"rank": r, "rule": rule_text(c)})
        for r, c in infeasible
    ]
    parts += [
        (rank, _("preference %(rank)s left for a better spread") % {"rank": rank})
        for rank in balanced
    ]
    return [text for _rank, text in sorted(parts)]


def _names(ids, school_names: Mapping[int, str]) -> str:
    return ", ".join(school_names.get(i, f"#{i}") for i in ids)


def _unplaced(code: str, p: dict, school_names: Mapping[int, str]) -> str | None:
    if code == "no_matching_place":
        return _("not placed: there is no place for this subject, level and start")
    if code == "all_blocked":
        rules = "; ".join(
            ngettext("%(rule)s (%(n)s school)", "%(rule)s (%(n)s schools)", len(ids))
            % {"rule": rule_text(rule), "n": len(ids)}
            for rule, ids in p.get("rules", {}).items()
        )
        return _("not placed: every school with a matching place is ruled out: %(rules)s") % {
            "rules": rules
        }
    if code == "travel":
        return _(
            "not placed: every allowed place is further than %(minutes)s minutes away: %(schools)s"
        ) % {
            "minutes": p.get("max_minutes"),
            "schools": _names(p.get("school_ids", []), school_names),
        }
    if code == "places_full":
        n = p.get("places", 0)
        return ngettext(
            "not placed: the one allowed place is taken",
            "not placed: all %(n)s allowed places are taken",
            n,
        ) % {"n": n}
    if code == "school_caps_reached":
        return _("not placed: the schools with room have reached their total: %(schools)s") % {
            "schools": _names(p.get("school_ids", []), school_names)
        }
    if code == "not_selected":
        return _("not placed: a place was free, but the weights made leaving it empty better")
    if code == "no_solution":
        return _("not placed: the solver found no solution within the time limit")
    return None


def explanation_text(explanation: dict, school_names: Mapping[int, str] | None = None) -> str:
    """One sentence for a stored explanation; ``school_names`` maps school ids to names."""
    school_names = school_names or {}
    code = explanation.get("code", "")
    p = explanation.get("params") or {}
    if code == "preference":
        parts = [_("preference %(rank)s") % {"rank": p["rank"]}]
        parts += _reasons(p["better_full"], p["better_infeasible"], p["better_balanced"])
    elif code == "no_preference_met":
        parts = [_("none of the preferences"), *_reasons(p["full"], p["infeasible"], p["balanced"])]
    elif code == "no_preferences_given":
        parts = [_("no preferences given")]
    elif code == "locked":
        parts = [_("locked")]
        parts += [_("breaks the rule: %(rule)s") % {"rule": rule_text(c)} for c in p["conflicts"]]
        parts += [_("over capacity")] if p.get("over_capacity") else []
    elif code == "manual":
        parts = [_("changed by hand")]
    elif code == "":
        parts = [_("not run yet")]
    else:
        parts = [_unplaced(code, p, school_names) or code]
    parts += [str(NOTES.get(note, note)) for note in explanation.get("notes", [])]
    return "; ".join(parts)


def weights_description(weights: Weights | None = None) -> list[str]:
    """The objective in words, one line per weight (the translated ``describe_weights``)."""
    w = weights or Weights()
    lines = [
        _("a place at preference %(rank)s: +%(points)s points") % {"rank": rank, "points": points}
        for rank, points in enumerate(w.preference, 1)
    ]
    lines += [
        _("placed at a school outside the stated preferences: −%(points)s points")
        % {"points": w.no_preference_penalty},
        _("a school with a school type the student has not seen yet: +%(points)s points")
        % {"points": w.variety_bonus},
    ]
    lines += [
        _("each student above %(percent)s%% of a school's capacity: −%(points)s points")
        % {"percent": percent, "points": w.spread_penalty * multiplier}
        for percent, multiplier in w.spread_tiers
    ]
    lines.append(_("the tiers of spreading add up, so crowding a school costs more and more"))
    lines.append(
        _("a student left without a place: −%(points)s points") % {"points": w.unplaced_penalty}
    )
    return lines


# Why students were left without a place, one short phrase per explanation code (the summary
# counts them: "12 students: every allowed place was taken").
UNPLACED_REASONS = {
    "places_full": gettext_lazy("every allowed place was taken"),
    "school_caps_reached": gettext_lazy("the schools with room had reached their total"),
    "all_blocked": gettext_lazy("every school with a matching place was ruled out by a rule"),
    "travel": gettext_lazy("every allowed place was too far away"),
    "no_matching_place": gettext_lazy("there is no place for their subject, level and start"),
    "not_selected": gettext_lazy("a place was free, but the weights made leaving it empty better"),
    "no_solution": gettext_lazy("the solver found no solution within the time limit"),
}


def unplaced_reason(code: str) -> str:
    return str(UNPLACED_REASONS.get(code, code))


def run_name(run, number: int | None = None) -> str:
    """A run by its number within the year and its day: "Ronde 3 van 7 december 2026"."""
    from django.utils import timezone
    from django.utils.formats import date_format

    from placements.allocation.selectors import run_number

    number = number or run_number(run)
    day = timezone.localdate(run.created_at) if run.created_at else timezone.localdate()
    return _("Run %(n)s of %(date)s") % {"n": number, "date": date_format(day, "DATE_FORMAT")}


def score_texts(run) -> list[str]:
    """The score in words: how many points, and whether a better division could exist."""
    if run.objective is None:
        return []
    points = round(run.objective)
    lines = [_("Score: %(points)s points.") % {"points": _signed(points)}]
    if run.best_bound is not None and round(run.best_bound) <= points:
        lines.append(_("Optimal: no better division exists with these weights (proven)."))
    elif run.best_bound is not None:
        lines.append(
            _(
                "Not proven optimal: a division with at most %(more)s points more might exist "
                "(the run stopped at its time limit)."
            )
            % {"more": round(run.best_bound) - points}
        )
    return lines


def _signed(n: int) -> str:
    from django.utils.formats import number_format

    text = number_format(abs(n), force_grouping=True)
    return f"−{text}" if n < 0 else text


def points_text(part) -> str:
    """One line of the score's parts (``selectors.Points``)."""
    total = _signed(part.total)
    if part.kind == "rest":
        return _(
            "%(total)s points: spreading over the schools and school types new to the student "
            "(the rest of the score)"
        ) % {"total": total}
    label = {
        "preference_1": _("placed at their first preference"),
        "preference_2": _("placed at their second preference"),
        "preference_3": _("placed at their third preference"),
        "outside": _("placed outside their preferences"),
        "unplaced": _("left without a place"),
    }[part.kind]
    return ngettext(
        "%(total)s points: %(n)s student %(label)s × %(each)s",
        "%(total)s points: %(n)s students %(label)s × %(each)s",
        part.count,
    ) % {"total": total, "n": part.count, "label": label, "each": _signed(part.each)}
