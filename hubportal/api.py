"""The pieces of the portal's public, read-only JSON API (/api/v1/) every app's `api.py`
uses: parameters, pages, the answers every endpoint may give. The API itself, with
the apps' routers, is assembled in config/api.py; OpenAPI 3 at /api/v1/openapi.json.
The endpoints live with their apps (hubs/api.py, events/api.py, coworking/api.py,
funding/api.py) and read through the apps' selectors, like the pages.

- Read-only and anonymous: GET only, no session, no personal data.
- Paginated: lists answer `?page=N` with `count`, `page`, `pages` and `items`.
- Cacheable: anonymous GETs go through the public page cache (ETag, 304) and say
  `Cache-Control: public, max-age=60`, so a town's page or a proxy may keep them.
- Rate-limited per client (API_RATE, e.g. "120/m"; behind a proxy the forwarded
  address it is told to trust, as for the forms): over it, HTTP 429.
- CORS open for reading: any origin may GET (hubportal.middleware.ApiCorsMiddleware).
- Every status an endpoint can answer is in the schema (tests/hubportal/test_api.py
  validates the responses and runs a property-based test against it).
"""

import math
from datetime import time
from typing import Annotated, Generic, TypeVar

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control
from ninja import NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError
from ninja.throttling import AnonRateThrottle
from pydantic import Field

from hubportal.clients import client_ip

from .conditional import etag_of, none_match_fails

PAGE_SIZE = 50
MAX_AGE = 60
# `?page=`, from 1; a page past the end answers the last one.
PageNumber = Query(1, ge=1, le=100_000, description="Page, from 1")
RowId = Path(..., ge=1, le=2**31 - 1)  # what the databases' integer keys hold
# A hub's slug as the pages' URLs take it (no NUL or other byte PostgreSQL refuses).
# `example`, not `examples`: on a parameter OpenAPI's `examples` is a map of objects.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
Slug = Path(..., pattern=SLUG_PATTERN, max_length=100, example="einbeck")
# The same as a filter: left out, it filters nothing; given, it must be a slug.
SlugFilter = Query(
    None, pattern=SLUG_PATTERN, max_length=100, example="einbeck", description="A hub's slug"
)
# A time of day on the hub's weekly clock, "09:00": Berlin wall-clock time. It has no
# fixed offset (+01:00 in winter, +02:00 in summer), so it is not an RFC 3339 `time`
# (which requires one); moments (`start`, `closes_at`) carry their offset.
WallClock = Annotated[
    str,
    Field(
        pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$",
        description="Berlin wall-clock time, HH:MM (CET or CEST, as on that day)",
        examples=["09:00"],
    ),
]


def wall_clock(value: time | None) -> str | None:
    return None if value is None else f"{value:%H:%M}"


def invalid(parameter: str, message: str, *, where: str = "query") -> ValidationError:
    """A 422 that names the parameter, shaped as the validation's own."""
    return ValidationError([{"type": "value_error", "loc": [where, parameter], "msg": message}])


Item = TypeVar("Item")


class Page(Schema, Generic[Item]):
    """One page of a list (page_of)."""

    count: int
    page: int
    pages: int
    items: list[Item]


class Message(Schema):
    detail: str


class Invalid(Schema):
    detail: list[dict]


# The answers every endpoint may give besides its own.
ERRORS = {422: Invalid, 429: Message}
NOT_FOUND = {404: Message, **ERRORS}


def local(moment):
    """Times are given in Berlin time with their offset, as the pages show them."""
    return timezone.localtime(moment) if moment else None


def page_of(items, page: int, build) -> dict:
    """One page of a list: at most PAGE_SIZE items, each made by `build`."""
    paginator = Paginator(items, PAGE_SIZE)
    number = min(page, max(paginator.num_pages, 1))
    return {
        "count": paginator.count,
        "page": number,
        "pages": max(math.ceil(paginator.count / PAGE_SIZE), 1),
        "items": [build(item) for item in paginator.page(number).object_list],
    }


class ClientRateThrottle(AnonRateThrottle):
    """Per client as every other limit counts it (hubportal/clients.py), not by
    django-ninja's own reading of X-Forwarded-For."""

    def get_ident(self, request):
        return client_ip(request)


# Counted in the shared cache, so every node sees the same count.
THROTTLE = ClientRateThrottle(settings.API_RATE)


class PortalAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=MAX_AGE)
            # Also where the page cache is off (make run): every answer has its ETag
            # and a client that holds it gets 304.
            response["ETag"] = etag_of(response.content)
            if none_match_fails(request, response["ETag"]):
                not_modified = HttpResponseNotModified()
                for name in ("ETag", "Cache-Control"):
                    not_modified[name] = response[name]
                return not_modified
        return response
