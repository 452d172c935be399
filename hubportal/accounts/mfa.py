from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator

from .roles import has_row, is_privileged


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

    def is_mfa_enabled(self, user, types=None) -> bool:
        """Asked before every staff and advisor page: the plain-SQL lookup."""
        if types is None and user.is_authenticated:
            return has_row("mfa.Authenticator", user)
        return super().is_mfa_enabled(user, types=types)
