"""Two web nodes and two Celery workers on one PostgreSQL and one Redis, as behind a
load balancer: what a person or a staff member does through one node holds on the
other. Runs in CI's PostgreSQL + Redis leg (the embedded set-up has neither)."""

import concurrent.futures
import http.cookiejar
import re
import time as clock
import urllib.error
import urllib.parse
import urllib.request
from datetime import time, timedelta
from importlib import import_module

import pytest
from django.conf import global_settings, settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.utils import timezone

from coworking.models import Booking
from coworking.selectors import coworking_day
from hubs import services
from hubs.models import OpeningException
from tests.factories import (
    PASSWORD,
    HubFactory,
    MemberProfileFactory,
    OpeningHoursFactory,
    UserFactory,
    WorkspaceFactory,
    totp_code,
    with_second_factor,
)

from .workers import celery_workers, web_nodes

pytestmark = [
    pytest.mark.usefixtures("nodes"),
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.REDIS_URL or connection.vendor != "postgresql",
        reason="needs a real PostgreSQL and Redis (CI's second leg)",
    ),
]
PEOPLE = 50
HOST = "127.0.0.1"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _hashed_as_in_production(settings):
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS  # what the nodes check


@pytest.fixture(scope="module")
def nodes(django_db_setup, django_db_blocker, smtp_port):
    """Base URLs of two gunicorn nodes, with two workers behind them."""
    with (
        django_db_blocker.unblock(),
        celery_workers(2, smtp_port=smtp_port, prefix="node") as _workers,
        web_nodes(2, smtp_port=smtp_port) as urls,
    ):
        yield urls


@pytest.fixture
def hub(db):
    hub = HubFactory(name="Digital Hub Oldenburg", slug="oldenburg", state="SH")
    for weekday in range(7):
        OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(8), closes=time(18))
    return hub


@pytest.fixture
def staff_of(db):
    def make(hub):
        user = UserFactory(name="Tessa Team", email=f"team-{hub.slug}@example.org")
        services.hub_staff_add(hub=hub, user=user)
        return with_second_factor(user)

    return make


