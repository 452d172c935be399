"""The public JSON API: its answers equal the database, are valid against its own
OpenAPI schema, and no generated request gives a server error."""

from datetime import date, time, timedelta

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from events.models import Event
from funding.models import FundingProgramme
from hubs.models import Hub
from tests.factories import (
    EventFactory,
    FundingProgrammeFactory,
    HubFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    RegistrationFactory,
    SpecialHoursFactory,
    WorkspaceFactory,
)

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def network(db):
    hub = HubFactory(slug="wilster", name="Digital Hub Wilster", state="SH", latitude="53.92",
                     longitude="9.37")  # fmt: skip
    for weekday in range(5):
        OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(9), closes=time(15))
    today = timezone.localdate()
    OpeningExceptionFactory(hub=hub, start_date=today + timedelta(days=2),
                            end_date=today + timedelta(days=3), reason="Inventur")  # fmt: skip
    event = EventFactory(hub=hub, capacity=10, title="Themenabend")
    RegistrationFactory.create_batch(3, event=event)
    WorkspaceFactory(hub=hub, name="Platz 1")
    HubFactory(slug="geschlossen", active=False)
    return hub


def test_schema_is_openapi_3_and_describes_every_endpoint(client):
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= {
        f"{API}/hubs/", f"{API}/hubs/{{slug}}", f"{API}/hubs/{{slug}}/status",
        f"{API}/hubs/{{slug}}/closures", f"{API}/events/", f"{API}/events/{{event_id}}",
        f"{API}/programmes/", f"{API}/coworking/{{slug}}/free",
    }  # fmt: skip


def test_hub_list_gives_the_active_hubs_with_status_and_osm_hours(client, network):
    body = client.get(f"{API}/hubs/").json()
    assert body["count"] == Hub.objects.filter(active=True).count() == 1
    (hub,) = body["items"]
    assert hub["slug"] == "wilster" and hub["latitude"] == 53.92
    assert hub["opening_hours"] == "Mo-Fr 09:00-15:00; PH off"
    assert set(hub["status"]) == {"open", "closes_at", "next_opening"}
    assert client.get(f"{API}/hubs/geschlossen").status_code == 404


def test_hub_detail_status_and_closures(client, network):
    detail = client.get(f"{API}/hubs/wilster").json()
    assert [i["weekday"] for i in detail["schedules"][0]["intervals"]] == [0, 1, 2, 3, 4]
    closures = client.get(f"{API}/hubs/wilster/closures").json()["items"]
    assert [(c["reason"], c["kind"]) for c in closures] == [("Inventur", "closed")]
    status = client.get(f"{API}/hubs/wilster/status").json()
    moment = status["closes_at"] or status["next_opening"]
    assert moment[-6:] in {"+01:00", "+02:00"}  # Berlin time with its offset


def test_events_give_places_left_as_counted_in_the_database(client, network):
    (item,) = client.get(f"{API}/events/", {"hub": "wilster"}).json()["items"]
    event = Event.objects.get(title="Themenabend")
    taken = event.registrations.filter(status="confirmed").count()
    assert item["places_left"] == event.capacity - taken == 7
    assert client.get(f"{API}/events/{event.pk}").json()["title"] == "Themenabend"
    assert client.get(f"{API}/events/", {"kind": "quatsch"}).status_code == 422


def test_lists_are_paginated(client, network):
    EventFactory.create_batch(60, hub=network)
    first = client.get(f"{API}/events/").json()
    assert (first["count"], first["pages"], len(first["items"])) == (61, 2, 50)
    second = client.get(f"{API}/events/", {"page": 2}).json()
    assert len(second["items"]) == 11
    assert {i["id"] for i in first["items"]}.isdisjoint(i["id"] for i in second["items"])


def test_lists_ask_the_same_few_queries_however_many_rows(
    client, network, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10) as few:
        client.get(f"{API}/events/", {"page": 1, "x": 1})
    EventFactory.create_batch(40, hub=network)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"{API}/events/", {"page": 1, "x": 2})


def test_free_desk_times_for_seven_days(client, network):
    days = client.get(f"{API}/coworking/wilster/free").json()
    assert len(days) == 7 and days[0]["date"] == timezone.localdate().isoformat()
    closed = [d for d in days if d["closed_reason"] == "Inventur"]
    assert len(closed) == 2 and all(d["workspaces"][0]["free"] == [] for d in closed)
    assert client.get(f"{API}/coworking/geschlossen/free").status_code == 404


def test_programmes(client, network):
    FundingProgrammeFactory(name="Smarte Region")
    body = client.get(f"{API}/programmes/").json()
    assert body["count"] == FundingProgramme.objects.filter(active=True).count()
    assert "Smarte Region" in {p["name"] for p in body["items"]}


