"""The outbox: store an email with the action, deliver it once, retry failures.

Exactly once: `message_deliver` first *claims* the message with one conditional UPDATE
(queued/failed and due → sending). Only the claimer sends; a second task for the same
message, a second worker or a redelivered task finds nothing to claim. A worker killed
after claiming leaves the message "sending": after OUTBOX_STUCK_MINUTES the flush sends
it once more with the same Message-ID (mail systems drop a duplicate), unless staff
said not to; stuck twice, it waits for staff. A send that fails (SMTP down) is stored as
"failed" with the next attempt time (backoff doubles up to an hour); the periodic
flush re-enqueues it, so nothing depends on ETA tasks sitting in Redis.
"""

from __future__ import annotations

import base64
import logging
import smtplib
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hubportal.errors import DomainError
from hubportal.links import links_refreshed
from hubportal.timeranges import LOCAL_TZ

from .models import DeliveryCount, Message
from .sources import still_due

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12  # about a day of retries with the backoff below
LOST_AFTER = timedelta(minutes=2)  # a queued message not picked up by then is re-enqueued


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** (attempts - 1), 60))


def message_send(
    *,
    to: str | list[str],
    subject: str,
    body: str,
    context: dict,
    language: str | None = None,
    attachments: Iterable[tuple[str, bytes, str]] = (),
    hub=None,
    kind: str = "",
    about: str = "",
) -> list[Message]:
    """Render and store one message per recipient; deliver after the commit. `about`:
    the address of the person the email names when it goes to someone else."""
    recipients = [r for r in ([to] if isinstance(to, str) else list(to)) if r]
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject_text = " ".join(render_to_string(subject, context).split())
        body_text = render_to_string(body, context)
        body_html = render_to_string(
            "notifications/email.html", {"subject": subject_text, "text": body_text}
        )
    files = [
        {"name": name, "mimetype": mimetype, "content": base64.b64encode(content).decode()}
        for name, content, mimetype in attachments
    ]
    messages = [
        Message.objects.create(
            kind=kind or body.rsplit("/", 1)[-1].split(".")[0],
            hub=hub,
            recipient=r,
            about=about if about.lower() != r.lower() else "",
            language=language,
            subject=subject_text[:300],
            body_text=body_text,
            body_html=body_html,
            attachments=files,
        )
        for r in recipients
    ]
    for message in messages:
        transaction.on_commit(lambda pk=message.pk: enqueue(pk))
    return messages


# The task by its name (tasks.py, registered in apps.py): the service does not import
# the task that imports the service, so no cycle.
DELIVER = "notifications.message_deliver"


def enqueue(message_id: int) -> None:
    """Hand a message to a worker. If the broker is away, the flush picks it up later."""
    try:
        current_app.tasks[DELIVER].delay(message_id)
    except Exception:  # noqa: BLE001 - the action already happened; never turn it into a 500
        logger.exception("could not enqueue message %s; the outbox flush will retry", message_id)


