"""A person's data under the DSGVO: what each app holds (export, Art. 15/20), deleting
an account (Art. 17) and the retention sweep (Art. 5(1)(e)).

Each app registers one PersonalData in its AppConfig.ready (events, co-working,
funding), like the reminder sources. Deleting cancels what lies ahead through the
app's own services (waiting lists move, advisors are told) and anonymises the rest;
the sweep anonymises items that ended more than PERSONAL_DATA_RETENTION_DAYS ago.
The record of processing (record_of_processing, security_measures, and retention_due
for what the next sweep removes) is built from the same settings the sweep uses.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import reduce

from allauth.usersessions.models import UserSession
from auditlog.context import auditlog_value, set_actor
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hubportal.audit import audit_forget, audit_forget_actor
from hubportal.timeranges import local_iso
from notifications.models import Message
from notifications.services import message_counts_keep

from .models import User


@dataclass(frozen=True)
class PersonalData:
    name: str  # the key in the export, e.g. "events"
    label: str  # what the record of processing calls it, e.g. "Event registrations"
    # The person's items as plain data (JSON-ready); None: part of another source.
    export: Callable[[User], list[dict]] | None
    # Cancel what lies ahead (through the services), anonymise and detach the rest;
    # None: another source's erase covers it.
    erase: Callable[[User, datetime], None] | None
    # The model whose rows the retention sweep anonymises, the lookup of when a row
    # ended ("end", "event__end") and the values that anonymise it.
    model: type[models.Model]
    ended: str
    anonymous: dict
    # Days after the end the sweep anonymises; None: PERSONAL_DATA_RETENTION_DAYS.
    retention_days: int | None = None

    def expired(self, before: datetime) -> QuerySet:
        """Rows that ended before `before` and still hold any personal field."""
        personal = reduce(operator.or_, (~Q(**{f: v}) for f, v in self.anonymous.items()))
        return self.model.objects.filter(personal, **{f"{self.ended}__lt": before})


SOURCES: dict[str, PersonalData] = {}


def register(source: PersonalData) -> None:
    SOURCES[source.name] = source


def verified_addresses(user: User) -> list[str]:
    """The addresses the person has shown are theirs: what they registered, booked or
    were written to as a guest under these is theirs too (and only under these: an
    address added but never confirmed could be anybody's)."""
    known = dict(user.emailaddress_set.values_list("email", "verified"))
    verified = {email.lower() for email, ok in known.items() if ok}
    # The login address counts unless it is one still waiting for its confirmation
    # (an account made by staff has no address record: staff entered it).
    if user.email and known.get(user.email, True):
        verified.add(user.email.lower())
    return sorted(verified)


def _by_address(field: str, addresses: list[str]) -> Q:
    return reduce(operator.or_, (Q(**{f"{field}__iexact": a}) for a in addresses), Q(pk__in=[]))


def held_for(model: type[models.Model], user: User) -> QuerySet:
    """The rows of `model` that are the person's: made with their account, or as a
    guest with one of their verified addresses."""
    return model.objects.filter(Q(person=user) | _by_address("email", verified_addresses(user)))


def messages_of(user: User) -> QuerySet:
    """Emails to the person's verified addresses and emails to others that name them."""
    addresses = verified_addresses(user)
    return Message.objects.filter(
        _by_address("recipient", addresses) | _by_address("about", addresses)
    )


def anonymise(rows: QuerySet, values: dict) -> int:
    """Anonymise `rows` with `values`, and their audit trail with them: what the row
    no longer holds, its trail does not keep either (hubportal.audit.audit_forget)."""
    with transaction.atomic():
        people = rows.values_list("pk", "email", "person__email")
        pks = [pk for pk, *_ in people]
        addresses = [a for _, *both in people for a in both]
        audit_forget(rows.model, pks, addresses, fields=values.keys())
        return rows.model.objects.filter(pk__in=pks).update(**values)


def person_export(*, user: User) -> dict:
    """Everything the portal holds about `user`, one dict per app."""
    messages = messages_of(user).order_by("created")
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "organisation": user.organisation,
            "language": user.language,
            "reminders_enabled": user.reminders_enabled,
            "date_joined": local_iso(user.date_joined),
            "last_login": local_iso(user.last_login),
            "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
            "second_factors": list(user.authenticator_set.values_list("type", flat=True)),
        },
        "sessions": [
            {
                "created": local_iso(s.created_at),
                "last_seen": local_iso(s.last_seen_at),
                "ip": s.ip,
                "user_agent": s.user_agent,
            }
            for s in UserSession.objects.filter(user=user)
        ],
        **{name: source.export(user) for name, source in SOURCES.items() if source.export},
        "emails": [
            {
                "created": local_iso(m.created),
                "to": m.recipient,
                "about_you": bool(m.about),
                "subject": m.subject,
                "text": m.body_text,
                "status": m.status,
            }
            for m in messages
        ],
    }


