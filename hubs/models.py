"""Hubs, their partners and themes, weekly schedules, exceptions and staff presence.

The question "is a hub open at time T, and when does it next open or close?" is
answered in one place: hubs/hours.py.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from hubportal.content_language import text as content_text
from hubportal.dates import local_format
from hubportal.validators import origins, validate_origins


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class State(models.TextChoices):
    """German states; the codes are the ISO 3166-2 ones the holidays library uses."""

    BW = "BW", _("Baden-Württemberg")
    BY = "BY", _("Bavaria")
    BE = "BE", _("Berlin")
    BB = "BB", _("Brandenburg")
    HB = "HB", _("Bremen")
    HH = "HH", _("Hamburg")
    HE = "HE", _("Hesse")
    MV = "MV", _("Mecklenburg-Western Pomerania")
    NI = "NI", _("Lower Saxony")
    NW = "NW", _("North Rhine-Westphalia")
    RP = "RP", _("Rhineland-Palatinate")
    SL = "SL", _("Saarland")
    SN = "SN", _("Saxony")
    ST = "ST", _("Saxony-Anhalt")
    SH = "SH", _("Schleswig-Holstein")
    TH = "TH", _("Thuringia")


class Organisation(models.Model):
    """A partner that runs or is present at hubs, e.g. "dataport.kommunal"."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FocusTheme(models.Model):
    """A theme a hub concentrates on, e.g. "Vitale Gemeinschaften"."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("focus theme")
        verbose_name_plural = _("focus themes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class HubQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Hub(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Part of the address: /hubs/<slug>/")
    )
    town = models.CharField(_("town"), max_length=100)
    state = models.CharField(
        _("state"),
        max_length=2,
        choices=State.choices,
        help_text=_("Decides which public holidays close the hub."),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    short_description = models.CharField(_("short description"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("partner organisations"), related_name="hubs", blank=True
    )
    focus_themes = models.ManyToManyField(
        FocusTheme, verbose_name=_("focus themes"), related_name="hubs", blank=True
    )
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    hours_note = models.TextField(
        _("notes on opening hours"),
        blank=True,
        help_text=_("Shown under the hours, e.g. 'Outside these hours by appointment.'"),
    )
    # Accessibility and getting there: what someone in a wheelchair, with a pram or
    # without a car needs to know before setting off. Empty means "not yet described".
    access_entrance = models.TextField(
        _("step-free access"), blank=True, help_text=_("Entrance, steps, ramp, doors, lift.")
    )
    access_toilet = models.TextField(_("toilet"), blank=True)
    access_parking = models.TextField(_("parking"), blank=True)
    access_transport = models.TextField(
        _("public transport"), blank=True, help_text=_("Nearest stops and lines, walking time.")
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive hubs are not shown to the public.")
    )
    widget_origins = models.TextField(
        _("websites that may show the widget"),
        blank=True,
        validators=[validate_origins],
        help_text=_(
            "One address per line, e.g. https://www.einbeck.de: only these websites may "
            "show the hub's widget in a frame. Empty: no website may."
        ),
    )
    figures_public = models.BooleanField(
        _("publish the hub's figures"),
        default=False,
        help_text=_(
            "The hub agrees that its monthly figures (events, registrations, desks, "
            "advice) appear on the public statistics page and in its open data."
        ),
    )

    objects = HubQuerySet.as_manager()

    class Meta:
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")
        ordering = ["town", "name"]
        # The network staff's role, above hub staff: the figures of every hub.
        permissions = [("view_network_figures", _("Can see the figures of every hub"))]
        indexes = [
            # The hub list and the home page: the active hubs in this order.
            models.Index(
                fields=["town", "name"], condition=Q(active=True), name="hub_active_by_town"
            ),
            # The state filter; the privacy notice's supervisory authorities.
            models.Index(fields=["state"], name="hub_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90) | Q(latitude__isnull=True),
                name="hub_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180) | Q(longitude__isnull=True),
                name="hub_longitude_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("hubs:detail", kwargs={"slug": self.slug})

    @property
    def frame_origins(self) -> list[str]:
        """The origins staff allow to frame the widget (validated on save)."""
        return origins(self.widget_origins)

    @property
    def address(self):
        return ", ".join(p for p in [self.street, f"{self.postal_code} {self.town}".strip()] if p)

    @property
    def accessibility(self) -> list[tuple[str, str]]:
        """(label, text) for each described aspect of access, in the order people ask."""
        names = ["access_entrance", "access_toilet", "access_parking", "access_transport"]
        return [
            (self._meta.get_field(name).verbose_name, content_text(self, name))
            for name in names
            if getattr(self, name)
        ]


class HubStaff(models.Model):
    """The hub-staff role: ties a user to a hub they manage in the admin."""

    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="staff_memberships", verbose_name=_("hub")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="hub_memberships",
        verbose_name=_("user"),
    )

    class Meta:
        verbose_name = _("hub staff member")
        verbose_name_plural = _("hub staff")
        constraints = [
            models.UniqueConstraint(fields=["hub", "user"], name="hubstaff_unique_user_per_hub")
        ]

    def __str__(self):
        return f"{self.user} @ {self.hub}"


class Schedule(models.Model):
    """A full week of a hub's hours, valid for a period ("Winterzeiten ab 1.12.").

    A date is governed by exactly one schedule of each kind: validity periods of one
    hub's schedules of a kind never overlap (checked in `clean`, and on PostgreSQL by
    an exclusion constraint). A date no schedule covers is closed. Staff edit a
    schedule as one week, so a change to Friday can never blank Monday to Thursday.
    The opening-hours schedule also says who is on site (StaffPresence).
    """

    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening hours")
        COWORKING = "coworking", _("Co-working hours")

    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="schedules", verbose_name=_("hub")
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.OPENING,
        help_text=_(
            "Co-working hours only where desks can be booked at other times than the "
            "hub is open; otherwise the opening hours apply to co-working too."
        ),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("For staff, e.g. “Winterzeiten”.")
    )
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, help_text=_("Empty: since always.")
    )
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: open-ended.")
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("weekly schedule")
        verbose_name_plural = _("weekly schedules")
        ordering = ["hub", "kind", F("valid_from").asc(nulls_first=True)]
        indexes = [models.Index(fields=["hub", "kind", "valid_until"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_from__lte=models.F("valid_until")),
                name="schedule_valid_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.period})"

    @property
    def period(self) -> str:
        if self.valid_from and self.valid_until:
            return _("%(start)s to %(end)s") % {
                "start": date_format(self.valid_from, "SHORT_DATE_FORMAT"),
                "end": date_format(self.valid_until, "SHORT_DATE_FORMAT"),
            }
        if self.valid_from:
            return _("from %(start)s") % {
                "start": date_format(self.valid_from, "SHORT_DATE_FORMAT")
            }
        if self.valid_until:
            return _("until %(end)s") % {"end": date_format(self.valid_until, "SHORT_DATE_FORMAT")}
        return _("always")

    @property
    def week_text(self) -> list[tuple[str, str]]:
        """(weekday, "09:00–13:00, 14:00–18:00") for each open day, from the
        prefetched intervals."""
        days: dict[int, list[str]] = {}
        for i in sorted(self.intervals.all(), key=lambda i: (i.weekday, i.opens)):
            days.setdefault(i.weekday, []).append(f"{i.opens:%H:%M}–{i.closes:%H:%M}")
        return [(Weekday(w).label, ", ".join(texts)) for w, texts in days.items()]

    def covers(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def overlapping(self):
        """The hub's other schedules of this kind whose validity overlaps this one's."""
        others = Schedule.objects.filter(hub_id=self.hub_id, kind=self.kind).exclude(pk=self.pk)
        if self.valid_until is not None:
            others = others.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_until))
        if self.valid_from is not None:
            others = others.filter(
                Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from)
            )
        return others

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValidationError(
                {"valid_until": _("The end of the validity period must not be before its start.")}
            )
        if self.hub_id is None:
            return
        others = self.overlapping()
        replaced = getattr(self, "replaces", None)  # set by the form: ends the day before
        if replaced is not None:
            others = others.exclude(pk=replaced.pk)
        other = others.first()
        if other is not None:
            raise ValidationError({"valid_from": self._overlap_message(other)})

    def _overlap_message(self, other: "Schedule") -> str:
        """What to set so that each date has one schedule, with the date to set."""
        starts_before = other.valid_from is None or (
            self.valid_from is not None and other.valid_from < self.valid_from
        )
        if starts_before and self.valid_from is not None:
            return _(
                "This period overlaps “%(other)s”. Let “%(other)s” end on %(day)s, the "
                "day before this one starts: tick “End the schedule in force on the day "
                "before” below, or set its last day to %(day)s."
            ) % {
                "other": other.name,
                "day": local_format(self.valid_from - timedelta(days=1), "j.n.Y"),
            }
        if other.valid_from is not None and (
            self.valid_from is None or other.valid_from > self.valid_from
        ):
            return _(
                "This period overlaps “%(other)s”, which starts on %(start)s. Set this "
                "schedule's last day to %(day)s, or choose other dates."
            ) % {
                "other": other.name,
                "start": local_format(other.valid_from, "j.n.Y"),
                "day": local_format(other.valid_from - timedelta(days=1), "j.n.Y"),
            }
        return _(
            "This period overlaps “%(other)s”. A date has exactly one schedule: shorten "
            "“%(name)s” first or choose other dates."
        ) % {"other": other, "name": other.name}

    def get_additional_data(self):
        """Kept in the audit trail, so the hub's page lists its weeks of hours."""
        return {"hub": self.hub_id}


