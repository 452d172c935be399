"""Events at the hubs, recurring series, and registrations with a waiting list.

Rules that must hold under concurrency live in events/services.py; the database
holds what it can (one active registration per person and event, start < end).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from dateutil.rrule import MONTHLY, WEEKLY, rrule
from dateutil.rrule import weekdays as rrule_weekdays
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Value
from django.db.models.functions import Lower, StrIndex, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hubportal.models import ForAPerson
from hubportal.querysets import ActiveQuerySet
from hubs.models import FocusTheme, Hub, Organisation, Weekday


class Kind(models.TextChoices):
    THEMED_EVENING = "themed_evening", _("Themed evening")
    TRAINING = "training", _("Training")
    CONSULTATION = "consultation", _("Consultation hours")
    WORKSHOP = "workshop", _("Workshop")
    SHOWROOM = "showroom", _("Showroom / guided tour")
    LIVESTREAM = "livestream", _("Livestream")


class Audience(models.TextChoices):
    ALL = "all", _("Everyone")
    CITIZENS = "citizens", _("Citizens")
    MUNICIPAL_STAFF = "municipal_staff", _("Municipal staff")
    BUSINESS = "business", _("Companies and start-ups")


class PlaceKind(models.TextChoices):
    HUB = "hub", _("At the hub")
    ADDRESS = "address", _("At another address")
    ONLINE = "online", _("Online")


class EventDetails(models.Model):
    """What an event and a series (the template of its occurrences) share.

    The shared fields in the groups staff edit them in; the admin builds its
    fieldsets from these, and an occurrence takes all of them over from its series
    (`detail_fields()`). A test checks the groups name every field exactly once.
    """

    ABOUT = ["title", "summary", "description", "kind"]
    PLACE = ["hub", "place_kind", "room", "address", "online_url", "livestream_url", "hybrid"]
    AUDIENCE = ["audience", "focus_theme", "organiser"]
    REGISTRATION = ["registration_required", "capacity"]

    hub = models.ForeignKey(
        Hub,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("hub"),
        help_text=_("Empty: a network-wide or online-only event."),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    focus_theme = models.ForeignKey(
        FocusTheme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("focus theme"),
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.ALL
    )
    place_kind = models.CharField(
        _("place"), max_length=10, choices=PlaceKind.choices, default=PlaceKind.HUB
    )
    room = models.CharField(_("room"), max_length=100, blank=True)
    address = models.CharField(
        _("address"), max_length=300, blank=True, help_text=_("For events at another address.")
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Sent to registered participants only, for online and hybrid events."),
    )
    livestream_url = models.URLField(
        _("livestream link"), blank=True, help_text=_("Public: shown on the event page.")
    )
    hybrid = models.BooleanField(
        _("hybrid"),
        default=False,
        help_text=_("On-site places are limited by the capacity; online participation is not."),
    )
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("organiser"),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Empty: unlimited. For hybrid events: the places on site."),
    )
    registration_required = models.BooleanField(_("registration required"), default=True)

    class Meta:
        abstract = True

    def clean(self):
        errors = {}
        if self.place_kind == PlaceKind.ADDRESS and not self.address:
            errors["address"] = _("Please give the address.")
        if self.place_kind == PlaceKind.HUB and not self.hub_id:
            errors["hub"] = _("An event at the hub needs a hub.")
        if self.place_kind == PlaceKind.ONLINE and self.hybrid:
            errors["hybrid"] = _("An online-only event cannot be hybrid.")
        if errors:
            raise ValidationError(errors)


def detail_fields() -> list[str]:
    """The fields an event and its series share, in the order staff see them."""
    return (
        EventDetails.ABOUT + EventDetails.PLACE + EventDetails.AUDIENCE + EventDetails.REGISTRATION
    )


class EventSeries(EventDetails):
    """A recurring event: "every second Wednesday of the month, 18:00–20:00"."""

    # How it repeats, as the admin groups it.
    REPEATS = [
        "frequency",
        "interval",
        "weekday",
        "week_of_month",
        "starts_at",
        "ends_at",
        "first_date",
        "last_date",
    ]

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")

    class WeekOfMonth(models.IntegerChoices):
        FIRST = 1, _("first")
        SECOND = 2, _("second")
        THIRD = 3, _("third")
        FOURTH = 4, _("fourth")
        LAST = -1, _("last")

    frequency = models.CharField(_("repeats"), max_length=10, choices=Frequency.choices)
    interval = models.PositiveSmallIntegerField(
        _("every"), default=1, help_text=_("1 = every week/month, 2 = every other …")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    week_of_month = models.SmallIntegerField(
        _("week of the month"),
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text=_("Monthly series only, e.g. the second Wednesday."),
    )
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(_("last date"))
    registration_opens_days = models.PositiveSmallIntegerField(
        _("registration opens (days before)"),
        null=True,
        blank=True,
        help_text=_("Empty: as soon as the event is published."),
    )
    published = models.BooleanField(
        _("publish occurrences"), default=True, help_text=_("Generated events are published.")
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at")), name="eventseries_times_ordered"
            ),
            models.CheckConstraint(
                condition=Q(first_date__lte=models.F("last_date")),
                name="eventseries_dates_ordered",
            ),
        ]

    def __str__(self):
        return self.title

    def occurrences(self) -> list[tuple[datetime, datetime]]:
        """(start, end) of every occurrence, aware; local wall-clock times on each date,
        so an 18:00 evening stays at 18:00 across the change to and from summer time."""
        weekday = rrule_weekdays[self.weekday]
        if self.frequency == self.Frequency.MONTHLY:
            weekday = weekday(self.week_of_month)
        rule = rrule(
            MONTHLY if self.frequency == self.Frequency.MONTHLY else WEEKLY,
            interval=self.interval,
            byweekday=weekday,
            dtstart=datetime.combine(self.first_date, self.starts_at),
            until=datetime.combine(self.last_date, self.starts_at),
        )
        tz = timezone.get_default_timezone()
        return [
            (
                datetime.combine(day.date(), self.starts_at, tzinfo=tz),
                datetime.combine(day.date(), self.ends_at, tzinfo=tz),
            )
            for day in rule
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.starts_at >= self.ends_at:
            errors["ends_at"] = _("The end must be after the start.")
        if self.first_date and self.last_date:
            if self.first_date > self.last_date:
                errors["last_date"] = _("The last date must not be before the first date.")
            elif (self.last_date - self.first_date).days > 2 * 366:
                errors["last_date"] = _("A series can run for two years at most.")
        if self.frequency == self.Frequency.MONTHLY and not self.week_of_month:
            errors["week_of_month"] = _("Choose which week of the month.")
        if errors:
            raise ValidationError(errors)


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])

    def upcoming(self, now=None):
        return self.filter(end__gt=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(end__lte=now or timezone.now()).order_by("-start", "-pk")

    def with_counts(self):
        """Annotate taken places (on site for hybrid events) and waiting-list length."""
        confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
        limited = Q(hybrid=False) | Q(registrations__participation=Participation.ON_SITE)
        return self.annotate(
            taken=Count("registrations", filter=confirmed & limited),
            waiting=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)
            ),
        )


class Participation(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")


class Event(EventDetails):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    series = models.ForeignKey(
        EventSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    slug = models.SlugField(_("slug"), max_length=120)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    registration_opens = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: now.")
    )
    registration_closes = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: at the start.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    previous_start = models.DateTimeField(
        _("moved from"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The start before the event was moved to another date."),
    )
    held_on_closed_day = models.BooleanField(
        _("takes place although the hub is closed"),
        default=False,
        help_text=_("Staff chose to keep it on a day the hub is closed."),
    )
    # Which capacity alerts (80, 100 percent) hub staff have been sent.
    capacity_alert_sent = models.PositiveSmallIntegerField(default=0, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["status", "end"]),
            models.Index(fields=["status", "start"]),  # the reminder sweep
            models.Index(fields=["hub", "start"]),
            models.Index(fields=["updated"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")), name="event_start_before_end"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.start):%d.%m.%Y %H:%M})"

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"pk": self.pk, "slug": self.slug})

    def clean(self):
        super().clean()
        if self.start and self.end and self.start >= self.end:
            raise ValidationError({"end": _("The end must be after the start.")})
        if self.status == self.Status.CANCELLED and not self.cancel_reason:
            raise ValidationError({"cancel_reason": _("Please say why the event is cancelled.")})

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    def limits(self, participation) -> bool:
        """Does a registration with this participation take one of the limited places?"""
        return self.capacity is not None and (
            not self.hybrid or participation == Participation.ON_SITE
        )

    def next_in_series(self) -> Event | None:
        """The series' next published occurrence after this one: what a person whose
        occurrence was cancelled can come to instead."""
        if not self.series_id:
            return None
        return (
            Event.objects.filter(
                series_id=self.series_id, status=self.Status.PUBLISHED, start__gt=self.start
            )
            .order_by("start")
            .first()
        )

    def places_left(self, taken: int) -> int | None:
        """Free limited places, or None when unlimited; `taken` as with_counts() gives it."""
        if self.capacity is None:
            return None
        return max(self.capacity - taken, 0)

    @property
    def free_places(self) -> int | None:
        """places_left() for events loaded through EventQuerySet.with_counts()."""
        return self.places_left(self.taken)

    def place_text(self) -> str:
        if self.place_kind == PlaceKind.ONLINE:
            return str(_("Online"))
        if self.place_kind == PlaceKind.ADDRESS:
            return self.address
        parts = [self.hub.name if self.hub else "", self.room, self.hub.address if self.hub else ""]
        return ", ".join(p for p in parts if p)


# Mail domains that many unrelated people share: the share per mail domain does not
# apply to them (their users are told apart by connection only).
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "web.de", "t-online.de", "freenet.de",
        "gmail.com", "googlemail.com", "outlook.com", "outlook.de", "hotmail.com",
        "hotmail.de", "live.com", "live.de", "msn.com", "yahoo.com", "yahoo.de",
        "icloud.com", "me.com", "mac.com", "aol.com", "aol.de", "posteo.de", "posteo.net",
        "mailbox.org", "proton.me", "protonmail.com", "arcor.de", "online.de",
        "email.de", "vodafone.de", "kabelmail.de", "ewe.net", "mail.de", "1und1.de",
    }
)  # fmt: skip


def mail_domain(email: str) -> str:
    """The domain of an address, lower case; empty for a free-mail provider."""
    domain = email.rpartition("@")[2].strip().lower()
    return "" if domain in FREE_MAIL_DOMAINS else domain


def email_domain():
    """The domain of a row's email, lower case, as an expression."""
    return Lower(Substr("email", StrIndex("email", Value("@")) + 1))


