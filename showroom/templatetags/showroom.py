"""What other pages show of the showroom: an event's recordings."""

from django import template

from ..models import Exhibit

register = template.Library()


@register.simple_tag
def event_recordings(event) -> list[Exhibit]:
    """The published recordings of an event, for its page once it is over."""
    return list(Exhibit.objects.published().listed().filter(event=event))
