"""Dashboard cards for guidance (registered in ``placements.dashboard.placement_cards``): who is
behind on the norms today.

* the werkplekbegeleider: their students without a guidance talk in the norm period;
* the schoolopleider: the school's students behind on a norm (a consultation, the
  mid-placement evaluation, the talks), with how many are on track;
* the schoolcoördinator: the school's totals — numbers only;
* the student: their guidance log.

Placements whose period has not started (a February placement in December) are left out.
Each card reads a fixed number of queries however many students there are."""

from django.db.models import Count
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from partnerships.access import STUDENT, Access
from partnerships.dashboard import Card
from partnerships.glossary import Role
from partnerships.models import Partnership
from placements.guidance import access as guidance_access
from placements.guidance import selectors
from placements.models import GuidanceKind

K = GuidanceKind
SHOWN = 10


def _log(partnership, placement) -> str:
    return reverse("placements:guidance_log", args=[partnership.slug, placement.pk])


def behind_text(state) -> str:
    parts = []
    for norm in state.behind:
        if norm.kind == K.TALK:
            last = date_format(norm.last, "SHORT_DATE_FORMAT") if norm.last else _("none yet")
            parts.append(_("guidance talk (last: %(last)s)") % {"last": last})
        else:
            parts.append(
                _("%(kind)s (%(done)s of %(due)s)")
                % {"kind": K(norm.kind).label, "done": norm.done, "due": norm.expected}
            )
    return ", ".join(parts)


def _wpb_card(access: Access, partnership: Partnership) -> list[Card]:
    mine = selectors.current_placements(partnership, access.today).filter(
        werkplekbegeleider=access.user
    )
    running = selectors.running(
        selectors.states(mine, partnership=partnership, day=access.today), access.today
    )
    if not running:
        return []
    behind = [s for s in running if any(n.behind for n in s.norms if n.kind == K.TALK)]
    items = [
        (f"{s.placement.student} — {behind_text(s)}", _log(partnership, s.placement))
        for s in behind[:SHOWN]
    ]
    return [
        Card(
            _("Your students without a guidance talk in the norm period"),
            items,
            _("All your students had a guidance talk within the norm."),
            count=len(behind) if items else None,
        )
    ]


def _school_states(access: Access, partnership: Partnership, role: str):
    schools = access.own_school_ids(partnership, {role})
    if not schools:
        return []
    placements = selectors.current_placements(partnership, access.today).filter(school__in=schools)
    states = selectors.states(placements, partnership=partnership, day=access.today)
    return selectors.running(states, access.today)


def _schoolopleider_card(access: Access, partnership: Partnership) -> list[Card]:
    running = _school_states(access, partnership, Role.SCHOOLOPLEIDER)
    if not running:
        return []
    behind = sorted(
        (s for s in running if s.is_behind), key=lambda s: s.placement.student.person.last_name
    )
    items = []
    for state in behind[:SHOWN]:
        placement = state.placement
        shares = bool(guidance_access.guide_roles(placement, access.user))
        url = _log(partnership, placement) if shares else ""
        items.append((f"{placement.student} — {behind_text(state)}", url))
    on_track = len(running) - len(behind)
    summary = _("On track: %(n)s of %(total)s students") % {"n": on_track, "total": len(running)}
    if items:
        items.append((summary, ""))
    return [
        Card(
            _("Guidance at your school: students behind on the norm"),
            items,
            _("All students at your school are on track.") + " " + summary,
            count=len(behind) if behind else None,
        )
    ]


def _coordinator_card(access: Access, partnership: Partnership) -> list[Card]:
    running = _school_states(access, partnership, Role.SCHOOLCOORDINATOR)
    if not running:
        return []
    totals: dict[str, dict] = {}
    for state in running:
        row = totals.setdefault(
            state.placement.school.name, {"students": 0, "behind": 0} | {k: 0 for k in K.values}
        )
        row["students"] += 1
        row["behind"] += state.is_behind
        for norm in state.behind:
            row[norm.kind] += 1
    items = [
        (
            _(
                "%(school)s: %(students)s students, %(behind)s behind (talks %(talk)s, "
                "consultations %(consultation)s, mid-placement evaluation %(mid)s)"
            )
            % {
                "school": name,
                "students": row["students"],
                "behind": row["behind"],
                "talk": row[K.TALK],
                "consultation": row[K.CONSULTATION],
                "mid": row[K.MID_EVALUATION],
            },
            "",
        )
        for name, row in sorted(totals.items())
    ]
    level = "warning" if any(row["behind"] for row in totals.values()) else "info"
    return [Card(_("Guidance at your school against the norms"), items, level=level)]


def _student_card(access: Access, partnership: Partnership) -> list[Card]:
    own = (
        guidance_access.guided_placements(user=access.user, partnership=partnership)
        .filter(student__person=access.user)
        .select_related("school", "academic_year")
        .order_by("-academic_year__start_year", "-start")
    )
    own = own.annotate(entries=Count("guidance_entries"))
    items = [
        (
            _("%(school)s (%(year)s): %(n)s entries")
            % {
                "school": p.school.name,
                "year": p.academic_year,
                "n": p.entries,
            },
            _log(partnership, p),
        )
        for p in own[:SHOWN]
    ]
    if not items:
        return []
    return [Card(_("Your guidance log"), items, level="info")]


def guidance_cards(access: Access, partnership: Partnership) -> list[Card]:
    roles = access.roles(partnership)
    cards = []
    if Role.WERKPLEKBEGELEIDER in roles:
        cards += _wpb_card(access, partnership)
    if Role.SCHOOLOPLEIDER in roles:
        cards += _schoolopleider_card(access, partnership)
    if Role.SCHOOLCOORDINATOR in roles:
        cards += _coordinator_card(access, partnership)
    if STUDENT in roles:
        cards += _student_card(access, partnership)
    return cards
