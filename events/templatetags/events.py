from django import template
from django.utils import timezone, translation

from hubportal import jsonld
from hubportal.links import absolute

from .. import selectors
from ..models import Event, PlaceKind

register = template.Library()


@register.inclusion_tag("events/includes/hub_events.html", takes_context=True)
def hub_next_events(context, hub):
    """The hub's next events, for the hub page."""
    return {
        "hub": hub,
        "events": selectors.upcoming_for_hub(hub=hub),
        "request": context["request"],
    }


@register.inclusion_tag("events/includes/widget_events.html")
def hub_widget_events(hub, limit: int = 3):
    """The hub's next few events, for the widget a town's website frames."""
    return {"hub": hub, "events": selectors.upcoming_for_hub(hub=hub, limit=limit)}


@register.simple_tag
def event_jsonld(event: Event, places_left=None):
    """schema.org Event as JSON-LD, so search engines and assistants understand it:
    when and where, whether it takes place, was moved or is cancelled, and how many
    places are left."""
    url = absolute(event.get_absolute_url())
    if event.place_kind == PlaceKind.ONLINE:
        mode = "OnlineEventAttendanceMode"
        location = {"@type": "VirtualLocation", "url": event.livestream_url or url}
    else:
        mode = "MixedEventAttendanceMode" if event.hybrid else "OfflineEventAttendanceMode"
        location = {"@type": "Place", "name": event.place_text()}
        if event.hub and event.place_kind == PlaceKind.HUB:
            location = {
                "@type": "Place",
                "@id": absolute(event.hub.get_absolute_url()) + "#hub",
                "name": event.hub.name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.hub.street,
                    "postalCode": event.hub.postal_code,
                    "addressLocality": event.hub.town,
                    "addressCountry": "DE",
                },
            }
        if event.hybrid:  # on site and online: both places (schema.org allows a list)
            location = [location, {"@type": "VirtualLocation", "url": event.livestream_url or url}]
    status = "EventScheduled"
    if event.is_cancelled:
        status = "EventCancelled"
    elif event.previous_start:
        status = "EventRescheduled"
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": jsonld.moment(event.start),
        "endDate": jsonld.moment(event.end),
        "eventStatus": jsonld.enum(status),
        "eventAttendanceMode": jsonld.enum(mode),
        "location": location,
        "url": url,
        "isAccessibleForFree": True,
        "inLanguage": translation.get_language() or "de",
    }
    if event.previous_start and not event.is_cancelled:
        data["previousStartDate"] = jsonld.day(timezone.localdate(event.previous_start))
    if event.organiser:
        data["organizer"] = {"@type": "Organization", "name": event.organiser.name}
    if places_left is not None:
        data["remainingAttendeeCapacity"] = places_left
    return jsonld.script(data)
