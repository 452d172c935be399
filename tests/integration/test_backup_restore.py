"""Backup and restore as the README shows them: pg_dump the database, pg_restore it
into a fresh one, and every model's rows are there (PostgreSQL only)."""

import os
import shutil
import subprocess

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql" or not shutil.which("pg_dump"),
    reason="PostgreSQL with pg_dump and pg_restore only (CI runs it)",
)


def _pg_env(db):
    env = {**os.environ, "PGHOST": db["HOST"] or "127.0.0.1", "PGUSER": db["USER"] or "postgres"}
    if db.get("PORT"):
        env["PGPORT"] = str(db["PORT"])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def test_a_dump_restores_into_a_fresh_database_with_every_row(transactional_db, tmp_path, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.DEBUG = False
    db = connection.settings_dict
    env = _pg_env(db)
    dump = tmp_path / "hubportal.dump"
    restored = f"{db['NAME']}_restored"
    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={dump}", db["NAME"]], env=env, check=True
    )
    subprocess.run(["dropdb", "--if-exists", restored], env=env, check=True)
    subprocess.run(["createdb", restored], env=env, check=True)
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={restored}", str(dump)], env=env, check=True
        )
        models = [m for m in apps.get_models() if not m._meta.proxy and m._meta.managed]
        expected = {m._meta.label: m._default_manager.count() for m in models}
        assert sum(expected.values()) > 100  # the demo is really there
        query = " union all ".join(
            f"select '{m._meta.label}', count(*) from \"{m._meta.db_table}\"" for m in models
        )
        out = subprocess.run(
            ["psql", "-At", "-F", "\t", f"--dbname={restored}", "-c", query],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        found = {label: int(n) for label, n in (line.split("\t") for line in out.splitlines())}
        assert found == expected
    finally:
        subprocess.run(["dropdb", "--if-exists", restored], env=env, check=True)
