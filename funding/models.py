"""Funding advice (Fördermittelberatung): advisors, their availability, the programme
catalogue and appointments.

"An advisor is never booked twice for overlapping time" is an exclusion constraint on
PostgreSQL (migration 0002) and serialised writes on SQLite; free slots are computed
in funding/slots.py, every write is in funding/services.py.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hubportal.models import TimeSlot
from hubportal.timeranges import local_datetime
from hubs.hours import OpeningCalendar
from hubs.models import Hub, Organisation, Weekday


class Service(models.TextChoices):
    """The two kinds of consultation dataport.kommunal offers at the hubs. Both are
    booked the same way; the word changes in pages, emails and calendars."""

    FUNDING = "funding", _("Funding advice")
    IT = "it", _("IT advice")


# The same, as a word inside a sentence ("Your request for funding advice …").
SERVICE_WORDS = {Service.FUNDING: _("funding advice"), Service.IT: _("IT advice")}


class Topic(models.Model):
    """What a consultation is about: digitalisation, broadband, mobility … (funding
    advice), or online services, IT security … (IT advice)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    service = models.CharField(
        _("kind of consultation"), max_length=10, choices=Service.choices, default=Service.FUNDING
    )

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Mode(models.TextChoices):
    ON_SITE = "on_site", _("On site at the hub")
    VIDEO = "video", _("Video call")
    PHONE = "phone", _("Phone")


class Advisor(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="advisor",
        verbose_name=_("user"),
    )
    public_name = models.CharField(_("public name"), max_length=150)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, verbose_name=_("organisation")
    )
    introduction = models.TextField(_("introduction"), blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), related_name="advisors")
    hubs = models.ManyToManyField(
        Hub, verbose_name=_("hubs served"), related_name="advisors", blank=True
    )
    photo = models.BinaryField(_("photo"), null=True, blank=True, editable=False)
    photo_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    requests_need_confirmation = models.BooleanField(
        _("requests need my confirmation"),
        default=True,
        help_text=_("Off: requests are confirmed at once."),
    )
    offers_30 = models.BooleanField(_("offers 30-minute appointments"), default=True)
    offers_60 = models.BooleanField(_("offers 60-minute appointments"), default=True)
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer between appointments (minutes)"), default=15
    )
    min_notice_hours = models.PositiveSmallIntegerField(_("minimum notice (hours)"), default=24)
    horizon_days = models.PositiveSmallIntegerField(_("bookable days ahead"), default=42)
    cancel_cutoff_hours = models.PositiveSmallIntegerField(
        _("cancel or move until (hours before)"), default=24
    )
    feed_token = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("advisor")
        verbose_name_plural = _("advisors")
        ordering = ["public_name"]

    def __str__(self):
        return self.public_name

    def save(self, *args, **kwargs):
        if not self.feed_token:
            self.feed_token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    def lengths(self) -> list[int]:
        return [m for m, offered in ((30, self.offers_30), (60, self.offers_60)) if offered]


class AvailabilityWindow(models.Model):
    """When and where an advisor takes appointments, e.g. Tue 09:00–15:00 in Einbeck."""

    advisor = models.ForeignKey(
        Advisor, on_delete=models.CASCADE, related_name="windows", verbose_name=_("advisor")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    hub = models.ForeignKey(
        Hub,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="advisor_windows",
        verbose_name=_("on site at"),
        help_text=_("Empty: remote, by video or phone."),
    )

    class Meta:
        verbose_name = _("availability window")
        verbose_name_plural = _("availability windows")
        ordering = ["advisor", "weekday", "starts"]
        constraints = [
            models.CheckConstraint(condition=Q(starts__lt=models.F("ends")), name="window_ordered")
        ]

    def __str__(self):
        place = self.hub.town if self.hub else _("remote")
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M} ({place})"

    def clean(self):
        if self.starts and self.ends and self.starts >= self.ends:
            raise ValidationError({"ends": _("The end must be after the start.")})
        if self.hub_id and self.starts and self.ends and self.weekday is not None:
            self._within_the_hubs_hours()

    def _within_the_hubs_hours(self) -> None:
        """On site only while the hub is open: the window lies within the hub's hours
        on that weekday (the schedule in force on its next such day), or it is refused
        with the hours named. Slots are cut to the hours of each day as well
        (funding/slots.py), so a later change of hours offers nothing outside them."""
        today = timezone.localdate()
        day = today + timedelta(days=(self.weekday - today.weekday()) % 7)
        calendar = OpeningCalendar(Hub.objects.get(pk=self.hub_id), exceptions=[])
        _schedule, hours = calendar.weekly(day)
        starts, ends = local_datetime(day, self.starts), local_datetime(day, self.ends)
        if any(iv.start <= starts and ends <= iv.end for iv in hours):
            return
        weekday = Weekday(self.weekday).label
        if not hours:
            message = _(
                "%(hub)s is closed on %(weekday)s: on-site advice is only possible "
                "while the hub is open."
            )
        else:
            message = _(
                "%(hub)s is open on %(weekday)s %(hours)s: an on-site window must lie "
                "within these hours."
            )
        spans = ", ".join(f"{iv.local_start:%H:%M}–{iv.local_end:%H:%M}" for iv in hours)
        raise ValidationError(
            {"ends": message % {"hub": self.hub.name, "weekday": weekday, "hours": spans}}
        )


