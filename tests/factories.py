import time as time_module
from datetime import time, timedelta

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from django.utils import timezone

from coworking.models import Booking, BookingPolicy, MemberProfile, Workspace, WorkspaceBlock
from events.models import Event, Kind, Registration
from funding.models import (
    Absence,
    Advisor,
    Appointment,
    AvailabilityWindow,
    FundingProgramme,
    Mode,
    Topic,
)
from hubs.models import (
    Hub,
    OpeningException,
    Organisation,
    Schedule,
    ScheduleInterval,
    StaffPresence,
)
from notifications.models import Message

PASSWORD = "correct-horse-battery"
# Staff, advisors and superusers made here have an authenticator app with this secret;
# totp_code() is what the app would show now.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str | None = None) -> str:
    counter = int(time_module.time()) // 30
    return format_hotp_value(hotp_value(secret or TOTP_SECRET, counter))


def with_second_factor(user):
    """Gives `user` the authenticator app (once)."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)
    return user


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="de_DE")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        """Staff and superusers have their second factor, unless a test says False."""
        if create and extracted is not False and (self.is_staff or self.is_superuser):
            with_second_factor(self)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub

    name = factory.Sequence(lambda n: f"Digital Hub {n}")
    slug = factory.Sequence(lambda n: f"hub-{n}")
    town = "Einbeck"
    state = "NI"
    street = "Marktplatz 16"
    postal_code = "37574"
    short_description = "Ein Ort zum Ausprobieren digitaler Dienste."


def schedule_for(hub, kind="opening", valid_from=None, valid_until=None) -> Schedule:
    """The hub's schedule with exactly this validity, made when missing."""
    return Schedule.objects.get_or_create(
        hub=hub,
        kind=kind,
        valid_from=valid_from,
        valid_until=valid_until,
        defaults={"name": f"Zeiten ab {valid_from}" if valid_from else "Regelzeiten"},
    )[0]


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    """One interval of the hub's schedule with the given validity (made when missing)."""

    class Meta:
        model = ScheduleInterval
        exclude = ("hub", "kind", "valid_from", "valid_until")

    hub = factory.SubFactory(HubFactory)
    kind = "opening"
    valid_from = None
    valid_until = None
    schedule = factory.LazyAttribute(
        lambda o: schedule_for(o.hub, o.kind, o.valid_from, o.valid_until)
    )
    weekday = 0
    opens = time(9)
    closes = time(13)


class CoworkingHoursFactory(OpeningHoursFactory):
    kind = "coworking"


class OpeningExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningException

    hub = factory.SubFactory(HubFactory)
    kind = OpeningException.Kind.CLOSED
    reason = "Betriebsferien"


class SpecialHoursFactory(OpeningExceptionFactory):
    kind = OpeningException.Kind.SPECIAL_HOURS
    start_date = factory.SelfAttribute("end_date")
    opens = time(10)
    closes = time(14)
    reason = "Themenabend"


class StaffPresenceFactory(factory.django.DjangoModelFactory):
    """Presence in the hub's always-valid opening schedule (made when missing)."""

    class Meta:
        model = StaffPresence
        exclude = ("hub",)

    hub = factory.SubFactory(HubFactory)
    schedule = factory.LazyAttribute(lambda o: schedule_for(o.hub))
    organisation = factory.SubFactory(OrganisationFactory)
    weekday = 0
    starts = time(9)
    ends = time(13)
    purpose = "Fragen, Anregungen, Ideen"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    hub = factory.SubFactory(HubFactory)
    title = factory.Sequence(lambda n: f"Themenabend {n}")
    slug = factory.Sequence(lambda n: f"themenabend-{n}")
    summary = "Ein Abend zum Mitreden."
    kind = Kind.THEMED_EVENING
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
    status = Event.Status.PUBLISHED
    capacity = 10


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Faker("name", locale="de_DE")
    email = factory.Sequence(lambda n: f"gast{n}@example.org")
    status = Registration.Status.CONFIRMED
    email_confirmed_at = factory.LazyFunction(timezone.now)


# -- co-working ------------------------------------------------------------------------
class WorkspaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workspace

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Schreibtisch {n + 1}")


class WorkspaceBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkspaceBlock

    workspace = factory.SubFactory(WorkspaceFactory)
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
    reason = "Wartung"


class BookingPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookingPolicy

    hub = factory.SubFactory(HubFactory)


class MemberProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberProfile

    user = factory.SubFactory(UserFactory)
    group = "startup"


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking written straight to the database, past the booking rules: for
    setting the scene. Tests of the rules book through coworking.services."""

    class Meta:
        model = Booking

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Faker("name", locale="de_DE")
    status = Booking.Status.CONFIRMED
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))


# -- funding advice --------------------------------------------------------------------
class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = "Digitalisierung"
    slug = factory.LazyAttribute(lambda o: o.name.lower())


class FundingProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingProgramme

    name = factory.Sequence(lambda n: f"Förderprogramm {n}")
    funder = FundingProgramme.Funder.STATE
    topic = factory.SubFactory(TopicFactory)
    summary = "Zuschuss"


class AdvisorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advisor
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    public_name = factory.SelfAttribute("user.name")
    organisation = factory.SubFactory(
        OrganisationFactory, name="dataport.kommunal", slug="dataport-kommunal"
    )

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        """Advisors have their second factor, unless a test says False."""
        if create and extracted is not False:
            with_second_factor(self.user)


class AvailabilityWindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AvailabilityWindow

    advisor = factory.SubFactory(AdvisorFactory)
    weekday = 1
    starts = time(9)
    ends = time(15)
    hub = None


class AbsenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Absence

    advisor = factory.SubFactory(AdvisorFactory)
    start_date = factory.LazyFunction(timezone.localdate)
    end_date = factory.SelfAttribute("start_date")


class AppointmentFactory(factory.django.DjangoModelFactory):
    """An appointment written straight to the database (see BookingFactory)."""

    class Meta:
        model = Appointment

    advisor = factory.SubFactory(AdvisorFactory)
    mode = Mode.VIDEO
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=1))
    name = factory.Faker("name", locale="de_DE")
    email = factory.Sequence(lambda n: f"kommune{n}@example.org")
    organisation = "Gemeinde Malente"
    question = "Welche Förderung passt zu unserem Projekt?"
    status = Appointment.Status.CONFIRMED


class MessageFactory(factory.django.DjangoModelFactory):
    """An email in the outbox, written straight to the database (not sent)."""

    class Meta:
        model = Message

    kind = "coworking.confirmed"
    recipient = factory.Sequence(lambda n: f"person{n}@example.org")
    subject = "Ihre Buchung"
    body_text = "Guten Tag, Ihre Buchung ist bestätigt."
    body_html = "<p>Guten Tag, Ihre Buchung ist bestätigt.</p>"