class Browser:
    """One person's browser: cookies kept across both nodes, as behind one host name."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )

    def get(self, url):
        return self._open(urllib.request.Request(url))

    def post(self, url, data):
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(url, data=body, method="POST")
        return self._open(request)

    def form_token(self, url):
        status, _headers, text = self.get(url)
        assert status == 200, (url, status)
        return TOKEN.search(text)[1]

    def _open(self, request):
        # The proxy in front passes the visitor's Host on to whichever node answers.
        request.add_unredirected_header("Host", HOST)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the tests look at each redirect themselves


def log_in(browser, node, user, *, second_factor=False):
    login = f"{node}/accounts/login/"
    token = browser.form_token(login)
    status, headers, _ = browser.post(
        login, {"login": user.email, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert status == 302, "the login was refused"
    if second_factor:
        step = f"{node}{headers['Location']}"
        token = browser.form_token(step)
        status, headers, _ = browser.post(step, {"code": totp_code(), "csrfmiddlewaretoken": token})
        assert status == 302, "the second factor was refused"


def test_a_session_made_on_one_node_works_on_the_other(nodes):
    one, two = nodes
    gerda = UserFactory(name="Gerda Gast", email="gerda@example.org")
    browser = Browser()
    log_in(browser, one, gerda)
    status, headers, text = browser.get(f"{two}/events/mine/")
    assert status == 200 and "Gerda Gast" in text
    assert "private" in headers["Cache-Control"]
    browser.post(f"{two}/accounts/logout/", {"csrfmiddlewaretoken": browser.form_token(f"{two}/")})
    status, headers, _ = browser.get(f"{one}/events/mine/")
    assert status == 302 and "/accounts/login/" in headers["Location"]  # out on both


def test_a_staff_edit_through_one_node_shows_through_the_other_within_a_second(
    nodes, hub, staff_of
):
    one, two = nodes
    page = f"{two}/hubs/{hub.slug}/"
    visitor = Browser()
    assert "Betriebsausflug" not in visitor.get(page)[2]  # now in the page cache
    staff = Browser()
    log_in(staff, one, staff_of(hub), second_factor=True)
    add = f"{one}/admin/hubs/openingexception/add/"
    day = timezone.localdate() + timedelta(days=3)
    status, _, text = staff.post(
        add,
        {
            "hub": hub.pk,
            "kind": "closed",
            "start_date": day.isoformat(),
            "end_date": day.isoformat(),
            "reason_de": "Betriebsausflug",
            "_calendar_confirmed": "1",
            "_save": "Sichern",
            "csrfmiddlewaretoken": staff.form_token(add),
        },
    )
    assert status == 302, text
    saved = clock.monotonic()
    while "Betriebsausflug" not in visitor.get(page)[2]:
        assert clock.monotonic() - saved < 1, "the closure did not show on the other node"
        clock.sleep(0.05)
    assert OpeningException.objects.filter(hub=hub, reason="Betriebsausflug").count() == 1


def test_failed_logins_are_counted_across_both_nodes(nodes):
    one, two = nodes
    UserFactory(email="bea@example.org")
    limit = int(settings.ACCOUNT_RATE_LIMITS["login_failed_account"].split("/")[0])
    answers = []
    for attempt in range(limit + 1):
        node = (one, two)[attempt % 2]
        browser = Browser()
        token = browser.form_token(f"{node}/accounts/login/")
        status, _, text = browser.post(
            f"{node}/accounts/login/",
            {"login": "bea@example.org", "password": "falsch", "csrfmiddlewaretoken": token},
        )
        answers.append((status, "Zu viele" in text or status == 429))
    assert not any(refused for _, refused in answers[:limit])
    assert answers[limit][1], f"attempt {limit + 1} was not refused: {answers}"


def test_fifty_people_on_both_nodes_want_one_desk_and_one_gets_it(nodes, hub, sink):
    desk = WorkspaceFactory(hub=hub, name="Schreibtisch 1")
    day = next(
        timezone.localdate() + timedelta(days=n)
        for n in range(1, 8)
        if coworking_day(hub, timezone.localdate() + timedelta(days=n)).ranges
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore
    people = []
    for n in range(PEOPLE):
        user = UserFactory(email=f"p{n}@example.org")
        MemberProfileFactory(user=user, group="startup")
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        people.append(session.session_key)
    secret = "a" * 32  # a CSRF secret: the form may carry it as it is

    def book(n):
        node = nodes[n % 2]
        request = urllib.request.Request(
            f"{node}/coworking/{hub.slug}/book/",
            data=urllib.parse.urlencode(
                {
                    "workspace": desk.pk,
                    "date": day.isoformat(),
                    "quick": "custom",
                    "start_time": "09:00",
                    "end_time": "11:00",
                    "weeks": "1",
                    "mode": "all",
                    "csrfmiddlewaretoken": secret,
                }
            ).encode(),
            headers={
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={people[n]}; "
                f"{settings.CSRF_COOKIE_NAME}={secret}"
            },
        )
        status, _headers, text = Browser()._open(request)
        return status, text

    with concurrent.futures.ThreadPoolExecutor(PEOPLE) as pool:
        answers = list(pool.map(book, range(PEOPLE)))
    statuses = [status for status, _ in answers]
    assert statuses.count(302) == 1, statuses  # booked, on to the confirmation
    assert statuses.count(400) == PEOPLE - 1  # the form again, saying why
    assert all("Schreibtisch 1" in text for status, text in answers if status == 400)
    assert Booking.objects.active().filter(workspace=desk).count() == 1
    deadline = clock.monotonic() + 30
    while not sink.messages and clock.monotonic() < deadline:
        clock.sleep(0.2)
    clock.sleep(1)  # a second confirmation, were there one, would be here by now
    assert len(sink.messages) == 1, sink.subjects()
