"""Reads of the money pages: the year's overview (amounts, expected subsidy of each snapshot and
of today's list, the key's result per school and institute, payments) and the statement of one
school or institute. Every sum shown is computed here from its parts."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from partnerships.access import GOVERNANCE, MANAGERS, Access
from partnerships.contributions import CODOCENT, school_hours
from partnerships.glossary import Role
from partnerships.models import AcademicYear, Organisation, Partnership
from placements.facilitation.services import Scope, facilitation_norms_ensure, facilitation_table
from placements.funding import rules
from placements.funding.models import DistributionKey, FundingPayment
from placements.funding.services import funding_amounts, funding_expected
from placements.models import SubsidySnapshot
from placements.subsidy.services import (
    subsidy_default_reference_date,
    subsidy_list_build,
    subsidy_list_from_snapshot,
)


def funding_key(*, partnership: Partnership, year: AcademicYear) -> DistributionKey | None:
    return (
        DistributionKey.objects.filter(partnership=partnership, academic_year=year)
        .select_related("snapshot", "decided_by")
        .first()
    )


def paid_per_organisation(*, partnership: Partnership, year: AcademicYear) -> dict[int, int]:
    rows = (
        FundingPayment.objects.filter(partnership=partnership, academic_year=year)
        .values("organisation")
        .annotate(total=Sum("amount_cents"))
    )
    return {row["organisation"]: row["total"] for row in rows}


@dataclass
class Recipient:
    pk: int
    name: str
    kind: str  # "school" or "institute"
    fixed: int = 0
    students: int = 0  # the part per student (schools) or the institutes' part
    count: int = 0  # counted students
    paid: int = 0

    @property
    def share(self) -> int:
        return self.fixed + self.students

    @property
    def outstanding(self) -> int:
        return self.share - self.paid


def recipients(result: dict, paid: dict[int, int]) -> list[Recipient]:
    """Every school and institute of a key's frozen result (schools first, by name)."""
    names = result["names"]
    counts: dict[str, int] = {}
    for student in result["students"]:
        for org in (student["school_id"], student["institute_id"]):
            counts[org] = counts.get(org, 0) + 1
    lines = [
        Recipient(
            int(pk),
            names.get(pk, "?"),
            "school",
            parts[rules.FIXED],
            parts[rules.STUDENTS],
            counts.get(pk, 0),
            paid.get(int(pk), 0),
        )
        for pk, parts in result["schools"].items()
    ] + [
        Recipient(
            int(pk),
            names.get(pk, "?"),
            "institute",
            0,
            cents,
            counts.get(pk, 0),
            paid.get(int(pk), 0),
        )
        for pk, cents in result["institutes"].items()
    ]
    return sorted(lines, key=lambda r: (r.kind != "school", r.name.lower()))


@dataclass
class Overview:
    amounts: dict[str, int]
    snapshots: list[tuple[SubsidySnapshot, rules.Expected]]
    provisional: rules.Expected
    key: DistributionKey | None
    lines: list[Recipient] = field(default_factory=list)

    @property
    def own_costs(self) -> int:
        return self.key.result["parts"][rules.OWN] if self.key else 0

    @property
    def distributed(self) -> int:
        return sum(line.share for line in self.lines)

    @property
    def paid(self) -> int:
        return sum(line.paid for line in self.lines)


def funding_overview(*, access: Access, partnership: Partnership, year: AcademicYear) -> Overview:
    amounts = funding_amounts(partnership=partnership, year=year)
    snapshots = SubsidySnapshot.objects.filter(
        partnership=partnership, academic_year=year
    ).select_related("academic_year", "partnership", "taken_by")
    today = subsidy_list_build(
        partnership=partnership,
        year=year,
        reference_date=subsidy_default_reference_date(year),
        access=access,
    )
    key = funding_key(partnership=partnership, year=year)
    paid = paid_per_organisation(partnership=partnership, year=year)
    return Overview(
        amounts=amounts,
        snapshots=[
            (s, funding_expected(subsidy=subsidy_list_from_snapshot(s), amounts=amounts))
            for s in snapshots
        ],
        provisional=funding_expected(subsidy=today, amounts=amounts),
        key=key,
        lines=recipients(key.result, paid) if key else [],
    )


def statement_organisations(*, access: Access, partnership: Partnership):
    """The schools and institutes whose statement the user may read: all for the managers and
    the stuurgroep, else the school(s) they coordinate and the institute they coordinate."""
    organisations = Organisation.objects.filter(partnership=partnership)
    roles = access.roles(partnership)
    if roles & (MANAGERS | GOVERNANCE):
        return organisations
    schools = access.own_school_ids(partnership, {Role.SCHOOLCOORDINATOR})
    institutes = access.organisations(partnership).filter(kind="institute")
    if Role.INSTITUUTSCOORDINATOR not in roles:
        institutes = institutes.none()
    return organisations.filter(pk__in=schools) | organisations.filter(pk__in=institutes)


@dataclass
class Statement:
    organisation: Organisation
    key: DistributionKey
    line: Recipient
    students: list[dict]
    payments: list[FundingPayment]
    facilitation_hours: Decimal | None = None
    codocent: rules.Balance | None = None

    @property
    def paid(self) -> int:
        return sum(p.amount_cents for p in self.payments)

    @property
    def outstanding(self) -> int:
        return self.line.share - self.paid


def _facilitation_hours(partnership, year, organisation) -> Decimal:
    scope = Scope(
        Organisation.objects.filter(pk=organisation.pk), show_people=False, show_institutes=False
    )
    norms = facilitation_norms_ensure(partnership=partnership, year=year)
    table = facilitation_table(partnership=partnership, year=year, scope=scope, norms=norms)
    return sum((line.hours.total for line in table.schools if line.hours), Decimal(0))


def funding_statement(
    *, access: Access, key: DistributionKey, organisation: Organisation
) -> Statement:
    partnership, year = key.partnership, key.academic_year
    payments = list(
        FundingPayment.objects.filter(
            partnership=partnership, academic_year=year, organisation=organisation
        )
    )
    paid = {organisation.pk: sum(p.amount_cents for p in payments)}
    line = next(
        (r for r in recipients(key.result, paid) if r.pk == organisation.pk),
        Recipient(
            organisation.pk, organisation.name, organisation.kind, paid=paid[organisation.pk]
        ),
    )
    field_name = "school_id" if organisation.kind == "school" else "institute_id"
    students = sorted(
        (s for s in key.result["students"] if s[field_name] == str(organisation.pk)),
        key=lambda s: s["sort_name"].lower(),
    )
    statement = Statement(organisation, key, line, students, payments)
    if organisation.kind == "school":
        statement.facilitation_hours = _facilitation_hours(partnership, year, organisation)
        hours = school_hours(CODOCENT, access=access, partnership=partnership, year=year)
        if hours is not None:
            shares = {
                str(pk): parts[rules.FIXED] + parts[rules.STUDENTS]
                for pk, parts in key.result["schools"].items()
            }
            balances = rules.codocent_balances({str(pk): h for pk, h in hours.items()}, shares)
            statement.codocent = balances.get(
                str(organisation.pk), rules.Balance(Decimal(0), Decimal(0))
            )
    return statement
