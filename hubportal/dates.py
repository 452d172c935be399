"""Dates as people write them, in German and in English.

Templates and messages name the German pattern (`{{ event.start|when:"l, j. F Y" }}`,
`local_format(day, "j.n.Y")`); on an English page or in an English email the same
call gives the English way of writing it: "Montag, 4. Januar 2027" and "Monday,
4 January 2027", "4.1.2027" and "4 Jan 2027". Times stay 24-hour ("18:00–20:00"),
which English readers in Germany expect, without "o'clock".
"""

from django.utils import translation
from django.utils.formats import date_format

ENGLISH = {
    "l, j. F Y, H:i": "l, j F Y, H:i",
    "D, j. F Y, H:i": "D j F Y, H:i",
    "j. F Y, H:i": "j F Y, H:i",
    "l, j. F Y": "l, j F Y",
    "j. F Y": "j F Y",
    "l j. F": "l j F",
    "D, j.n.Y, H:i": "D j M Y, H:i",
    "D, j.n.Y H:i": "D j M Y, H:i",
    "D, j.n., H:i": "D j M, H:i",
    "D j.n., H:i": "D j M, H:i",
    "D j. M, H:i": "D j M, H:i",
    "j.n.Y, H:i": "j M Y, H:i",
    "D j.n. H:i": "D j M, H:i",
    "j.n.Y H:i": "j M Y, H:i",
    "j.n. H:i": "j M, H:i",
    "D, j.n.Y": "D j M Y",
    "D j.n.Y": "D j M Y",
    "D j.n.": "D j M",
    "l, j.n.": "l, j M",
    "j.n.Y": "j M Y",
    "j.n.": "j M",
}


# Patterns that read the same in both languages (a month's name comes translated).
SAME_IN_BOTH = {"F Y", "H:i"}


def pattern(german: str) -> str:
    """The pattern for the active language, given the German one."""
    if (translation.get_language() or "de")[:2] == "en":
        return ENGLISH.get(german, german)
    return german


def local_format(value, german: str) -> str:
    return date_format(value, pattern(german))
