"""One way to send an email or a reminder: the outbox.

    from notifications.services import message_send

    message_send(
        to="gerda@example.org", language="de", hub=event.hub, kind="events.received",
        subject="events/emails/subject.txt", body="events/emails/registration.txt",
        context={...}, attachments=[("termin.ics", ics_bytes, "text/calendar")],
    )

`message_send` renders the email now (in the recipient's language, plain text and
HTML) and stores it as a Message in the same transaction as the action that caused
it; after the commit a Celery task delivers it (in-process without Redis). Delivery
claims the message first, so it goes out once however often the task runs; failures
are retried with backoff from the database (services.py). Reminders: reminders.py,
with each app's ReminderSource registered in sources.py.
"""
