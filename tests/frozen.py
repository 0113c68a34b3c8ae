"""Run a Python program in a subprocess on the test run's "today".

A worker or a management command started by a test must see the same day as the test that
started it (tests/conftest.py freezes the test process only)::

    subprocess.run(frozen_command("celery", "-A", "config", "worker"), env=frozen_env(env))

``python -m tests.frozen <module> [args…]`` starts time-machine at ``TEST_FROZEN_AT`` (an ISO
datetime, ticking from there) and runs the module as ``python -m <module>`` would."""

import os
import runpy
import sys
from datetime import datetime

from django.conf import settings
from django.utils import timezone


def frozen_command(module: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "tests.frozen", module, *args]


def frozen_env(env: dict[str, str]) -> dict[str, str]:
    return {**env, "TEST_FROZEN_AT": timezone.now().isoformat()}


def database_url() -> str:
    """The test database as a URL, also when its host is a Unix socket folder."""
    from urllib.parse import quote

    db = settings.DATABASES["default"]
    host = quote(db["HOST"] or "", safe="")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{db['USER']}@{host}{port}/{db['NAME']}"


def main() -> None:
    import time_machine

    time_machine.travel(datetime.fromisoformat(os.environ["TEST_FROZEN_AT"])).start()
    module = sys.argv[1]
    sys.argv = [module, *sys.argv[2:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
