"""Events in the public API: upcoming published events with the places left
(config/api.py)."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from hubportal.api import ERRORS, NOT_FOUND, Page, PageNumber, RowId, SlugFilter, local, page_of
from hubportal.content_language import text as content_text
from hubportal.links import absolute

from . import selectors
from .models import Event, Kind

router = Router(tags=["events"])


class EventOut(Schema):
    id: int
    title: str
    summary: str
    kind: Kind
    start: datetime
    end: datetime
    hub: str | None  # the hub's slug
    place: str
    online: bool
    cancelled: bool
    moved_from: datetime | None
    registration_required: bool
    capacity: int | None  # None: unlimited
    places_left: int | None
    waiting_list: int
    url: str


def _event(event: Event) -> dict:
    return {
        "id": event.pk,
        "title": content_text(event, "title"),
        "summary": content_text(event, "summary"),
        "kind": event.kind,
        "start": local(event.start),
        "end": local(event.end),
        "hub": event.hub.slug if event.hub else None,
        "place": event.place_text(),
        "online": event.place_kind == "online" or event.hybrid,
        "cancelled": event.is_cancelled,
        "moved_from": local(event.previous_start),
        "registration_required": event.registration_required,
        "capacity": event.capacity,
        "places_left": event.places_left(event.taken),
        "waiting_list": event.waiting,
        "url": absolute(event.get_absolute_url()),
    }


@router.get("/", response={200: Page[EventOut], **ERRORS}, url_name="events")
def event_list(
    request, hub: str | None = SlugFilter, kind: Kind | None = None, page: int = PageNumber
):
    """Upcoming events of the network, soonest first; `hub` is a hub's slug."""
    events = selectors.events_open_data(hub=hub or "", kind=kind or "")
    return page_of(events, page, _event)


@router.get("/{event_id}", response={200: EventOut, **NOT_FOUND}, url_name="event")
def event_detail(request, event_id: int = RowId):
    """One published event (also a past one), with the places left."""
    return _event(get_object_or_404(selectors.events_open_data(upcoming=False), pk=event_id))
