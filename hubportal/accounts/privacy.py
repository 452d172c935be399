"""A person's data under the DSGVO: what each app holds (export, Art. 15/20), deleting
an account (Art. 17) and the retention sweep (Art. 5(1)(e)).

Each app registers one PersonalData in its AppConfig.ready (events, co-working,
funding), like the reminder sources. Deleting cancels what lies ahead through the
app's own services (waiting lists move, advisors are told) and anonymises the rest;
the sweep anonymises items that ended more than PERSONAL_DATA_RETENTION_DAYS ago.
The record of processing (RECORD) is built from the same settings the sweep uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.usersessions.models import UserSession
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hubportal.notifications.models import Message

from .models import User


@dataclass(frozen=True)
class PersonalData:
    name: str  # the key in the export, e.g. "events"
    # The person's items as plain data (JSON-ready).
    export: Callable[[User], list[dict]]
    # Cancel what lies ahead (through the services), anonymise and detach the rest.
    erase: Callable[[User, datetime], None]
    # Anonymise items that ended before the moment given; returns how many.
    purge: Callable[[datetime], int]


SOURCES: dict[str, PersonalData] = {}


def register(source: PersonalData) -> None:
    SOURCES[source.name] = source


def _addresses(user: User) -> list[str]:
    return [user.email, *user.emailaddress_set.values_list("email", flat=True)]


def person_export(*, user: User) -> dict:
    """Everything the portal holds about `user`, one dict per app."""
    messages = Message.objects.filter(recipient__in=_addresses(user)).order_by("created")
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "organisation": user.organisation,
            "language": user.language,
            "reminders_enabled": user.reminders_enabled,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
            "second_factors": list(user.authenticator_set.values_list("type", flat=True)),
        },
        "sessions": [
            {
                "created": s.created_at.isoformat(),
                "last_seen": s.last_seen_at.isoformat() if s.last_seen_at else None,
                "ip": s.ip,
                "user_agent": s.user_agent,
            }
            for s in UserSession.objects.filter(user=user)
        ],
        **{name: source.export(user) for name, source in SOURCES.items()},
        "emails": [
            {
                "created": m.created.isoformat(),
                "to": m.recipient,
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
    through their services, past ones anonymised, emails to the person's addresses
    and the audit trail's link to them removed, then the account itself."""
    now = now or timezone.now()
    addresses = _addresses(user)
    for source in SOURCES.values():
        source.erase(user, now)
    Message.objects.filter(recipient__in=addresses).delete()
    LogEntry.objects.filter(actor=user).update(actor=None)
    UserSession.objects.filter(user=user).delete()
    user.delete()


def personal_data_purge(*, now: datetime | None = None) -> dict[str, int]:
    """The retention sweep (beat task and `manage.py personal_data_purge`)."""
    now = now or timezone.now()
    done = {}
    items_before = now - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    for name, source in SOURCES.items():
        with transaction.atomic():
            done[name] = source.purge(items_before)
    outbox_before = now - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    done["emails"] = Message.objects.filter(created__lt=outbox_before).delete()[0]
    done["sessions"] = Session.objects.filter(expire_date__lt=now).delete()[0]
    done["session_records"] = UserSession.objects.filter(
        Q(last_seen_at__lt=now - timedelta(seconds=settings.SESSION_COOKIE_AGE))
        | ~Q(session_key__in=Session.objects.values("session_key"))
    ).delete()[0]
    audit_before = now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    done["audit_trail"] = LogEntry.objects.filter(timestamp__lt=audit_before).delete()[0]
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
        },
        {
            "what": _(
                "Event registrations, desk bookings, appointments with name, email, "
                "phone, organisation, question and advisor notes"
            ),
            "why": _("Running the event, the desk or the consultation"),
            "basis": _("Art. 6(1)(b) and (e) DSGVO (public task of the municipality)"),
            "kept": _("anonymised %(days)s days after the item ended") % {"days": days},
        },
        {
            "what": _("Emails in the outbox (recipient, text)"),
            "why": _("Sending confirmations and reminders once; staff help when one fails"),
            "basis": _("Art. 6(1)(b) DSGVO"),
            "kept": _("deleted after %(days)s days") % {"days": settings.OUTBOX_RETENTION_DAYS},
        },
        {
            "what": _("Sessions and their record (time, address, browser)"),
            "why": _("Staying logged in; the person's list of their sessions"),
            "basis": _("Art. 6(1)(b) and (c) DSGVO (security of processing, Art. 32)"),
            "kept": _("deleted when the session ends, at the latest after %(days)s days")
            % {"days": settings.SESSION_COOKIE_AGE // 86400},
        },
        {
            "what": _(
                "Audit trail: who changed which booking, registration, appointment, "
                "closure or hours (names masked)"
            ),
            "why": _("Traceability of staff actions"),
            "basis": _("Art. 6(1)(c) and (e) DSGVO"),
            "kept": _("deleted after %(days)s days") % {"days": settings.AUDIT_RETENTION_DAYS},
        },
    ]
