from django.core.management.base import BaseCommand

from accounts.privacy import personal_data_purge


class Command(BaseCommand):
    help = "Anonymise and delete personal data past its retention period (settings)."

    def handle(self, *args, **options):
        for what, count in personal_data_purge().items():
            self.stdout.write(f"{what}: {count}")
