from datetime import date, time

import pytest

from hubportal.timeranges import local_datetime
from tests.factories import (
    AdvisorFactory,
    AvailabilityWindowFactory,
    FundingProgrammeFactory,
    HubFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    TopicFactory,
    UserFactory,
)

TUE, WED = 1, 2


@pytest.fixture
def einbeck(db):
    hub = HubFactory(name="EIN.Lebens.raum", slug="einbeck", state="NI")
    for weekday in range(5):
        OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(9), closes=time(17))
    return hub


@pytest.fixture
def topic(db):
    return TopicFactory(name="Digitalisierung", slug="digitalisierung")


@pytest.fixture
def programme(topic):
    return FundingProgrammeFactory(
        name="Digitale Dorfmitte",
        funder="state",
        topic=topic,
        summary="Zuschuss",
        link="https://foerderung.example/dorfmitte",
    )


def make_advisor(email, name, hub, topic, **options):
    user = UserFactory(email=email, name=name)
    advisor = AdvisorFactory(
        user=user,
        public_name=name,
        organisation=OrganisationFactory(name="dataport.kommunal", slug="dataport-kommunal"),
        **options,
    )
    advisor.topics.add(topic)
    advisor.hubs.add(hub)
    AvailabilityWindowFactory(advisor=advisor, weekday=TUE, starts=time(9), ends=time(15), hub=hub)
    AvailabilityWindowFactory(advisor=advisor, weekday=WED, starts=time(9), ends=time(12), hub=None)
    return advisor


@pytest.fixture
def advisor(einbeck, topic):
    return make_advisor("dana@dataport.example", "Dana Dataport", einbeck, topic)


@pytest.fixture
def clerk(db):
    return UserFactory(email="clerk@malente.example", name="Klara Kämmerei")


def tuesday_request(advisor, hub, person, **changes):
    """A one-hour on-site request on Tuesday 24 November 2026 at 10:00, through the
    service (as the booking form makes it)."""
    from funding import services
    from funding.models import Mode

    fields = {
        "advisor": advisor,
        "start": local_datetime(date(2026, 11, 24), time(10)),
        "minutes": 60,
        "mode": Mode.ON_SITE,
        "hub": hub,
        "person": person,
        "organisation": "Gemeinde Malente",
        "question": "Dorfmitte",
    }
    return services.appointment_request(**{**fields, **changes})
