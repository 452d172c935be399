import json

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import selectors
from ..models import Event, PlaceKind

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.inclusion_tag("events/includes/hub_events.html", takes_context=True)
def hub_next_events(context, hub):
    """The hub's next events, for the hub page."""
    return {
        "hub": hub,
        "events": selectors.upcoming_for_hub(hub=hub),
        "request": context["request"],
    }


@register.simple_tag
def event_jsonld(event: Event, places_left=None):
    """schema.org Event as JSON-LD, so search engines and assistants understand it."""
    url = settings.SITE_URL.rstrip("/") + event.get_absolute_url()
    if event.place_kind == PlaceKind.ONLINE:
        mode = "https://schema.org/OnlineEventAttendanceMode"
        location = {"@type": "VirtualLocation", "url": event.livestream_url or url}
    else:
        mode = (
            "https://schema.org/MixedEventAttendanceMode"
            if event.hybrid
            else "https://schema.org/OfflineEventAttendanceMode"
        )
        location = {"@type": "Place", "name": event.place_text()}
        if event.hub and event.place_kind == PlaceKind.HUB:
            location["name"] = event.hub.name
            location["address"] = {
                "@type": "PostalAddress",
                "streetAddress": event.hub.street,
                "postalCode": event.hub.postal_code,
                "addressLocality": event.hub.town,
                "addressCountry": "DE",
            }
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if event.is_cancelled
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": mode,
        "location": location,
        "url": url,
        "isAccessibleForFree": True,
        "inLanguage": "de",
    }
    if event.organiser:
        data["organizer"] = {"@type": "Organization", "name": event.organiser.name}
    if places_left is not None:
        data["remainingAttendeeCapacity"] = places_left
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    # <, > and & are escaped above, so the JSON cannot close the script element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
