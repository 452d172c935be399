from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hubs.models import Hub

from .kinds import label


def stuck_before(now):
    """Messages claimed before this moment and still "sending" are stuck (the worker
    stopped): OUTBOX_STUCK_MINUTES ago."""
    return now - timedelta(minutes=settings.OUTBOX_STUCK_MINUTES)


class MessageQuerySet(models.QuerySet):
    def stuck(self, now=None):
        return self.filter(_stuck(now or timezone.now()))

    def needing_attention(self, now=None):
        """Failed, given up, or stuck: what staff should look at."""
        failed = Q(status__in=[Message.Status.FAILED, Message.Status.GAVE_UP])
        return self.filter(failed | _stuck(now or timezone.now()))


def _stuck(now) -> Q:
    return Q(status=Message.Status.SENDING, claimed_at__lt=stuck_before(now))


class Message(models.Model):
    """One email in the outbox: rendered when the action happened, then delivered."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, will be retried")
        GAVE_UP = "gave_up", _("Failed, given up")
        SKIPPED = "skipped", _("Not sent (no longer due)")

    kind = models.CharField(_("kind"), max_length=60)
    hub = models.ForeignKey(
        Hub,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hub"),
    )
    recipient = models.EmailField(_("recipient"))
    # The address of the person an email to someone else names (an advisor told of
    # an appointment, staff asked to approve a booking): the person's export and
    # deletion find it by this address.
    about = models.EmailField(_("about"), blank=True, db_index=True)
    language = models.CharField(
        _("language"), max_length=8, default="de", choices=settings.LANGUAGES
    )
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"))
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    retry_if_stuck = models.BooleanField(
        _("retry once if stuck"),
        default=True,
        help_text=_(
            "A message still “sending” after a while (the worker stopped) is sent once "
            "more with the same Message-ID, so mail systems drop it if the first arrived."
        ),
    )
    stuck_retried_at = models.DateTimeField(_("retried after getting stuck"), null=True, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    resent_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resend of"),
    )

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("outbox")
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=Q(status__in=["queued", "failed"]),
                name="message_pending_idx",
            ),
            models.Index(fields=["hub", "created"]),
        ]

    def __str__(self):
        return f"{self.subject} → {self.recipient}"

    @property
    def kind_label(self) -> str:
        return label(self.kind)


class Reminder(models.Model):
    """A reminder claimed for one item, offset and start time: the unique constraint
    makes it go out once, however many sweeps or workers run at the same time.
    A moved item has a new start and so gets a new reminder."""

    source = models.CharField(_("kind"), max_length=30)
    object_id = models.BigIntegerField()
    offset_minutes = models.PositiveIntegerField()
    start = models.DateTimeField()
    message = models.OneToOneField(
        Message, on_delete=models.CASCADE, null=True, related_name="reminder"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "object_id", "offset_minutes", "start"],
                name="reminder_once_per_item_offset_start",
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.object_id} −{self.offset_minutes} min"


class HubReminder(models.Model):
    """When a hub's reminders of one kind go out, in hours before the start: one row
    per hub and reminder source (sources.py; e.g. "booking"). Without a row, the
    source's own default hours apply; an empty value sends none."""

    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="reminder_times", verbose_name=_("hub")
    )
    source = models.CharField(_("kind"), max_length=30)
    hours = models.CharField(
        _("hours before the start"),
        max_length=50,
        blank=True,
        help_text=_("Hours before the start, e.g. “24” or “48,2”; empty: no reminders."),
    )

    class Meta:
        verbose_name = _("reminder times")
        verbose_name_plural = _("reminder times")
        ordering = ["hub", "source"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "source"], name="hub_reminder_once_per_source")
        ]

    def __str__(self):
        return f"{self.hub}: {self.source}"

    def clean(self):
        try:
            hours = parse_hours(self.hours)
        except ValueError:
            hours = None
        if hours is None or any(h <= 0 or h > 24 * 14 for h in hours):
            raise ValidationError({"hours": _("Hours between 1 and 336, separated by commas.")})


def parse_hours(value: str) -> list[int]:
    """ "24, 2" → [24, 2]; "" → [] (no reminders)."""
    return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]


class DeliveryCount(models.Model):
    """How many emails of a hub and month were delivered or given up, kept when the
    outbox's messages are deleted (OUTBOX_RETENTION_DAYS, or with an account), so the
    network's figures (figures/selectors.py) still count them. It names no one."""

    month = models.DateField(_("month"))  # its first day
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="+")
    reminder = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=Message.Status.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("delivery count")
        verbose_name_plural = _("delivery counts")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "hub", "reminder", "status"], name="delivery_count_once"
            )
        ]
        indexes = [models.Index(fields=["month", "hub"])]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.status}: {self.count}"
