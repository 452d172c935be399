"""Why was my booking refused? Every co-working rule, with its message.

Each check raises a BookingError that says which rule failed and what would work
instead ("Free that day: 13:00–18:00"), on the field it belongs to. The services in
coworking/services.py call these checks inside their transaction; the database's
exclusion constraint stays the last word under concurrency.

Rules, in the order they are checked (`check_booking`):
1. the workspace and hub are active;
2. start before end, on one day, on the hub's slot grid;
3. the person's group may book at this hub (staff booking for a caller: skipped);
4. not in the past; the hub's minimum notice and horizon (staff: skipped);
5. the hub has co-working hours that day and they hold the whole booking;
6. the workspace is not blocked and not booked then;
7. the person has no other booking then, and stays within the weekly limit (staff:
   no limit).
Also here: whether a first booking needs approval, and until when one may cancel.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from hubportal.dates import local_format
from hubportal.errors import DomainError
from hubportal.timeranges import LOCAL_TZ, covers, local_datetime, local_span, subtract

from .models import Booking, BookingPolicy, Workspace
from .selectors import coworking_day, member_profile, policy_for
from .states import booking_state


class BookingError(DomainError):
    """A co-working refusal; `conflicts` lists (start, reason) of dates a recurring
    booking could not get."""

    def __init__(self, message, field=None, conflicts=None):
        super().__init__(message, field)
        self.conflicts = conflicts or []


def clock(moment: datetime) -> str:
    return moment.astimezone(LOCAL_TZ).strftime("%H:%M")


def day_text(moment: datetime) -> str:
    return local_format(moment.astimezone(LOCAL_TZ), "D, j.n.Y")


def _ranges_text(ranges) -> str:
    return ", ".join(f"{clock(s)}–{clock(e)}" for s, e in ranges) or _("nothing")


def check_booking(
    *,
    workspace: Workspace,
    start: datetime,
    end: datetime,
    person=None,
    by_staff: bool = False,
    now: datetime | None = None,
    ignore: Booking | None = None,
) -> None:
    """Raise BookingError for the first rule this booking breaks."""
    now = now or timezone.now()
    hub = workspace.hub
    policy = policy_for(hub)
    if not workspace.active or not hub.active:
        raise BookingError(_("This workspace cannot be booked at the moment."), "workspace")
    _check_shape(start, end, policy)
    if person is not None and not by_staff:
        check_member(person=person, policy=policy)
    _check_when(start, policy, by_staff, now)
    opened = _check_open(workspace, start, end)
    _check_free(workspace, start, end, opened, ignore)
    if person is not None:
        _check_person(
            person=person,
            workspace=workspace,
            start=start,
            end=end,
            policy=policy,
            by_staff=by_staff,
            ignore=ignore,
        )


def _check_shape(start: datetime, end: datetime, policy: BookingPolicy) -> None:
    if start >= end:
        raise BookingError(_("The end must be after the start."), "end")
    local_start, local_end = start.astimezone(LOCAL_TZ), end.astimezone(LOCAL_TZ)
    if local_start.date() != local_end.date() and local_end.time() != time.min:
        raise BookingError(_("A booking starts and ends on the same day."), "end")
    for moment, field in ((local_start, "start"), (local_end, "end")):
        if (moment.hour * 60 + moment.minute) % policy.slot_minutes or moment.second:
            example = (datetime(2000, 1, 1, 9) + policy.slot).strftime("%H:%M")
            raise BookingError(
                _(
                    "Bookings start and end on the %(minutes)d-minute grid, "
                    "e.g. 09:00 or %(example)s."
                )
                % {"minutes": policy.slot_minutes, "example": example},
                field,
            )


def check_member(*, person, policy: BookingPolicy) -> None:
    """May this person book at the hub? Their member profile says which group they
    belong to; the hub's rules say which groups may book."""
    profile = member_profile(person)
    if profile is None or not policy.allows(profile.group):
        raise BookingError(
            _("Co-working at %(hub)s is open to: %(groups)s.")
            % {"hub": policy.hub.name, "groups": policy.open_to}
        )


def _check_when(start: datetime, policy: BookingPolicy, by_staff: bool, now: datetime) -> None:
    if start < now:
        raise BookingError(_("This time has already passed."), "start")
    if by_staff:
        return
    earliest = now + timedelta(minutes=policy.min_notice_minutes)
    if start < earliest:
        raise BookingError(
            _("Too short notice: please book at least %(minutes)d minutes ahead, from %(time)s.")
            % {"minutes": policy.min_notice_minutes, "time": clock(earliest)},
            "start",
        )
    last_day = now.astimezone(LOCAL_TZ).date() + timedelta(days=policy.horizon_days)
    if start.astimezone(LOCAL_TZ).date() > last_day:
        raise BookingError(
            _("Too far ahead: you can book up to %(days)d days ahead, until %(date)s.")
            % {"days": policy.horizon_days, "date": local_format(last_day, "j.n.Y")},
            "start",
        )


