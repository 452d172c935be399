"""What a change to a hub's hours or closures does, before staff save it.

The admin (hubs/admin_preview.py) saves the change inside a transaction, reads
the hub's calendars before and after, and rolls back; staff then see:

- the next 28 days as citizens will see them, each changed day marked (`days`);
- every event, desk booking and advice appointment the change hits (`hits`): on a
  day that becomes closed (events) or outside the new hours (bookings, appointments),
  with the number of people affected.

Nothing is saved until staff confirm, and nothing hit is touched until staff chose,
for each item, to cancel it and notify everyone (one email each through the outbox,
with the reason and a suggestion), to move an event to another date, or to keep it
on purpose (the public page then says it takes place although the hub is closed).

The items are the booking apps': each registers a ClosureSource in its AppConfig.ready
(events/closures.py, coworking/closures.py, funding/closures.py) that finds its items
held at a hub and cancels, moves or keeps them through its own services. The cockpit
(hubs/cockpit.py) asks the same sources which items fall on a closed day.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hubportal.errors import DomainError
from hubportal.timeranges import LOCAL_TZ, covers, local_span

from .hours import OpeningCalendar
from .models import Hub
from .selectors import presences_on, with_schedule

HORIZON_DAYS = 400  # how far ahead hits are looked for (as far as "next opening" looks)
PREVIEW_DAYS = 28
OPENING = "opening"  # the calendar of the hub's public opening hours


@dataclass
class Held:
    """An item a source holds at a hub: an event, a desk booking, an appointment."""

    obj: object
    hub_id: int
    what: str
    start: datetime
    end: datetime
    people: int = 1


class HitWhen:
    CLOSED = "closed"  # its day closes (an event may run in the evening, after hours)
    OUTSIDE = "outside"  # its time leaves the hours (a desk, an on-site appointment)


@dataclass(frozen=True)
class ClosureSource:
    """What a booking app tells the closure preview and the cockpit about its items."""

    kind: str  # "event", "booking", "appointment": the hit's key
    admin_change: str  # the admin URL name of an item's page
    # Items at these hubs starting in [start, end) and not kept on a closed day.
    held: Callable[[list[int], datetime, datetime], Iterable[Held]]
    cancel: Callable[[object, str], object]  # (item, reason), notifying everyone
    keep: Callable[[object], object]  # held on the closed day on purpose
    move: Callable[[object, date], object] | None = None  # to another date, if it can
    # The calendar its items live by: None for the opening hours, or hub -> calendar
    # with .days(first, n) (co-working has hours of its own).
    calendar: Callable[[object], object] | None = None
    hit_when: str = HitWhen.OUTSIDE

    @property
    def calendar_name(self) -> str:
        return OPENING if self.calendar is None else self.kind


SOURCES: dict[str, ClosureSource] = {}


def register(source: ClosureSource) -> None:
    SOURCES[source.kind] = source


def calendars(hub_id: int, first: date) -> dict[str, list]:
    """Read the hub's calendars afresh from the database (no stale prefetches): its
    opening days and those of every source with hours of its own."""
    hub = with_schedule(Hub.objects.filter(pk=hub_id), since=first).get()
    found = {OPENING: OpeningCalendar(hub).days(first, HORIZON_DAYS)}
    for source in SOURCES.values():
        if source.calendar is not None:
            found[source.kind] = source.calendar(hub).days(first, HORIZON_DAYS)
    return found


def _on_site(day) -> list[str]:
    return [
        f"{p.organisation.name} {p.starts:%H:%M}–{p.ends:%H:%M}" for p in presences_on(None, day)
    ]


@dataclass
class PreviewDay:
    before: object  # hubs.hours.Day
    after: object

    @property
    def on_site_before(self) -> list[str]:
        return _on_site(self.before)

    @property
    def on_site_after(self) -> list[str]:
        return _on_site(self.after)

    @property
    def changed(self) -> bool:
        """Hours, closure or who is on site differ."""
        return self.before != self.after or self.on_site_before != self.on_site_after


class Choice:
    CANCEL = "cancel"
    MOVE = "move"
    KEEP = "keep"
    LABELS = {
        CANCEL: gettext_lazy("Cancel and notify everyone affected"),
        MOVE: gettext_lazy("Move the event to another date"),
        KEEP: gettext_lazy("Keep it: takes place although the hub is closed"),
    }


@dataclass
class Hit:
    source: ClosureSource
    obj: object
    what: str
    start: datetime
    people: int
    reason: str  # why: the closure's reason, the holiday, or new hours

    @property
    def kind(self) -> str:
        return self.source.kind

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.obj.pk}"

    @property
    def url(self) -> str:
        return reverse(self.source.admin_change, args=[self.obj.pk])

    @property
    def choices(self) -> list[tuple[str, str]]:
        allowed = [Choice.CANCEL, Choice.MOVE, Choice.KEEP]
        if self.source.move is None:
            allowed.remove(Choice.MOVE)
        return [(c, Choice.LABELS[c]) for c in allowed]


@dataclass
class CalendarChange:
    hub: object
    days: list[PreviewDay]  # the next 28 days
    changed_days: int  # within the whole horizon
    hits: list[Hit]

    @property
    def people(self) -> int:
        return sum(h.people for h in self.hits)


def _shut(day) -> bool:
    return bool(day.closed_reason) or not day.intervals


def _why(day) -> str:
    return day.closed_reason or _("new opening hours")


def _pairs(before: list, after: list) -> dict[date, PreviewDay]:
    return {b.date: PreviewDay(b, a) for b, a in zip(before, after, strict=True)}


def _lost(source: ClosureSource, day: PreviewDay, item: Held) -> bool:
    """Does the change take this item's day or hours away?"""
    if source.hit_when == HitWhen.CLOSED:
        return _shut(day.after) and not _shut(day.before)
    span = (item.start, item.end)
    return covers(day.before.ranges, *span) and not covers(day.after.ranges, *span)