class ScheduleInterval(models.Model):
    """One opening interval on one weekday of a schedule; a day may have several
    (e.g. 9-13 and 14-18)."""

    schedule = models.ForeignKey(
        Schedule, on_delete=models.CASCADE, related_name="intervals", verbose_name=_("schedule")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening interval")
        verbose_name_plural = _("opening intervals")
        ordering = ["schedule", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens__lt=models.F("closes")),
                name="scheduleinterval_opens_before_closes",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens and self.closes and self.opens >= self.closes:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})

    def get_additional_data(self):
        """Kept in the audit trail, so the week's page lists its deleted rows too."""
        return {"schedule": self.schedule_id}


class OpeningException(models.Model):
    """A closure or special hours for a date or a range of dates.

    Special hours replace the weekly hours on those dates and open the hub on a public
    holiday on purpose. Where exceptions overlap, the one with the shorter date range
    wins; on a tie a closure wins.
    """

    class Kind(models.TextChoices):
        CLOSED = "closed", _("Closed")
        SPECIAL_HOURS = "special", _("Special hours")

    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="exceptions", verbose_name=_("hub")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CLOSED)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    reason = models.CharField(
        _("reason"), max_length=200, help_text=_("Shown to the public, e.g. “Betriebsferien”.")
    )

    class Meta:
        verbose_name = _("closure or special hours")
        verbose_name_plural = _("closures and special hours")
        ordering = ["hub", "start_date", "opens"]
        indexes = [models.Index(fields=["hub", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__lte=models.F("end_date")),
                name="openingexception_dates_ordered",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="closed", opens__isnull=True, closes__isnull=True)
                    | Q(
                        kind="special",
                        opens__isnull=False,
                        closes__isnull=False,
                        opens__lt=models.F("closes"),
                    )
                ),
                name="openingexception_hours_match_kind",
            ),
        ]

    def __str__(self):
        return f"{self.reason} ({self.start_date:%d.%m.%Y}–{self.end_date:%d.%m.%Y})"

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.start_date > self.end_date:
            errors["end_date"] = _("The last day must not be before the first day.")
        if self.kind == self.Kind.SPECIAL_HOURS:
            if not self.opens:
                errors["opens"] = _("Special hours need an opening time.")
            if not self.closes:
                errors["closes"] = _("Special hours need a closing time.")
            if self.opens and self.closes and self.opens >= self.closes:
                errors["closes"] = _("Closing time must be after opening time.")
        elif self.opens or self.closes:
            errors["opens"] = _("A closure has no hours; choose “Special hours” instead.")
        if errors:
            raise ValidationError(errors)

    @property
    def span_days(self):
        return (self.end_date - self.start_date).days

    def get_additional_data(self):
        """Kept in the audit trail, so the hub's page lists its closures."""
        return {"hub": self.hub_id}


class StaffPresence(models.Model):
    """Who is on site when, and for what: "Smart-City-Team, Mon 09:00–13:00". Part of
    an opening-hours schedule, and within its hours (checked where staff edit it)."""

    schedule = models.ForeignKey(
        Schedule, on_delete=models.CASCADE, related_name="presences", verbose_name=_("schedule")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="presences",
        verbose_name=_("organisation or team"),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    purpose = models.CharField(
        _("for what"), max_length=200, help_text=_("e.g. “Fragen, Anregungen, Ideen”")
    )

    class Meta:
        verbose_name = _("staff presence")
        verbose_name_plural = _("staff presence")
        ordering = ["schedule", "weekday", "starts"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts__lt=models.F("ends")), name="staffpresence_starts_before_ends"
            ),
        ]

    def __str__(self):
        weekday = self.get_weekday_display()
        return f"{self.organisation}: {weekday} {self.starts:%H:%M}–{self.ends:%H:%M}"

    def clean(self):
        if self.starts and self.ends and self.starts >= self.ends:
            raise ValidationError({"ends": _("The end must be after the start.")})
