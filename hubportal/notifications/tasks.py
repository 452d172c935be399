"""Celery tasks of the outbox. Thin: each calls a service.

Reliability (see also CELERY_* in settings): acks_late + reject_on_worker_lost, so a
task whose worker dies is delivered again; that is safe because delivery claims the
message first. No ETA/countdown tasks: retries and reminders are scheduled in the
database and picked up by the periodic sweep.
"""

from celery import shared_task

from . import reminders, services


@shared_task(
    name="notifications.deliver_message", acks_late=True, time_limit=60, soft_time_limit=45
)
def deliver_message(message_id: int) -> str:
    return services.message_deliver(message_id)


@shared_task(name="notifications.send_due_reminders", time_limit=120, soft_time_limit=100)
def send_due_reminders() -> dict:
    """The periodic sweep: claim due reminders, and re-enqueue retries and lost messages."""
    return {"reminders": reminders.sweep(), "flushed": services.outbox_flush()}
