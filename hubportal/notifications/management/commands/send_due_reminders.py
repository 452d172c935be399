from django.core.management.base import BaseCommand

from hubportal.notifications import reminders, services


class Command(BaseCommand):
    help = "One sweep: send due reminders and retry failed emails (for cron without beat)."

    def handle(self, *args, **options):
        count = reminders.sweep()
        flushed = services.outbox_flush()
        self.stdout.write(f"{count} reminders queued, {flushed} emails re-enqueued.")
