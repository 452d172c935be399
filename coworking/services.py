"""Every write to co-working bookings. The rules they check are in coworking/rules.py.

A workspace is never booked twice for overlapping time: on PostgreSQL the exclusion
constraint `booking_no_overlap` is the last word (a lost race raises IntegrityError,
turned into a friendly BookingError here); on SQLite every transaction takes the
write lock when it begins (settings), so check-then-write cannot interleave.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hubportal import calendars
from hubportal.timeranges import LOCAL_TZ, local_datetime

from . import emails, rules
from .models import Booking, BookingPolicy, MemberProfile, Workspace
from .rules import BookingError


def _create(
    *,
    workspace,
    start,
    end,
    person,
    name,
    email,
    phone,
    language,
    purpose,
    booked_by,
    now,
    series=None,
) -> Booking:
    by_staff = booked_by is not None
    if person is not None:
        # One person's bookings are checked and written one at a time (weekly limit).
        get_user_model().objects.select_for_update().filter(pk=person.pk).first()
    rules.check_booking(
        workspace=workspace, start=start, end=end, person=person, by_staff=by_staff, now=now
    )
    booking = Booking(
        workspace=workspace,
        person=person,
        name=name,
        email=email,
        phone=phone,
        language=language or (person.language if person else "de"),
        start=start,
        end=end,
        purpose=purpose,
        series=series,
        booked_by=booked_by,
        status=Booking.Status.PENDING
        if rules.needs_approval(person=person, workspace=workspace, by_staff=by_staff)
        else Booking.Status.CONFIRMED,
        created=now,
    )
    booking.fill_from_account()
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as exc:  # the exclusion constraint: someone was faster
        raise BookingError(
            _(
                "Someone else has just booked %(workspace)s for this time. Please choose "
                "another time or workspace."
            )
            % {"workspace": workspace.name},
            "start",
        ) from exc
    emails.booking_received(booking.pk)
    return booking


@transaction.atomic
def booking_create(
    *,
    workspace: Workspace,
    start: datetime,
    end: datetime,
    person=None,
    name: str = "",
    email: str = "",
    phone: str = "",
    language: str = "",
    purpose: str = "",
    booked_by=None,
    now: datetime | None = None,
) -> Booking:
    """Book a workspace for a member (`person`) or, by staff, for anyone (`booked_by`)."""
    return _create(
        workspace=workspace,
        start=start,
        end=end,
        person=person,
        name=name,
        email=email,
        phone=phone,
        language=language,
        purpose=purpose,
        booked_by=booked_by,
        now=now or timezone.now(),
    )


def recurring_starts(start: datetime, end: datetime, weeks: int):
    """The same local wall-clock time on the same weekday for `weeks` weeks (DST-safe)."""
    local_start, local_end = start.astimezone(LOCAL_TZ), end.astimezone(LOCAL_TZ)
    for n in range(weeks):
        day = local_start.date() + timedelta(weeks=n)
        yield (
            local_datetime(day, local_start.time()),
            local_datetime(day + (local_end.date() - local_start.date()), local_end.time()),
        )


def bookings_create(
    *,
    workspace: Workspace,
    start: datetime,
    end: datetime,
    weeks: int = 1,
    all_or_nothing: bool = True,
    person=None,
    purpose: str = "",
) -> tuple[list[Booking], list[tuple[datetime, str]]]:
    """What the booking form asks for: one date, or the same time for `weeks` weeks
    (booking_create_recurring). Returns (booked, conflicts as (start, reason))."""
    if weeks > 1:
        return booking_create_recurring(
            workspace=workspace,
            start=start,
            end=end,
            weeks=weeks,
            all_or_nothing=all_or_nothing,
            person=person,
            purpose=purpose,
        )
    booking = booking_create(
        workspace=workspace, start=start, end=end, person=person, purpose=purpose
    )
    return [booking], []


@transaction.atomic
def booking_create_recurring(
    *,
    workspace: Workspace,
    start: datetime,
    end: datetime,
    weeks: int,
    all_or_nothing: bool,
    person=None,
    purpose: str = "",
    booked_by=None,
    now: datetime | None = None,
) -> tuple[list[Booking], list[tuple[datetime, str]]]:
    """ "Every Tuesday for 8 weeks". Returns (booked, conflicts as (start, reason)).

    All-or-nothing books nothing if one date is not free, and raises BookingError
    listing the conflicts; otherwise the free dates are booked and the rest listed.
    """
    now = now or timezone.now()
    series = uuid.uuid4()
    booked, conflicts = [], []
    for s, e in recurring_starts(start, end, weeks):
        try:
            with transaction.atomic():
                booked.append(
                    _create(
                        workspace=workspace,
                        start=s,
                        end=e,
                        person=person,
                        name="",
                        email="",
                        phone="",
                        language="",
                        purpose=purpose,
                        booked_by=booked_by,
                        now=now,
                        series=series,
                    )
                )
        except BookingError as error:
            conflicts.append((s, error.message))
    if conflicts and all_or_nothing:
        transaction.set_rollback(True)
        raise BookingError(
            _("Nothing was booked: %(count)d of %(weeks)d dates are not free.")
            % {"count": len(conflicts), "weeks": weeks},
            conflicts=conflicts,
        )
    if not booked:
        raise BookingError(_("None of the dates is free."), conflicts=conflicts)
    return booked, conflicts


@transaction.atomic
def booking_cancel(
    *, booking: Booking, by_staff: bool = False, reason: str = "", now: datetime | None = None
):
    """Cancel a booking; staff may give a reason (e.g. a closure), which the email
    carries with another free time for the same place."""
    now = now or timezone.now()
    booking = (
        Booking.objects.select_for_update().select_related("workspace__hub").get(pk=booking.pk)
    )
    rules.check_cancel(booking=booking, by_staff=by_staff, now=now)
    booking.status = Booking.Status.CANCELLED
    booking.cancel_reason = reason
    booking.save(update_fields=["status", "cancel_reason", "updated"])
    emails.booking_changed(booking.pk, "cancelled")
    return booking


def _set_status(booking: Booking, allowed_from, status, notify=None, **fields) -> Booking:
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    rules.check_status(booking, allowed_from)
    booking.status = status
    for name, value in fields.items():
        setattr(booking, name, value)
    booking.save()
    if notify:
        emails.booking_changed(booking.pk, notify)
    return booking


@transaction.atomic
def booking_keep_on_closed_day(*, booking: Booking) -> Booking:
    """Staff keep the booking on a day the hub is closed (a closure's preview): the
    person is told that it takes place."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if not booking.held_on_closed_day:
        booking.held_on_closed_day = True
        booking.save(update_fields=["held_on_closed_day", "updated"])
        emails.booking_changed(booking.pk, "kept")
    return booking


@transaction.atomic
def booking_approve(*, booking: Booking) -> Booking:
    return _set_status(booking, [Booking.Status.PENDING], Booking.Status.CONFIRMED, "approved")


@transaction.atomic
def booking_decline(*, booking: Booking, reason: str = "") -> Booking:
    return _set_status(
        booking,
        [Booking.Status.PENDING],
        Booking.Status.DECLINED,
        "declined",
        decline_reason=reason,
    )


@transaction.atomic
def booking_check_in(*, booking: Booking) -> Booking:
    return _set_status(
        booking,
        [Booking.Status.CONFIRMED, Booking.Status.NO_SHOW, Booking.Status.RELEASED],
        Booking.Status.CHECKED_IN,
    )


@transaction.atomic
def booking_mark_no_show(*, booking: Booking) -> Booking:
    return _set_status(
        booking,
        [Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN],
        Booking.Status.NO_SHOW,
        "no_show",
    )


def bookings_release_unchecked(*, now: datetime | None = None) -> int:
    """Sweep: free workspaces whose booking was not checked in within the hub's time."""
    now = now or timezone.now()
    released = 0
    policies = BookingPolicy.objects.filter(release_after_minutes__isnull=False)
    for policy in policies:
        due = Booking.objects.filter(
            workspace__hub_id=policy.hub_id,
            status=Booking.Status.CONFIRMED,
            start__lte=now - timedelta(minutes=policy.release_after_minutes),
            end__gt=now,
        )
        for booking in due:
            with transaction.atomic():
                try:
                    _set_status(
                        booking, [Booking.Status.CONFIRMED], Booking.Status.RELEASED, "released"
                    )
                except BookingError:
                    continue  # checked in meanwhile
                released += 1
    return released


@transaction.atomic
def member_profile_save(*, user, group: str, organisation: str) -> MemberProfile:
    profile, _created = MemberProfile.objects.get_or_create(
        user=user, defaults={"group": group, "organisation": organisation}
    )
    profile.group, profile.organisation = group, organisation
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def member_feed_renew(*, profile: MemberProfile) -> MemberProfile:
    """A new secret address for the person's booking calendar; the old one is void."""
    profile.feed_token = calendars.new_feed_token()
    profile.save(update_fields=["feed_token"])
    return profile
