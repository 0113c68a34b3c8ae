"""The outbox against the real thing (issue 13, items 1 and 2): a Redis of the test's own on a
free port, a real Celery worker and beat (django-celery-beat's DatabaseScheduler) as
subprocesses on the test's day, and mail written by the file-based backend (it crosses
processes), so a delivered mail is counted by its Message-ID.

* Redis stopped: starting an allocation run, opening a round and closing one answer a redirect
  (no 500, no long wait), the work waits in the outbox and the pages say so; Redis back: the
  relay (beat, here every second instead of 30) publishes it, the run finishes and every
  invitation is mailed.
* Beat with Redis stopped: a due periodic task waits in the outbox instead of being lost, and
  runs when Redis is back.
* A worker SIGKILLed in the middle of a batch of invitations: a new worker (the relay's sweep of
  pending claims) delivers every invitation's mail at least once, with its stable Message-ID."""

import contextlib
import datetime
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from celery import current_app
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from partnerships import outbox
from partnerships.models import OutboxMessage, SentNotification
from partnerships.notifications import message_id
from placements.models import AllocationRun
from quality.choices import Audience, RoundStatus
from quality.models import Invitation, SurveyRound
from quality.services import rounds as round_services
from tests.conftest import require_service
from tests.deploy.processes import free_port, wait_for_port
from tests.factories import PartnershipFactory, RoleFactory, SchoolFactory, academic_year
from tests.frozen import database_url, frozen_command, frozen_env
from tests.partnerships.conftest import build_world, shows_dutch
from tests.placements.allocation.test_allocation_runs import place, prefer
from tests.quality.rounds_world import mentor_round, survey_of

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
WAITING = outbox.WAITING_TEXT


class Services:
    """Redis, workers and beat for one test; everything it started is stopped at the end."""

    def __init__(self, tmp_path: Path, mail_backend: str):
        self.tmp = tmp_path
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.mail_dir = tmp_path / "mail"
        self.mail_dir.mkdir()
        self.processes: list[subprocess.Popen] = []
        self.redis = None
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": self.url,
            "EMAIL_BACKEND": mail_backend,
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "NOTIFICATION_RETRY_AFTER_S": "1",
            "VAR_DIR": str(settings.VAR_DIR),
        }

    def _spawn(self, args, log_name) -> subprocess.Popen:
        log = self.tmp / log_name
        process = subprocess.Popen(
            args[1],
            cwd=ROOT,
            env=args[0],
            stdout=log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def start_redis(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no"]
        self.redis = self._spawn((os.environ, command), "redis.log")
        wait_for_port(self.port, self.redis, 10, self.tmp / "redis.log")

    def warm_up(self) -> None:
        """Load what this process loads on its first publish (the tasks, the Redis transport),
        so the timed requests measure the broker, not the imports."""
        current_app.loader.import_default_modules()
        with outbox._connection() as connection:
            connection.ensure_connection(max_retries=1)

    def stop_redis(self) -> None:
        self.redis.terminate()
        self.redis.wait(10)

    def worker(self, name: str) -> subprocess.Popen:
        args = ["worker", "--pool=solo", "--without-heartbeat", "--without-gossip"]
        args += ["--without-mingle", "-n", f"{name}@%h"]
        command = frozen_command("celery", "-A", "config", *args, "--loglevel=INFO")
        process = self._spawn((frozen_env(self.env), command), f"{name}.log")
        assert wait_for(lambda: "ready." in self.log(f"{name}.log"), 120), self.logs()
        return process

    def beat(self, *also: str) -> subprocess.Popen:
        """Beat with the project's scheduler (config.beat), the relay and ``also`` every second."""
        every_second = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.SECONDS)
        for task in ("partnerships.tasks.relay_outbox", *also):
            PeriodicTask.objects.create(name=f"{task} (test)", task=task, interval=every_second)
        args = ["beat", "--max-interval", "1", "--schedule", str(self.tmp / "beat-schedule")]
        command = frozen_command("celery", "-A", "config", *args, "--loglevel=INFO")
        return self._spawn((frozen_env(self.env), command), "beat.log")

    def log(self, name: str) -> str:
        path = self.tmp / name
        return path.read_text(errors="replace") if path.exists() else ""

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{self.log(p.name)[-3000:]}" for p in self.tmp.glob("*.log")
        )

    def message_ids(self) -> list[str]:
        text = "".join(p.read_text(errors="replace") for p in self.mail_dir.iterdir())
        return re.findall(r"^Message-ID: (\S+)$", text, flags=re.MULTILINE | re.IGNORECASE)

    def stop(self) -> None:
        for process in reversed(self.processes):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return condition()


@pytest.fixture
def services(tmp_path, request):
    require_service("redis-server", shutil.which("redis-server") is not None)
    backend = getattr(request, "param", "django.core.mail.backends.filebased.EmailBackend")
    running = Services(tmp_path, backend)
    previous = current_app.conf.broker_url
    current_app.conf.broker_url = running.url  # this process (the web side) publishes there
    try:
        yield running
    finally:
        current_app.conf.broker_url = previous
        running.stop()


def run_form() -> dict:
    return {
        "start": "september",
        "label": "Tijdens storing",
        "time_limit_s": 5,
        "preference_1": 100,
        "preference_2": 60,
        "preference_3": 30,
        "no_preference_penalty": 20,
        "variety_bonus": 10,
        "spread_penalty": 2,
        "unplaced_penalty": 1000,
    }


