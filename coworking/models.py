"""Co-working: workspaces, each hub's booking rules, members and bookings.

"No two active bookings of one workspace overlap" is an exclusion constraint on
PostgreSQL (migration 0002) and serialised writes on SQLite; the rules a booking
must follow are checked in coworking/services.py.
"""

import secrets
from datetime import time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hubportal.models import TimeSlot
from hubs.models import Hub


class Workspace(models.Model):
    class Kind(models.TextChoices):
        DESK = "desk", _("Desk")
        MEETING_ROOM = "meeting_room", _("Meeting room")
        PHONE_BOOTH = "phone_booth", _("Phone booth")

    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="workspaces", verbose_name=_("hub")
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DESK)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    has_screen = models.BooleanField(_("screen"), default=False)
    has_docking = models.BooleanField(_("docking station"), default=False)
    has_video = models.BooleanField(_("video conferencing"), default=False)
    barrier_free = models.BooleanField(_("barrier-free"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")
        ordering = ["hub", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "name"], name="workspace_unique_name_per_hub"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="workspace_has_a_seat"),
        ]

    def __str__(self):
        return f"{self.name} ({self.hub.town})"

    def equipment(self) -> list[str]:
        labels = [
            (self.has_screen, _("screen")),
            (self.has_docking, _("docking station")),
            (self.has_video, _("video conferencing")),
            (self.barrier_free, _("barrier-free")),
        ]
        return [str(label) for present, label in labels if present]


class WorkspaceBlock(models.Model):
    """A period in which a workspace cannot be booked: maintenance, an event …"""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="blocks", verbose_name=_("workspace")
    )
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("blocked period")
        verbose_name_plural = _("blocked periods")
        ordering = ["start"]
        indexes = [models.Index(fields=["workspace", "end"])]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=models.F("end")), name="block_ordered")
        ]

    def __str__(self):
        return f"{self.workspace.name}: {self.reason}"

    def clean(self):
        if self.start and self.end and self.start >= self.end:
            raise ValidationError({"end": _("The end must be after the start.")})


class MemberGroup(models.TextChoices):
    MUNICIPAL_STAFF = "municipal_staff", _("Municipal staff")
    STARTUP = "startup", _("Start-up")
    COMPANY = "company", _("Company")
    CITIZEN = "citizen", _("Citizen")


class MemberProfile(models.Model):
    """Who a person is, for the hubs' rules on who may book."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="member_profile",
        verbose_name=_("user"),
    )
    group = models.CharField(_("I am"), max_length=20, choices=MemberGroup.choices)
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("Your town hall, firm, …")
    )
    feed_token = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return str(self.user)

    def save(self, *args, **kwargs):
        if not self.feed_token:
            self.feed_token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)


class BookingPolicy(models.Model):
    """One hub's booking rules."""

    hub = models.OneToOneField(
        Hub, on_delete=models.CASCADE, related_name="booking_policy", verbose_name=_("hub")
    )
    allow_municipal_staff = models.BooleanField(_("municipal staff may book"), default=True)
    allow_startup = models.BooleanField(_("start-ups may book"), default=True)
    allow_company = models.BooleanField(_("companies may book"), default=True)
    allow_citizen = models.BooleanField(_("citizens may book"), default=False)
    first_booking_needs_approval = models.BooleanField(
        _("a person's first booking needs approval"), default=False
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), default=30, choices=[(15, "15"), (30, "30"), (60, "60")]
    )
    midday = models.TimeField(
        _("midday"), default=time(13), help_text=_("Where “morning” ends and “afternoon” begins.")
    )
    horizon_days = models.PositiveSmallIntegerField(_("bookable days ahead"), default=28)
    min_notice_minutes = models.PositiveSmallIntegerField(_("minimum notice (minutes)"), default=30)
    weekly_limit_hours = models.PositiveSmallIntegerField(
        _("hours per person and week"),
        null=True,
        blank=True,
        default=20,
        help_text=_("Empty: no limit."),
    )
    cancellation_deadline_hours = models.PositiveSmallIntegerField(
        _("cancel until (hours before)"), default=2
    )
    release_after_minutes = models.PositiveSmallIntegerField(
        _("release if not checked in after (minutes)"),
        null=True,
        blank=True,
        help_text=_("Empty: bookings are never released automatically."),
    )

    class Meta:
        verbose_name = _("booking rules")
        verbose_name_plural = _("booking rules")

    def __str__(self):
        return str(self.hub)

    def allows(self, group: str) -> bool:
        return getattr(self, f"allow_{group}", False)

    @property
    def open_to(self) -> str:
        """Who may book, in words: "Municipal staff, Start-up, Company"."""
        return ", ".join(str(label) for value, label in MemberGroup.choices if self.allows(value))

    @property
    def slot(self) -> timedelta:
        return timedelta(minutes=self.slot_minutes)


class Booking(TimeSlot):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        CHECKED_IN = "checked_in", _("Checked in")
        CANCELLED = "cancelled", _("Cancelled")
        DECLINED = "declined", _("Declined")
        NO_SHOW = "no_show", _("No-show")
        RELEASED = "released", _("Released (not checked in)")

    # Bookings that hold their workspace. The PostgreSQL exclusion constraint
    # (migrations/0002_booking_no_overlap.py) holds a copy of this list: change both
    # together, with a new migration; tests/hubportal/test_constraints.py checks it.
    ACTIVE = [Status.PENDING, Status.CONFIRMED, Status.CHECKED_IN]

    workspace = models.ForeignKey(
        Workspace, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("workspace")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("booked for"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    series = models.UUIDField(_("recurring booking"), null=True, blank=True, db_index=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    held_on_closed_day = models.BooleanField(
        _("takes place although the hub is closed"),
        default=False,
        help_text=_("Staff chose to keep it on a day the hub is closed."),
    )

    class Meta(TimeSlot.Meta):
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [
            models.Index(fields=["workspace", "start"]),
            models.Index(fields=["status", "start"]),
            models.Index(fields=["person", "start"]),
        ]

    def __str__(self):
        local = timezone.localtime(self.start)
        return f"{self.workspace.name}, {local:%d.%m.%Y %H:%M} – {self.name}"

    def get_absolute_url(self):
        return reverse("coworking:booking", kwargs={"pk": self.pk})

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600
