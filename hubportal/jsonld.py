"""schema.org JSON-LD in a page: one `<script type="application/ld+json">` element.

Builders of the data live with their app (hubs/jsonld.py, events/templatetags); the
tests check every type and property against schema.org's vocabulary
(tests/schemaorg.py).
"""

import json
from datetime import date, datetime, time

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .timeranges import local_iso

CONTEXT = "https://schema.org"
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script(data: dict) -> SafeString:
    text = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    # <, > and & are escaped above, so the JSON cannot close the script element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def moment(value: datetime) -> str:
    """ISO 8601 in local time with its offset: 2026-12-03T18:00:00+01:00 (as the
    export writes it: hubportal.timeranges.local_iso)."""
    return local_iso(value)


def day(value: date) -> str:
    return value.isoformat()


def clock(value: time) -> str:
    return f"{value:%H:%M}"


def enum(member: str) -> str:
    """A member of a schema.org enumeration, e.g. enum("Monday")."""
    return f"{CONTEXT}/{member}"
