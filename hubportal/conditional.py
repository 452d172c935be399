"""Conditional GET (RFC 9110 §13.1.2): does the client's If-None-Match match our
ETag? The weak comparison: `W/"x"` matches `"x"`, a list matches when any member does,
and `*` matches any current representation. Every ETag the portal answers (the page
cache, the API, the showroom's files) is compared here."""

import hashlib

from django.utils.http import parse_etags


def etag_of(content: bytes) -> str:
    """A strong ETag: the content's digest."""
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _opaque(tag: str) -> str:
    return tag.removeprefix("W/")


def none_match_fails(request, etag: str) -> bool:
    """True when the client already holds `etag`: answer 304."""
    header = request.headers.get("If-None-Match", "").strip()
    if not header or not etag:
        return False
    tags = parse_etags(header)
    if tags == ["*"]:
        return True
    return _opaque(etag) in {_opaque(tag) for tag in tags}
