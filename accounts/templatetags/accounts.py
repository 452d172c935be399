from allauth.mfa.models import Authenticator
from django import template

register = template.Library()


@register.filter
def has_security_key(user) -> bool:
    """Does this account have a security key (WebAuthn)? The second-factor login
    offers one only then."""
    return Authenticator.objects.filter(
        user_id=getattr(user, "pk", None), type=Authenticator.Type.WEBAUTHN
    ).exists()
