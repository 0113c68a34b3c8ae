"""The groups demo: groups with supervisors, pairs, webinars (some students short this period),
packages and norms for ``hos`` only; loading twice changes nothing."""

import pytest
from django.utils import timezone

from partnerships.models import AcademicYear, Period
from programme.demo.groups import load
from programme.models import (
    CoDocentNorms,
    CoDocentPackage,
    IntervisionGroup,
    StudentPair,
    WebinarLog,
)
from tests.programme.groups_world import add_students

pytestmark = pytest.mark.django_db


def counts(p):
    return (
        IntervisionGroup.objects.filter(partnership=p).count(),
        StudentPair.objects.filter(partnership=p).count(),
        WebinarLog.objects.filter(student__partnership=p).count(),
        CoDocentPackage.objects.filter(partnership=p).count(),
    )


def test_demo_groups_for_hos_only_and_idempotent(world):
    assert load(world.a) is None
    world.a.slug = "hos"
    world.a.save()
    add_students(world, 30)
    add_students(world, 10, wo=True)
    assert load(world.a)
    groups, pairs, logs, packages = counts(world.a)
    assert groups >= 8 and pairs == 21  # 43 students: 20 pairs and a trio
    assert logs > 0 and packages == 1  # the world has one co-docent
    assert IntervisionGroup.objects.filter(partnership=world.a, supervisor__isnull=False).exists()
    assert CoDocentNorms.objects.filter(partnership=world.a).exists()
    today = timezone.localdate()
    period = Period.objects.get(
        academic_year=AcademicYear.current(), start_date__lte=today, end_date__gte=today
    )
    now = WebinarLog.objects.filter(student__partnership=world.a, period=period.number)
    per_student = {}
    for student_id in now.values_list("student_id", flat=True):
        per_student[student_id] = per_student.get(student_id, 0) + 1
    assert any(n >= 2 for n in per_student.values())
    assert len([n for n in per_student.values() if n >= 2]) < 43  # some are short
    assert all(log.followed_on <= today for log in now)
    load(world.a)
    assert counts(world.a) == (groups, pairs, logs, packages)
