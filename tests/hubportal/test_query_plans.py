"""Every query a page asks goes through an index on PostgreSQL, so no list slows down
as the network's data grows.

The test database is small, and on small tables PostgreSQL reads the whole table
even where an index would serve. So each SELECT is explained with sequential scans
priced out (`enable_seqscan = off`): a "Seq Scan" that remains means no index can
serve that query. Runs in CI's PostgreSQL leg."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from events.models import Event

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
]

SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed_demo makes the demo logins only then
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False


def pages():
    event = Event.objects.published().filter(hub__slug="einbeck").order_by("start").first()
    return [
        ("", reverse("home")),
        ("", reverse("hubs:list")),
        ("", reverse("hubs:detail", args=["einbeck"])),
        ("", reverse("events:programme")),
        ("", reverse("events:programme") + "?hub=einbeck&kind=workshop"),
        ("", reverse("events:archive")),
        ("", event.get_absolute_url()),
        ("", reverse("events:feed")),
        ("", reverse("coworking:index")),
        ("", reverse("coworking:availability", args=["einbeck"])),
        ("", reverse("funding:index")),
        ("", reverse("funding:programmes")),
        ("", reverse("pages:page", args=["privacy"])),
        ("", reverse("hubs:calendar", args=["einbeck"])),
        ("", reverse("figures:public")),
        ("", reverse("showroom:showroom", args=["oldenburg-in-holstein"])),
        ("", "/api/v1/hubs/"),
        ("", "/api/v1/hubs/einbeck/closures"),
        ("", "/api/v1/events/?hub=einbeck&kind=workshop"),
        ("", "/api/v1/programmes/"),
        ("", "/api/v1/coworking/einbeck/free"),
        ("buerger@demo.example", reverse("events:mine")),
        ("buerger@demo.example", reverse("coworking:mine")),
        ("buerger@demo.example", reverse("funding:mine")),
        ("beratung@demo.example", reverse("funding:advisor")),
        ("team-einbeck@demo.example", reverse("admin:index")),
        ("team-einbeck@demo.example", reverse("admin:figures")),
    ]


def scans(sql: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return set(SEQ_SCAN.findall(plan))


def test_every_query_of_every_page_is_served_by_an_index(client, demo):
    unindexed = []
    for who, url in pages():
        client.logout()
        if who:
            client.force_login(User.objects.get(email=who))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            for table in scans(sql):
                unindexed.append(f"{url}: {table}\n    {sql}")
    assert not unindexed, "\n".join(unindexed)
