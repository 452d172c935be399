"""Real `celery worker` processes for integration tests and benchmarks."""

import contextlib
import os
import subprocess
import sys
import time
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


@contextlib.contextmanager
def celery_workers(count: int, *, smtp_port: int, prefix: str = "w"):
    """Start `count` solo workers on Redis, the test database and an SMTP port; wait
    until each answers a ping; stop them afterwards. Yields their names."""
    from hubportal.celery import app

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
    app.control.purge()
    names = [f"{prefix}{n}-{os.getpid()}@test" for n in range(1, count + 1)]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "hubportal",
                "worker",
                "-P",
                "solo",
                "-n",
                name,
                "--without-gossip",
                "--without-mingle",
                "-l",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for name in names
    ]
    try:
        deadline = time.monotonic() + 60
        while True:
            answered = {next(iter(r)) for r in app.control.ping(destination=names, timeout=1)}
            if answered == set(names):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("celery workers did not start")
        yield names
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