def test_with_the_broker_down_nothing_fails_and_everything_runs_when_it_is_back(services, client):
    world = build_world()
    for school in (world.school1, world.school2, world.school3):
        place(world, school)
    prefer(world, world.student1, world.school3)
    to_open = mentor_round(world, opens_on=timezone.localdate() + datetime.timedelta(days=3))
    to_close = mentor_round(
        world,
        title="Open round",
        survey=survey_of(world.a, name="Tweede enquête"),
        status=RoundStatus.OPEN,
        opened_at=timezone.now(),
        opens_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    services.start_redis()
    services.worker("w1")
    services.beat()
    services.warm_up()
    services.stop_redis()

    # --- the broker is down: every request answers at once with a redirect -----------------
    client.force_login(world["stagecoordinator"])
    started = time.monotonic()
    response = client.post(
        reverse("placements:run_create", args=[world.a.slug, academic_year().label]), run_form()
    )
    assert response.status_code == 302
    took = [time.monotonic() - started]
    run = AllocationRun.objects.get(partnership=world.a)
    assert run.status == "queued"
    assert shows_dutch(client.get(response["Location"]), WAITING)

    client.force_login(world["programmamanager"])
    quality = {"partnership": world.a.slug}
    for name, survey_round in (("round_open_now", to_open), ("round_close_now", to_close)):
        started = time.monotonic()
        response = client.post(reverse(f"quality:{name}", kwargs=quality | {"pk": survey_round.pk}))
        took.append(time.monotonic() - started)
        assert response.status_code == 302, name
        assert shows_dutch(client.get(response["Location"]), WAITING), name
    assert max(took) < 5, took  # no request waits on the dead broker
    waiting = OutboxMessage.objects.filter(dispatched_at__isnull=True)
    assert sorted(waiting.values_list("task", flat=True)) == [
        "placements.tasks.run_allocation",
        "quality.tasks.reports.draft_due_reports",
        "quality.tasks.rounds.send_invitations",
    ]
    assert all(m.last_error for m in waiting)
    invitations = Invitation.objects.filter(round=to_open)
    assert invitations.count() == 2 and not invitations.filter(sent_at__isnull=False)

    # --- the broker is back: the relay publishes, the worker runs everything -----------------
    services.start_redis()

    def caught_up():
        run.refresh_from_db()
        return (
            run.status == "done"
            and not invitations.filter(sent_at__isnull=True).exists()
            and not OutboxMessage.objects.filter(dispatched_at__isnull=True).exists()
        )

    assert wait_for(caught_up, 60), services.logs()
    expected = {
        message_id(f"quality-invite:{pk}") for pk in invitations.values_list("pk", flat=True)
    }
    assert expected <= set(services.message_ids())
    client.force_login(world["stagecoordinator"])
    assert not shows_dutch(
        client.get(reverse("placements:run_detail", args=[world.a.slug, run.pk])), WAITING
    )


def test_a_task_beat_sends_while_the_broker_is_down_runs_when_it_is_back(services):
    services.start_redis()
    services.beat("partnerships.tasks.ping")
    pings = OutboxMessage.objects.filter(task="partnerships.tasks.ping")
    assert wait_for(pings.filter(dispatched_at__isnull=False).exists, 60), services.logs()
    services.stop_redis()
    failed = pings.filter(dispatched_at__isnull=True).exclude(last_error="")
    assert wait_for(failed.exists, 60), services.logs()  # beat sent it; the publish failed

    last = failed.latest("pk").pk
    services.start_redis()
    services.worker("w1")
    waiting = pings.filter(dispatched_at__isnull=True, pk__lte=last)
    assert wait_for(lambda: not waiting.exists(), 60), services.logs()
    assert wait_for(lambda: "partnerships.tasks.ping" in services.log("w1.log"), 30)
    assert "succeeded" in services.log("w1.log"), services.logs()


INVITEES = 16


@pytest.mark.parametrize("services", ["tests.slow_mail.EmailBackend"], indirect=True)
def test_a_worker_killed_mid_batch_loses_no_invitation(services):
    today = timezone.localdate()
    partnership = PartnershipFactory()
    school = SchoolFactory(partnership=partnership)
    for _ in range(INVITEES):
        RoleFactory(partnership=partnership, role="werkplekbegeleider", organisation=school)
    survey_round = SurveyRound.objects.create(
        partnership=partnership,
        survey=survey_of(partnership),
        academic_year=academic_year(),
        half=1,
        title="Kill mid-batch",
        audience=Audience.MENTORS,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=14),
    )
    services.start_redis()
    first = services.worker("w1")
    round_services.round_open(round=survey_round, today=today)
    invitations = Invitation.objects.filter(round=survey_round)
    assert invitations.count() == INVITEES

    # the worker has claimed the batch and sends 0.3 s a mail: kill it after a few
    assert wait_for(lambda: len(services.message_ids()) >= 3, 30), services.logs()
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(5)
    unsent = invitations.filter(sent_at__isnull=True).count()
    assert unsent > 0
    pending = SentNotification.objects.filter(key__startswith="quality-invite:", sent_at=None)
    assert pending.count() >= unsent - 1  # the mails are claimed; none is lost with the worker

    services.worker("w2")
    services.beat()
    assert wait_for(lambda: not invitations.filter(sent_at__isnull=True).exists(), 60), (
        services.logs()
    )
    delivered = services.message_ids()
    expected = {
        message_id(f"quality-invite:{pk}") for pk in invitations.values_list("pk", flat=True)
    }
    assert expected <= set(delivered)  # every invitation at least once
    assert len(delivered) <= INVITEES + 1  # at most the one being handed over when killed twice
    assert not SentNotification.objects.filter(sent_at=None).exists()
