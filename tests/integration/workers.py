"""Real `celery worker` and gunicorn processes for integration tests and benchmarks."""

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The test database, for worker processes to share it."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _environment(smtp_port: int) -> dict:
    """What a node or worker of the test set-up is configured with."""
    env = dict(
        os.environ,
        DEBUG="true",
        DATABASE_URL=database_url(),
        REDIS_URL=settings.REDIS_URL,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
        EMAIL_TIMEOUT="5",
        SITE_URL="http://127.0.0.1:8000",
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


@contextlib.contextmanager
def celery_workers(count: int, *, smtp_port: int, prefix: str = "w"):
    """Start `count` solo workers on Redis, the test database and an SMTP port; wait
    until each answers a ping; stop them afterwards. Yields their names."""
    from config.celery import app

    env = _environment(smtp_port)
    app.control.purge()
    names = [f"{prefix}{n}-{os.getpid()}@test" for n in range(1, count + 1)]
    commands = [
        ["celery", "-A", "config", "worker", "-P", "solo", "-n", name,
         "--without-gossip", "--without-mingle", "-l", "WARNING"]
        for name in names
    ]  # fmt: skip
    with _running(commands, env):
        deadline = time.monotonic() + 60
        while True:
            answered = {next(iter(r)) for r in app.control.ping(destination=names, timeout=1)}
            if answered == set(names):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("celery workers did not start")
        yield names


@contextlib.contextmanager
def web_nodes(count: int, *, smtp_port: int):
    """Start `count` web nodes (gunicorn, as in production, with the page cache on) on
    free ports, sharing the test database and Redis; yield their base URLs."""
    from tests.smtp import free_port

    env = dict(_environment(smtp_port), PAGE_CACHE="true")
    ports = [free_port() for _ in range(count)]
    commands = [
        ["gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--log-level", "warning"]
        for port in ports
    ]  # fmt: skip
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    with _running(commands, env):
        for url in urls:
            _wait_for(f"{url}/healthz")
        yield urls


@contextlib.contextmanager
def _running(commands: list[list[str]], env: dict):
    """Run each command as `python -m …` from the project root, output discarded;
    terminate them all afterwards, however the block ends."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", *command],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for command in commands
    ]
    try:
        yield processes
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def _wait_for(url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback)
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer") from None
            time.sleep(0.2)
