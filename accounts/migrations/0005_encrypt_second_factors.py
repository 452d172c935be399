"""Second factors set up before their secrets were encrypted: encrypt them now with
the key from the environment (accounts/mfa.py)."""

from django.db import migrations

from accounts.mfa import secrets_reencrypt


def encrypt(apps, schema_editor):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.iterator():
        authenticator.data = secrets_reencrypt(authenticator.data)
        authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_audit_trail_without_names"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, migrations.RunPython.noop)]
