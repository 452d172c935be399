"""One way to send an email to a person: in their language, after the transaction.

    notifications.send(
        to="gerda@example.org", language="de",
        subject="events/emails/subject.txt", body="events/emails/registration.txt",
        context={...}, attachments=[("termin.ics", ics_bytes, "text/calendar")],
    )

Subject and body are templates rendered under translation.override(language). The
apps call this from their emails.py; the reminders issue moves delivery to Celery
with an outbox here, without changes in the apps.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def absolute(path: str) -> str:
    """A path on the portal as a full URL for emails (which have no request)."""
    return settings.SITE_URL.rstrip("/") + path


def send(
    *,
    to: str | list[str],
    subject: str,
    body: str,
    context: dict,
    language: str | None = None,
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> bool:
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [r for r in recipients if r]
    if not recipients:
        return False
    with translation.override(language or settings.LANGUAGE_CODE):
        message = EmailMessage(
            render_to_string(subject, context).strip(),
            render_to_string(body, context),
            to=recipients,
        )
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()
    return True
