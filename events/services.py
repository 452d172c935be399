"""Every write to events and registrations.

Capacity is never exceeded: each registration path locks the event row
(SELECT ... FOR UPDATE on PostgreSQL; on SQLite every transaction takes the write
lock when it begins, see settings) and counts the taken places inside that lock.
One active registration per person and event is also a unique constraint.
Emails go into the outbox in the same transaction and out after it commits.
"""

from __future__ import annotations

import copy
import hashlib
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from hubportal.content_language import columns
from hubportal.dates import local_format
from hubportal.timeranges import LOCAL_TZ, local_datetime
from hubs.hours import OpeningCalendar

from . import emails, rules
from .models import (
    AccessNeed,
    Event,
    EventSeries,
    Participation,
    Registration,
    detail_fields,
    guest_hold,
)
from .rules import AlreadyRegistered, RegistrationError
from .states import registration_state

CAPACITY_ALERTS = (80, 100)


RESEND_EVERY = timedelta(minutes=5)


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _registered_already(event: Event, person, email: str) -> Registration | None:
    """The active registration of this person (or address) for the event, if any."""
    if not (person or email):
        return None
    active = event.registrations.active()
    return (active.filter(person=person) if person else active.filter(email__iexact=email)).first()


@transaction.atomic
def registration_create(
    *,
    event: Event,
    name: str,
    email: str = "",
    participation: str | None = None,
    person=None,
    phone: str = "",
    language: str = "de",
    booked_by=None,
    access_needs: list[str] | None = None,
    access_note: str = "",
    source: str = "",
    now: datetime | None = None,
) -> Registration:
    """Register someone: a place if one is free, otherwise the waiting list.

    `source`: the connection it came from (hubportal.clients.client_source); with the
    address's mail domain it keeps one group within its share (rules.check_share).
    Every refusal is in rules.py.

    `access_needs` (AccessNeed codes) and `access_note`: support asked for, optional;
    health data, erased after the event (events/privacy.py).

    `person`: a logged-in person (their address is verified). Neither `person` nor
    `booked_by`: a guest, who must confirm the address within GUEST_HOLD_MINUTES.
    `booked_by`: hub staff registering someone who called or walked in.

    A guest whose address is registered already gets that registration back (and its
    owner an email), never an error: the answer does not tell whether it was.
    """
    now = now or timezone.now()
    event = _locked(event)
    guest = person is None and booked_by is None
    rules.check_open(event, now=now, by_staff=booked_by is not None)
    email = person.email if person is not None else (email or "").strip()
    rules.check_contact(email, guest=guest)
    _expire_stale(event, now)
    existing = _registered_already(event, person, email)
    if existing is not None and guest:
        # The same answer as for a new registration: whoever typed the address learns
        # nothing; its owner gets an email with their registration's links.
        if _first_in_a_while("registration-already", event, email):
            emails.registration_already(existing.pk)
        return existing
    if existing is not None:
        raise AlreadyRegistered(
            _("You are already registered for this event."), field=None if person else "email"
        )
    if guest:
        rules.check_open_guest_registrations(email, now)
    if booked_by is None:
        rules.check_share(event, email, source)
    participation = rules.participation_for(event, participation)
    full = rules.is_full(event, participation)
    registration = Registration(
        event=event,
        person=person,
        name=name,
        email=email,
        phone=phone,
        language=language,
        participation=participation,
        status=Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED,
        booked_by=booked_by,
        created=now,
        access_needs=",".join(AccessNeed(code) for code in access_needs or []),
        access_note=access_note.strip(),
        source=source,
    )
    registration.fill_from_account()
    if person is None and booked_by is None:
        registration.expires_at = min(now + guest_hold(), event.start)
    else:
        registration.email_confirmed_at = now
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:
        raise AlreadyRegistered(_("You are already registered for this event.")) from exc

    emails.registration_received(registration.pk)
    _capacity_alert(event)
    return registration


