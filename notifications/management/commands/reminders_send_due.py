from django.core.management.base import BaseCommand

from notifications.reminders import reminders_send_due


class Command(BaseCommand):
    help = "One sweep: send due reminders and retry failed emails (for cron without beat)."

    def handle(self, *args, **options):
        result = reminders_send_due()
        self.stdout.write(
            f"{result['reminders']} reminders queued, {result['flushed']} emails re-enqueued."
        )
