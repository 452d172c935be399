from django import template
from django.utils import timezone

from coworking.selectors import own_hours

register = template.Library()


@register.inclusion_tag("coworking/includes/hub_coworking.html")
def hub_coworking(hub):
    """A hub page's pointer to its desks and rooms, if it has any."""
    workspaces = list(hub.workspaces.filter(active=True).order_by("kind", "name"))
    hours = own_hours(hub, timezone.localdate()) if workspaces else []
    return {"hub": hub, "workspaces": workspaces, "own_hours": hours}


@register.inclusion_tag("coworking/includes/own_hours.html")
def coworking_own_hours(own_hours):
    """In words: the co-working space's own hours beside the hub's opening hours."""
    return {"own_hours": own_hours}