@transaction.atomic
def registration_confirm_email(*, registration: Registration, now: datetime | None = None):
    """A guest clicked the link in the email: the registration stops expiring."""
    now = now or timezone.now()
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    lapsed = registration.expires_at is not None and registration.expires_at <= now
    if registration.status == Registration.Status.EXPIRED or (
        lapsed and registration.email_confirmed_at is None
    ):
        raise RegistrationError(
            _("This registration has expired because it was not confirmed in time.")
        )
    if registration.status == Registration.Status.CANCELLED:
        raise RegistrationError(_("This registration has been cancelled."))
    if registration.email_confirmed_at is None:
        registration.email_confirmed_at = now
        registration.expires_at = None
        registration.save(update_fields=["email_confirmed_at", "expires_at"])
        emails.registration_confirmed(registration.pk)
    return registration


def _first_in_a_while(what: str, event: Event, email: str) -> bool:
    """True at most once every RESEND_EVERY per event and address (a digest, so no
    address sits in the cache)."""
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return cache.add(f"{what}:{event.pk}:{digest}", True, timeout=RESEND_EVERY.total_seconds())


def registration_resend(*, event: Event, email: str) -> None:
    """Send an active registration's email again (the link to confirm the address, or
    the confirmation), at most once every few minutes per event and address; says
    nothing about whether the address is registered."""
    if not _first_in_a_while("registration-resend", event, email):
        raise RegistrationError(
            _(
                "The email was sent a moment ago. Please check your spam folder, or try again "
                "in %(minutes)d minutes."
            )
            % {"minutes": RESEND_EVERY.seconds // 60}
        )
    registration = event.registrations.active().filter(email__iexact=email).first()
    if registration is not None:
        emails.registration_received(registration.pk)


@transaction.atomic
def registration_cancel(*, registration: Registration, now: datetime | None = None):
    """Cancel until the start; the first on the waiting list moves up."""
    now = now or timezone.now()
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise RegistrationError(_("This registration is no longer active."))
    if now >= event.start:
        raise RegistrationError(
            _("The event has started; the registration can no longer be cancelled.")
        )
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    emails.registration_cancelled(registration.pk)
    _promote(event, now)
    return registration


def registrations_release(*, event: Event, kind: str, value: str, now=None) -> int:
    """Staff release a burst (selectors.registration_bursts): every active registration
    of the group is cancelled, each person told, the waiting list moves up."""
    now = now or timezone.now()
    released = 0
    for registration in event.registrations.active().of_group(kind, value).order_by("-created"):
        try:
            registration_cancel(registration=registration, now=now)
        except RegistrationError:
            continue  # cancelled meanwhile, or the event has begun
        released += 1
    return released


def _promote(event: Event, now: datetime) -> list[Registration]:
    """Fill free places from the waiting list, first come first served. Event is locked."""
    if event.capacity is None or now >= event.start or event.status != Event.Status.PUBLISHED:
        return []
    free = event.places_left(rules.taken(event))
    waiting = event.registrations.filter(status=Registration.Status.WAITLISTED)
    if event.hybrid:
        waiting = waiting.filter(participation=Participation.ON_SITE)
    promoted = list(waiting.order_by("created", "pk")[:free])
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        emails.registration_promoted(registration.pk)
    if promoted:
        _capacity_alert(event)
    return promoted


def _expire_stale(event: Event, now: datetime) -> int:
    stale = event.registrations.active().filter(
        email_confirmed_at__isnull=True, expires_at__lte=now
    )
    pks = list(stale.values_list("pk", flat=True))
    count = Registration.objects.filter(pk__in=pks).update(status=Registration.Status.EXPIRED)
    for pk in pks:  # each guest hears that the place has lapsed, and how to try again
        emails.registration_expired(pk)
    if count:
        _promote(event, now)
    return count


def registrations_expire_unconfirmed(*, now: datetime | None = None) -> int:
    """Sweep: guests who did not confirm in time lose their place (run periodically)."""
    now = now or timezone.now()
    event_ids = (
        Registration.objects.active()
        .filter(email_confirmed_at__isnull=True, expires_at__lte=now)
        .values_list("event_id", flat=True)
        .distinct()
    )
    expired = 0
    for event_id in list(event_ids):
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event_id)
            expired += _expire_stale(event, now)
    return expired


