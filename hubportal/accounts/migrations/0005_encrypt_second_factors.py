"""Second factors set up before their secrets were encrypted: encrypt them now with
the key from the environment (hubportal/accounts/mfa.py)."""

from django.db import migrations


def encrypt(apps, schema_editor):
    from hubportal.accounts.mfa import secrets_reencrypt

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
