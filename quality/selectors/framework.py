"""Reads for the framework part of the quality cycle: the framework, the quality calendar, the
risk register and the internal evaluations — every queryset limited to one partnership (and,
for internal evaluations, to the organisations the user may see or fill in)."""

import datetime

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone

from partnerships.access import GOVERNANCE, MANAGERS, Access
from partnerships.glossary import OrganisationKind, Role
from partnerships.models import AcademicYear, Organisation, Partnership, Person, RoleAssignment
from partnerships.selectors import year_from_label  # noqa: F401 (the base's, shared)

from ..calendar_grid import InstrumentRow, Item
from ..choices import NvaoStandard, TargetGroup
from ..models import (
    Ambition,
    CalendarItem,
    Indicator,
    Instrument,
    InternalEvaluation,
    Risk,
)

EVALUATING_SCHOOL_ROLES = frozenset({Role.SCHOOLCOORDINATOR, Role.LEIDINGGEVENDE})


# --- framework ------------------------------------------------------------------------------
def ambitions(*, partnership: Partnership) -> QuerySet[Ambition]:
    indicators = Indicator.objects.prefetch_related(
        Prefetch("instruments", queryset=Instrument.objects.order_by("name"))
    )
    return Ambition.objects.filter(partnership=partnership).prefetch_related(
        Prefetch("indicators", queryset=indicators)
    )


def indicators(*, partnership: Partnership) -> QuerySet[Indicator]:
    return Indicator.objects.filter(ambition__partnership=partnership).select_related("ambition")


def instruments(*, partnership: Partnership) -> QuerySet[Instrument]:
    return (
        Instrument.objects.filter(partnership=partnership)
        .select_related("survey")
        .prefetch_related("indicators")
    )


def standards_matrix(instrument_list) -> list[dict]:
    """One row per NVAO standard with the active instruments that cover it; a standard with
    none is flagged (``covered`` False)."""
    rows = []
    for standard in NvaoStandard:
        covering = [i for i in instrument_list if i.is_active and standard.value in i.standards]
        rows.append(
            {
                "standard": standard.value,
                "label": standard.label,
                "instruments": covering,
                "covered": bool(covering),
            }
        )
    return rows


# --- quality calendar -------------------------------------------------------------------------
def calendar_items(*, partnership: Partnership, year: AcademicYear) -> QuerySet[CalendarItem]:
    return CalendarItem.objects.filter(partnership=partnership, academic_year=year).select_related(
        "instrument"
    )


def grid_input(*, partnership: Partnership, year: AcademicYear):
    """The instruments and items of a year, as the plain data ``calendar_grid`` takes: every
    instrument in use, plus any instrument that has items this year."""
    items = list(calendar_items(partnership=partnership, year=year))
    used = {item.instrument_id for item in items}
    instrument_rows = [
        InstrumentRow(
            i.pk,
            i.name,
            i.target_group,
            i.get_target_group_display(),
            i.in_development,
            Role(i.responsible_role).label
            if i.responsible_role in Role.values
            else i.responsible_role,
        )
        for i in Instrument.objects.filter(partnership=partnership)
        if i.is_active or i.pk in used
    ]
    item_rows = [Item(i.pk, i.instrument_id, i.month, i.due_date, i.status, i.phase) for i in items]
    return instrument_rows, item_rows, items


def role_holders(*, partnership_id: int, role: str, on: datetime.date) -> list[Person]:
    holders = RoleAssignment.objects.active(on).filter(partnership=partnership_id, role=role)
    return list(Person.objects.filter(pk__in=holders.values("person")).order_by("pk"))


def may_update_item(access: Access, partnership: Partnership, item: CalendarItem) -> bool:
    """The programme manager, or whoever holds the item's responsible role here."""
    return access.has_role(partnership, Role.PROGRAMMAMANAGER, item.responsible_role)


