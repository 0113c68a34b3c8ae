"""Demo money for the running year of ``hos``: amounts per category (demo figures, entered as an
administrator would — the product holds no amounts), a December snapshot of the subsidy list,
the key decided at the stuurgroep's latest held meeting (or in a written procedure), and a first
instalment paid to the schools. Idempotent: each part looks for what it would create."""

import datetime

from django.utils import timezone

from partnerships.glossary import Role
from partnerships.governance import services as governance
from partnerships.governance.models import Body, Meeting
from partnerships.models import AcademicYear, Partnership
from placements.demo import DEMO_SLUGS
from placements.demo.year import holder
from placements.funding import selectors, services
from placements.models import FundingPayment, SubsidySnapshot
from placements.services import subsidy_default_reference_date, subsidy_snapshot_take

# illustrative amounts per student, in cents (the ministry's figures change every year)
AMOUNTS = {
    "a": 280_000,
    "b": 260_000,
    "c": 330_000,
    "d": 330_000,
    "e": 140_000,
    "f": 420_000,
    "g": 210_000,
}
KEY = services.Proposal(15, 20, 25, {"1": 60, "2": 50, "3": 40, "hbo1": 20})
LABEL = "December (demo)"


def _meeting(partnership: Partnership, by):
    held = (
        Meeting.objects.filter(
            body__partnership=partnership, body__kind="stuurgroep", status="held"
        )
        .order_by("-starts_at")
        .first()
    )
    if held is not None:
        return held
    return governance.resolve_meeting(partnership=partnership, value="written", by=by)


def load(partnership: Partnership, today: datetime.date | None = None) -> str | None:
    if partnership.slug not in DEMO_SLUGS:
        return None
    today = today or timezone.localdate()
    year = AcademicYear.current(today)
    admin = holder(partnership, Role.ADMINISTRATIEF_ONDERSTEUNER, today)
    planner = holder(partnership, Role.STAGECOORDINATOR, today)
    steering = holder(partnership, Role.STUURGROEPLID, today)
    if admin is None or planner is None or steering is None:
        return None
    if not services.funding_amounts(partnership=partnership, year=year):
        services.funding_amounts_save(partnership=partnership, year=year, amounts=AMOUNTS, by=admin)
    snapshot = SubsidySnapshot.objects.filter(
        partnership=partnership, academic_year=year, label=LABEL
    ).first() or subsidy_snapshot_take(
        partnership=partnership,
        year=year,
        reference_date=subsidy_default_reference_date(year),
        label=LABEL,
        by=planner,
    )
    has_body = Body.objects.filter(partnership=partnership, kind="stuurgroep").exists()
    key = selectors.funding_key(partnership=partnership, year=year)
    if key is None and has_body:
        key = services.funding_key_decide(
            partnership=partnership,
            year=year,
            snapshot=snapshot,
            proposal=KEY,
            meeting=_meeting(partnership, steering),
            by=steering,
        )
    if (
        key is not None
        and not FundingPayment.objects.filter(partnership=partnership, academic_year=year).exists()
    ):
        for line in selectors.recipients(key.result, {}):
            if line.kind == "school" and line.share:
                services.funding_payment_record(
                    partnership=partnership,
                    year=year,
                    organisation=partnership.organisations.get(pk=line.pk),
                    amount_cents=line.share // 2,
                    paid_on=year.start_date + datetime.timedelta(days=60),
                    reference="Eerste termijn",
                    by=admin,
                )
    return "money: subsidy amounts, a December snapshot, the distribution key and payments"
