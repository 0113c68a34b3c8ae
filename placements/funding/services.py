"""Money that follows the students: the year's subsidy amounts, the expected subsidy of a
subsidy list, the distribution key (preview and decision) and the payments.

* **One story per student**: the expected subsidy and the distribution read the counted rows
  of the subsidy list itself (``placements.subsidy``): a student counts once, in the category
  and at the school the list reports — never again from other data.
* The expected subsidy of a snapshot is what the partnership hands in; the one of today's list
  is marked provisional on the pages.
* Deciding the key is a numbered decision of a stuurgroep meeting (or written procedure,
  ``partnerships.governance``); the result per school and institute is frozen on the key.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships import audit
from partnerships.governance import services as governance
from partnerships.models import AcademicYear, Organisation, Partnership, Person, Student
from placements.funding import rules
from placements.funding.models import DistributionKey, FundingPayment, SubsidyRate
from placements.models import SubsidySnapshot
from placements.subsidy.services import SubsidyList, subsidy_list_from_snapshot


def funding_amounts(*, partnership: Partnership, year: AcademicYear) -> dict[str, int]:
    """The amount per student (cents) of each category entered for the year."""
    return dict(
        SubsidyRate.objects.filter(partnership=partnership, academic_year=year).values_list(
            "category", "amount_cents"
        )
    )


@transaction.atomic
def funding_amounts_save(
    *, partnership: Partnership, year: AcademicYear, amounts: dict[str, int | None], by: Person
) -> dict[str, int]:
    """Set the year's amounts (cents per student; None removes one). Audit-logged."""
    before = funding_amounts(partnership=partnership, year=year)
    for category, cents in amounts.items():
        if category not in rules.CATEGORIES:
            raise ValidationError(_("Unknown subsidy category."))
        if cents is None:
            SubsidyRate.objects.filter(
                partnership=partnership, academic_year=year, category=category
            ).delete()
            continue
        rate = SubsidyRate.objects.filter(
            partnership=partnership, academic_year=year, category=category
        ).first() or SubsidyRate(partnership=partnership, academic_year=year, category=category)
        rate.amount_cents, rate.updated_by = cents, by
        rate.full_clean()
        rate.save()
    after = funding_amounts(partnership=partnership, year=year)
    audit.record(
        person=by,
        action="update",
        partnership=partnership,
        what="subsidy_amounts",
        year=year.label,
        before=before,
        after=after,
    )
    return after


def funding_expected(*, subsidy: SubsidyList, amounts: dict[str, int]) -> rules.Expected:
    """The expected subsidy of a list: its counted students per category × the amounts."""
    return rules.expected_subsidy(subsidy.totals.by_category, amounts)


# --- the distribution key ---------------------------------------------------------------------
@dataclass
class Proposal:
    own_costs_percent: int
    institutes_percent: int
    fixed_percent: int
    weights: dict[str, int]

    def key(self) -> rules.Key:
        return rules.Key(
            self.own_costs_percent, self.institutes_percent, self.fixed_percent, self.weights
        )


@dataclass
class Preview:
    snapshot: SubsidySnapshot
    expected: rules.Expected
    result: dict  # the frozen form (see ``_frozen``)


def _students(rows: list[dict]) -> dict[int, str]:
    """The effective facilitation category of the list's students (read when the key is
    applied, then frozen with the result)."""
    ids = [row["student_id"] for row in rows]
    return {
        s.pk: s.effective_facilitation_category or ""
        for s in Student.objects.filter(pk__in=ids).only(
            "facilitation_category", "facilitation_category_override"
        )
    }


