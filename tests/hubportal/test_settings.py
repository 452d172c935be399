"""Production refuses to start half-configured, and `check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-" + "x7Qp2" * 8,
    "ALLOWED_HOSTS": "hubs.example.org",
    "DATABASE_URL": "postgres://hubportal:secret@db.example.org:5432/hubportal",
    "EMAIL_URL": "smtp://mail.example.org:587",
}


def manage(*args, drop=(), **env_changes):
    """Run manage.py in a fresh process, without this run's mode and `drop`ped variables."""
    unset = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", *drop}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(env_changes)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_deploy_check_is_clean_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr and "issues" not in result.stderr


def test_production_without_secret_key_refuses_to_start():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    env = {k: v for k, v in PRODUCTION.items() if k != "ALLOWED_HOSTS"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_without_email_url_refuses_to_log_emails_to_the_console():
    env = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_URL"}
    result = manage("check", drop={"EMAIL_URL"}, **env)
    assert result.returncode != 0
    assert "EMAIL_URL must be set" in result.stderr
    allowed = manage("check", drop={"EMAIL_URL"}, ALLOW_CONSOLE_EMAIL="true", **env)
    assert allowed.returncode == 0, allowed.stderr


def test_production_cookies_are_host_only_and_https_only():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.LANGUAGE_COOKIE_NAME)"
    )
    result = manage("shell", "-v", "0", "-c", code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["__Host-sessionid", "__Host-csrftoken", "__Host-language"]


def settings_seen(names, **env):
    """The values of settings `names` as a fresh process started with `env` sees them."""
    code = f"from django.conf import settings as s; print(*[eval('s.' + n) for n in {names!r}])"
    result = manage(
        "shell",
        "-v",
        "0",
        "-c",
        code,
        drop={"DATABASE_URL", "REDIS_URL", "EMAIL_URL"},
        DEBUG="true",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_embedded_default_is_sqlite_console_mail_and_in_process_celery():
    names = [
        "DATABASES['default']['ENGINE']",
        "EMAIL_BACKEND",
        "CELERY_TASK_ALWAYS_EAGER",
        "CACHES['default']['BACKEND']",
        "LANGUAGE_CODE",
        "TIME_ZONE",
    ]
    assert settings_seen(names) == [
        "django.db.backends.sqlite3",
        "django.core.mail.backends.console.EmailBackend",
        "True",
        "django.core.cache.backends.locmem.LocMemCache",
        "de",
        "Europe/Berlin",
    ]


def test_environment_picks_postgres_redis_and_smtp():
    names = [
        "DATABASES['default']['ENGINE']",
        "CELERY_BROKER_URL",
        "CELERY_TASK_ALWAYS_EAGER",
        "CACHES['default']['BACKEND']",
        "SESSION_ENGINE",
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "EMAIL_PORT",
    ]
    seen = settings_seen(
        names,
        DATABASE_URL="postgres://u:p@db:5432/hubs",
        REDIS_URL="redis://cache:6379/0",
        EMAIL_URL="smtp://mailpit:1025",
    )
    assert seen == [
        "django.db.backends.postgresql",
        "redis://cache:6379/0",
        "False",
        "hubportal.cache.RedisCache",  # Django's, with one client per process
        "django.contrib.sessions.backends.cached_db",  # every node reads them from Redis
        "django.core.mail.backends.smtp.EmailBackend",
        "mailpit",
        "1025",
    ]


def test_production_collects_kern_and_portal_css_with_hashed_names(tmp_path):
    result = manage("collectstatic", "--noinput", STATIC_ROOT=str(tmp_path), **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "Found another file" not in result.stdout + result.stderr
    import json

    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in ("kern/kern.min.css", "kern/fonts/fira-sans.css", "hubportal/portal.css"):
        hashed = manifest[name]
        assert hashed != name
        assert (tmp_path / hashed).exists() and (tmp_path / f"{hashed}.br").exists()


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (a real Redis)")
def test_the_redis_cache_reuses_its_client_and_keeps_what_it_is_given():
    from django.core.cache import cache

    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client  # made once, not per call
    cache.set("settings-test", {"Hub": "Einbeck"}, timeout=5)
    assert cache.get("settings-test") == {"Hub": "Einbeck"}
    assert cache.add("settings-test", "other") is False
    cache.delete("settings-test")