def _check_open(workspace: Workspace, start: datetime, end: datetime) -> list:
    """The day's co-working hours, if they hold the whole booking."""
    hub = workspace.hub
    day = coworking_day(hub, start.astimezone(LOCAL_TZ).date())
    if not day.is_open:
        reason = day.closed_reason or _("no co-working hours")
        raise BookingError(
            _("%(hub)s is closed on %(day)s (%(reason)s).")
            % {"hub": hub.name, "day": day_text(start), "reason": reason},
            "start",
        )
    if not covers(day.ranges, start, end):
        raise BookingError(
            _("Outside co-working hours: on %(day)s you can book %(hours)s.")
            % {"day": day_text(start), "hours": _ranges_text(day.ranges)},
            "start",
        )
    return day.ranges


def _check_free(workspace: Workspace, start, end, opened, ignore: Booking | None) -> None:
    day_start, day_end = local_span(start.astimezone(LOCAL_TZ).date())
    others = list(
        workspace.bookings.active()
        .overlapping(day_start, day_end)
        .exclude(pk=ignore.pk if ignore else None)
    )
    day_blocks = list(workspace.blocks.filter(start__lt=day_end, end__gt=day_start))
    busy = [(b.start, b.end) for b in others + day_blocks]
    blocks = [b for b in day_blocks if b.start < end and b.end > start]
    if blocks:
        raise BookingError(
            _(
                "%(workspace)s cannot be booked %(from)s–%(to)s (%(reason)s). "
                "Free that day: %(free)s."
            )
            % {
                "workspace": workspace.name,
                "from": clock(blocks[0].start),
                "to": clock(blocks[0].end),
                "reason": blocks[0].reason,
                "free": _ranges_text(subtract(opened, busy)),
            },
            "start",
        )
    clash = [b for b in others if b.start < end and b.end > start]
    if clash:
        raise BookingError(
            _("%(workspace)s is already booked %(from)s–%(to)s. Free that day: %(free)s.")
            % {
                "workspace": workspace.name,
                "from": clock(clash[0].start),
                "to": clock(clash[0].end),
                "free": _ranges_text(subtract(opened, busy)),
            },
            "start",
        )


def _check_person(*, person, workspace, start, end, policy: BookingPolicy, by_staff, ignore):
    mine = Booking.objects.active().filter(person=person)
    if ignore is not None:
        mine = mine.exclude(pk=ignore.pk)
    double = mine.overlapping(start, end).select_related("workspace").first()
    if double:
        raise BookingError(
            _("You already have a booking at that time: %(workspace)s, %(from)s–%(to)s.")
            % {
                "workspace": double.workspace.name,
                "from": clock(double.start),
                "to": clock(double.end),
            },
            "start",
        )
    if policy.weekly_limit_hours is None or by_staff:
        return
    local = start.astimezone(LOCAL_TZ).date()
    monday = local - timedelta(days=local.weekday())
    week = mine.filter(workspace__hub=workspace.hub).overlapping(*local_span(monday, days=7))
    used = sum((b.end - b.start).total_seconds() for b in week) / 3600
    wanted = (end - start).total_seconds() / 3600
    if used + wanted > policy.weekly_limit_hours:
        raise BookingError(
            _(
                "Weekly limit: you have %(used)s of %(limit)d hours booked at %(hub)s this week; "
                "%(left)s hours are left."
            )
            % {
                "used": f"{used:g}",
                "limit": policy.weekly_limit_hours,
                "hub": workspace.hub.name,
                "left": f"{max(policy.weekly_limit_hours - used, 0):g}",
            },
            "end",
        )


def needs_approval(*, person, workspace: Workspace, by_staff: bool) -> bool:
    """A person's first booking at a hub waits for staff, where the hub asks for it."""
    policy = policy_for(workspace.hub)
    if by_staff or person is None or not policy.first_booking_needs_approval:
        return False
    approved_before = Booking.objects.filter(
        person=person,
        workspace__hub=workspace.hub,
        status__in=[Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN, Booking.Status.NO_SHOW],
    )
    return not approved_before.exists()


def check_cancel(*, booking: Booking, by_staff: bool, now: datetime) -> None:
    """Active bookings not yet checked in can be cancelled until the hub's deadline
    (staff: any time)."""
    if not booking.is_active or booking.status == Booking.Status.CHECKED_IN:
        raise BookingError(_("This booking can no longer be cancelled."))
    deadline = booking.start - timedelta(
        hours=policy_for(booking.workspace.hub).cancellation_deadline_hours
    )
    if not by_staff and now > deadline:
        raise BookingError(
            _("Bookings can be cancelled until %(time)s on %(day)s. Please call the hub.")
            % {"time": clock(deadline), "day": day_text(deadline)}
        )


def check_status(booking: Booking, allowed_from) -> None:
    """Staff actions (approve, check in …) apply to bookings in some statuses only."""
    if booking.status not in allowed_from:
        raise BookingError(
            _("Not possible for a booking that is “%(status)s”.")
            % {"status": booking_state(booking).label}
        )


def alternative_day(booking: Booking, days: int = 14) -> tuple | None:
    """What would work instead of a cancelled booking: the same place at the same time
    on one of the next days it is open and free, (start, end), or None."""
    start, end = booking.start.astimezone(LOCAL_TZ), booking.end.astimezone(LOCAL_TZ)
    for n in range(1, days + 1):
        day = start.date() + timedelta(days=n)
        candidate = (local_datetime(day, start.time()), local_datetime(day, end.time()))
        try:
            check_booking(
                workspace=booking.workspace, start=candidate[0], end=candidate[1], by_staff=True
            )
        except BookingError:
            continue
        return candidate
    return None
