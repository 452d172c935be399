"""What every subscribable calendar feed says of itself (RFC 7986)."""

from datetime import timedelta

from django.conf import settings
from icalendar import Calendar


def assert_rfc7986(response, name: str) -> Calendar:
    """The feed names itself, says where to fetch it again (its own address) and how
    often; calendar apps show the name and keep the subscription fresh."""
    cal = Calendar.from_ical(response.content)
    assert str(cal["NAME"]) == name == str(cal["X-WR-CALNAME"])
    assert str(cal["SOURCE"]) == settings.SITE_URL.rstrip("/") + response.wsgi_request.path
    assert cal["SOURCE"].params["VALUE"] == "URI"
    assert cal.decoded("REFRESH-INTERVAL") == timedelta(hours=6)
    return cal
