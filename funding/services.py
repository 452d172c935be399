"""Every write to appointments, availability and absences.

An advisor is never booked twice: each write locks the advisor's row (so buffers hold
under concurrency too), re-checks the slot with funding/slots.py, and on PostgreSQL
the exclusion constraint `appointment_no_overlap` is the last word; a lost race
becomes a friendly AppointmentError listing other free slots.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hubportal import calendars
from hubportal.dates import local_format
from hubportal.errors import DomainError
from hubportal.phones import phone_e164
from hubportal.timeranges import LOCAL_TZ

from . import emails
from .models import (
    Absence,
    Advisor,
    Appointment,
    AvailabilityWindow,
    FundingProgramme,
    Mode,
    Outcome,
)
from .slots import Slot, slot_is_free, slots_like
from .states import appointment_state


class AppointmentError(DomainError):
    """An appointment refused; `alternatives` offers other free slots of the advisor."""

    def __init__(self, message, field=None, alternatives: list[Slot] | None = None):
        super().__init__(message, field)
        self.alternatives = alternatives or []


def _alternatives(advisor: Advisor, start: datetime, minutes: int, hub) -> list[Slot]:
    day = start.astimezone(LOCAL_TZ).date()
    return slots_like(advisor_id=advisor.pk, hub=hub, minutes=minutes, first_day=day)[:6]


def _phone(value: str) -> str:
    """The number in E.164, or the refusal next to the phone field."""
    try:
        return phone_e164(value)
    except ValidationError as error:
        raise AppointmentError(error.messages[0], "phone") from None


def _lock(advisor: Advisor) -> Advisor:
    return Advisor.objects.select_for_update().get(pk=advisor.pk)


def _save_or_conflict(appointment: Appointment, hub) -> None:
    try:
        with transaction.atomic():
            appointment.save()
    except IntegrityError as exc:  # the exclusion constraint: someone was faster
        raise AppointmentError(
            _("Someone else has just booked this time. Please choose another one."),
            alternatives=_alternatives(
                appointment.advisor, appointment.start, appointment.minutes, hub
            ),
        ) from exc


def _topic_for(advisor: Advisor, topic):
    """The topic searched for if the advisor offers it; else, when all the advisor's
    topics are of one kind (an IT-only advisor), the first of them; else none."""
    offered = list(advisor.topics.all())
    if topic is not None and topic in offered:
        return topic
    kinds = {t.service for t in offered}
    return offered[0] if len(kinds) == 1 else None


@transaction.atomic
def appointment_request(
    *,
    advisor: Advisor,
    start: datetime,
    minutes: int,
    mode: str,
    hub=None,
    person=None,
    name: str = "",
    email: str = "",
    phone: str = "",
    organisation: str,
    role: str = "",
    topic=None,
    programme=None,
    question: str,
    language: str = "de",
    booked_by=None,
    now: datetime | None = None,
) -> Appointment:
    """Book a slot for a person (an account) or, by an advisor or hub staff, for a caller.
    `topic` (what the person searched for) decides whether it is funding or IT advice."""
    now = now or timezone.now()
    advisor = _lock(advisor)
    if mode == Mode.ON_SITE and hub is None:
        raise AppointmentError(_("Please choose the hub."), "hub")
    if mode != Mode.ON_SITE:
        hub = None
    if mode == Mode.PHONE and not phone.strip():
        raise AppointmentError(
            _("Please give a phone number: the advisor calls you at this number."), "phone"
        )
    phone = _phone(phone)
    end = start + timedelta(minutes=minutes)
    if not slot_is_free(
        advisor=advisor, start=start, end=end, hub=hub, now=now, by_staff=booked_by is not None
    ):
        raise AppointmentError(
            _("This time is no longer free. Please choose another one."),
            alternatives=_alternatives(advisor, start, minutes, hub),
        )
    own = booked_by is not None and booked_by.pk == advisor.user_id
    appointment = Appointment(
        advisor=advisor,
        topic=_topic_for(advisor, topic),
        mode=mode,
        hub=hub,
        start=start,
        end=end,
        person=person,
        name=name,
        email=email,
        phone=phone,
        language=language,
        organisation=organisation,
        role=role,
        programme=programme,
        question=question,
        booked_by=booked_by,
        created=now,
        status=Appointment.Status.REQUESTED
        if advisor.requests_need_confirmation and not own
        else Appointment.Status.CONFIRMED,
    )
    appointment.fill_from_account()
    appointment.full_clean(exclude=["advisor", "hub", "person", "topic", "programme", "booked_by"])
    _save_or_conflict(appointment, hub)
    emails.appointment_booked(appointment.pk)
    return appointment


def _get(appointment: Appointment) -> Appointment:
    return (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("advisor", "hub")
        .get(pk=appointment.pk)
    )


def _require(appointment: Appointment, *statuses) -> None:
    if appointment.status not in statuses:
        raise AppointmentError(
            _("Not possible for an appointment that is “%(status)s”.")
            % {"status": appointment_state(appointment).label}
        )


def _not_begun(appointment: Appointment, now: datetime | None = None) -> None:
    """What can no longer happen is refused: a begun appointment is not cancelled or
    moved; the advisor records it as done or not attended instead."""
    if appointment.start <= (now or timezone.now()):
        raise AppointmentError(
            _(
                "This appointment has already begun: it can no longer be cancelled or "
                "moved. Record it as done or as not attended."
            )
        )


def _before_cutoff(appointment: Appointment, now: datetime) -> None:
    cutoff = appointment.start - timedelta(hours=appointment.advisor.cancel_cutoff_hours)
    if now > cutoff:
        local = cutoff.astimezone(LOCAL_TZ)
        raise AppointmentError(
            _(
                "Appointments can be cancelled or moved until %(date)s, %(time)s. Please call "
                "the advisor or the hub."
            )
            % {"date": local_format(local, "j.n.Y"), "time": local.strftime("%H:%M")}
        )


@transaction.atomic
def appointment_keep_on_closed_day(*, appointment: Appointment) -> Appointment:
    """Hub staff keep the appointment on a day the hub is closed: the person and the
    advisor are told that it takes place."""
    appointment = _get(appointment)
    if not appointment.held_on_closed_day:
        appointment.held_on_closed_day = True
        appointment.save(update_fields=["held_on_closed_day", "updated"])
        emails.appointment_changed(appointment.pk, "kept")
    return appointment


@transaction.atomic
def appointment_confirm(*, appointment: Appointment) -> Appointment:
    appointment = _get(appointment)
    _require(appointment, Appointment.Status.REQUESTED)
    appointment.status = Appointment.Status.CONFIRMED
    appointment.save()
    emails.appointment_changed(appointment.pk, "confirmed")
    return appointment


@transaction.atomic
def appointment_decline(*, appointment: Appointment, reason: str) -> Appointment:
    appointment = _get(appointment)
    _require(appointment, Appointment.Status.REQUESTED)
    appointment.status = Appointment.Status.DECLINED
    appointment.decline_reason = reason
    appointment.save()
    emails.appointment_changed(appointment.pk, "declined")
    return appointment


@transaction.atomic
def appointment_cancel(
    *,
    appointment: Appointment,
    reason: str = "",
    by_advisor: bool = False,
    by_hub: bool = False,
    account_deleted: bool = False,
    now: datetime | None = None,
) -> Appointment:
    """Cancel; `by_hub` when hub staff cancel for a closure (person and advisor are
    told, the person with another free time); `account_deleted` when the person
    deleted their account (the advisor is told, at any time before the start)."""
    now = now or timezone.now()
    appointment = _get(appointment)
    _require(appointment, *Appointment.ACTIVE)
    _not_begun(appointment, now)
    if not (by_advisor or by_hub or account_deleted):
        _before_cutoff(appointment, now)
    appointment.status = Appointment.Status.CANCELLED
    appointment.cancel_reason = reason
    appointment.save()
    who = "cancelled_by_advisor" if by_advisor else "cancelled_by_person"
    if by_hub:
        who = "cancelled_by_hub"
    if account_deleted:
        who = "account_deleted"  # the advisor is told without the person's details
    emails.appointment_changed(appointment.pk, who)
    return appointment


@transaction.atomic
def appointment_phone_change(
    *, appointment: Appointment, phone: str, now: datetime | None = None
) -> Appointment:
    """The person corrects the number to call, until the cut-off; the advisor is told."""
    now = now or timezone.now()
    appointment = _get(appointment)
    _require(appointment, *Appointment.ACTIVE)
    _before_cutoff(appointment, now)
    if appointment.mode == Mode.PHONE and not phone.strip():
        raise AppointmentError(
            _("Please give a phone number: the advisor calls you at this number."), "phone"
        )
    phone = _phone(phone)
    if phone != appointment.phone:
        appointment.phone = phone
        appointment.save(update_fields=["phone", "updated"])
        emails.appointment_changed(appointment.pk, "phone_changed")
    return appointment


@transaction.atomic
def appointment_move(
    *,
    appointment: Appointment,
    start: datetime,
    by_advisor: bool = False,
    now: datetime | None = None,
) -> Appointment:
    """Move to another free time of the same advisor, place and length."""
    now = now or timezone.now()
    appointment = _get(appointment)
    _lock(appointment.advisor)
    _require(appointment, *Appointment.ACTIVE)
    if not by_advisor:
        _before_cutoff(appointment, now)
    end = start + (appointment.end - appointment.start)
    if not slot_is_free(
        advisor=appointment.advisor,
        start=start,
        end=end,
        hub=appointment.hub,
        now=now,
        ignore=appointment,
        by_staff=by_advisor,
    ):
        raise AppointmentError(
            _("This time is no longer free. Please choose another one."),
            alternatives=_alternatives(
                appointment.advisor, start, appointment.minutes, appointment.hub
            ),
        )
    appointment.start, appointment.end = start, end
    appointment.proposed_start = None
    if not by_advisor and appointment.advisor.requests_need_confirmation:
        appointment.status = Appointment.Status.REQUESTED
    _save_or_conflict(appointment, appointment.hub)
    emails.appointment_changed(appointment.pk, "moved")
    return appointment


@transaction.atomic
def appointment_propose(*, appointment: Appointment, start: datetime) -> Appointment:
    """The advisor suggests another time; the person accepts it by the emailed link."""
    appointment = _get(appointment)
    _require(appointment, *Appointment.ACTIVE)
    _not_begun(appointment)
    end = start + (appointment.end - appointment.start)
    if not slot_is_free(
        advisor=appointment.advisor,
        start=start,
        end=end,
        hub=appointment.hub,
        ignore=appointment,
        by_staff=True,
    ):
        raise AppointmentError(_("You are not free at that time."), "start")
    appointment.proposed_start = start
    appointment.save()
    emails.appointment_changed(appointment.pk, "proposed")
    return appointment


@transaction.atomic
def appointment_proposal_accept(*, appointment: Appointment) -> Appointment:
    appointment = _get(appointment)
    if appointment.proposed_start is None:
        raise AppointmentError(_("There is no proposal to accept (any more)."))
    start = appointment.proposed_start
    moved = appointment_move(appointment=appointment, start=start, by_advisor=True)
    moved.status = Appointment.Status.CONFIRMED
    moved.save()
    return moved


@transaction.atomic
def appointment_proposal_decline(*, appointment: Appointment) -> Appointment:
    """The person keeps the original time; the advisor is told."""
    appointment = _get(appointment)
    if appointment.proposed_start is None:
        raise AppointmentError(_("There is no proposal to decline (any more)."))
    appointment.proposed_start = None
    appointment.save(update_fields=["proposed_start", "updated"])
    emails.appointment_changed(appointment.pk, "proposal_declined")
    return appointment


@transaction.atomic
def appointment_finish(
    *, appointment: Appointment, status: str, now: datetime | None = None
) -> Appointment:
    """After the appointment has begun: done or no-show."""
    now = now or timezone.now()
    appointment = _get(appointment)
    if status not in (Appointment.Status.DONE, Appointment.Status.NO_SHOW):
        raise AppointmentError(_("Unknown status."))
    if appointment.start > now:
        raise AppointmentError(_("Done or no-show can be recorded once the appointment has begun."))
    _require(
        appointment,
        Appointment.Status.CONFIRMED,
        Appointment.Status.DONE,
        Appointment.Status.NO_SHOW,
    )
    was = appointment.status
    appointment.status = status
    appointment.save()
    if status == Appointment.Status.NO_SHOW and was != status:
        emails.appointment_changed(appointment.pk, "no_show")
    return appointment


@transaction.atomic
def appointment_notes_save(*, appointment: Appointment, notes: str) -> Appointment:
    """The advisor's private notes, any time."""
    appointment = _get(appointment)
    appointment.advisor_notes = notes
    appointment.save()
    return appointment


