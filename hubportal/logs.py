"""What the logs may say about a request: method, path, status and duration.

Never the query string, the client's address, or the token of a link that acts for a
person (`token`, `key`, `uidb36` in the URL): those paths are logged with the token
replaced by "…". Emails' bodies are never logged (production refuses the console
backend, settings.py)."""

import logging
import time

from django.conf import settings
from django.urls import URLResolver, get_resolver

SECRET_URL_ARGUMENTS = frozenset({"token", "key", "uidb36"})
access_logger = logging.getLogger("hubportal.access")


def carries_secret(match) -> bool:
    """Whether a resolved route is a link that acts for a person (a signed link from
    an email): the logs and the outbox hide it, no cache keeps it, no limit counts it."""
    return match is not None and bool(SECRET_URL_ARGUMENTS & set(match.kwargs))


def _secret_spans(entries, path: str, offset: int) -> list[tuple[int, int]] | None:
    """Where the secret arguments lie in `path`, found the way the resolver matches it
    (each level's own pattern, first match wins): their spans, or None if nothing
    matches. By position, never by searching for the value: a short argument ("c") can
    neither hide a long one nor be found inside another part of the path."""
    for entry in entries:
        if entry.pattern.match(path) is None:
            continue
        found = entry.pattern.regex.search(path)
        spans = [
            (offset + found.start(name), offset + found.end(name))
            for name in SECRET_URL_ARGUMENTS & set(found.groupdict())
            if found.group(name)
        ]
        if isinstance(entry, URLResolver):
            inner = _secret_spans(entry.url_patterns, path[found.end() :], offset + found.end())
            if inner is not None:
                return spans + inner
        else:
            return spans
    return None


def redacted_path(request) -> str:
    """The request's path without its query string, each secret argument of the route
    it resolves to replaced by "…"."""
    path, path_info = request.path, request.path_info
    prefix = len(path) - len(path_info)  # the script name, if any
    resolver = get_resolver()
    if resolver.pattern.match(path_info) is None:
        return path
    start = resolver.pattern.regex.search(path_info).end()
    spans = _secret_spans(resolver.url_patterns, path_info[start:], prefix + start) or []
    for begin, end in sorted(spans, reverse=True):
        path = path[:begin] + "…" + path[end:]
    return path


class AccessLogMiddleware:
    """One line per request, when ACCESS_LOG is on (it is in production, where gunicorn
    writes no access log of its own)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        if settings.ACCESS_LOG:
            access_logger.info(
                "%s %s %s %.0fms",
                request.method,
                redacted_path(request),
                response.status_code,
                (time.monotonic() - started) * 1000,
            )
        return response


class RedactRequestPaths(logging.Filter):
    """Django's own request warnings ("Not Found: /funding/manage/<token>/") name the
    path: the filter gives them the redacted one."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path") and record.args:
            path = redacted_path(request)
            record.args = tuple(
                path if arg in (request.path, request.get_full_path()) else arg
                for arg in record.args
            )
        return True
