"""Hubs, their partners and themes, weekly hours, exceptions and staff presence.

The question "is a hub open at time T, and when does it next open or close?" is
answered in one place: hubs/hours.py.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive hubs are not shown to the public.")
    )

    objects = HubQuerySet.as_manager()

    class Meta:
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")
        ordering = ["town", "name"]
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
    def address(self):
        return ", ".join(p for p in [self.street, f"{self.postal_code} {self.town}".strip()] if p)


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


class WeeklyHours(models.Model):
    """One interval on one weekday, with an optional validity period: the shape
    hubs/hours.py reads, for a hub's opening hours and its co-working hours alike.
    Several intervals per day are allowed (e.g. 9-13 and 14-18)."""

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    valid_from = models.DateField(
        _("valid from"),
        null=True,
        blank=True,
        help_text=_("Empty: always. Hours valid from a later date replace earlier ones."),
    )
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: open-ended.")
    )

    class Meta:
        abstract = True
        ordering = ["hub", "valid_from", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens__lt=models.F("closes")), name="%(class)s_opens_before_closes"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_from__lte=models.F("valid_until")),
                name="%(class)s_valid_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        errors = {}
        if self.opens and self.closes and self.opens >= self.closes:
            errors["closes"] = _("Closing time must be after opening time.")
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            errors["valid_until"] = _(
                "The end of the validity period must not be before its start."
            )
        if errors:
            raise ValidationError(errors)


class OpeningHours(WeeklyHours):
    """A hub's public opening hours.

    A validity period announces other hours from a date on: on any date, the rows in
    force are those valid that day whose "valid from" is the latest, so a new set of
    hours replaces the old one for the whole week (see hubs/hours.py).
    """

    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("hub")
    )

    class Meta(WeeklyHours.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        indexes = [models.Index(fields=["hub", "weekday"])]


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


class StaffPresence(models.Model):
    """Who is on site when, and for what: "Smart-City-Team, Mon 09:00–13:00"."""

    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="presences", verbose_name=_("hub")
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
        ordering = ["hub", "weekday", "starts"]
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