def funding_preview(
    *, partnership: Partnership, year: AcademicYear, snapshot: SubsidySnapshot, proposal: Proposal
) -> Preview:
    """What the key gives every school and institute for the snapshot's list."""
    if snapshot.partnership_id != partnership.pk or snapshot.academic_year_id != year.pk:
        raise ValidationError(_("Choose a snapshot of this year."))
    key = proposal.key()
    if key.problems():
        raise ValidationError(_("The parts must not add up to more than 100%."))
    subsidy = subsidy_list_from_snapshot(snapshot)
    expected = funding_expected(
        subsidy=subsidy, amounts=funding_amounts(partnership=partnership, year=year)
    )
    organisations = Organisation.objects.filter(partnership=partnership)
    names = {str(o.pk): o.name for o in organisations}
    schools = [str(o.pk) for o in organisations if o.kind == "school" and o.is_active]
    institutes = [str(o.pk) for o in organisations if o.kind == "institute" and o.is_active]
    categories = _students(subsidy.rows)
    students = [
        rules.Student(
            row["student_id"],
            str(row["school_id"]),
            str(row["institute_id"]),
            categories.get(row["student_id"], ""),
        )
        for row in subsidy.rows
    ]
    result = rules.distribute_total(expected.total, key, schools, institutes, students)
    for row in subsidy.rows:  # names of organisations since removed, as the list had them
        names.setdefault(str(row["school_id"]), row["school"])
        names.setdefault(str(row["institute_id"]), row["institute"])
    frozen = {
        "total": result.total,
        "parts": result.parts,
        "schools": result.schools,
        "institutes": result.institutes,
        "names": names,
        "students": [
            {
                "id": row["student_id"],
                "name": row["name"],
                "sort_name": row["sort_name"],
                "category": row["category"],
                "facilitation": categories.get(row["student_id"], ""),
                "weight": key.weights.get(categories.get(row["student_id"], ""), 0),
                "school_id": str(row["school_id"]),
                "institute_id": str(row["institute_id"]),
            }
            for row in subsidy.rows
        ],
    }
    return Preview(snapshot, expected, frozen)


@transaction.atomic
def funding_key_decide(
    *,
    partnership: Partnership,
    year: AcademicYear,
    snapshot: SubsidySnapshot,
    proposal: Proposal,
    meeting: governance.Meeting,
    by: Person,
) -> DistributionKey:
    """The stuurgroep decides the key: the result is frozen and the decision numbered. Deciding
    again (a new snapshot, other percentages) replaces the key, with a new decision."""
    preview = funding_preview(
        partnership=partnership, year=year, snapshot=snapshot, proposal=proposal
    )
    key = (
        DistributionKey.objects.select_for_update()
        .filter(partnership=partnership, academic_year=year)
        .first()
    ) or DistributionKey(partnership=partnership, academic_year=year)
    key.snapshot = snapshot
    key.own_costs_percent = proposal.own_costs_percent
    key.institutes_percent = proposal.institutes_percent
    key.fixed_percent = proposal.fixed_percent
    key.weights = proposal.weights
    key.total_cents = preview.result["total"]
    key.result = preview.result
    key.decided_at, key.decided_by = timezone.now(), by
    key.full_clean(exclude=["result"])
    key.save()
    url = reverse(
        "placements:funding", kwargs={"partnership": partnership.slug, "year": year.label}
    )
    decision = governance.record_decision(
        meeting=meeting,
        text=_(
            "The distribution key %(year)s is adopted: own costs %(own)s%%, institutes "
            "%(institutes)s%%, fixed per school %(fixed)s%%, per student %(students)s%%."
        )
        % {
            "year": year.label,
            "own": key.own_costs_percent,
            "institutes": key.institutes_percent,
            "fixed": key.fixed_percent,
            "students": key.students_percent,
        },
        by=by,
        subject=key,
        subject_url=url,
    )
    key.decision_code, key.decision_url = decision.code, url
    key.save(update_fields=["decision_code", "decision_url"])
    audit.record(
        person=by,
        action="decide",
        obj=key,
        partnership=partnership,
        what="distribution_key",
        year=year.label,
        snapshot=snapshot.pk,
        total_cents=key.total_cents,
        decision=decision.code,
    )
    return key


# --- payments ---------------------------------------------------------------------------------
@transaction.atomic
def funding_payment_record(
    *,
    partnership: Partnership,
    year: AcademicYear,
    organisation: Organisation,
    amount_cents: int,
    paid_on: datetime.date,
    reference: str = "",
    by: Person,
) -> FundingPayment:
    if organisation.partnership_id != partnership.pk:
        raise ValidationError(_("Choose a school or institute of this partnership."))
    payment = FundingPayment(
        partnership=partnership,
        academic_year=year,
        organisation=organisation,
        amount_cents=amount_cents,
        paid_on=paid_on,
        reference=reference.strip(),
        recorded_by=by,
    )
    payment.full_clean()
    payment.save()
    audit.record(
        person=by,
        action="create",
        obj=payment,
        partnership=partnership,
        what="funding_payment",
        year=year.label,
        organisation=organisation.pk,
        amount_cents=amount_cents,
    )
    return payment


def funding_statement_export_record(*, statement, fmt: str, by: Person) -> None:
    audit.record(
        person=by,
        action="export",
        obj=statement.organisation,
        partnership=statement.key.partnership,
        what="funding_statement",
        year=statement.key.academic_year.label,
        format=fmt,
    )
