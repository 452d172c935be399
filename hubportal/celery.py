"""The Celery app. Broker and results on Redis (REDIS_URL); without it tasks run
in-process (CELERY_TASK_ALWAYS_EAGER in settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hubportal.settings")

app = Celery("hubportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The beat schedule lives here, in code; sweeps are added by the apps that need them.
app.conf.beat_schedule = {}