@transaction.atomic
def person_delete(*, user: User, now: datetime | None = None) -> None:
    """Delete an account: future bookings, registrations and appointments are cancelled
    through their services, past ones anonymised (with the guest rows under the
    person's verified addresses), emails to and about the person and the audit
    trail's link to them removed, then the account itself."""
    now = now or timezone.now()
    for source in SOURCES.values():
        if source.erase:
            source.erase(user, now)
    messages = messages_of(user)  # after the erase: the cancellations' emails too
    message_counts_keep(messages)
    messages.delete()
    audit_forget_actor(user)
    UserSession.objects.filter(user=user).delete()
    acting = auditlog_value.get({}).get("actor")
    if acting is not None and acting.pk == user.pk:
        with set_actor(None):  # the deletion is recorded, not by the account it deletes
            user.delete()
    else:
        user.delete()  # by an administrator: the trail names them


@dataclass(frozen=True)
class Due:
    """What the retention sweep does next: anonymise (with `anonymous`) or delete."""

    label: str
    rows: QuerySet
    anonymous: dict | None = None  # None: delete the rows
    keep: Callable[[QuerySet], None] | None = None  # what to count before deleting


def retention_due(now: datetime) -> dict[str, Due]:
    """Everything past its retention period at `now`, one entry per kind of data."""

    def before(source: PersonalData) -> datetime:
        days = source.retention_days
        return now - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS if days is None else days)

    due = {
        name: Due(source.label, source.expired(before(source)), source.anonymous)
        for name, source in SOURCES.items()
    }
    outbox_before = now - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    audit_before = now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    sessions = Session.objects.filter(expire_date__lt=now)
    session_records = UserSession.objects.filter(
        Q(last_seen_at__lt=now - timedelta(seconds=settings.SESSION_COOKIE_AGE))
        | ~Q(session_key__in=Session.objects.filter(expire_date__gte=now).values("session_key"))
    )
    return due | {
        "emails": Due(
            _("Emails in the outbox"),
            Message.objects.filter(created__lt=outbox_before),
            keep=message_counts_keep,
        ),
        "sessions": Due(_("Ended sessions"), sessions),
        "session_records": Due(_("Records of ended sessions"), session_records),
        "audit_trail": Due(_("Audit trail"), LogEntry.objects.filter(timestamp__lt=audit_before)),
    }


def personal_data_purge(*, now: datetime | None = None) -> dict[str, int]:
    """The retention sweep (beat task and `manage.py personal_data_purge`): anonymises
    or deletes what retention_due finds; returns how many rows of each kind."""
    done = {}
    for name, due in retention_due(now or timezone.now()).items():
        with transaction.atomic():
            if due.keep:
                due.keep(due.rows)
            if due.anonymous is None:
                done[name] = due.rows.delete()[1].get(due.rows.model._meta.label, 0)
            else:
                done[name] = anonymise(due.rows, due.anonymous)
    return done


