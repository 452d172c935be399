"""What other pages show of the showroom: the hub page's link, an event's recording."""

from django import template

from ..models import Exhibit

register = template.Library()


@register.simple_tag
def showroom_count(hub) -> int:
    """How many exhibits the hub's showroom shows (the hub page links it when any)."""
    return Exhibit.objects.published().filter(hub=hub).count()


@register.simple_tag
def event_recordings(event) -> list[Exhibit]:
    """The published recordings of an event, for its page once it is over."""
    return list(Exhibit.objects.published().listed().filter(event=event))
