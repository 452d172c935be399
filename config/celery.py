"""The Celery app. Broker and results on Redis (REDIS_URL); without it tasks run
in-process (CELERY_TASK_ALWAYS_EAGER in settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("hubportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The beat schedule lives here, in code. The database is the schedule for anything
# due later; beat only starts sweeps that look for what is due.
app.conf.beat_schedule = {
    "reminders-send-due": {
        "task": "notifications.reminders_send_due",
        "schedule": 60.0,  # every minute: reminders and email retries go out on time
    },
    "registrations-expire-unconfirmed": {
        "task": "events.registrations_expire_unconfirmed",
        "schedule": 120.0,  # every 2 minutes: a guest's held place is freed at most 2 min late
    },
    "personal-data-purge": {
        "task": "accounts.personal_data_purge",
        "schedule": 24 * 3600.0,  # daily: retention periods are counted in days
    },
    "bookings-release-unchecked": {
        "task": "coworking.bookings_release_unchecked",
        "schedule": 300.0,  # every 5 minutes
    },
}
