from datetime import time

import pytest

from tests.factories import (
    BookingPolicyFactory,
    HubFactory,
    MemberProfileFactory,
    OpeningHoursFactory,
    UserFactory,
    WorkspaceFactory,
)


@pytest.fixture
def hub(db):
    hub = HubFactory(
        name="Digital Hub Oldenburg", slug="oldenburg", state="SH", town="Oldenburg in Holstein"
    )
    for weekday in range(7):  # open every day, so tests do not depend on the weekday
        OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(8), closes=time(18))
    BookingPolicyFactory(
        hub=hub,
        weekly_limit_hours=10,
        horizon_days=28,
        min_notice_minutes=30,
        cancellation_deadline_hours=2,
    )
    return hub


@pytest.fixture
def desk(hub):
    return WorkspaceFactory(hub=hub, name="Schreibtisch 1")


@pytest.fixture
def member(db):
    user = UserFactory(email="gruenderin@example.org", name="Greta Gründerin")
    MemberProfileFactory(user=user, group="startup", organisation="Küstenkraft UG")
    return user
