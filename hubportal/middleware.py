from allauth.core import ratelimit
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render


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


def too_many_requests(request):
    """The portal's answer to a client over its limit: a translated page, HTTP 429
    (allauth's own limits render the same template)."""
    return render(request, "429.html", status=429)


class AnonymousPostLimitMiddleware:
    """Every POST without a login counts against the client's `anonymous_post` limit
    (settings.ACCOUNT_RATE_LIMITS), so no form can be flooded anonymously. The client is
    the one allauth sees: behind a proxy, the forwarded address it is told to trust."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and not request.user.is_authenticated
            and not ratelimit.consume(request, action="anonymous_post")
        ):
            return too_many_requests(request)
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
    but GET (hubportal/api.py)."""

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