def _capacity_alert(event: Event) -> None:
    """Tell the hub's staff once when the event reaches 80 % and 100 %. Event is locked."""
    if not event.capacity:
        return
    percent = 100 * rules.taken(event) // event.capacity
    reached = max((a for a in CAPACITY_ALERTS if percent >= a), default=0)
    if reached > event.capacity_alert_sent:
        event.capacity_alert_sent = reached
        event.save(update_fields=["capacity_alert_sent"])
        emails.capacity_alert(event.pk, reached)


@transaction.atomic
def registration_set_attendance(
    *, registration: Registration, attendance: str, now: datetime | None = None
) -> Registration:
    """Attended or not: from the day of the event on (people come early to the
    door), for a confirmed place only."""
    now = now or timezone.now()
    event = registration.event
    if attendance and timezone.localdate(now) < timezone.localdate(event.start):
        raise RegistrationError(
            _("Attendance can be recorded from the day of the event on (%(date)s).")
            % {"date": local_format(timezone.localtime(event.start), "j.n.Y")}
        )
    if attendance and registration.status != Registration.Status.CONFIRMED:
        raise RegistrationError(
            _("%(name)s has no confirmed place (%(state)s).")
            % {"name": registration.name, "state": registration_state(registration).label}
        )
    registration.attendance = attendance
    registration.save(update_fields=["attendance"])
    return registration


@transaction.atomic
def event_keep_on_closed_day(*, event: Event) -> Event:
    """Staff keep the event on a day its hub is closed (a closure's preview):
    everyone registered is told that it takes place all the same."""
    event = _locked(event)
    if event.held_on_closed_day:
        return event
    event.held_on_closed_day = True
    event.save(update_fields=["held_on_closed_day", "updated"])
    for pk in event.registrations.active().values_list("pk", flat=True):
        emails.event_kept(pk)
    return event


@transaction.atomic
def event_cancel(*, event: Event, reason: str) -> Event:
    """Cancel an event; everyone registered or waiting is told why, and the waiting
    list is emptied."""
    event = _locked(event)
    if event.status == Event.Status.CANCELLED:
        return event
    event.status = Event.Status.CANCELLED
    event.cancel_reason = reason
    event.full_clean()
    event.save()
    recipients = list(event.registrations.active().values_list("pk", flat=True))
    # Nobody waits for a place at a cancelled event: the waiting list is emptied.
    event.registrations.filter(status=Registration.Status.WAITLISTED).update(
        status=Registration.Status.CANCELLED, cancelled_at=timezone.now()
    )
    for pk in recipients:
        emails.event_cancelled(pk)
    return event


@transaction.atomic
def event_move(*, event: Event, day: date, now: datetime | None = None) -> Event:
    """Move an event to another date at the same local times (a closure hit it);
    everyone registered or waiting is told the new date."""
    now = now or timezone.now()
    event = _locked(event)
    start, end = event.start.astimezone(LOCAL_TZ), event.end.astimezone(LOCAL_TZ)
    new_start = local_datetime(day, start.time())
    new_end = local_datetime(day + (end.date() - start.date()), end.time())
    if new_start <= now:
        raise RegistrationError(_("The new date must be in the future."), "start")
    if event.hub_id:
        shut = _days_the_hub_is_shut(event.hub, [day])
        if day in shut:
            raise RegistrationError(
                _("The hub is closed on %(date)s as well.") % {"date": local_format(day, "j.n.Y")},
                "start",
            )
    event.previous_start = event.previous_start or event.start
    event.start, event.end = new_start, new_end
    event.held_on_closed_day = False
    event.full_clean()
    event.save()
    for pk in list(event.registrations.active().values_list("pk", flat=True)):
        emails.event_moved(pk)
    return event


