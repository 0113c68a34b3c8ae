"""Helpers for the tests that start the application out of process, as its users do."""

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
from http.cookies import SimpleCookie
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    """A fresh user's environment: none of the test run's database, broker or Django settings;
    the project's virtualenv first on PATH (what `python`, `gunicorn` and `celery` mean)."""
    keep = ("HOME", "LANG", "LC_ALL", "TMPDIR", "USER")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env["PATH"] = f"{VENV_BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}"
    env.update(extra)
    return env


def wait_for_port(port: int, process: subprocess.Popen, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"nothing listens on {port} after {timeout} s:\n{log.read_text()[-4000:]}")


def stop_group(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
    """Signal the whole process group (as Ctrl-C or a process manager does) and wait."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
        raise AssertionError(f"did not stop within {timeout} s after signal {sig}") from None


class Browser:
    """Just enough of a browser for a smoke test: keeps cookies (also Secure ones behind a TLS
    proxy, which httpx's jar would not send over plain HTTP) and sends CSRF headers."""

    def __init__(self, base: str, headers: dict[str, str] | None = None, origin: str = ""):
        self.http = httpx.Client(base_url=base, follow_redirects=False, timeout=60)
        self.headers = headers or {}
        self.origin = origin or base
        self.cookies: dict[str, str] = {}

    def _send(self, method: str, path: str, **kwargs) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(method, path, headers=headers, **kwargs)
        for line in response.headers.get_list("set-cookie"):
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path: str) -> httpx.Response:
        return self._send("GET", path)

    def follow(self, path: str, hops: int = 5) -> httpx.Response:
        response = self.get(path)
        while response.is_redirect and hops:
            response, hops = self.get(response.headers["location"]), hops - 1
        return response

    def log_in(self, email: str, password: str) -> httpx.Response:
        form = self.get("/accounts/login/")
        assert form.status_code == 200, form.status_code
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        return self._send(
            "POST",
            "/accounts/login/",
            data={"username": email, "password": password, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.origin}/accounts/login/", "Origin": self.origin},
        )