def due_items(*, access: Access, partnership: Partnership, today: datetime.date | None = None):
    """Open calendar items due this month or overdue: all of them for the programme manager,
    those of the user's roles for everyone else."""
    today = today or timezone.localdate()
    end_of_month = (today.replace(day=28) + datetime.timedelta(days=4)).replace(
        day=1
    ) - datetime.timedelta(days=1)
    qs = CalendarItem.objects.filter(
        partnership=partnership,
        status__in=["planned", "in_progress"],
        due_date__lte=end_of_month,
    ).select_related("instrument", "academic_year")
    roles = access.roles(partnership)
    if Role.PROGRAMMAMANAGER not in roles:
        qs = qs.filter(responsible_role__in=list(roles))
    return qs.order_by("due_date", "instrument__name")


# --- risks -------------------------------------------------------------------------------------
def risks(*, partnership: Partnership) -> QuerySet[Risk]:
    return (
        Risk.objects.filter(partnership=partnership)
        .select_related("owner")
        .annotate(risk_score=F("likelihood") * F("impact"))
        .order_by("-risk_score", "review_date", "pk")
    )


def heat_map(risk_list) -> list[dict]:
    """A 5×5 table: rows impact 5→1, columns likelihood 1→5, each cell the number of open or
    mitigated risks there (closed ones left out)."""
    counts: dict[tuple[int, int], int] = {}
    for risk in risk_list:
        if risk.status != "closed":
            key = (risk.impact, risk.likelihood)
            counts[key] = counts.get(key, 0) + 1
    return [
        {
            "impact": impact,
            "cells": [
                {
                    "likelihood": likelihood,
                    "score": impact * likelihood,
                    "count": counts.get((impact, likelihood), 0),
                    "level": risk_level(impact * likelihood),
                }
                for likelihood in range(1, 6)
            ],
        }
        for impact in range(5, 0, -1)
    ]


def risk_level(score: int) -> str:
    if score >= 15:
        return "high"
    if score >= 8:
        return "medium"
    return "low"


def risk_owner_candidates(*, partnership: Partnership) -> QuerySet[Person]:
    """People with an active role in the partnership (a risk owner must be one of them)."""
    ids = RoleAssignment.objects.active().filter(partnership=partnership).values("person")
    return Person.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk")


# --- internal evaluations --------------------------------------------------------------------
def fillable_organisation_ids(*, access: Access, partnership: Partnership) -> set[int]:
    """Organisations whose internal evaluation the user fills in: their schools (a
    schoolcoördinator's cluster included) as coordinator or school leader, their institutes as
    instituutscoördinator."""
    ids = access.own_school_ids(partnership, roles=EVALUATING_SCHOOL_ROLES)
    if access.has_role(partnership, Role.INSTITUUTSCOORDINATOR):
        ids |= set(access.manageable_institutes(partnership).values_list("pk", flat=True))
    return ids


def evaluation_organisations(*, access: Access, partnership: Partnership):
    """Active schools and institutes whose evaluations the user may read: all for managers and
    governance, their own for the organisations' evaluators."""
    qs = Organisation.objects.filter(partnership=partnership, is_active=True).order_by(
        "kind", "name"
    )
    if access.roles(partnership) & (MANAGERS | GOVERNANCE):
        return qs
    return qs.filter(pk__in=fillable_organisation_ids(access=access, partnership=partnership))


def evaluation_rows(*, access: Access, partnership: Partnership, year: AcademicYear) -> list:
    """(organisation, evaluation or None) per visible organisation, schools first."""
    orgs = list(evaluation_organisations(access=access, partnership=partnership))
    evaluations = {
        e.organisation_id: e
        for e in InternalEvaluation.objects.filter(
            partnership=partnership, academic_year=year, organisation__in=[o.pk for o in orgs]
        ).select_related("submitted_by")
    }
    order = {OrganisationKind.SCHOOL: 0, OrganisationKind.INSTITUTE: 1}
    orgs.sort(key=lambda o: (order.get(o.kind, 2), o.name.lower()))
    return [(org, evaluations.get(org.pk)) for org in orgs]


def evaluation_of(*, organisation: Organisation, year: AcademicYear):
    return (
        InternalEvaluation.objects.filter(organisation=organisation, academic_year=year)
        .select_related("submitted_by")
        .prefetch_related("findings")
        .first()
    )


TARGET_GROUP_ORDER = list(TargetGroup.values)
