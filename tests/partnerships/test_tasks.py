import datetime

import pytest
from django.core import mail
from django.utils import timezone

from partnerships.glossary import Role
from partnerships.models import SentNotification
from partnerships.tasks import send_role_ending_reminders
from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db


def test_role_ending_reminder_is_sent_once_in_the_persons_language(
    django_capture_on_commit_callbacks,
):
    today = timezone.localdate()
    ending = RoleFactory(role=Role.STAGECOORDINATOR, valid_until=today + datetime.timedelta(days=5))
    RoleFactory(role=Role.PROGRAMMAMANAGER, valid_until=today + datetime.timedelta(days=60))
    RoleFactory(role=Role.PROGRAMMAMANAGER, valid_until=None)

    with django_capture_on_commit_callbacks(execute=True):
        assert send_role_ending_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_role_ending_reminders() == 0

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [ending.person.email]
    assert "stagecoördinator" in mail.outbox[0].subject
    assert SentNotification.objects.filter(recipient=ending.person).count() == 1


def test_extended_role_gets_a_new_reminder_for_its_new_end_date(django_capture_on_commit_callbacks):
    today = timezone.localdate()
    role = RoleFactory(valid_until=today + datetime.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        send_role_ending_reminders()
    role.valid_until = today + datetime.timedelta(days=10)
    role.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_role_ending_reminders() == 1
    assert len(mail.outbox) == 2
