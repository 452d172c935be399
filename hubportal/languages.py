"""Which language a visitor would rather read, as far as the portal asks."""

from django.conf import settings
from django.utils.translation.trans_real import parse_accept_lang_header


def offers_english(request, language: str) -> bool:
    """A German page (`language`) offers its English version to a browser that prefers
    English, until the person picks a language with the switch (the cookie says so)."""
    if (language or "de")[:2] != "de":
        return False
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return False
    supported = {code for code, _name in settings.LANGUAGES}
    preferred = next(
        (
            code.split("-")[0]
            for code, _q in parse_accept_lang_header(request.headers.get("Accept-Language", ""))
            if code.split("-")[0] in supported
        ),
        None,
    )
    return preferred == "en"