class RegistrationQuerySet(ActiveQuerySet):
    def taken(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def of_group(self, kind: str, value: str):
        """One connection's ("source", its hash) or one mail domain's ("domain")
        registrations: a burst the cockpit shows (events.selectors)."""
        if kind == "source":
            return self.filter(source=value) if value else self.none()
        return self.annotate(domain=email_domain()).filter(domain=value.lower())


class AccessNeed(models.TextChoices):
    """Support a person asks for to take part (optional). Health data (Art. 9 DSGVO):
    only the hub's staff see it, and it is erased once the event is over."""

    SIGN_LANGUAGE = "sign_language", _("Sign-language interpreter")
    INDUCTION_LOOP = "induction_loop", _("Induction loop")
    STEP_FREE = "step_free", _("Step-free access")
    OTHER = "other", _("Other support")


# Days the hub needs to arrange each kind of support (the cockpit warns when less).
ACCESS_NEED_LEAD_DAYS = {AccessNeed.SIGN_LANGUAGE: 14, AccessNeed.INDUCTION_LOOP: 7}
ACCESS_NEED_DEFAULT_LEAD_DAYS = 3


class Registration(ForAPerson):
    """One person's place (or place on the waiting list) at one event.

    Guests confirm their email address by a link; until then `expires_at` is set and
    the registration holds its place only until then (see services.registration_expire).
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired (email not confirmed)")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not recorded")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("No-show")

    ACTIVE = [Status.CONFIRMED, Status.WAITLISTED]

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("account"),
    )
    participation = models.CharField(
        _("participation"),
        max_length=10,
        choices=Participation.choices,
        default=Participation.ON_SITE,
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True, default=""
    )
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    expires_at = models.DateTimeField(
        _("expires unless confirmed"), null=True, blank=True, db_index=True
    )
    access_needs = models.CharField(
        _("support needed"), max_length=100, blank=True, help_text=_("Codes, comma-separated.")
    )
    access_note = models.CharField(_("support: details"), max_length=300, blank=True)
    # Which connection it came from, as a keyed hash (never the address): no one
    # connection or mail domain takes more than its share of the places
    # (services._refuse_beyond_share); staff release bursts from the cockpit.
    source = models.CharField(_("connection (hashed)"), max_length=16, blank=True, editable=False)
    created = models.DateTimeField(_("registered"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    @property
    def access_need_list(self) -> list[AccessNeed]:
        return [AccessNeed(code) for code in self.access_needs.split(",") if code]

    @property
    def access_need_text(self) -> str:
        labels = [str(n.label) for n in self.access_need_list]
        return ", ".join(labels + ([self.access_note] if self.access_note else []))

    def access_lead_days(self) -> int:
        """The notice the hub needs for the support asked for (the longest)."""
        needs = self.access_need_list or ([AccessNeed.OTHER] if self.access_note else [])
        return max(
            (ACCESS_NEED_LEAD_DAYS.get(n, ACCESS_NEED_DEFAULT_LEAD_DAYS) for n in needs),
            default=0,
        )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["event", "status", "created"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(status__in=["confirmed", "waitlisted"], person__isnull=False),
                name="registration_one_active_per_person",
            ),
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=Q(status__in=["confirmed", "waitlisted"]) & ~Q(email=""),
                name="registration_one_active_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.event.title}"

    @property
    def awaits_email_confirmation(self) -> bool:
        return self.expires_at is not None and self.email_confirmed_at is None

    @property
    def waiting_position(self) -> int | None:
        """1 for the first person on the waiting list; None when not waiting."""
        if self.status != self.Status.WAITLISTED:
            return None
        ahead = Registration.objects.filter(
            event_id=self.event_id, status=self.Status.WAITLISTED
        ).filter(Q(created__lt=self.created) | Q(created=self.created, pk__lt=self.pk))
        return ahead.count() + 1


def guest_hold() -> timedelta:
    """How long a guest's place is held before the address is confirmed
    (settings.GUEST_HOLD_MINUTES); then the place goes to the waiting list."""
    return timedelta(minutes=settings.GUEST_HOLD_MINUTES)
