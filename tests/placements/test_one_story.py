"""One student, one story (issue 11): over generated placement years, every student with a
place-holding placement appears exactly once in the subsidy list (counted, or listed as not
counted with a reason) and counts exactly once in the quota monitor's partnership total, spread
over the schools by the part of the year spent at each. (Facilitation hours never exceed one
year's norm: tests/placements/facilitation/test_facilitation_year.py.)"""

from fractions import Fraction

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerships.glossary import ProgrammeVariant
from placements.choices import HOLDING_STATUSES
from placements.models import Placement, Quota
from placements.quota.monitor import quota_monitor
from placements.subsidy.services import subsidy_default_reference_date, subsidy_list_build
from tests.factories import (
    InstituteFactory,
    PartnershipFactory,
    SchoolFactory,
    StudentFactory,
    SubjectFactory,
    academic_year,
)

STATUSES = ["proposed", "confirmed", "active", "completed", "cancelled"]
VARIANTS = [
    (ProgrammeVariant.HBO_BACHELOR_VOLTIJD, 3),
    (ProgrammeVariant.HBO_BACHELOR_VOLTIJD, 1),
    ("wo_master_60", None),
    (ProgrammeVariant.EDUCATIEVE_MINOR, None),
]
# per start (September, February) at most one placement: (school, status), or none
half = st.none() | st.tuples(st.integers(0, 2), st.sampled_from(STATUSES))
student = st.tuples(st.integers(0, len(VARIANTS) - 1), half, half).filter(
    lambda s: s[1] is not None or s[2] is not None
)
EXAMPLES = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


class Rollback(Exception):
    pass


@pytest.mark.django_db
@EXAMPLES
@given(students=st.lists(student, min_size=1, max_size=6))
def test_every_student_counts_once_in_the_subsidy_list_and_the_quota_monitor(students):
    try:
        with transaction.atomic():
            check_year(students)
            raise Rollback
    except Rollback:
        pass


def check_year(students):
    year = academic_year()
    partnership = PartnershipFactory()
    institute = InstituteFactory(partnership=partnership)
    subject = SubjectFactory(partnership=partnership)
    schools = [SchoolFactory(partnership=partnership) for _ in range(3)]
    quota = Quota.objects.create(partnership=partnership, academic_year=year, places=10)
    holding: set[int] = set()
    outside_quota: set[int] = set()
    for variant_index, september, february in students:
        variant, hbo_year = VARIANTS[variant_index]
        person = StudentFactory(
            partnership=partnership,
            institute=institute,
            subject=subject,
            programme_variant=variant,
            hbo_year=hbo_year,
        )
        for start, chosen in (("september", september), ("february", february)):
            if chosen is None:
                continue
            school, status = chosen
            Placement.objects.create(
                student=person,
                academic_year=year,
                school=schools[school],
                subject=subject,
                stage="onderbouw",
                level="wo" if hbo_year is None and variant != "educatieve_minor" else "hbo",
                start=start,
                status=status,
            )
            if status in HOLDING_STATUSES:
                (outside_quota if hbo_year == 1 else holding).add(person.pk)

    listing = subsidy_list_build(
        partnership=partnership, year=year, reference_date=subsidy_default_reference_date(year)
    )
    listed = [row["student_id"] for row in listing.rows + listing.excluded]
    for pk in holding | outside_quota:
        assert listed.count(pk) == 1, f"student {pk} is listed {listed.count(pk)} times"

    monitor = quota_monitor(quota=quota)
    assert monitor.total_realised == len(holding)
    assert sum((Fraction(row.realised) for row in monitor.rows), Fraction(0)) == len(holding)
    assert monitor.hbo_year_1 == len(outside_quota)
    assert sum(n for _label, n in monitor.levels) == len(holding)
