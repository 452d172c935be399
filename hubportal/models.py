"""What registrations, bookings and appointments share: who they are for.

Each of events.Registration, coworking.Booking and funding.Appointment is made for a
person: someone with an account (`person`, declared on each model with its related
name, e.g. `user.bookings`) or someone who called or came by, known by name, email
and phone. Staff who enter it for them are `booked_by`. Each model also has a
`status` and a list `ACTIVE` of the statuses in which it holds its place. Bookings
and appointments are also a TimeSlot: from start to end.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .querysets import TimeSlotQuerySet


class ForAPerson(models.Model):
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    language = models.CharField(
        _("language"), max_length=8, default="de", choices=settings.LANGUAGES
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booked by staff member"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)

    ACTIVE: list[str] = []

    class Meta:
        abstract = True

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    def fill_from_account(self) -> None:
        """Name and email from the person's account where none were given."""
        if self.person is not None:
            self.name = self.name.strip() or self.person.get_full_name()
            self.email = self.email or self.person.email


class TimeSlot(ForAPerson):
    """A booking or an appointment: a stretch of someone's time (a desk's, an
    advisor's) held from start to end while its status is ACTIVE; on PostgreSQL an
    exclusion constraint makes sure no two active ones of one owner overlap
    (hubportal/migration_helpers.py)."""

    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    updated = models.DateTimeField(_("changed"), auto_now=True)

    objects = TimeSlotQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="%(class)s_start_before_end"
            )
        ]