def calendar_change(
    hub, before: dict[str, list], after: dict[str, list], *, now: datetime | None = None
) -> CalendarChange:
    now = now or timezone.now()
    pairs = {name: _pairs(before[name], after[name]) for name in before}
    opening = pairs[OPENING]
    first = before[OPENING][0].date
    end = local_span(first, HORIZON_DAYS)[1]
    hits: list[Hit] = []
    for source in SOURCES.values():
        changed = {d: p for d, p in pairs[source.calendar_name].items() if p.before != p.after}
        if not changed:
            continue
        for item in source.held([hub.pk], now, end):
            day = changed.get(item.start.astimezone(LOCAL_TZ).date())
            if day and _lost(source, day, item):
                hits.append(
                    Hit(source, item.obj, item.what, item.start, item.people, _why(day.after))
                )
    hits.sort(key=lambda h: h.start)
    changed_on_site = sum(1 for p in opening.values() if p.changed)
    return CalendarChange(hub, list(opening.values())[:PREVIEW_DAYS], changed_on_site, hits)


@dataclass
class Decision:
    choice: str
    move_to: date | None = None


def decisions_read(data, hits: list[Hit]) -> tuple[dict[str, Decision], dict[str, str]]:
    """The staff's choice for each hit from the submitted form, and an error per hit
    that lacks one (nothing is cancelled, moved or kept without a choice)."""
    decisions, errors = {}, {}
    for hit in hits:
        choice = data.get(f"hit-{hit.key}", "")
        if choice not in dict(hit.choices):
            errors[hit.key] = _("Please choose what happens to this item.")
            continue
        move_to = None
        if choice == Choice.MOVE:
            move_to = parse_date(data.get(f"move-{hit.key}", "") or "")
            if move_to is None:
                errors[hit.key] = _("Enter the new date, e.g. 2026-12-15.")
                continue
        decisions[hit.key] = Decision(choice, move_to)
    return decisions, errors


def hits_resolve(hits: list[Hit], decisions: dict[str, Decision]) -> Counter:
    """Carry out the staff's decisions through each item's own services (emails,
    audit trail); returns how many were cancelled, moved, kept. Raises DomainError
    (with the hit's key as field) when a move is refused."""
    done: Counter = Counter()
    # Latest first, so a cancelled occurrence's email names a next date still on.
    for hit in sorted(hits, key=lambda h: h.start, reverse=True):
        decision = decisions[hit.key]
        if decision.choice == Choice.KEEP:
            hit.source.keep(hit.obj)
        elif decision.choice == Choice.MOVE:
            try:
                hit.source.move(hit.obj, decision.move_to)
            except DomainError as error:
                raise DomainError(f"{hit.what}: {error.message}", hit.key) from error
        else:
            hit.source.cancel(hit.obj, hit.reason)
        done[decision.choice] += 1
    return done