@transaction.atomic
def event_duplicate(*, event: Event) -> Event:
    """A copy as a draft, without registrations, for staff to adjust and publish."""
    copy_ = copy.copy(event)
    copy_.pk = copy_.id = None
    copy_.series = None
    copy_.status = Event.Status.DRAFT
    copy_.cancel_reason = ""
    copy_.capacity_alert_sent = 0
    copy_._state.adding = True
    copy_.save()
    return copy_


def event_slug(title: str, start: datetime) -> str:
    return slugify(f"{title}-{timezone.localtime(start):%Y-%m-%d}")[:120]


@transaction.atomic
def event_save(*, event: Event) -> Event:
    """Create or change an event (admin): slug from title and date, then validate."""
    if not event.slug:
        event.slug = event_slug(event.title, event.start)
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def series_save(*, series: EventSeries, apply_to_future: bool) -> dict[str, int] | None:
    """Save a series (admin); a new one, or one whose changes staff apply to the future,
    brings its occurrences up to date (series_sync). Returns what series_sync did."""
    is_new = series.pk is None
    series.save()
    if is_new or apply_to_future:
        return series_sync(series=series)
    return None


@transaction.atomic
def series_sync(*, series: EventSeries, now: datetime | None = None) -> dict[str, int]:
    """Generate the series' occurrences and bring future ones up to date.

    Past occurrences are never touched. A future occurrence whose date left the rule
    is deleted, or cancelled if people registered for it. No new occurrence is made on
    a day a closure or public holiday shuts the hub; one that exists already stays
    (what happens to it is the staff's decision).
    """
    now = now or timezone.now()
    # Occurrences are matched by their local date, so a new time moves an occurrence
    # (with its registrations) instead of replacing it.
    wanted = [(start, end) for start, end in series.occurrences() if end > now]
    existing = {timezone.localdate(e.start): e for e in series.events.filter(end__gt=now)}
    shut = _days_the_hub_is_shut(series.hub, [start.date() for start, _end in wanted])
    created = updated = removed = skipped = 0
    for start, end in wanted:
        event = existing.pop(start.date(), None)
        if event is None and start.date() in shut:
            skipped += 1
            continue
        event = event or Event(series=series)
        is_new = event.pk is None
        for field in columns(EventSeries, detail_fields()):  # texts in both languages
            setattr(event, field, getattr(series, field))
        event.start, event.end = start, end
        event.slug = event_slug(series.title, start)
        if series.registration_opens_days is not None:
            event.registration_opens = start - timedelta(days=series.registration_opens_days)
        if is_new:
            event.status = Event.Status.PUBLISHED if series.published else Event.Status.DRAFT
        elif event.status != Event.Status.CANCELLED:
            event.status = Event.Status.PUBLISHED if series.published else event.status
        event.full_clean()
        event.save()
        created += is_new
        updated += not is_new
    for event in existing.values():
        if event.registrations.active().exists():
            event_cancel(event=event, reason=str(_("The series has been changed.")))
        else:
            event.delete()
        removed += 1
    return {"created": created, "updated": updated, "removed": removed, "skipped": skipped}


def _days_the_hub_is_shut(hub, days: list) -> set:
    """Those of `days` on which a closure or a public holiday shuts the hub."""
    if hub is None or not days:
        return set()
    # Only closures and holidays shut a day, so the weekly schedules are not needed.
    calendar = OpeningCalendar(
        hub, schedules=[], exceptions=hub.exceptions.filter(end_date__gte=min(days))
    )
    return {day for day in days if calendar.day(day).closed_reason}
