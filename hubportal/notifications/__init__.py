"""One way to send an email or a reminder: the outbox.

    notifications.send(
        to="gerda@example.org", language="de", hub=event.hub,
        subject="events/emails/subject.txt", body="events/emails/registration.txt",
        context={...}, attachments=[("termin.ics", ics_bytes, "text/calendar")],
    )

`send` renders the email now (in the recipient's language, plain text and HTML) and
stores it as a Message in the same transaction as the action that caused it; after
the commit a Celery task delivers it (in-process without Redis). Delivery claims the
message first, so it goes out once however often the task runs; failures are retried
with backoff from the database (see services.py). Reminders: reminders.py.
"""

from django.conf import settings


def absolute(path: str) -> str:
    """A path on the portal as a full URL for emails (which have no request)."""
    return settings.SITE_URL.rstrip("/") + path


def send(**kwargs):
    from .services import message_send

    return message_send(**kwargs)
