from django import template

register = template.Library()


@register.inclusion_tag("coworking/includes/hub_coworking.html")
def hub_coworking(hub):
    """A hub page's pointer to its desks and rooms, if it has any."""
    workspaces = list(hub.workspaces.filter(active=True).order_by("kind", "name"))
    return {"hub": hub, "workspaces": workspaces}
