"""What a change to a hub's hours or closures does, before staff save it.

The admin (hubportal/admin_preview.py) saves the change inside a transaction, reads
the hub's calendars before and after, and rolls back; staff then see:

- the next 28 days as citizens will see them, each changed day marked (`days`);
- every event, desk booking and advice appointment the change hits (`hits`): on a
  day that becomes closed (events) or outside the new hours (bookings, appointments),
  with the number of people affected.

Nothing is saved until staff confirm, and nothing hit is touched until staff chose,
for each item, to cancel it and notify everyone (one email each through the outbox,
with the reason and a suggestion), to move an event to another date, or to keep it
on purpose (the public page then says it takes place although the hub is closed).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coworking.models import Booking
from coworking.selectors import coworking_calendar
from coworking.services import booking_cancel, booking_keep_on_closed_day
from events.models import Event, Registration
from events.services import event_cancel, event_keep_on_closed_day, event_move
from funding.models import Appointment
from funding.services import appointment_cancel, appointment_keep_on_closed_day

from .errors import DomainError
from .timeranges import LOCAL_TZ, covers, local_span

HORIZON_DAYS = 400  # how far ahead hits are looked for (as far as "next opening" looks)
PREVIEW_DAYS = 28


@dataclass
class Calendars:
    """A hub's days from a date on: public opening, and co-working (for bookings)."""

    opening: list
    coworking: list


def calendars(hub_id: int, first: date) -> Calendars:
    """Read the hub's calendars afresh from the database (no stale prefetches)."""
    from hubs.hours import OpeningCalendar
    from hubs.models import Hub
    from hubs.selectors import with_schedule

    hub = with_schedule(Hub.objects.filter(pk=hub_id), since=first).get()
    return Calendars(
        OpeningCalendar(hub).days(first, HORIZON_DAYS),
        coworking_calendar(hub).days(first, HORIZON_DAYS),
    )


def _on_site(day) -> list[str]:
    from hubs.selectors import presences_on

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
    kind: str  # "event", "booking", "appointment"
    obj: object
    what: str
    start: datetime
    people: int
    reason: str  # why: the closure's reason, the holiday, or new hours

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.obj.pk}"

    @property
    def url(self) -> str:
        app = {"event": "events", "booking": "coworking", "appointment": "funding"}[self.kind]
        return reverse(f"admin:{app}_{self.kind}_change", args=[self.obj.pk])

    @property
    def choices(self) -> list[tuple[str, str]]:
        allowed = [Choice.CANCEL, Choice.MOVE, Choice.KEEP]
        if self.kind != "event":
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


def calendar_change(
    hub, before: Calendars, after: Calendars, *, now: datetime | None = None
) -> CalendarChange:
    now = now or timezone.now()
    opening = _pairs(before.opening, after.opening)
    coworking = _pairs(before.coworking, after.coworking)
    first = before.opening[0].date
    changed = {d: p for d, p in opening.items() if p.before != p.after}
    changed_on_site = sum(1 for p in opening.values() if p.changed)
    changed_cw = {d: p for d, p in coworking.items() if p.changed}
    end = local_span(first, HORIZON_DAYS)[1]
    hits: list[Hit] = []

    def local(moment):
        return moment.astimezone(LOCAL_TZ).date()

    if changed:
        active = Q(registrations__status__in=Registration.ACTIVE)
        for event in (
            Event.objects.filter(hub=hub, status=Event.Status.PUBLISHED, held_on_closed_day=False)
            .filter(start__gte=now, start__lt=end)
            .annotate(people=Count("registrations", filter=active))
            .order_by("start")
        ):
            day = changed.get(local(event.start))
            if day and _shut(day.after) and not _shut(day.before):
                hits.append(
                    Hit("event", event, event.title, event.start, event.people, _why(day.after))
                )
        for appointment in (
            Appointment.objects.active()
            .filter(hub=hub, held_on_closed_day=False, start__gte=now, start__lt=end)
            .order_by("start")
        ):
            day = changed.get(local(appointment.start))
            span = (appointment.start, appointment.end)
            if day and covers(day.before.ranges, *span) and not covers(day.after.ranges, *span):
                what = _("Advice with %(advisor)s: %(name)s") % {
                    "advisor": appointment.advisor.public_name,
                    "name": appointment.name,
                }
                hits.append(
                    Hit("appointment", appointment, what, appointment.start, 1, _why(day.after))
                )
    if changed_cw:
        for booking in (
            Booking.objects.active()
            .filter(workspace__hub=hub, held_on_closed_day=False, start__gte=now, start__lt=end)
            .select_related("workspace")
            .order_by("start")
        ):
            day = changed_cw.get(local(booking.start))
            span = (booking.start, booking.end)
            if day and covers(day.before.ranges, *span) and not covers(day.after.ranges, *span):
                what = f"{booking.workspace.name}: {booking.name}"
                hits.append(Hit("booking", booking, what, booking.start, 1, _why(day.after)))
    hits.sort(key=lambda h: h.start)
    days = list(opening.values())[:PREVIEW_DAYS]
    return CalendarChange(hub, days, changed_on_site, hits)


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
    """Carry out the staff's decisions; returns how many were cancelled, moved, kept.
    Raises DomainError (with the hit's key as field) when a move is refused."""
    done: Counter = Counter()
    # Latest first, so a cancelled occurrence's email names a next date still on.
    for hit in sorted(hits, key=lambda h: h.start, reverse=True):
        decision = decisions[hit.key]
        if decision.choice == Choice.KEEP:  # through the services: emails, audit trail
            if hit.kind == "event":
                event_keep_on_closed_day(event=hit.obj)
            elif hit.kind == "booking":
                booking_keep_on_closed_day(booking=hit.obj)
            else:
                appointment_keep_on_closed_day(appointment=hit.obj)
        elif decision.choice == Choice.MOVE:
            try:
                event_move(event=hit.obj, day=decision.move_to)
            except DomainError as error:
                raise DomainError(f"{hit.what}: {error.message}", hit.key) from error
        elif hit.kind == "event":
            event_cancel(event=hit.obj, reason=hit.reason)
        elif hit.kind == "booking":
            booking_cancel(booking=hit.obj, by_staff=True, reason=hit.reason)
        else:
            appointment_cancel(appointment=hit.obj, reason=hit.reason, by_hub=True)
        done[decision.choice] += 1
    return done
