"""Every write to co-working bookings, and the rules a booking must follow.

A workspace is never booked twice for overlapping time: on PostgreSQL the exclusion
constraint `booking_no_overlap` is the last word (a lost race raises IntegrityError,
turned into a friendly BookingError here); on SQLite every transaction takes the
write lock when it begins (settings), so check-then-write cannot interleave.
Each refusal says which rule failed and what would work instead.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from hubportal.timeranges import LOCAL_TZ, covers, local_datetime, local_span, subtract

from . import emails
from .models import Booking, BookingPolicy, MemberGroup, MemberProfile, Workspace, WorkspaceBlock
from .selectors import coworking_calendar, open_ranges, policy_for


class BookingError(Exception):
    """A refusal that says which rule failed; `field` is the form field it belongs to."""

    def __init__(self, message, field=None, conflicts=None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.conflicts = conflicts or []


def _clock(moment: datetime) -> str:
    return moment.astimezone(LOCAL_TZ).strftime("%H:%M")


def _day(moment: datetime) -> str:
    return formats.date_format(moment.astimezone(LOCAL_TZ), "D, j.n.Y")


def _ranges_text(ranges) -> str:
    return ", ".join(f"{_clock(s)}–{_clock(e)}" for s, e in ranges) or _("nothing")


# -- the rules ---------------------------------------------------------------------
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
    if start >= end:
        raise BookingError(_("The end must be after the start."), "end")
    local_start, local_end = start.astimezone(LOCAL_TZ), end.astimezone(LOCAL_TZ)
    if local_start.date() != local_end.date() and local_end.time() != datetime.min.time():
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
    if person is not None and not by_staff:
        profile = MemberProfile.objects.filter(user=person).first()
        if profile is None or not policy.allows(profile.group):
            allowed = [label for value, label in MemberGroup.choices if policy.allows(value)]
            raise BookingError(
                _("Co-working at %(hub)s is open to: %(groups)s.")
                % {"hub": hub.name, "groups": ", ".join(str(a) for a in allowed)}
            )
    if start < now:
        raise BookingError(_("This time has already passed."), "start")
    notice = timedelta(minutes=policy.min_notice_minutes)
    if not by_staff and start < now + notice:
        earliest = now + notice
        raise BookingError(
            _("Too short notice: please book at least %(minutes)d minutes ahead, from %(time)s.")
            % {"minutes": policy.min_notice_minutes, "time": _clock(earliest)},
            "start",
        )
    last_day = now.astimezone(LOCAL_TZ).date() + timedelta(days=policy.horizon_days)
    if not by_staff and local_start.date() > last_day:
        raise BookingError(
            _("Too far ahead: you can book up to %(days)d days ahead, until %(date)s.")
            % {"days": policy.horizon_days, "date": formats.date_format(last_day, "j.n.Y")},
            "start",
        )
    calendar = coworking_calendar(hub)
    day = calendar.day(local_start.date())
    if not day.intervals:
        reason = day.closed_reason or _("no co-working hours")
        raise BookingError(
            _("%(hub)s is closed on %(day)s (%(reason)s).")
            % {"hub": hub.name, "day": _day(start), "reason": reason},
            "start",
        )
    opened = open_ranges(calendar, local_start.date())
    if not covers(opened, start, end):
        raise BookingError(
            _("Outside co-working hours: on %(day)s you can book %(hours)s.")
            % {"day": _day(start), "hours": _ranges_text(opened)},
            "start",
        )
    day_start, day_end = local_span(local_start.date())
    others = list(
        workspace.bookings.active()
        .overlapping(day_start, day_end)
        .exclude(pk=ignore.pk if ignore else None)
    )
    day_blocks = list(workspace.blocks.filter(start__lt=day_end, end__gt=day_start))
    busy = [(b.start, b.end) for b in others + day_blocks]
    blocks = [b for b in day_blocks if b.start < end and b.end > start]
    if blocks:
        block = blocks[0]
        raise BookingError(
            _(
                "%(workspace)s cannot be booked %(from)s–%(to)s (%(reason)s). "
                "Free that day: %(free)s."
            )
            % {
                "workspace": workspace.name,
                "from": _clock(block.start),
                "to": _clock(block.end),
                "reason": block.reason,
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
                "from": _clock(clash[0].start),
                "to": _clock(clash[0].end),
                "free": _ranges_text(subtract(opened, busy)),
            },
            "start",
        )
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
                "from": _clock(double.start),
                "to": _clock(double.end),
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


# -- writes -----------------------------------------------------------------------
def _needs_approval(person, workspace, by_staff) -> bool:
    policy = policy_for(workspace.hub)
    if by_staff or person is None or not policy.first_booking_needs_approval:
        return False
    approved_before = Booking.objects.filter(
        person=person,
        workspace__hub=workspace.hub,
        status__in=[Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN, Booking.Status.NO_SHOW],
    )
    return not approved_before.exists()


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
    check_booking(
        workspace=workspace, start=start, end=end, person=person, by_staff=by_staff, now=now
    )
    booking = Booking(
        workspace=workspace,
        person=person,
        name=name or (person.get_full_name() if person else ""),
        email=email or (person.email if person else ""),
        phone=phone,
        language=language or (person.language if person else "de"),
        start=start,
        end=end,
        purpose=purpose,
        series=series,
        booked_by=booked_by,
        status=Booking.Status.PENDING
        if _needs_approval(person, workspace, by_staff)
        else Booking.Status.CONFIRMED,
        created=now,
    )
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
def booking_cancel(*, booking: Booking, by_staff: bool = False, now: datetime | None = None):
    now = now or timezone.now()
    booking = (
        Booking.objects.select_for_update().select_related("workspace__hub").get(pk=booking.pk)
    )
    if not booking.is_active or booking.status == Booking.Status.CHECKED_IN:
        raise BookingError(_("This booking can no longer be cancelled."))
    deadline = booking.start - timedelta(
        hours=policy_for(booking.workspace.hub).cancellation_deadline_hours
    )
    if not by_staff and now > deadline:
        raise BookingError(
            _("Bookings can be cancelled until %(time)s on %(day)s. Please call the hub.")
            % {"time": _clock(deadline), "day": _day(deadline)}
        )
    booking.status = Booking.Status.CANCELLED
    booking.save(update_fields=["status", "changed"])
    emails.booking_changed(booking.pk, "cancelled")
    return booking


def _set_status(booking: Booking, allowed_from, status, notify=None, **fields) -> Booking:
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status not in allowed_from:
        raise BookingError(
            _("Not possible for a booking that is “%(status)s”.")
            % {"status": booking.get_status_display()}
        )
    booking.status = status
    for name, value in fields.items():
        setattr(booking, name, value)
    booking.save()
    if notify:
        emails.booking_changed(booking.pk, notify)
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
        booking, [Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN], Booking.Status.NO_SHOW
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
def workspace_block(*, workspace: Workspace, start: datetime, end: datetime, reason: str):
    block = WorkspaceBlock(workspace=workspace, start=start, end=end, reason=reason)
    block.full_clean()
    block.save()
    return block