@transaction.atomic
def appointment_outcome_save(
    *,
    appointment: Appointment,
    outcome: str,
    programme: FundingProgramme | None = None,
    amount: str = "",
    now: datetime | None = None,
) -> Appointment:
    """The next step after a consultation that took place (applied, granted, not
    pursued, still open), with the programme and an amount range. It names no one, so
    it outlives the appointment's personal data and feeds the network's figures."""
    appointment = _get(appointment)
    _require(appointment, Appointment.Status.DONE)
    if outcome not in Outcome.values:
        raise AppointmentError(_("Please choose the next step."), "outcome")
    if amount and outcome not in (Outcome.APPLIED, Outcome.GRANTED):
        raise AppointmentError(
            _("An amount belongs to an application or a grant: leave it empty here."), "amount"
        )
    appointment.outcome = outcome
    appointment.outcome_programme = programme
    appointment.outcome_amount = amount
    appointment.outcome_at = now or timezone.now()
    appointment.save()
    return appointment


@transaction.atomic
def appointment_followup(
    *, appointment: Appointment, programmes, checklist: str, message: str = ""
) -> Appointment:
    appointment = _get(appointment)
    _require(appointment, Appointment.Status.CONFIRMED, Appointment.Status.DONE)
    appointment.followup_sent_at = timezone.now()
    appointment.save()
    ids = [p.pk for p in programmes]
    emails.appointment_followup(appointment.pk, ids, checklist, message)
    return appointment


