"""The real thing: a Celery worker and ``celery beat`` (django-celery-beat's DatabaseScheduler)
against Redis (db 13) and the test database. Beat runs ``advance_rounds`` every 2 seconds; a
round due today opens, every invitee's link is sent exactly once while beat keeps running, and
invitations whose sending task was lost (a worker that died) are sent by a later run.

The workers use the locmem mail backend (mail does not cross processes), so the test reads
``Invitation.sent_at`` and the ``SentNotification`` rows that ``notify_once`` writes."""

import datetime
import os
import subprocess
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from partnerships.models import SentNotification
from quality.choices import Audience, RoundStatus
from quality.models import Invitation, SurveyRound
from tests.conftest import require_service
from tests.factories import PartnershipFactory, RoleFactory, SchoolFactory, academic_year
from tests.frozen import database_url, frozen_command, frozen_env
from tests.quality.rounds_world import survey_of

ROOT = Path(__file__).resolve().parents[2]
INVITEES = 12


def _redis_url():
    url = os.environ.get("QUALITY_REDIS_URL", "redis://127.0.0.1:6379/13")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        return url
    except redis.exceptions.ConnectionError:
        return None


def _start(args, env, log: Path):
    return subprocess.Popen(
        frozen_command("celery", "-A", "config", *args, "--loglevel=INFO"),
        cwd=ROOT,
        env=frozen_env(env),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def _stop(process):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def _wait_for(condition, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return condition()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_beat_and_a_worker_open_a_round_and_send_every_invitation_once(tmp_path):
    url = _redis_url()
    require_service("Redis", url is not None)
    redis.Redis.from_url(url).flushdb()

    today = timezone.localdate()
    partnership = PartnershipFactory()
    school = SchoolFactory(partnership=partnership)
    for _ in range(INVITEES):
        RoleFactory(partnership=partnership, role="werkplekbegeleider", organisation=school)
    survey = survey_of(partnership)
    common = {
        "partnership": partnership,
        "survey": survey,
        "academic_year": academic_year(),
        "half": 1,
        "audience": Audience.MENTORS,
        "closes_on": today + datetime.timedelta(days=14),
    }
    due = SurveyRound.objects.create(title="Due today", opens_on=today, **common)
    # A round whose sending was lost when its worker died 11 minutes ago.
    lost = SurveyRound.objects.create(
        title="Lost sending",
        opens_on=today - datetime.timedelta(days=1),
        status=RoundStatus.OPEN,
        opened_at=timezone.now() - datetime.timedelta(minutes=11),
        **common,
    )
    people = list(due.partnership.role_assignments.values_list("person_id", flat=True))
    Invitation.objects.bulk_create(
        Invitation(round=lost, person_id=p, key=f"lost-{p}", group="mentor") for p in people[:5]
    )
    every_2s = IntervalSchedule.objects.create(every=2, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="quality rounds (test)", task="quality.tasks.rounds.advance_rounds", interval=every_2s
    )

    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": url,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "VAR_DIR": str(settings.VAR_DIR),
    }
    worker = _start(
        ["worker", "--pool=solo", "--without-heartbeat", "--without-gossip", "--without-mingle"],
        env,
        tmp_path / "worker.log",
    )
    beat = _start(
        [
            "beat",  # the project's scheduler (config.beat), as deployed
            "--max-interval",
            "1",
        ],
        env,
        tmp_path / "beat.log",
    )
    try:
        all_sent = _wait_for(
            lambda: (
                Invitation.objects.filter(round__partnership=partnership).count() == INVITEES + 5
                and not Invitation.objects.filter(
                    round__partnership=partnership, sent_at__isnull=True
                ).exists()
            ),
            90,  # a worker starts in 20-30 s on a loaded machine
        )
        logs = "\n".join(f.read_text()[-3000:] for f in sorted(tmp_path.glob("*.log")))
        assert all_sent, logs
        worker_log = tmp_path / "worker.log"

        def runs():
            return worker_log.read_text().count("advance_rounds[")

        before = runs()
        # beat keeps running advance_rounds: nothing is sent twice
        assert _wait_for(lambda: runs() >= before + 2, 15), runs()
    finally:
        _stop(beat)
        _stop(worker)

    due.refresh_from_db()
    assert due.status == RoundStatus.OPEN and due.survey.is_locked
    assert Invitation.objects.filter(round=due).count() == INVITEES
    keys = list(
        SentNotification.objects.filter(key__startswith="quality-invite:").values_list(
            "key", flat=True
        )
    )
    expected = {
        f"quality-invite:{pk}"
        for pk in Invitation.objects.filter(round__partnership=partnership).values_list(
            "pk", flat=True
        )
    }
    assert len(keys) == len(set(keys)) == INVITEES + 5
    assert set(keys) == expected
