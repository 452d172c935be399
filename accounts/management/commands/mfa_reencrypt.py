"""Encrypt every second factor's secrets with the current key (the first of
MFA_ENCRYPTION_KEYS): after adding a new key, before dropping the old one (README,
"Rotating the second factor's key"). Also encrypts secrets stored in clear."""

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.mfa import secrets_reencrypt


class Command(BaseCommand):
    help = "Re-encrypt the second factors' secrets with the current key."

    def handle(self, *args, **options):
        count = 0
        with transaction.atomic():
            for authenticator in Authenticator.objects.select_for_update().iterator():
                authenticator.data = secrets_reencrypt(authenticator.data)
                authenticator.save(update_fields=["data"])
                count += 1
        self.stdout.write(f"{count} second factors re-encrypted")
