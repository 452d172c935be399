"""Issue 27, item 8: the second factor's secrets are encrypted at rest with a key from
the environment, so a database dump (pg_dump backups) holds none; the key can be
rotated without anyone setting up their authenticator again."""

import json

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.urls import reverse

from tests.factories import PASSWORD, TOTP_SECRET, UserFactory, totp_code

pytestmark = pytest.mark.django_db


def dump() -> str:
    from io import StringIO

    out = StringIO()
    call_command("dumpdata", "mfa", stdout=out)
    return out.getvalue()


def logs_in_with_the_app(client, user) -> bool:
    from django.core.cache import cache

    cache.clear()  # the same code again within its 30 seconds: allauth refuses replays
    client.logout()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    done = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    return done.status_code == 302 and client.get("/admin/").status_code == 200


def test_a_dump_holds_no_authenticator_secret_or_recovery_seed(client):
    staff = UserFactory(is_staff=True, is_superuser=True)  # with the authenticator app
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes.activate(staff)
    seed = codes.instance.data["seed"]
    text = dump()
    assert TOTP_SECRET not in text and TOTP_SECRET.lower() not in text
    assert seed.startswith("fernet:") and '"fernet:' in text
    plain_seed = Authenticator.objects.get(pk=codes.instance.pk)
    assert len(RecoveryCodes(plain_seed).get_unused_codes()) > 0  # still usable
    assert logs_in_with_the_app(client, staff)


def test_the_key_rotates_without_a_new_setup(client, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.MFA_ENCRYPTION_KEYS = [old]
    staff = UserFactory(is_staff=True, is_superuser=True)
    before = Authenticator.objects.get(user=staff, type="totp").data["secret"]
    settings.MFA_ENCRYPTION_KEYS = [new, old]  # 1. the new key first, the old after it
    assert logs_in_with_the_app(client, staff)
    call_command("mfa_reencrypt", verbosity=0)  # 2. everything under the new key
    after = Authenticator.objects.get(user=staff, type="totp").data["secret"]
    assert after != before
    settings.MFA_ENCRYPTION_KEYS = [new]  # 3. the old key dropped
    assert logs_in_with_the_app(client, staff)
    settings.MFA_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]  # a wrong key fails
    assert TOTP_SECRET not in dump()
    with pytest.raises(RuntimeError, match="MFA_ENCRYPTION_KEYS"):
        TOTP(Authenticator.objects.get(user=staff, type="totp")).validate_code(totp_code())


def test_secrets_stored_in_clear_before_are_encrypted_by_the_command(client):
    staff = UserFactory(is_staff=True, is_superuser=True, second_factor=False)
    Authenticator.objects.create(user=staff, type="totp", data={"secret": TOTP_SECRET})
    assert TOTP_SECRET in dump()
    assert logs_in_with_the_app(client, staff)  # still works meanwhile
    call_command("mfa_reencrypt", verbosity=0)
    assert TOTP_SECRET not in dump()
    assert json.loads(dump())[0]["fields"]["data"]["secret"].startswith("fernet:")
    assert logs_in_with_the_app(client, staff)
