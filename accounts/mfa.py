"""The second factor: who must keep one, and its secrets encrypted at rest.

TOTP secrets and recovery-code seeds are stored encrypted (Fernet: AES-128-CBC with
HMAC-SHA256), so a database dump (the documented pg_dump backups) holds no usable
second factor. The keys come from the environment, never the database:
MFA_ENCRYPTION_KEYS (comma-separated Fernet keys; the first encrypts, all decrypt),
else keys derived from SECRET_KEY and SECRET_KEY_FALLBACKS. Rotation (README): put
the new key first, keep the old one after it, run `manage.py mfa_reencrypt`, then
drop the old key.
"""

import base64
import hashlib
from functools import cache

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.signals import setting_changed

from .roles import has_row, is_privileged

PREFIX = "fernet:"  # what marks an encrypted value (older ones are plain)


def _derived(secret: str) -> Fernet:
    digest = hashlib.sha256(f"hubportal.mfa:{secret}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


@cache
def _keys() -> MultiFernet:
    explicit = [Fernet(key.encode()) for key in settings.MFA_ENCRYPTION_KEYS]
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([*explicit, *(_derived(secret) for secret in secrets)])


def _forget_keys(*, setting, **kwargs):
    if setting in {"MFA_ENCRYPTION_KEYS", "SECRET_KEY", "SECRET_KEY_FALLBACKS"}:
        _keys.cache_clear()


setting_changed.connect(_forget_keys)


def secret_encrypt(text: str) -> str:
    return PREFIX + _keys().encrypt(text.encode()).decode()


def secret_decrypt(stored: str) -> str:
    """The plain secret; a value stored before encryption is returned as it is (the
    migration and `mfa_reencrypt` encrypt those)."""
    if not stored.startswith(PREFIX):
        return stored
    try:
        return _keys().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise RuntimeError(
            "A second factor's secret cannot be decrypted: MFA_ENCRYPTION_KEYS (or "
            "SECRET_KEY) no longer holds the key it was encrypted with."
        ) from error


def secrets_reencrypt(data: dict) -> dict:
    """An authenticator's data with every secret encrypted under the current key."""
    done = dict(data)
    for field in ("secret", "seed"):
        if isinstance(done.get(field), str):
            done[field] = secret_encrypt(secret_decrypt(done[field]))
    if isinstance(done.get("migrated_codes"), list):
        done["migrated_codes"] = [secret_encrypt(secret_decrypt(c)) for c in done["migrated_codes"]]
    return done


class MFAAdapter(DefaultMFAAdapter):
    """Staff, advisors and superusers keep at least one second factor: they may
    replace the authenticator app or a security key, but not remove the last one."""

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        user = authenticator.user
        if not is_privileged(user):
            return True
        others = Authenticator.objects.filter(
            user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).exclude(pk=authenticator.pk)
        return authenticator.type == Authenticator.Type.RECOVERY_CODES or others.exists()

    def encrypt(self, text: str) -> str:
        return secret_encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return secret_decrypt(encrypted_text)

    def is_mfa_enabled(self, user, types=None) -> bool:
        """Asked before every staff and advisor page: the plain-SQL lookup."""
        if types is None and user.is_authenticated:
            return has_row("mfa.Authenticator", user)
        return super().is_mfa_enabled(user, types=types)