@transaction.atomic
def window_add(*, advisor: Advisor, weekday: int, starts, ends, hub=None) -> AvailabilityWindow:
    window = AvailabilityWindow(advisor=advisor, weekday=weekday, starts=starts, ends=ends, hub=hub)
    window.full_clean()
    window.save()
    return window


@transaction.atomic
def window_change(
    *, window: AvailabilityWindow, weekday: int, starts, ends, hub=None
) -> AvailabilityWindow:
    """Change a weekly time in place. Booked appointments stay as they are."""
    window.weekday, window.starts, window.ends, window.hub = weekday, starts, ends, hub
    window.full_clean()
    window.save()
    return window


@transaction.atomic
def window_delete(*, window: AvailabilityWindow) -> None:
    """Booked appointments stay; the window offers no new slots."""
    window.delete()


@transaction.atomic
def absence_add(*, advisor: Advisor, start_date, end_date, reason="") -> Absence:
    absence = Absence(advisor=advisor, start_date=start_date, end_date=end_date, reason=reason)
    absence.full_clean()
    absence.save()
    return absence


@transaction.atomic
def absence_delete(*, absence: Absence) -> None:
    absence.delete()


@transaction.atomic
def advisor_photo_set(*, advisor: Advisor, jpeg: bytes) -> Advisor:
    """Store a portrait; PhotoForm has made it a small JPEG (hubportal/images.py)."""
    advisor.photo = jpeg
    advisor.photo_updated_at = timezone.now()
    advisor.save(update_fields=["photo", "photo_updated_at"])
    return advisor


@transaction.atomic
def advisor_feed_renew(*, advisor: Advisor) -> Advisor:
    """A new secret address for the advisor's calendar feed; the old one is void."""
    advisor.feed_token = calendars.new_feed_token()
    advisor.save(update_fields=["feed_token"])
    return advisor
