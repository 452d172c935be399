from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import Resolver404, resolve

from hubportal.errors import DomainError
from hubportal.limits import Verdict, limit_consume
from hubportal.logs import carries_secret


class ContentSecurityPolicyMiddleware:
    """A strict Content-Security-Policy: everything comes from the portal itself.

    No CDNs, fonts or trackers; no inline scripts or styles. KERN UX's icons are
    data: URIs inside its CSS, hence `img-src data:`. The Permissions-Policy turns off
    every powerful browser feature the portal never uses (WebAuthn, for security
    keys, stays allowed for the portal itself).
    """

    POLICY = "; ".join(
        [
            "default-src 'self'",
            "img-src 'self' data:",
            "style-src 'self'",
            "script-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )
    PERMISSIONS = ", ".join(
        [
            "accelerometer=()",
            "autoplay=()",
            "camera=()",
            "display-capture=()",
            "geolocation=()",
            "gyroscope=()",
            "magnetometer=()",
            "microphone=()",
            "midi=()",
            "payment=()",
            "usb=()",
            "browsing-topics=()",
            "interest-cohort=()",
            "publickey-credentials-get=(self)",
            "publickey-credentials-create=(self)",
        ]
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS)
        return response


# allauth's own limits do not say when their window ends: a minute is their shortest.
ALLAUTH_RETRY_AFTER = 60


def too_many_requests(request, exception=None, verdict: Verdict | None = None):
    """The portal's answer to a client over a limit: a page in the visitor's language
    that says why and when to try again, HTTP 429 with Retry-After (allauth's limits
    answer with it too, as handler429)."""
    verdict = verdict or Verdict(False, ALLAUTH_RETRY_AFTER)
    response = render(request, "429.html", {"verdict": verdict}, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


def _signed_link(request) -> bool:
    """A link from an email (confirm, cancel, manage): its token is the guard, and a
    rate limit would only turn away its owner."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return carries_secret(match)


class AnonymousPostLimitMiddleware:
    """Every POST without a login counts against the client's `anonymous_post` limit
    (settings.ACCOUNT_RATE_LIMITS), so no form can be flooded anonymously; links from
    emails never do. The client is the one every limit reads (hubportal/clients.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        anonymous_post = request.method == "POST" and not request.user.is_authenticated
        if anonymous_post and not _signed_link(request):
            verdict = limit_consume(request, "anonymous_post")
            if not verdict:
                return too_many_requests(request, verdict=verdict)
        return self.get_response(request)


class QueryWithoutNulMiddleware:
    """NUL bytes mean nothing in a query string and PostgreSQL refuses them in any
    lookup: they are dropped before a view or filter sees the parameters. Not for the
    API, whose parameters are each checked against a pattern: there "ein%00beck" is a
    422 that names the parameter, not an answer for another value."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ApiCorsMiddleware.PREFIX):
            return self.get_response(request)  # 422 naming the parameter (its patterns)
        if "\x00" in request.path_info:
            raise Http404  # no page's address holds a NUL byte (PostgreSQL refuses it)
        if "%00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in value for values in request.GET.lists() for value in values[1]
        ):
            clean = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                clean.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            clean._mutable = False
            request.GET = clean
        return self.get_response(request)


class ApiCorsMiddleware:
    """The public API (/api/) may be read from any web page: every answer allows any
    origin, and a preflight is answered here. Only reading: no credentials, no method
    but GET (config/api.py)."""

    PREFIX = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(self.PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, If-None-Match"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
            response["Access-Control-Expose-Headers"] = "ETag"
        response["Access-Control-Allow-Origin"] = "*"
        return response


class DomainErrorMiddleware:
    """A refusal (hubportal.errors.DomainError) that no view caught: a 400 page with
    its message in the visitor's language, never a 500. Views still put refusals next
    to the field (add_to_form); this is the net under them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return render(request, "refused.html", {"message": exception.message}, status=400)
        return None
