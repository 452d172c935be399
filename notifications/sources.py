"""The reminder sources: what each app tells the reminder sweep about its items.

Each app registers one ReminderSource in its AppConfig.ready (events, co-working,
funding). The sweep (reminders.py) asks every source for items starting soon; the
outbox (services.py) asks `still_due` right before it sends a reminder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from .kinds import register as register_kinds
from .models import Reminder


@dataclass(frozen=True)
class ReminderSource:
    """Items are registrations, bookings or appointments (hubportal.models.ForAPerson):
    the sweep reads their `created` and `person` (whose account may turn reminders
    off) itself."""

    name: str  # stored in Reminder.source and HubReminder.source, e.g. "booking"
    label: str  # what staff read in the admin: "desk and room bookings"
    kind_label: str  # its emails' name in the outbox: "Reminder: booking"
    default_hours: tuple[int, ...]  # hours before the start, where a hub chose none
    # Active items whose start lies in (after, until]; select what `email` needs.
    candidates: Callable[[datetime, datetime], Iterable]
    start: Callable[[object], datetime]
    hub: Callable[[object], object]
    # The keyword arguments for services.message_send.
    email: Callable[[object], dict]
    # Is the item still active and starting at `start`? Checked right before sending.
    still_active: Callable[[int, datetime], bool]


SOURCES: dict[str, ReminderSource] = {}


def register(source: ReminderSource) -> None:
    SOURCES[source.name] = source
    register_kinds({f"reminder.{source.name}": source.kind_label})


def still_due(reminder: Reminder) -> bool:
    """Is the item still active and starting when the reminder was claimed for?"""
    source = SOURCES.get(reminder.source)
    return source is not None and source.still_active(reminder.object_id, reminder.start)
