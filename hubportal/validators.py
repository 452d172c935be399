"""What a person's name may be: plain text on one line. Names go into emails to other
people (the person themselves, staff, advisors), so a name with a line break or a web
address would let anyone relay a message through the portal."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Dots a mail client reads as a domain's dot (IDNA): the ideographic and half-width
# full stops and the one-dot leader; NFKC already folds the full-width dot and colon.
_DOTS = str.maketrans(dict.fromkeys("\u3002\uff61\u2024\ufe52", "."))
_ADDRESS = re.compile(
    r"(\w+:/"  # a scheme: https:/, ftp:/ …
    r"|\bwww\."
    r"|@"
    r"|\b\d{1,3}(\.\d{1,3}){3}\b"  # an IP address
    r"|[^\W_](?:[\w-]*[^\W_])?\.[^\W\d_]{2,63}\b"  # a domain, any top-level domain
    r"|\bmailto:)",
    re.IGNORECASE,
)


def reads_as_address(value: str) -> bool:
    """Whether a mail client would make `value`, or a part of it, a link: after folding
    full-width letters, dots and colons to the plain ones it reads them as."""
    return bool(_ADDRESS.search(unicodedata.normalize("NFKC", value).translate(_DOTS)))


def validate_plain_name(value: str) -> None:
    if any(ch in value for ch in "\r\n\t") or any(ord(ch) < 32 for ch in value):
        raise ValidationError(_("Please enter the name on one line."), code="line_break")
    if reads_as_address(value):
        raise ValidationError(
            _(
                "A name cannot contain a web or email address, nor anything that reads "
                "as one (like “name.de”). Please enter just the name; after a dot, "
                "leave a space."
            ),
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
