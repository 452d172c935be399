"""What the logs may say about a request: method, path, status and duration.

Never the query string, the client's address, or the token of a link that acts for a
person (`token`, `key`, `uidb36` in the URL): those paths are logged with the token
replaced by "…". Emails' bodies are never logged (production refuses the console
backend, settings.py)."""

import logging
import time

from django.conf import settings
from django.urls import Resolver404, resolve

SECRET_URL_ARGUMENTS = {"token", "key", "uidb36"}
access_logger = logging.getLogger("hubportal.access")


def redacted_path(request) -> str:
    """The request's path without its query string, with any token in it replaced."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return path
    for name in SECRET_URL_ARGUMENTS & set(match.kwargs):
        value = str(match.kwargs[name])
        if value:
            path = path.replace(value, "…")
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
