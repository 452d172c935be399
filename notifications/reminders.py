"""Reminders before events, bookings and appointments: the database is the schedule.

Each app registers a ReminderSource (sources.py) in its AppConfig.ready. The sweep asks
every source for active items starting within the largest reminder window (an index-backed
range query on the start time), works out which reminders are due now, and claims each
by inserting a Reminder row; the unique constraint (source, item, offset, start) lets
only one of several concurrent sweeps win. The winner stores the email in the outbox
in the same transaction. Rules:
- only active items (cancelled ones get none; delivery re-checks just before sending);
- a moved item has a new start and gets its reminder at the new time;
- an item created inside the window gets no stale "tomorrow" reminder;
- people who turned reminders off in their account get none.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import HubReminder, Reminder, parse_hours
from .services import message_send, outbox_flush
from .sources import SOURCES, ReminderSource

logger = logging.getLogger(__name__)


def _hours_by_hub(source: ReminderSource, rows: list[HubReminder]) -> dict[int, list[int]]:
    """The hours each hub chose for this source (HubReminder rows)."""
    return {row.hub_id: parse_hours(row.hours) for row in rows if row.source == source.name}


def _offsets(source: ReminderSource, hub, chosen: dict[int, list[int]]) -> list[int]:
    """Reminder offsets in minutes for an item at this hub."""
    hours = chosen.get(getattr(hub, "pk", None), list(source.default_hours))
    return [h * 60 for h in hours]


def _opted_out(item) -> bool:
    """People with an account may turn reminders off ("My account")."""
    return item.person is not None and not item.person.reminders_enabled


def reminders_send_due(*, now: datetime | None = None) -> dict[str, int]:
    """The periodic sweep (beat, every minute; or the command of the same name): queue
    the reminders due now, and re-enqueue email retries and lost messages."""
    return {"reminders": reminders_queue_due(now=now), "flushed": outbox_flush(now=now)}


def reminders_queue_due(*, now: datetime | None = None) -> int:
    """Claim and queue every reminder due now. Safe to run concurrently."""
    now = now or timezone.now()
    rows = list(HubReminder.objects.all())
    queued = 0
    for source in SOURCES.values():
        chosen = _hours_by_hub(source, rows)
        widest = max([*source.default_hours, *(h for hours in chosen.values() for h in hours), 0])
        items = list(source.candidates(now, now + timedelta(hours=widest)))
        if not items:
            continue
        claimed = set(
            Reminder.objects.filter(
                source=source.name, object_id__in=[i.pk for i in items]
            ).values_list("object_id", "offset_minutes", "start")
        )
        for item in items:
            start = source.start(item)
            for offset in _offsets(source, source.hub(item), chosen):
                due_at = start - timedelta(minutes=offset)
                if not (due_at <= now < start) or item.created >= due_at:
                    continue
                if (item.pk, offset, start) in claimed or _opted_out(item):
                    continue
                email = source.email(item)
                try:
                    with transaction.atomic():
                        reminder = Reminder.objects.create(
                            source=source.name,
                            object_id=item.pk,
                            offset_minutes=offset,
                            start=start,
                        )
                        (message,) = message_send(kind=f"reminder.{source.name}", **email)
                        reminder.message = message
                        reminder.save(update_fields=["message"])
                except IntegrityError:
                    continue  # another sweep claimed this reminder first
                queued += 1
    return queued
