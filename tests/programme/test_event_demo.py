"""The demo year programme of hos: what it loads, that loading again changes nothing, that
other partnerships are left alone, and that the next practice day is open with choices."""

import datetime

import pytest

from partnerships.glossary import Role
from programme.choices import AttendanceStatus, EventKind
from programme.demo import events as demo_events
from programme.models import Attendance, Event, Registration, Session
from programme.services.registrations import signup_is_open
from tests.factories import PartnershipFactory, RoleFactory, SchoolFactory, StudentFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2030, 1, 15)  # mid-year: some events past, some ahead


@pytest.fixture
def hos():
    hos = PartnershipFactory(slug="hos", name="Haagse Opleidingsschool")
    schools = [SchoolFactory(partnership=hos, name=n) for n in ("Segbroek College", "Dalton")]
    for n in range(3):
        RoleFactory(partnership=hos, role=Role.CO_DOCENT, organisation=schools[n % 2])
    for n in range(24):
        StudentFactory(partnership=hos, hbo_year=(n % 4) + 1)
    return hos


def counts():
    return [m.objects.count() for m in (Event, Session, Registration, Attendance)]


def test_demo_programme(hos):
    assert demo_events.load(PartnershipFactory(slug="other"), TODAY) is None
    assert not Event.objects.exists()

    line = demo_events.load(hos, TODAY)
    assert "events" in line
    events = Event.objects.filter(partnership=hos)
    kinds = list(events.values_list("kind", flat=True))
    assert kinds.count(EventKind.PRACTICE_DAY) == 8
    assert kinds.count(EventKind.START_MEETING) == 2 and kinds.count(EventKind.INNOMO) == 2
    wednesdays = events.filter(kind=EventKind.PRACTICE_DAY, audience_hbo_years__contains=[2])
    assert {e.date.weekday() for e in wednesdays} == {2}
    mondays = events.filter(kind=EventKind.PRACTICE_DAY, audience_hbo_years=[1])
    assert {e.date.weekday() for e in mondays} == {0}
    assert all(e.date.month == 6 for e in events.filter(kind=EventKind.CLOSING_MEETING))

    past = events.filter(date__lt=TODAY, mandatory=True)
    assert Attendance.objects.filter(event__in=past).exists()
    assert not Attendance.objects.filter(event__date__gte=TODAY).exists()
    assert (
        Attendance.objects.filter(status=AttendanceStatus.ABSENT_EXCUSED)
        .exclude(reason="")
        .exists()
    )
    for session in Session.objects.all():
        assert session.registrations.filter(status="registered").count() <= session.capacity

    upcoming = [e for e in events.filter(kind=EventKind.PRACTICE_DAY) if signup_is_open(e, TODAY)]
    assert len(upcoming) == 1
    chosen = Registration.objects.filter(slot__event=upcoming[0]).values("student").distinct()
    assert 0 < chosen.count() < 24

    first = counts()
    assert demo_events.load(hos, TODAY).endswith("(kept)")
    assert counts() == first
