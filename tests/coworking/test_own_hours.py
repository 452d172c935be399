"""The co-working space's own hours, said in words beside the hub's opening hours."""

from datetime import time

import pytest
import time_machine

from tests.clock import at
from tests.factories import (
    CoworkingHoursFactory,
    HubFactory,
    OpeningHoursFactory,
    WorkspaceFactory,
)

pytestmark = pytest.mark.django_db


@time_machine.travel(at(23, 8), tick=False)
def test_co_working_hours_beyond_the_opening_hours_are_said_in_words_on_hub_page_and_grid(
    client,
):
    """Einbeck: open 09:00-13:00, desks 08:00-18:00. The hub page and the grid name
    both, so nobody reads two contradicting hours (issue 26, item 4)."""
    hub = HubFactory(slug="einbeck-zeiten", name="EIN.Lebens.raum")
    for weekday in range(5):
        OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(9), closes=time(13))
        CoworkingHoursFactory(hub=hub, weekday=weekday, opens=time(8), closes=time(18))
    WorkspaceFactory(hub=hub)
    for url in (hub.get_absolute_url(), f"/coworking/{hub.slug}/"):
        page = client.get(url).text
        assert "Der Co-Working-Bereich hat eigene Zeiten" in page, url
        assert "08:00–18:00" in page and "09:00–13:00" in page, url
    same = HubFactory(slug="gleich")
    for weekday in range(5):
        OpeningHoursFactory(hub=same, weekday=weekday, opens=time(9), closes=time(13))
    WorkspaceFactory(hub=same)
    assert "eigene Zeiten" not in client.get(same.get_absolute_url()).text
