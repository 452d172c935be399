from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag
def book_url(slot, place, caller=False, programme=None, topic=None):
    """The booking form for a slot from the slot list (with the programme the person
    came from, if any, chosen in the form)."""
    query = {
        "advisor": slot.advisor.pk,
        "start": slot.start.isoformat(),
        "minutes": slot.minutes,
        "place": place,
    }
    if caller:
        query["for"] = "caller"
    if programme:
        query["programme"] = programme.pk
    if topic:
        query["topic"] = topic.slug
    return f"{reverse('funding:book')}?{urlencode(query)}"
