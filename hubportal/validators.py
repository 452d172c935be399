"""What a person's name may be: plain text on one line. Names go into emails to other
people (the person themselves, staff, advisors), so a name with a line break or a web
address would let anyone relay a message through the portal."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ADDRESS = re.compile(
    r"(https?:|ftp:|www\.|://|@|\b[\w-]+\.(de|com|org|net|info|io|ru|cn|xyz|top|eu|link|app)\b)",
    re.IGNORECASE,
)


def validate_plain_name(value: str) -> None:
    if any(ch in value for ch in "\r\n\t") or any(ord(ch) < 32 for ch in value):
        raise ValidationError(_("Please enter the name on one line."), code="line_break")
    if _ADDRESS.search(value):
        raise ValidationError(
            _("A name cannot contain a web or email address. Please enter just the name."),
            code="address",
        )
    if "<" in value or ">" in value:
        raise ValidationError(_("Please enter the name without < or >."), code="markup")


_ORIGIN = re.compile(
    r"https?://[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?"
)


def origins(value: str) -> list[str]:
    """The origins in a text of one per line (blank lines and a trailing / ignored)."""
    return [line.strip().rstrip("/").lower() for line in value.splitlines() if line.strip()]


def validate_origins(value: str) -> None:
    """Each line a website's origin, as a browser names it: https://www.einbeck.de
    (scheme and host, a port if any; no path, no wildcard)."""
    for origin in origins(value):
        if not _ORIGIN.fullmatch(origin):
            raise ValidationError(
                _(
                    "“%(origin)s” is not a website address. Enter one per line, as "
                    "https://www.example.de, without a path."
                ),
                params={"origin": origin},
                code="origin",
            )
