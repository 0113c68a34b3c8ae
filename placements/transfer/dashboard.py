"""Dashboard cards for transfer forms (registered in ``placements.dashboard.placement_cards``):
the student's own forms, forms waiting for a guide's remark, forms shared with the reader's
school and not yet acknowledged, and a year overview for managers and schoolcoördinators."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from partnerships.access import MANAGERS, STUDENT, Access
from partnerships.dashboard import Card
from partnerships.glossary import Role
from partnerships.models import Partnership
from placements.models import TransferFormStatus
from placements.transfer.access import GUIDE_FIELDS, GUIDE_ROLES, transfer_forms_visible

T = TransferFormStatus
SHOWN = 10


def _form_url(partnership, form) -> str:
    return reverse(
        "placements:transfer_form", kwargs={"partnership": partnership.slug, "pk": form.pk}
    )


def _student_card(visible, access, partnership) -> list[Card]:
    own = visible.filter(student__person=access.user).select_related(
        "placement__academic_year", "placement__school"
    )
    items, waiting = [], False
    for form in own.order_by("-placement__academic_year__start_year", "-pk"):
        label = _("Transfer form %(year)s (%(school)s): %(status)s") % {
            "year": form.placement.academic_year,
            "school": form.placement.school.name,
            "status": form.get_status_display(),
        }
        if form.status == T.DRAFT and form.deadline:
            waiting = True
            label += " — " + _("submit by %(date)s") % {"date": date_format(form.deadline)}
        items.append((label, _form_url(partnership, form)))
    if not items:
        return []
    student = own.first().student_id
    portfolio = reverse(
        "placements:transfer_portfolio",
        kwargs={"partnership": partnership.slug, "student": student},
    )
    items.append((_("All your transfer forms (portfolio)"), portfolio))
    return [Card(_("Your transfer forms"), items, level="warning" if waiting else "info")]


def _guide_card(visible, access, partnership) -> list[Card]:
    mine = Q()
    for field in GUIDE_FIELDS.values():
        mine |= Q(**{f"placement__{field}": access.user})
    agreed = Q(remarks__author=access.user, remarks__agrees=True)
    waiting = (
        visible.filter(mine, status=T.SUBMITTED)
        .exclude(agreed)
        .select_related("student__person")
        .order_by("submitted_at")
    )
    items = [(str(form.student), _form_url(partnership, form)) for form in waiting[:SHOWN]]
    if not items:
        return []
    return [Card(_("Transfer forms waiting for your remark"), items, count=waiting.count())]


def _receiving_card(visible, access, partnership) -> list[Card]:
    schools = access.own_school_ids(partnership, {Role.SCHOOLCOORDINATOR, Role.SCHOOLOPLEIDER})
    ours = (
        Q(next_placement__school__in=schools)
        | Q(next_placement__werkplekbegeleider=access.user)
        | Q(next_placement__schoolopleider=access.user)
    )
    incoming = (
        visible.filter(ours, status=T.SHARED)
        .select_related("student__person", "next_placement__school")
        .order_by("shared_at")
    )
    items = [
        (f"{form.student} — {form.next_placement.school.name}", _form_url(partnership, form))
        for form in incoming[:SHOWN]
    ]
    if not items:
        return []
    return [
        Card(_("Transfer forms of students coming to your school"), items, count=incoming.count())
    ]


def _overview_card(visible, access, partnership) -> list[Card]:
    year = access.current_year()
    counts = dict(
        visible.filter(placement__academic_year=year)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    if not counts:
        return []
    url = reverse(
        "placements:transfer_list", kwargs={"partnership": partnership.slug, "year": year.label}
    )
    items = [
        (f"{T(status).label}: {counts[status]}", url) for status in T.values if status in counts
    ]
    return [Card(_("Transfer forms %(year)s") % {"year": year}, items, level="info")]


def transfer_cards(access: Access, partnership: Partnership) -> list[Card]:
    roles = access.roles(partnership)
    visible = transfer_forms_visible(access=access, partnership=partnership)
    cards = []
    if STUDENT in roles:
        cards += _student_card(visible, access, partnership)
    if roles & set(GUIDE_ROLES):
        cards += _guide_card(visible, access, partnership)
    if roles & {Role.SCHOOLCOORDINATOR, Role.SCHOOLOPLEIDER, Role.WERKPLEKBEGELEIDER}:
        cards += _receiving_card(visible, access, partnership)
    if roles & (MANAGERS | {Role.SCHOOLCOORDINATOR}):
        cards += _overview_card(visible, access, partnership)
    return cards
