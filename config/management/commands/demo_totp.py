import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hubs.demo_data import TOTP_SECRET


class Command(BaseCommand):
    help = "Prints the demo accounts' current second-factor code (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts exist only with DEBUG on.")
        code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))
        self.stdout.write(f"{code}  (valid for {30 - int(time.time()) % 30} more seconds)")