class Absence(models.Model):
    advisor = models.ForeignKey(
        Advisor, on_delete=models.CASCADE, related_name="absences", verbose_name=_("advisor")
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    reason = models.CharField(
        _("reason"), max_length=100, blank=True, help_text=_("Not shown to the public.")
    )

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__lte=models.F("end_date")), name="absence_ordered"
            )
        ]

    def __str__(self):
        return f"{self.advisor}: {self.start_date:%d.%m.%Y}–{self.end_date:%d.%m.%Y}"

    def clean(self):
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValidationError({"end_date": _("The last day must not be before the first day.")})


class FundingProgramme(models.Model):
    class Funder(models.TextChoices):
        EU = "eu", _("European Union")
        FEDERAL = "federal", _("Federal government")
        STATE = "state", _("State")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    funder = models.CharField(_("funder"), max_length=10, choices=Funder.choices)
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("topic")
    )
    link = models.URLField(_("link"), blank=True)
    deadline = models.DateField(
        _("application deadline"), null=True, blank=True, help_text=_("Empty: no fixed deadline.")
    )
    summary = models.TextField(_("short text"))
    description = models.TextField(
        _("what is funded"), blank=True, help_text=_("Shown on the programme's own page.")
    )
    audience = models.TextField(_("who can apply"), blank=True)
    amount = models.CharField(
        _("how much"), max_length=200, blank=True, help_text=_("E.g. 'up to 80 % of the costs'.")
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)
    active = models.BooleanField(_("shown"), default=True)

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["name"]
        indexes = [
            # The catalogue and the API: the shown programmes by deadline, and their count.
            models.Index(
                fields=["deadline", "name"],
                condition=models.Q(active=True),
                name="programme_shown_by_deadline",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("funding:programme", kwargs={"pk": self.pk})


class Outcome(models.TextChoices):
    """What came of a funding consultation, recorded by the advisor afterwards. It
    names no one: it stays when the appointment's personal data are erased, and the
    network's figures count it per programme and hub."""

    APPLIED = "applied", _("Applied for funding")
    GRANTED = "granted", _("Funding granted")
    NOT_PURSUED = "not_pursued", _("Not pursued")
    OPEN = "open", _("Still open")


class AmountRange(models.TextChoices):
    """The funding applied for or granted, in ranges wide enough to name no project."""

    UP_TO_10K = "to_10k", _("up to 10,000 euros")
    UP_TO_50K = "to_50k", _("10,000 to 50,000 euros")
    UP_TO_250K = "to_250k", _("50,000 to 250,000 euros")
    OVER_250K = "over_250k", _("over 250,000 euros")


class Appointment(TimeSlot):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")
        DONE = "done", _("Done")
        NO_SHOW = "no_show", _("No-show")

    # Appointments that hold the advisor's time. The PostgreSQL exclusion constraint
    # (migrations/0002_appointment_no_overlap.py) holds a copy of this list: change both
    # together, with a new migration; tests/hubportal/test_constraints.py checks it.
    ACTIVE = [Status.REQUESTED, Status.CONFIRMED]

    advisor = models.ForeignKey(
        Advisor, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("advisor")
    )
    mode = models.CharField(_("how"), max_length=10, choices=Mode.choices)
    hub = models.ForeignKey(
        Hub,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("hub"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("requested by"),
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, help_text=_("Municipality, firm or association")
    )
    role = models.CharField(_("role"), max_length=100, blank=True)
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("topic"),
    )
    programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("programme"),
        help_text=_("Empty: “I don't know yet”."),
    )
    question = models.TextField(_("your project and question"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    advisor_notes = models.TextField(_("private notes"), blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    held_on_closed_day = models.BooleanField(
        _("takes place although the hub is closed"),
        default=False,
        help_text=_("Staff chose to keep it on a day the hub is closed."),
    )
    proposed_start = models.DateTimeField(_("proposed new start"), null=True, blank=True)
    followup_sent_at = models.DateTimeField(_("follow-up sent"), null=True, blank=True)
    outcome = models.CharField(
        _("next step"), max_length=12, choices=Outcome.choices, blank=True, default=""
    )
    outcome_programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme applied to"),
    )
    outcome_amount = models.CharField(
        _("amount"), max_length=10, choices=AmountRange.choices, blank=True, default=""
    )
    outcome_at = models.DateTimeField(_("next step recorded"), null=True, blank=True)

    class Meta(TimeSlot.Meta):
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        indexes = [
            models.Index(fields=["advisor", "start"]),
            models.Index(fields=["status", "start"]),
            models.Index(fields=["person", "start"]),
        ]
        constraints = [
            *TimeSlot.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(mode="on_site") | Q(hub__isnull=False),
                name="appointment_on_site_has_hub",
            ),
        ]

    @property
    def has_started(self) -> bool:
        return self.start <= timezone.now()

    @property
    def cutoff(self):
        """Until when the person may cancel, move or correct it (load the advisor)."""
        return self.start - timedelta(hours=self.advisor.cancel_cutoff_hours)

    @property
    def past_cutoff(self) -> bool:
        return timezone.now() > self.cutoff

    @property
    def service_label(self) -> str:
        """ "funding advice" or "IT advice" (German: "Fördermittelberatung",
        "IT-Beratung", both feminine, so "zur …" fits either), from the topic it was booked for
        (load it with select_related("topic") where many are shown)."""
        service = self.topic.service if self.topic_id else Service.FUNDING
        return str(SERVICE_WORDS[Service(service)])

    def __str__(self):
        return f"{self.advisor} – {self.name}, {timezone.localtime(self.start):%d.%m.%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("funding:appointment", kwargs={"pk": self.pk})

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    def place_text(self) -> str:
        if self.mode == Mode.ON_SITE and self.hub:
            return f"{self.hub.name}, {self.hub.address}"
        return str(self.get_mode_display())
