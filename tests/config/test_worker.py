"""A real Celery worker against the real Redis broker and the test database."""

import os
import subprocess
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.utils import timezone

from partnerships.models import SentNotification
from tests.conftest import require_service
from tests.factories import RoleFactory
from tests.frozen import database_url, frozen_command, frozen_env

ROOT = Path(__file__).resolve().parents[2]


def _redis_url():
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        return url
    except redis.exceptions.ConnectionError:
        return None


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_task_from_redis_against_the_database():
    url = _redis_url()
    require_service("Redis", url is not None)
    redis.Redis.from_url(url).flushdb()
    role = RoleFactory(valid_until=timezone.localdate())

    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": url,
        "CELERY_RESULT_BACKEND": url,
        "VAR_DIR": str(settings.VAR_DIR),
    }
    worker = subprocess.Popen(
        frozen_command(
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ),
        cwd=ROOT,
        env=frozen_env(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        from celery import Celery

        client = Celery(broker=url, backend=url, set_as_current=False)  # leave the app alone
        result = client.send_task("partnerships.tasks.send_role_ending_reminders")
        assert result.get(timeout=60) == 1
        assert client.send_task("partnerships.tasks.ping").get(timeout=30) == "pong"
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
    deadline = time.time() + 5
    while time.time() < deadline and not SentNotification.objects.filter(recipient=role.person):
        time.sleep(0.2)
    assert SentNotification.objects.filter(recipient=role.person).count() == 1