def record_of_processing() -> list[dict]:
    """What is stored, why, on which legal basis and for how long (Art. 30), from the
    settings the retention sweep uses."""
    days = settings.PERSONAL_DATA_RETENTION_DAYS
    return [
        {
            "what": _("Account: name, email address, organisation, language, password hash"),
            "why": _("Logging in; addressing the person; their bookings and registrations"),
            "basis": _("Art. 6(1)(b) DSGVO (use of the portal on request)"),
            "kept": _("until the person deletes the account"),
            "who": _("People with an account: citizens, municipal staff, firms, advisors"),
            "recipients": _("Hub staff for their hub's items; the advisor for an appointment"),
        },
        {
            "what": _(
                "Event registrations, desk bookings, appointments with name, email, "
                "phone, organisation, question and advisor notes"
            ),
            "why": _("Running the event, the desk or the consultation"),
            "basis": _("Art. 6(1)(b) and (e) DSGVO (public task of the municipality)"),
            "kept": _("anonymised %(days)s days after the item ended") % {"days": days},
            "who": _("Participants, people booking and asking for advice, guests without account"),
            "recipients": _(
                "The hub's staff; the advisor (appointments); nobody outside the portal"
            ),
        },
        {
            "what": _(
                "Support asked for at an event (sign-language interpreter, induction loop, "
                "step-free access, other): health data"
            ),
            "why": _("Preparing the event so that the person can take part"),
            "basis": _("Art. 9(2)(a) DSGVO (explicit consent: the person ticks it)"),
            "kept": _("erased the day after the event"),
            "who": _("Participants who ask for support"),
            "recipients": _("Only the staff of the hub that holds the event"),
        },
        {
            "what": _("Emails in the outbox (recipient, text)"),
            "why": _("Sending confirmations and reminders once; staff help when one fails"),
            "basis": _("Art. 6(1)(b) DSGVO"),
            "kept": _("deleted after %(days)s days") % {"days": settings.OUTBOX_RETENTION_DAYS},
            "who": _("Everyone the portal writes to"),
            "recipients": _("The municipality's mail server; hub staff (links in it hidden)"),
        },
        {
            "what": _("Sessions and their record (time, address, browser)"),
            "why": _("Staying logged in; the person's list of their sessions"),
            "basis": _("Art. 6(1)(b) and (c) DSGVO (security of processing, Art. 32)"),
            "kept": _("deleted when the session ends, at the latest after %(days)s days")
            % {"days": settings.SESSION_COOKIE_AGE // 86400},
            "who": _("People with an account"),
            "recipients": _("Only the person themselves"),
        },
        {
            "what": _(
                "Audit trail (django-auditlog): when, by which account (for staff, "
                "advisors and administrators also from which client address), what kind "
                "of item (booking, registration, appointment, event, closure, hours, "
                "hub, staff role, account and its rights, advisor, exhibit, workspace, "
                "booking rules, page, reminder settings) and which fields changed. "
                "Names, email addresses, phone numbers and support asked for are "
                "recorded as changed, never with their values; items with personal "
                "data are named by kind and number"
            ),
            "why": _("Traceability of staff actions"),
            "basis": _("Art. 6(1)(c) and (e) DSGVO"),
            "kept": _(
                "deleted after %(days)s days; the person's part (as the one who acted, "
                "the account's link) is removed when their item is anonymised or their "
                "account deleted"
            )
            % {"days": settings.AUDIT_RETENTION_DAYS},
            "who": _("Staff and advisors (as actors)"),
            "recipients": _("The hub's staff for their hub's items; administrators"),
        },
    ]


def security_measures() -> list[str]:
    """The technical and organisational measures (Art. 30(1)(g), Art. 32) the portal
    itself enforces, from the settings that enforce them."""
    measures = [
        _(
            "Staff, advisors and administrators log in with a second factor "
            "(authenticator app, recovery codes or security key)."
        ),
        _(
            "The second factors' secrets are stored encrypted, with a key kept outside "
            "the database and its backups."
        ),
        _(
            "Their sessions end when the browser closes, after %(minutes)s minutes "
            "without a request and %(hours)s hours after the login."
        )
        % {
            "minutes": settings.STAFF_SESSION_IDLE_MINUTES,
            "hours": settings.STAFF_SESSION_MAX_HOURS,
        },
        _(
            "Hub staff see only their own hubs' bookings, registrations and appointments; "
            "advisors only their own appointments."
        ),
        _(
            "Links in emails that act for a person stop working after a cancellation "
            "and %(days)s days after the date; staff see them hidden in the outbox."
        )
        % {"days": settings.SIGNED_LINK_GRACE_DAYS},
        _("Logins, sign-ups, password resets and anonymous forms are limited per client."),
        _(
            "The access log holds neither client addresses, query strings nor link "
            "tokens; emails never go to the log."
        ),
        _(
            "Pages of a logged-in person and pages opened by a personal link are "
            "stored by no browser and no proxy (Cache-Control: no-store)."
        ),
        _("Changes by staff are recorded in the audit trail, with names masked."),
        _(
            "The portal loads nothing from other sites and uses no trackers; its only "
            "cookies are the session, the form protection and the chosen language."
        ),
    ]
    if settings.SECURE_HSTS_SECONDS:
        measures.insert(
            0,
            _("Only encrypted connections (HTTPS, HSTS for %(days)s days).")
            % {"days": settings.SECURE_HSTS_SECONDS // 86400},
        )
    return measures
