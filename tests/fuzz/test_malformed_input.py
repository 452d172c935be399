"""No input gives a 500: a walk over every page each role can reach, sending every
form and query parameter malformed values (NUL bytes, dates out of range, ids that
are not numbers, huge numbers, long text) and failing on any 5xx.

The walk follows the links of the portal from each role's start pages (anonymous,
citizen, advisor, hub staff, superuser), one page per URL pattern; hypothesis picks
further combinations of bad values for each form. It runs on SQLite in `make test`
and on PostgreSQL in CI, where NUL bytes and out-of-range values fail differently."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MALFORMED = [
    "",
    "\x00",
    "a\x00b",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "-1",
    "0",
    "99999999999999999999999",
    "abc",
    "1e400",
    "25:61",
    "<script>alert(1)</script>",
    "x" * 5000,
    "%",
    "1,2",
]
# Never sent: what ends the walk's own session or second factor.
SKIP_ACTIONS = re.compile(r"logout|/2fa/|/sessions/|/password/change|/accounts/email/|/i18n/")
SKIP_LINKS = re.compile(r"\.(ics|csv|jpg|png|svg|css|js)$|/static/|logout|/2fa/|/sessions/")


class Page(HTMLParser):
    """The links and forms of one page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "fields": {},
            }
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea") and self._form is not None and a.get("name"):
            if a.get("type") in ("submit", "button", "file"):
                return
            self._form["fields"].setdefault(a["name"], a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


def fails(response) -> bool:
    """A 5xx, or the admin's last-resort refusal on one of the portal's own admins
    (that net is only for Django's own forms: ours check their input themselves)."""
    refused_by = response.get("X-Portal-Refused", "")
    return response.status_code >= 500 or bool(refused_by and not refused_by.startswith("django."))


class Walk:
    def __init__(self, client: Client, starts: list[str], limit: int):
        self.client = client
        self.starts = starts
        self.limit = limit
        self.seen_routes: set[str] = set()
        self.failures: list[str] = []
        self.pages_walked = 0
        self.forms_sent = 0

    def check(self, response, what: str):
        if fails(response):
            exc = getattr(response, "exc_info", None)
            where = ""
            if exc:
                import traceback

                frames = traceback.extract_tb(exc[2])
                ours = [f for f in frames if "/.venv/" not in f.filename] or frames
                place = f"{ours[-1].filename}:{ours[-1].lineno}"
                where = f" -- {exc[0].__name__}: {str(exc[1])[:120]} at {place}"
            self.failures.append(f"{response.status_code} {what:.200}{where}")

    def pages(self):
        """Each URL pattern once (its first link); query parameters seen on other
        links of a pattern are kept for `run` to spoil one by one."""
        queue = list(self.starts)
        visited: set[str] = set()
        self.queries: dict[str, tuple[str, set[str]]] = {}
        while queue and len(visited) < self.limit:
            url = queue.pop(0)
            parts = urlsplit(url)
            route = route_of(parts.path)
            if route is None:
                continue
            names = {k for k, _ in parse_qsl(parts.query)}
            known = self.queries.setdefault(route, (url, set()))
            if names - known[1]:
                self.queries[route] = (url, known[1] | names)
            if route in visited:
                continue
            visited.add(route)
            response = self.client.get(url)
            self.check(response, f"GET {url}")
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            page = Page()
            page.feed(response.content.decode(errors="replace"))
            self.pages_walked += 1
            yield url, page
            for href in page.links:
                link = urlsplit(href)
                outside = link.netloc or href.startswith(("#", "mailto:", "tel:"))
                if outside or SKIP_LINKS.search(link.path):
                    continue
                if not link.path:
                    href = parts.path + href
                queue.append(href if href.startswith("/") else parts.path + href)

    def send(self, url: str, form: dict, values: dict):
        action = form["action"] or url
        if SKIP_ACTIONS.search(action):
            return
        data = {**form["fields"], **values}
        if form["method"] == "post":
            response = self.client.post(action, data)
        else:
            response = self.client.get(f"{urlsplit(action).path}?{urlencode(data)}")
        self.check(
            response, f"{form['method'].upper()} {action} {sorted(values.items())[:3]!r:.300}"
        )

    def run(self, examples: int):
        for url, page in self.pages():
            parts = urlsplit(url)
            # Ids in the path that are not numbers, or far too big.
            for bad in ("abc", "99999999999999999999"):
                changed = re.sub(r"/\d+/", f"/{bad}/", parts.path, count=1)
                if changed != parts.path and route_of(changed):
                    self.check(self.client.get(changed), f"GET {changed}")
            for form in page.forms:
                fields = [f for f in form["fields"] if f != "csrfmiddlewaretoken"]
                if not fields:
                    continue
                self.forms_sent += 1
                for bad in MALFORMED:
                    self.send(url, form, dict.fromkeys(fields, bad))
                self.fuzz_form(url, form, fields, examples)
        # Every query parameter seen in the portal's links, one at a time.
        for url, names in self.queries.values():
            parts = urlsplit(url)
            given_query = dict(parse_qsl(parts.query))
            for name in sorted(names):
                for bad in MALFORMED:
                    query = urlencode({**given_query, name: bad})
                    response = self.client.get(f"{parts.path}?{query}")
                    self.check(response, f"GET {parts.path}?{name}={bad!r:.40}")

    def fuzz_form(self, url, form, fields, examples):
        values = st.fixed_dictionaries(
            {f: st.one_of(st.sampled_from(MALFORMED), st.text(max_size=30)) for f in fields}
        )

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(values)
        def walk(chosen):
            self.send(url, form, chosen)

        walk()


ROLES = {
    "anonymous": (
        None,
        [
            "/",
            "/en/",
            "/hubs/",
            "/events/",
            "/events/archive/",
            "/coworking/",
            "/funding/",
            "/funding/programmes/",
            "/funding/book/",
            "/pages/",
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
        ],
    ),
    "citizen": (
        "buerger@demo.example",
        [
            "/accounts/profile/",
            "/events/mine/",
            "/coworking/mine/",
            "/funding/appointments/",
            "/coworking/",
            "/funding/book/",
        ],
    ),
    "advisor": ("beratung@demo.example", ["/funding/advisor/", "/funding/advisor/availability/"]),
    "hub staff": ("team-einbeck@demo.example", ["/admin/"]),
    "superuser": ("admin@demo.example", ["/admin/"]),
}


MINIMUM_PAGES = {"anonymous": 10, "citizen": 15, "advisor": 14, "hub staff": 45, "superuser": 80}


@pytest.mark.parametrize("role", list(ROLES))
def test_no_malformed_input_gives_a_server_error(role, transactional_db, settings):
    from django.contrib.auth import get_user_model

    settings.DEBUG = True
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.DEBUG = False
    settings.ACCOUNT_RATE_LIMITS = False  # the walk is one client sending a lot
    email, starts = ROLES[role]
    client = Client(raise_request_exception=False)
    if email:
        client.force_login(get_user_model().objects.get(email=email))
    walk = Walk(client, starts, limit=int(os.environ.get("FUZZ_PAGES", "200")))
    walk.run(examples=int(os.environ.get("FUZZ_EXAMPLES", "4")))
    print(f"{role}: {walk.pages_walked} pages, {walk.forms_sent} forms")
    assert walk.pages_walked >= MINIMUM_PAGES[role]  # the walk really got around
    assert not walk.failures, "\n".join(walk.failures[:40])
