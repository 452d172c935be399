"""Profile one page of the bench database with pyinstrument (pip install pyinstrument;
not a dependency of the portal):

    python -m bench.profile_page /hubs/einbeck/ test-artifacts/profile.txt [--cached]

Without --cached the page cache is off, so the profile shows the full render."""

import os
import sys

DATABASE = "postgres://postgres@127.0.0.1:5432/hubportal_bench"


def main() -> None:
    path, out = sys.argv[1], sys.argv[2]
    os.environ.update(
        DEBUG="false",
        SECRET_KEY="bench",
        ALLOWED_HOSTS="127.0.0.1,testserver",
        EMAIL_URL="smtp://127.0.0.1:1025",
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", DATABASE),
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
        BEHIND_TLS_PROXY="true",
        ACCESS_LOG="false",
        PAGE_CACHE="true" if "--cached" in sys.argv else "false",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    import django

    django.setup()
    from django.test import Client
    from pyinstrument import Profiler

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    for _ in range(3):
        assert client.get(path).status_code == 200
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(20):
        client.get(path)
    profiler.stop()
    with open(out, "w") as file:
        file.write(profiler.output_text(unicode=False, color=False))


if __name__ == "__main__":
    main()
