from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from config.demo_english import fill_english
from coworking.demo import seed_coworking, seed_member_bookings
from events.demo import seed_events
from figures.demo import seed_last_month
from funding.demo import seed_funding
from hubs.demo import seed_hubs, seed_users
from hubs.demo_data import PASSWORD, TOTP_SECRET
from showroom.demo import seed_showroom


class Command(BaseCommand):
    help = "Loads the demo hubs and programme (and, with DEBUG on, demo users). Safe to rerun."

    @transaction.atomic
    def handle(self, *args, **options):
        hubs = seed_hubs()
        self.stdout.write(self.style.SUCCESS(f"{hubs} demo hubs are in place."))
        events = seed_events()
        self.stdout.write(self.style.SUCCESS(f"{events} upcoming demo events are in place."))
        workspaces = seed_coworking()
        self.stdout.write(self.style.SUCCESS(f"{workspaces} demo workspaces are in place."))
        programmes = seed_funding(with_users=settings.DEBUG)
        self.stdout.write(self.style.SUCCESS(f"{programmes} funding programmes are in place."))
        if seed_showroom():
            self.stdout.write(self.style.SUCCESS("The demo exhibit is in Oldenburg's showroom."))
        fill_english()
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off: no demo users created.")
            return
        logins = seed_users()
        seed_member_bookings()
        if seed_last_month():
            self.stdout.write("Last month's figures filled for the statistics page.")
        self.stdout.write(f"\nDemo logins (password for all: {PASSWORD}):")
        for role, email in logins:
            self.stdout.write(f"  {role:<40} {email}")
        self.stdout.write(
            f"Staff, advisors and the superuser also need a second factor: add the key "
            f"{TOTP_SECRET} to an authenticator app, or run `manage.py demo_totp`."
        )
