from django.core.management.base import BaseCommand

from events import services


class Command(BaseCommand):
    help = "Expire guest registrations not confirmed in time and move the waiting list up."

    def handle(self, *args, **options):
        count = services.registrations_expire_unconfirmed()
        self.stdout.write(f"{count} unconfirmed registrations expired.")