def test_any_origin_may_read_and_answers_are_cacheable(client, network):
    response = client.get(f"{API}/hubs/", HTTP_ORIGIN="https://www.wilster.de")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    again = client.get(f"{API}/hubs/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    preflight = client.options(f"{API}/hubs/", HTTP_ORIGIN="https://www.wilster.de",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")  # fmt: skip
    assert preflight.status_code == 204 and "GET" in preflight["Access-Control-Allow-Methods"]
    assert client.post(f"{API}/hubs/").status_code == 405  # reading only


def test_a_client_over_the_rate_gets_429(client, network, settings):
    from hubportal import api

    throttle = api.THROTTLE
    limit = throttle.num_requests
    url = f"{API}/hubs/wilster/status"
    codes = [client.get(url, {"n": n}).status_code for n in range(limit + 1)]
    assert codes[:limit] == [200] * limit and codes[-1] == 429
    other = client.get(f"{API}/hubs/wilster/status", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200  # another client has its own count


# -- property-based: every operation, generated requests, checked against the schema ----


# Loaded when the module is collected: the schema needs no database.
def portal(environ, start_response, handler=WSGIHandler()):
    """The portal as a server runs it: every request comes from an address."""
    return handler({"REMOTE_ADDR": "127.0.0.1", **environ}, start_response)


schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", portal)


@pytest.fixture
def in_process(monkeypatch):
    """Requests through the WSGI handler, as Django's test client makes them: the
    test's database connection stays open (it holds the test's transaction), and
    the rate limit is out of the way (429 has its own test)."""
    from hubportal import api

    monkeypatch.setattr(api.THROTTLE, "num_requests", 10_000)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_request_gives_a_server_error_and_every_answer_fits_the_schema(
    case, network, in_process
):
    # `from` must lie between today and a year ahead: a bound no schema can state, so
    # a well-formed date outside it is a 422 (tested below), not a schema violation.
    dated = case.operation.path.endswith("/free") and "from" in (case.query or {})
    case.call_and_validate(excluded_checks=[positive_data_acceptance] if dated else [])


def test_dates_in_the_api_are_berlin_dates(client, network):
    (item,) = client.get(f"{API}/events/").json()["items"]
    assert date.fromisoformat(item["start"][:10]) == timezone.localdate(
        Event.objects.get(pk=item["id"]).start
    )


def test_a_slug_with_a_byte_postgresql_refuses_is_a_422_not_a_500(client, network):
    for path in ("hubs/ein%00beck", "hubs/ein%00beck/status", "coworking/%00/free"):
        assert client.get(f"{API}/{path}").status_code == 422


# -- issue 26: what other software reads of the API -----------------------------------


def test_the_openapi_document_is_valid_openapi(client):
    """openapi-spec-validator (nobody here wrote it) accepts the document."""
    from openapi_spec_validator import validate

    validate(client.get(f"{API}/openapi.json").json())


def test_hours_in_the_api_are_berlin_times_with_their_offset_as_the_schema_says(client, network):
    schema = client.get(f"{API}/openapi.json").json()
    interval = schema["components"]["schemas"]["Interval"]["properties"]
    assert interval["opens"]["pattern"] == interval["closes"]["pattern"]
    assert "format" not in interval["opens"]  # format: time would require an offset
    detail = client.get(f"{API}/hubs/wilster").json()
    monday = detail["schedules"][0]["intervals"][0]
    assert (monday["opens"], monday["closes"]) == ("09:00", "15:00")
    closures = client.get(f"{API}/hubs/wilster/closures").json()["items"]
    assert closures[0]["opens"] is None  # a closed day has no hours
    day = timezone.localdate() + timedelta(days=9)
    SpecialHoursFactory(hub=network, start_date=day, end_date=day,
                        opens=time(10), closes=time(12, 30))  # fmt: skip
    special = client.get(f"{API}/hubs/wilster/closures").json()["items"][-1]
    assert (special["opens"], special["closes"]) == ("10:00", "12:30")


@pytest.mark.parametrize(
    "query", ["from=0", "from=86400", "from=2020-01-01", "from=2026-13-01", "from=morgen"]
)
def test_a_first_day_out_of_range_or_malformed_is_a_422_that_names_from(client, network, query):
    response = client.get(f"{API}/coworking/wilster/free?{query}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "from"


def test_a_first_day_in_range_is_taken(client, network):
    day = timezone.localdate() + timedelta(days=10)
    days = client.get(f"{API}/coworking/wilster/free?from={day.isoformat()}").json()
    assert days[0]["date"] == day.isoformat()


@pytest.mark.parametrize("query", ["hub=%00", "hub=", "hub=ein%00beck", "hub=" + "x" * 101])
def test_a_malformed_hub_is_a_422_that_names_hub_not_every_event(client, network, query):
    response = client.get(f"{API}/events/?{query}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "hub"


@pytest.mark.parametrize(
    "header",
    ['W/"{tag}"', '"other", "{tag}"', '"other", W/"{tag}"', "*", '  "{tag}"  '],
)
def test_if_none_match_is_compared_weakly_and_with_lists(client, network, header):
    """RFC 9110 §13.1.2: the weak comparison, a list, and `*` all mean "I have it"."""
    tag = client.get(f"{API}/hubs/")["ETag"].strip('"').removeprefix("W/")
    again = client.get(f"{API}/hubs/", HTTP_IF_NONE_MATCH=header.format(tag=tag))
    assert again.status_code == 304
    assert client.get(f"{API}/hubs/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_the_api_has_its_etag_and_304_without_the_page_cache(client, network, settings):
    settings.PAGE_CACHE = False  # as under make run
    response = client.get(f"{API}/hubs/wilster")
    assert response["ETag"]
    again = client.get(f"{API}/hubs/wilster", HTTP_IF_NONE_MATCH=f"W/{response['ETag']}")
    assert again.status_code == 304 and again["ETag"] == response["ETag"]


def test_public_pages_answer_a_weak_or_listed_tag_with_304(client, network, settings):
    settings.PAGE_CACHE = True
    response = client.get(f"/hubs/{network.slug}/")
    tag = response["ETag"]
    for header in (f"W/{tag}", f'"x", {tag}', "*"):
        assert client.get(f"/hubs/{network.slug}/", HTTP_IF_NONE_MATCH=header).status_code == 304
