"""The hubs in the public API: who they are, their weekly schedules, whether they are
open now, and their closures and special hours (config/api.py)."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from hubportal.api import (
    ERRORS,
    NOT_FOUND,
    Page,
    PageNumber,
    Slug,
    WallClock,
    local,
    page_of,
    wall_clock,
)
from hubportal.content_language import text as content_text
from hubportal.links import absolute

from .hours import OpeningCalendar, schedules_of
from .models import Hub, OpeningException
from .osm import opening_hours
from .selectors import with_schedule

router = Router(tags=["hubs"])


class Status(Schema):
    open: bool
    closes_at: datetime | None
    next_opening: datetime | None


class HubOut(Schema):
    slug: str
    name: str
    town: str
    state: str
    street: str
    postal_code: str
    latitude: float | None
    longitude: float | None
    email: str
    phone: str
    website: str
    url: str
    status: Status
    opening_hours: str  # OpenStreetMap syntax


class Interval(Schema):
    weekday: int  # 0 = Monday
    opens: WallClock
    closes: WallClock


class ScheduleOut(Schema):
    valid_from: date | None
    valid_until: date | None
    intervals: list[Interval]


class HubDetail(HubOut):
    description: str
    schedules: list[ScheduleOut]


class ClosureOut(Schema):
    kind: str  # "closed" or "special"
    start_date: date
    end_date: date
    opens: WallClock | None
    closes: WallClock | None
    reason: str


def _hub(hub: Hub, now: datetime) -> dict:
    calendar = OpeningCalendar(hub)
    today = timezone.localdate(now)
    return {
        "slug": hub.slug,
        "name": hub.name,
        "town": hub.town,
        "state": hub.state,
        "street": hub.street,
        "postal_code": hub.postal_code,
        "latitude": None if hub.latitude is None else float(hub.latitude),
        "longitude": None if hub.longitude is None else float(hub.longitude),
        "email": hub.email,
        "phone": hub.phone,
        "website": hub.website,
        "url": absolute(hub.get_absolute_url()),
        "status": _status(calendar, now),
        "opening_hours": opening_hours(calendar, today),
    }


def _status(calendar: OpeningCalendar, now: datetime) -> dict:
    status = calendar.status(now)
    return {
        "open": status.is_open,
        "closes_at": local(status.closes_at),
        "next_opening": local(status.next_opening),
    }


def _active_hub(slug: str, today: date) -> Hub:
    return get_object_or_404(with_schedule(Hub.objects.active(), since=today), slug=slug)


@router.get("/", response={200: Page[HubOut], **ERRORS}, url_name="hubs")
def hub_list(request, page: int = PageNumber):
    """The active hubs, by town, each with whether it is open now."""
    now = timezone.now()
    hubs = with_schedule(Hub.objects.active(), since=timezone.localdate(now))
    return page_of(hubs, page, lambda hub: _hub(hub, now))


@router.get("/{slug}", response={200: HubDetail, **NOT_FOUND}, url_name="hub")
def hub_detail(request, slug: str = Slug):
    """One hub with its weekly schedules from today on."""
    now = timezone.now()
    today = timezone.localdate(now)
    hub = _active_hub(slug, today)
    schedules = [
        {
            "valid_from": s.valid_from,
            "valid_until": s.valid_until,
            "intervals": [
                {"weekday": i.weekday, "opens": wall_clock(i.opens), "closes": wall_clock(i.closes)}
                for i in sorted(s.intervals.all(), key=lambda i: (i.weekday, i.opens))
            ],
        }
        for s in schedules_of(hub)
        if s.valid_until is None or s.valid_until >= today
    ]
    return {
        **_hub(hub, now),
        "description": content_text(hub, "description"),
        "schedules": schedules,
    }


@router.get("/{slug}/status", response={200: Status, **NOT_FOUND}, url_name="hub_status")
def hub_status(request, slug: str = Slug):
    """Open now? Until when, or when next?"""
    now = timezone.now()
    return _status(OpeningCalendar(_active_hub(slug, timezone.localdate(now))), now)


@router.get("/{slug}/closures", response={200: Page[ClosureOut], **NOT_FOUND}, url_name="closures")
def hub_closures(request, slug: str = Slug, page: int = PageNumber):
    """Closures and special hours from today on (public holidays close every hub of
    the state as well: see the hub's opening_hours, "PH off")."""
    today = timezone.localdate()
    hub = get_object_or_404(Hub.objects.active(), slug=slug)
    exceptions = OpeningException.objects.filter(hub=hub, end_date__gte=today).order_by(
        "start_date", "pk"
    )
    return page_of(
        exceptions,
        page,
        lambda e: {
            "kind": e.kind,
            "start_date": e.start_date,
            "end_date": e.end_date,
            "opens": wall_clock(e.opens),
            "closes": wall_clock(e.closes),
            "reason": content_text(e, "reason"),
        },
    )
