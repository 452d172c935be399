"""The data for `make bench`: a fresh PostgreSQL database with the demo and a
network-sized data set (manage.py bench_data), the static files, an empty Redis db."""

import argparse
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import redis

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--scale", default="1")
    args = parser.parse_args()
    url = urlsplit(args.database_url)
    name = url.path.lstrip("/")
    admin = args.database_url.replace(url.path, "/postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(args.redis_url).flushdb()
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": args.database_url, "REDIS_URL": ""}
    production = {  # collectstatic writes the manifest only for production's storage
        **env,
        "DEBUG": "false",
        "SECRET_KEY": "bench",
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_URL": "smtp://127.0.0.1:1025",
    }
    for command, command_env in (
        (["migrate", "--noinput", "-v", "0"], env),
        (["seed_demo"], env),
        (["bench_data", "--scale", args.scale], env),
        (["collectstatic", "--noinput", "-v", "0"], production),
    ):
        print("manage.py", *command, flush=True)
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=command_env, check=True
        )


if __name__ == "__main__":
    main()
