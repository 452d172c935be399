from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag
def book_url(slot, place, caller=False):
    """The booking form for a slot from the slot list."""
    query = {
        "advisor": slot.advisor.pk,
        "start": slot.start.isoformat(),
        "minutes": slot.minutes,
        "place": place,
    }
    if caller:
        query["for"] = "caller"
    return f"{reverse('funding:book')}?{urlencode(query)}"