def _claim(message_id: int, now: datetime) -> bool:
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    return bool(
        Message.objects.filter(
            due, pk=message_id, status__in=[Message.Status.QUEUED, Message.Status.FAILED]
        ).update(status=Message.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )


def _email(message: Message) -> EmailMultiAlternatives:
    host = urlsplit(settings.SITE_URL).hostname or "digital-hubs.example"
    email = EmailMultiAlternatives(
        message.subject,
        message.body_text,
        to=[message.recipient],
        # The same Message-ID for the same message: mail systems drop a duplicate.
        headers={"Message-ID": f"<outbox-{message.pk}@{host}>"},
    )
    email.attach_alternative(message.body_html, "text/html")
    for item in message.attachments:
        email.attach(item["name"], base64.b64decode(item["content"]), item["mimetype"])
    return email


def message_deliver(message_id: int, now: datetime | None = None) -> str:
    """Send one message if this call can claim it. Returns what happened."""
    now = now or timezone.now()
    if not _claim(message_id, now):
        return "not claimed"
    message = Message.objects.select_related("reminder", "resent_from__reminder").get(pk=message_id)
    if not _reminder_still_due(message):
        message.status = Message.Status.SKIPPED
        message.save(update_fields=["status"])
        return "skipped"
    try:
        _email(message).send()
    except (smtplib.SMTPException, OSError) as exc:
        message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = Message.Status.GAVE_UP
        else:
            message.status = Message.Status.FAILED
            message.next_attempt_at = now + backoff(message.attempts)
        message.save(update_fields=["status", "last_error", "next_attempt_at"])
        # The error text can name the address: it stays in the outbox, not in the logs.
        logger.warning("sending message %s failed: %s", message_id, type(exc).__name__)
        return "failed"
    message.status = Message.Status.SENT
    message.sent_at = timezone.now()
    message.save(update_fields=["status", "sent_at"])
    return "sent"


def _retry_stuck(now: datetime, limit: int) -> list[int]:
    """Put stuck messages back in the queue, once each (unless staff said not to).

    The resend keeps the Message-ID, so a mail system that did get the first one drops
    the second; a message stuck again stays "sending" for staff to look at."""
    stuck = list(
        Message.objects.stuck(now)
        .filter(retry_if_stuck=True, stuck_retried_at__isnull=True)
        .values_list("pk", flat=True)[:limit]
    )
    Message.objects.filter(pk__in=stuck, status=Message.Status.SENDING).update(
        status=Message.Status.QUEUED, stuck_retried_at=now, next_attempt_at=None
    )
    for pk in stuck:
        logger.warning("message %s was stuck in sending; queued once more", pk)
    return stuck


def outbox_flush(now: datetime | None = None, limit: int = 1000) -> int:
    """Re-enqueue failed messages whose next attempt is due, queued ones that were
    never picked up (e.g. Redis was away when the action committed), and messages
    stuck in "sending" (once)."""
    now = now or timezone.now()
    stuck = _retry_stuck(now, limit)
    due = Message.objects.filter(
        Q(status=Message.Status.FAILED, next_attempt_at__lte=now)
        | Q(status=Message.Status.QUEUED, created__lte=now - LOST_AFTER)
    ).values_list("pk", flat=True)[:limit]
    ids = list(dict.fromkeys([*stuck, *due]))
    for pk in ids:
        enqueue(pk)
    return len(ids)


def _reminder_of(message: Message):
    """The reminder a message (or the message it resends) was sent for, if any."""
    while message is not None:
        if hasattr(message, "reminder"):
            return message.reminder
        message = message.resent_from
    return None


def _reminder_still_due(message: Message) -> bool:
    reminder = _reminder_of(message)
    return reminder is None or still_due(reminder)


@transaction.atomic
def messages_retry_off(*, messages: QuerySet[Message]) -> int:
    """Staff decide these are not sent again if they get stuck; returns how many."""
    return messages.update(retry_if_stuck=False)


def message_resend(*, message: Message) -> Message:
    """Staff resend: a new message with the same content and fresh signed links,
    delivered anew. A reminder is only sent again while its booking, registration or
    appointment is still due; account emails (confirm the address, reset the password)
    carry one-time keys, so the person asks for a new one instead."""
    if message.kind.startswith("accounts."):
        raise DomainError(
            _(
                "Account emails are not sent again: their links work once. The person can "
                "ask for a new email on the login page."
            )
        )
    if not _reminder_still_due(message):
        raise DomainError(
            _("This reminder is not sent again: what it reminds of has been cancelled or moved.")
        )
    body_text = links_refreshed(message.body_text)
    with translation.override(message.language):
        body_html = render_to_string(
            "notifications/email.html", {"subject": message.subject, "text": body_text}
        )
    copy = Message.objects.create(
        kind=message.kind,
        hub=message.hub,
        recipient=message.recipient,
        about=message.about,
        language=message.language,
        subject=message.subject,
        body_text=body_text,
        body_html=body_html,
        attachments=message.attachments,
        resent_from=message,
    )
    transaction.on_commit(lambda: enqueue(copy.pk))
    return copy


def message_counts_keep(messages: QuerySet[Message]) -> None:
    """Before `messages` are deleted (retention, a deleted account): add the delivered
    and given-up ones of each hub and month to DeliveryCount, which names no one, so
    the network's figures keep counting them."""
    tally: Counter = Counter()
    rows = messages.filter(
        hub__isnull=False, status__in=[Message.Status.SENT, Message.Status.GAVE_UP]
    ).values_list("hub_id", "created", "kind", "status")
    for hub_id, created, kind, status in rows.iterator():
        month = created.astimezone(LOCAL_TZ).date().replace(day=1)
        tally[(month, hub_id, kind.startswith("reminder."), status)] += 1
    for (month, hub_id, reminder, status), n in tally.items():
        count, _created = DeliveryCount.objects.get_or_create(
            month=month, hub_id=hub_id, reminder=reminder, status=status
        )
        DeliveryCount.objects.filter(pk=count.pk).update(count=F("count") + n)
