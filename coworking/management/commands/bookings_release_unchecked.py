from django.core.management.base import BaseCommand

from coworking import services


class Command(BaseCommand):
    help = "Release bookings not checked in within their hub's time (for cron without beat)."

    def handle(self, *args, **options):
        count = services.bookings_release_unchecked()
        self.stdout.write(f"{count} bookings released.")
