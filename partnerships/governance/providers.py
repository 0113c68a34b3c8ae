"""The base's own chapter data and agenda links: partners and pupil numbers, the roles people
hold, the bodies with their members, and the plan versions. Registered in ``install``."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from ..glossary import OrganisationKind, Role
from ..models import PupilCount, RoleAssignment
from . import registry
from .models import Member, PlanVersion


def partners(partnership, year) -> registry.Fragment:
    organisations = partnership.organisations.filter(is_active=True).order_by("kind", "name")
    counts = dict(
        PupilCount.objects.filter(
            organisation__partnership=partnership, academic_year=year
        ).values_list("organisation", "pupils")
    )
    schools = [o for o in organisations if o.kind == OrganisationKind.SCHOOL]
    institutes = [o for o in organisations if o.kind == OrganisationKind.INSTITUTE]
    total = sum(counts.get(o.pk, 0) for o in schools)
    return registry.Fragment(
        heading=_("Partners and pupil numbers %(year)s") % {"year": year.label},
        lines=[
            _("%(schools)s schools with %(pupils)s pupils, and %(institutes)s institutes.")
            % {"schools": len(schools), "pupils": total, "institutes": len(institutes)}
        ],
        tables=[
            (
                [_("School"), _("School board"), _("Pupils")],
                [[o.name, o.board, str(counts.get(o.pk, "—"))] for o in schools],
            ),
            ([_("Institute")], [[o.name] for o in institutes]),
        ],
    )


def roles(partnership, year) -> registry.Fragment:
    today = timezone.localdate()
    rows = (
        RoleAssignment.objects.active(today)
        .filter(partnership=partnership)
        .values("role")
        .annotate(n=Count("person", distinct=True))
        .order_by("role")
    )
    labels = dict(Role.choices)
    return registry.Fragment(
        heading=_("Roles in the partnership"),
        tables=[
            (
                [_("Role"), _("People")],
                [[str(labels.get(r["role"], r["role"])), str(r["n"])] for r in rows],
            )
        ],
    )


def bodies(partnership, year) -> registry.Fragment:
    today = timezone.localdate()
    rows = []
    for body in partnership.bodies.all():
        if not body.is_active_on(today):
            continue
        members = (
            Member.objects.current(today).filter(body=body).select_related("person", "organisation")
        )
        names = ", ".join(
            f"{m.person.full_name}"
            + (f" ({m.get_position_display()})" if m.position != "member" else "")
            for m in members
        )
        rows.append(
            [
                body.name,
                str(body.meetings_per_year or "—"),
                names or "—",
            ]
        )
    return registry.Fragment(
        heading=_("Bodies"),
        tables=[([_("Body"), _("Meetings per year"), _("Members")], rows)],
    )


def plan_links(partnership) -> list[registry.Link]:
    return [
        registry.Link(
            _("%(plan)s (%(status)s)") % {"plan": v.title, "status": v.get_status_display()},
            v.get_absolute_url(),
        )
        for v in PlanVersion.objects.filter(partnership=partnership).select_related("partnership")[
            :3
        ]
    ]


def install() -> None:
    """Called from ``partnerships.apps``: the actions, the chapter data, the dashboard cards."""
    from ..access import ACTION_ROLES
    from ..dashboard import PROVIDERS
    from ..navigation import NAV_ITEMS, NavItem
    from . import dashboard, tasks  # noqa: F401 — the worker knows the daily reminder
    from .permissions import GOVERNANCE_ACTION_ROLES, GovernanceAction

    ACTION_ROLES.update(GOVERNANCE_ACTION_ROLES)
    from ..demo.governance import load as load_demo
    from ..demo.load import EXTENSIONS

    if load_demo not in EXTENSIONS:
        EXTENSIONS.append(load_demo)
    registry.register_chapter("partners", partners)
    registry.register_chapter("roles", roles)
    registry.register_chapter("bodies", bodies)
    registry.register_links(plan_links)
    if dashboard.governance_cards not in PROVIDERS:
        PROVIDERS.append(dashboard.governance_cards)
    from django.utils.translation import gettext_lazy

    item = NavItem(
        gettext_lazy("Governance"),
        "governance:overview",
        GovernanceAction.VIEW_GOVERNANCE,
        "governance",
    )
    if item not in NAV_ITEMS:
        NAV_ITEMS.append(item)
