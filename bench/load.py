"""The load run of `make bench`: the portal under gunicorn with production settings,
beside the trivial yardstick (bench/trivial), both on the same PostgreSQL.

For each number of connections and each page, wrk loads the trivial view and then
the page for the same time, so each page's share is measured against a baseline
taken moments before it (absolute numbers drift on a shared machine). Prints a
Markdown table and writes it, with the raw numbers as JSON, to test-artifacts/.

    python -m bench.load --database-url postgres://... --redis-url redis://...
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORTAL, TRIVIAL = 8101, 8102
# (label, path, who): who is "" for anonymous or a role from bench_sessions.
PUBLIC = [
    ("home", "/", ""),
    ("hub list", "/hubs/", ""),
    ("hub page", "/hubs/einbeck/", ""),
    ("hub page (English)", "/en/hubs/einbeck/", ""),
    ("programme", "/events/", ""),
    ("programme, filtered", "/events/?hub=einbeck&kind=workshop", ""),
    ("event page", "{event}", ""),
    ("co-working grid", "/coworking/einbeck/", ""),
    ("funding", "/funding/", ""),
    ("funding programmes", "/funding/programmes/", ""),
    ("events feed", "/events/feed.ics", ""),
    ("privacy notice", "/pages/privacy/", ""),
    ("programme (English)", "/en/events/", ""),
]
PRIVATE = [
    ("my events", "/events/mine/", "citizen"),
    ("my bookings", "/coworking/mine/", "citizen"),
    ("advisor workspace", "/funding/advisor/", "advisor"),
    ("cockpit", "/admin/", "staff"),
]
PUBLIC_TARGET, PRIVATE_TARGET = 0.5, 0.25  # shares of the trivial view
P99_TARGET_MS = 100


def portal_env(args) -> dict:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-not-secret-bench-not-secret-bench-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "EMAIL_URL": "smtp://127.0.0.1:1025",
        "SITE_URL": "https://hubs.example.org",
        "BEHIND_TLS_PROXY": "true",
        "CONN_MAX_AGE": "60",  # as docker-compose.yml runs it
        "PAGE_CACHE": "false" if args.render else "true",
    }


def manage(args, *command) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=portal_env(args),
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def serve(app: str, port: int, env: dict, log) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", app,
            "--bind", f"127.0.0.1:{port}", "--workers", "2", "--worker-class", "sync",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=log,
    )  # fmt: skip


def wait_for(url: str, headers: dict) -> None:
    for _ in range(100):
        try:
            request = urllib.request.Request(url, headers=headers)
            with urllib.request.urlopen(request, timeout=2):
                return
        except Exception:  # noqa: BLE001 (still starting)
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def wrk(url: str, connections: int, seconds: float, headers: dict) -> dict:
    command = [
        "wrk", "-t", str(min(connections, 2)), "-c", str(connections),
        "-d", f"{seconds:g}s", "--timeout", "5s", "-s", str(ROOT / "bench" / "report.lua"),
    ]  # fmt: skip
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    result = json.loads(line.removeprefix("BENCH "))
    result["rps"] = result["requests"] / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--connections", default="1,8,32")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--out", default=str(ROOT / "test-artifacts" / "bench.md"))
    parser.add_argument("--only", default="", help="comma-separated page labels")
    parser.add_argument(
        "--render", action="store_true", help="page cache off: what rendering each page costs"
    )
    args = parser.parse_args()
    sessions = json.loads(manage(args, "bench_sessions"))
    event = manage(args, "shell", "-c", BUSIEST_EVENT).strip().splitlines()[-1]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    log = open(Path(args.out).with_suffix(".server.log"), "w")  # noqa: SIM115
    trivial_env = {**os.environ, "DATABASE_URL": args.database_url}
    servers = [
        serve("config.wsgi:application", PORTAL, portal_env(args), log),
        serve("bench.trivial.wsgi:application", TRIVIAL, trivial_env, log),
    ]
    # As the TLS proxy in front tells the portal, and as every browser and calendar asks.
    proxy = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip, deflate, br"}
    try:
        wait_for(f"http://127.0.0.1:{PORTAL}/healthz", proxy)
        wait_for(f"http://127.0.0.1:{TRIVIAL}/", {})
        rows = []
        for connections in [int(c) for c in args.connections.split(",")]:
            for label, path, who in PUBLIC + PRIVATE:
                if args.only and label not in args.only.split(","):
                    continue
                path = path.format(event=event)
                headers = dict(proxy)
                if who:
                    headers["Cookie"] = sessions[who]
                url = f"http://127.0.0.1:{PORTAL}{path}"
                wrk(url, connections, 1, headers)  # warm up the workers and caches
                base = wrk(f"http://127.0.0.1:{TRIVIAL}/", connections, args.seconds, proxy)
                page = wrk(url, connections, args.seconds, headers)
                share = page["rps"] / base["rps"]
                rows.append(
                    {
                        "page": label,
                        "path": path,
                        "logged_in": bool(who),
                        "connections": connections,
                        "trivial_rps": base["rps"],
                        **page,
                        "share": share,
                    }
                )
                print(format_row(rows[-1]), flush=True)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=20)
    table = render(rows, rendering=args.render)
    Path(args.out).write_text(table)
    Path(args.out).with_suffix(".json").write_text(json.dumps(rows, indent=2))
    print("\n" + table)
    if any(r["errors"] or r["non2xx"] for r in rows):
        raise SystemExit("errors under load: see the table")


BUSIEST_EVENT = (
    "from events.models import Event; from django.db.models import Count; "
    "e = Event.objects.published().filter(hub__slug='einbeck', start__gte=__import__("
    "'django.utils.timezone').utils.timezone.now()).annotate(n=Count('registrations'))"
    ".order_by('-n').first(); print(e.get_absolute_url())"
)


def verdict(row) -> str:
    target = PRIVATE_TARGET if row["logged_in"] else PUBLIC_TARGET
    fast = row["share"] >= target
    if row["connections"] == 8 and not row["logged_in"]:
        fast = fast and row["p99"] / 1000 < P99_TARGET_MS
    return "yes" if fast and not (row["errors"] or row["non2xx"]) else "**no**"


def format_row(r) -> str:
    return (
        f"| {r['page']} | {r['connections']} | {r['rps']:.0f} | {r['trivial_rps']:.0f} | "
        f"{r['share']:.0%} | {r['p50'] / 1000:.1f} | {r['p95'] / 1000:.1f} | "
        f"{r['p99'] / 1000:.1f} | {r['errors'] + r['non2xx']} | {verdict(r)} |"
    )


def render(rows, *, rendering: bool = False) -> str:
    mode = "page cache off: every request rendered" if rendering else "page cache on"
    head = (
        f"# make bench, {datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, "
        f"{os.cpu_count()} cores, gunicorn 2 sync workers, {mode}\n\n"
        "Targets: public pages at least 50 % of the trivial view's requests per second "
        "(p99 under 100 ms at 8 connections), logged-in pages at least 25 %.\n\n"
        "| page | connections | req/s | trivial req/s | share | p50 ms | p95 ms | p99 ms "
        "| errors | target met |\n|---|---|---|---|---|---|---|---|---|---|\n"
    )
    return head + "\n".join(format_row(r) for r in rows) + "\n"


if __name__ == "__main__":
    main()
