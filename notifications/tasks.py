"""Celery tasks of the outbox. Thin: each loads nothing itself and calls a service.

Import direction: a task imports its service inside its body (the HackSoft
styleguide's emails/services.py + emails/tasks.py); services enqueue a task by its
name (services.DELIVER), never by importing this module, so there is no cycle.

Reliability (see also CELERY_* in settings): acks_late + reject_on_worker_lost, so a
task whose worker dies is delivered again; that is safe because delivery claims the
message first. No ETA/countdown tasks: retries and reminders are scheduled in the
database and picked up by the periodic sweep.
"""

from celery import shared_task


@shared_task(
    name="notifications.message_deliver", acks_late=True, time_limit=60, soft_time_limit=45
)
def message_deliver(message_id: int) -> str:
    from .services import message_deliver

    return message_deliver(message_id)


@shared_task(name="notifications.reminders_send_due", time_limit=120, soft_time_limit=100)
def reminders_send_due() -> dict:
    """The periodic sweep: queue due reminders, re-enqueue retries and lost messages."""
    from .reminders import reminders_send_due

    return reminders_send_due()
